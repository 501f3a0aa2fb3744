/**
 * 新年度の評価シートを作成: the entry sheet of 設定!対象年度, made from the master (SPEC 2–3).
 */
import {
	DATE_TIME_FORMAT,
	type Department,
	ENTRY_COL,
	ENTRY_WIDTH,
	entryOrder,
	entrySheetName,
	entrySheetValues,
	fiscalYearLabel,
	hasErrors,
	keepTextRows,
	RATING_OPTIONS,
	STATUS_BLANK,
	STATUS_DONE,
	STATUS_FIX_PREFIX,
} from "../domain";
import { protectEntry } from "./access";
import {
	type Book,
	type Cell,
	ensureGrid,
	type Sheet,
	UserError,
} from "./book";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { problemsMessage } from "./problems";
import { requireDxOffice } from "./protections";
import { unsharedDepartments } from "./sharing";
import { styleHeader } from "./sheet-style";
import type { ActionResult } from "./ui";

/**
 * Text columns wrap (rows grow), so the sheet prints one A4 landscape page wide at a legible
 * scale: 1,198 px in all, printed at about 90 % (10 pt text as 9 pt) within narrow margins.
 * 更新日時 and 入力者 are as narrow as a date-time and an address's longest part allow.
 */
const ENTRY_WIDTHS = [44, 88, 60, 150, 76, 96, 212, 156, 80, 120, 116];

export const RATING_HELP =
	"A 順調に進んだ／B まずまず進んだ／C あまり進まなかった／D 進まなかった から選んでください。C・D の場合は「評価理由・課題」も入力してください。";

export function openFiscalYear(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const { settings, problems: settingProblems } = readSettings(book, now);
		requireDxOffice(settings, "新年度の評価シートを作成");
		const yearProblem = settingProblems.find(
			(p) => p.message.includes("対象年度") && p.level === "error",
		);
		if (yearProblem)
			throw new UserError(
				problemsMessage("設定シートの対象年度を確認してください。", [
					yearProblem,
				]),
			);
		const name = entrySheetName(settings.fiscalYear);
		const label = fiscalYearLabel(settings.fiscalYear);
		if (book.getSheetByName(name)) {
			throw new UserError(
				`${label}の評価シート「${name}」はすでにあります。作り直す場合は、内容を確認したうえでシートを削除してから実行してください。別の年度を作る場合は、設定シートの「対象年度」を変更してください。`,
			);
		}
		const master = readMaster(book);
		if (!master.plan || hasErrors(master.problems)) {
			throw new UserError(
				problemsMessage(
					"マスタ（基本方針・重点施策・担当課・取組）に問題があるため、評価シートを作成できません。次の点を直してから、もう一度実行してください。",
					master.problems,
				),
			);
		}
		if (master.plan.initiatives.length === 0) {
			throw new UserError(
				"「取組」シートに具体的取組がありません。取組No・取組名・担当課・重点施策を貼り付けてから、もう一度実行してください。",
			);
		}
		// Department by department (entry-groups.ts), built under a temporary name and renamed
		// when complete: an interrupted run leaves no half-made 評価 sheet, and the next run
		// starts over.
		const values = entrySheetValues(entryOrder(master.plan));
		const building = `${name}（作成中）`;
		const stale = book.getSheetByName(building);
		if (stale) book.deleteSheet(stale);
		const sheet = book.insertSheet(building);
		writeEntrySheet(sheet, values);
		protectEntry(
			sheet,
			values as Cell[][],
			settings,
			master.plan.departments,
			false,
			name,
		);
		sheet.setName(name);
		return openedResult(
			book,
			name,
			label,
			values.length - 1,
			master.plan.departments,
		);
	});
}

/** The result, warning about 担当課 addresses that cannot edit the file (a warning, not a refusal). */
function openedResult(
	book: Book,
	name: string,
	label: string,
	count: number,
	departments: readonly Department[],
): ActionResult {
	const done = `${label}の評価シート「${name}」を作成しました（取組${count}件）。各担当課に入力を依頼してください。`;
	const unshared = unsharedDepartments(book, departments);
	return {
		ok: true,
		message:
			unshared.length > 0
				? problemsMessage(`${done}\n次の点を確認してください。`, unshared)
				: done,
		sheet: name,
		initiatives: count,
		problems: unshared,
	};
}

/** Values, then formats, in a constant number of calls whatever the number of initiatives. */
function writeEntrySheet(sheet: Sheet, values: unknown[][]): void {
	const rows = values.length;
	ensureGrid(sheet, rows, ENTRY_WIDTH);
	sheet.getRange(1, 1, rows, ENTRY_WIDTH).setValues(keepTextRows(values));
	styleHeader(sheet, ENTRY_WIDTH, ENTRY_WIDTHS);
	sheet.setFrozenColumns(1);
	const body = rows - 1;
	if (body === 0) return;
	formatEntryRows(sheet, 2, body);
	const status = statusColumn(sheet, rows);
	sheet.setConditionalFormatRules(
		STATUS_RULES.map((rule) =>
			rule(SpreadsheetApp.newConditionalFormatRule())
				.setRanges([status])
				.build(),
		),
	);
}

/**
 * Data rows as a new entry sheet has them (wrapped text, 更新日時 as a date-time, the 評価
 * dropdown): also for rows added later from the master (全行を検証). Three calls.
 */
export function formatEntryRows(
	sheet: Sheet,
	firstRow: number,
	count: number,
): void {
	// Rows grow with their longest text; each cell reads from its first line.
	sheet
		.getRange(firstRow, 1, count, ENTRY_WIDTH)
		.setWrap(true)
		.setVerticalAlignment("top");
	sheet
		.getRange(firstRow, ENTRY_COL.updatedAt + 1, count, 1)
		.setNumberFormat(DATE_TIME_FORMAT);
	const rule = SpreadsheetApp.newDataValidation()
		.requireValueInList([...RATING_OPTIONS], true)
		// Invalid input is kept as typed and explained in 状態 (SPEC 2), so warn, do not reject.
		.setAllowInvalid(true)
		.setHelpText(RATING_HELP)
		.build();
	sheet
		.getRange(firstRow, ENTRY_COL.rating + 1, count, 1)
		.setDataValidation(rule);
}

/** 状態 from row 2 to `lastRow`. */
function statusColumn(sheet: Sheet, lastRow: number) {
	return sheet.getRange(2, ENTRY_COL.status + 1, lastRow - 1, 1);
}

type RuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

/** The status colours: 要修正 red, 未入力 yellow, 入力済 green. */
const STATUS_RULES: ReadonlyArray<(b: RuleBuilder) => RuleBuilder> = [
	(b) =>
		b
			.whenTextStartsWith(STATUS_FIX_PREFIX)
			.setBackground("#f4c7c3")
			.setFontColor("#a50e0e"),
	(b) => b.whenTextEqualTo(STATUS_BLANK).setBackground("#fce8b2"),
	(b) => b.whenTextEqualTo(STATUS_DONE).setBackground("#b7e1cd"),
];

/**
 * Rows appended below the table get the status colours too: every rule on the 状態 column
 * (ours, or one the DX office added there) is stretched to `lastRow`; other rules stay. Two
 * calls whatever the number of rules.
 */
export function extendStatusRules(sheet: Sheet, lastRow: number): void {
	const column = ENTRY_COL.status + 1;
	const status = statusColumn(sheet, lastRow);
	const rules = sheet.getConditionalFormatRules().map((rule) => {
		const ranges = rule.getRanges();
		const onStatus =
			ranges.length === 1 &&
			ranges[0]?.getColumn() === column &&
			ranges[0]?.getNumColumns() === 1 &&
			ranges[0]?.getRow() === 2;
		return onStatus ? rule.copy().setRanges([status]).build() : rule;
	});
	sheet.setConditionalFormatRules(rules);
}
