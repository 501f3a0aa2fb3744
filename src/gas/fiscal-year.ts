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
	type Kpi,
	keepTextRows,
	type LastYearAnswer,
	lastYearAnswers,
	type Plan,
	type Scale,
	type Settings,
} from "../domain";
import { protectEntry } from "./access";
import {
	type Book,
	type Cell,
	ensureGrid,
	readAll,
	type Sheet,
	UserError,
} from "./book";
import { createKpiSheet, readKpiMaster } from "./kpi";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { problemsMessage } from "./problems";
import { requireDxOffice } from "./protections";
import { checkScale, setRatingDropdown } from "./scale";
import { unsharedDepartments } from "./sharing";
import { styleHeader } from "./sheet-style";
import type { ActionResult } from "./ui";
import { statusRules } from "./verdicts";

/**
 * Text columns wrap (rows grow), so the sheet prints one A4 landscape page wide at a legible
 * scale: 1,198 px in all, printed at about 90 % (10 pt text as 9 pt) within narrow margins.
 * 更新日時 and 入力者 are as narrow as a date-time and an address's longest part allow.
 */
const ENTRY_WIDTHS = [44, 88, 60, 150, 76, 96, 212, 156, 80, 120, 116];
/** 前年度の評価 and 前年度の主な取組実績, as wide as this year's 評価 and 主な取組実績. */
const LAST_YEAR_WIDTHS = [96, 212];

export function openFiscalYear(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const settings = openableSettings(book, now);
		const name = entrySheetName(settings.fiscalYear);
		const label = fiscalYearLabel(settings.fiscalYear);
		if (book.getSheetByName(name)) {
			throw new UserError(
				`${label}の評価シート「${name}」はすでにあります。作り直す場合は、内容を確認したうえでシートを削除してから実行してください。別の年度を作る場合は、設定シートの「対象年度」を変更してください。`,
			);
		}
		const plan = entryOrder(openablePlan(book));
		const kpis = openableKpis(book, plan);
		// A new year has no ratings yet: any valid 評価区分 is accepted for it.
		const scaleCheck = checkScale(book, settings.fiscalYear, null, true);
		if (scaleCheck.refusal) throw new UserError(scaleCheck.refusal);
		// Department by department (entry-groups.ts), built under a temporary name and renamed
		// when complete: an interrupted run leaves no half-made 評価 sheet, and the next run
		// starts over.
		// Last year's answers beside this year's, when last year's sheet exists (SPEC 11).
		const lastYear = lastYearOf(book, settings.fiscalYear);
		const values = entrySheetValues(plan, lastYear ? { lastYear } : {});
		const building = `${name}（作成中）`;
		const stale = book.getSheetByName(building);
		if (stale) book.deleteSheet(stale);
		const sheet = book.insertSheet(building);
		writeEntrySheet(sheet, values, scaleCheck.scale);
		protectEntry(
			sheet,
			values as Cell[][],
			settings,
			plan.departments,
			false,
			name,
		);
		sheet.setName(name);
		// An interruption here leaves the year without its KPI sheet: 全行を検証 makes it.
		const kpiSheet = createKpiSheet(
			book,
			settings.fiscalYear,
			plan,
			kpis.kpis,
			settings,
		);
		return openedResult(
			book,
			name,
			label,
			values.length - 1,
			plan.departments,
			{
				sheet: kpiSheet,
				indicators: kpis.kpis.length,
			},
		);
	});
}

/** 設定, checked: the DX office runs it and 対象年度 is readable. */
function openableSettings(book: Book, now: Date): Settings {
	const { settings, problems } = readSettings(book, now);
	requireDxOffice(settings, "新年度の評価シートを作成");
	const yearProblem = problems.find(
		(p) => p.message.includes("対象年度") && p.level === "error",
	);
	if (yearProblem)
		throw new UserError(
			problemsMessage("設定シートの対象年度を確認してください。", [
				yearProblem,
			]),
		);
	return settings;
}

/** The KPI sheet's indicators, refused with every problem when it has errors. */
function openableKpis(book: Book, plan: Plan): { kpis: Kpi[] } {
	const kpis = readKpiMaster(book, plan);
	if (hasErrors(kpis.problems))
		throw new UserError(
			problemsMessage(
				"KPIシートに問題があるため、評価シートを作成できません。次の点を直してから、もう一度実行してください。",
				kpis.problems,
			),
		);
	return kpis;
}

/** The master, refused with every problem when it has errors or no initiatives. */
function openablePlan(book: Book): Plan {
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
	return master.plan;
}

/** The result, warning about 担当課 addresses that cannot edit the file (a warning, not a refusal). */
function openedResult(
	book: Book,
	name: string,
	label: string,
	count: number,
	departments: readonly Department[],
	kpi: { sheet: string | null; indicators: number },
): ActionResult {
	const kpiNote = kpi.sheet
		? `KPIの実績値を入力するシート「${kpi.sheet}」も作成しました（指標${kpi.indicators}件）。`
		: "";
	const done = `${label}の評価シート「${name}」を作成しました（取組${count}件）。${kpiNote}各担当課に入力を依頼してください。`;
	const unshared = unsharedDepartments(book, departments);
	return {
		ok: true,
		message:
			unshared.length > 0
				? problemsMessage(`${done}\n次の点を確認してください。`, unshared)
				: done,
		sheet: name,
		initiatives: count,
		kpiSheet: kpi.sheet,
		problems: unshared,
	};
}

/** Values, then formats, in a constant number of calls whatever the number of initiatives. */
function writeEntrySheet(
	sheet: Sheet,
	values: unknown[][],
	scale: Scale,
): void {
	const rows = values.length;
	const width = values[0]?.length ?? ENTRY_WIDTH;
	ensureGrid(sheet, rows, width);
	sheet.getRange(1, 1, rows, width).setValues(keepTextRows(values));
	styleHeader(
		sheet,
		width,
		[...ENTRY_WIDTHS, ...LAST_YEAR_WIDTHS].slice(0, width),
	);
	sheet.setFrozenColumns(1);
	const body = rows - 1;
	if (body === 0) return;
	formatEntryRows(sheet, 2, body, scale, width);
	sheet.setConditionalFormatRules(statusRules(statusColumn(sheet, rows)));
}

/**
 * Data rows as a new entry sheet has them (wrapped text, 更新日時 as a date-time, the 評価
 * dropdown): also for rows added later from the master (全行を検証). Three calls.
 */
export function formatEntryRows(
	sheet: Sheet,
	firstRow: number,
	count: number,
	scale: Scale,
	width: number = ENTRY_WIDTH,
): void {
	// Rows grow with their longest text; each cell reads from its first line.
	sheet
		.getRange(firstRow, 1, count, width)
		.setWrap(true)
		.setVerticalAlignment("top");
	sheet
		.getRange(firstRow, ENTRY_COL.updatedAt + 1, count, 1)
		.setNumberFormat(DATE_TIME_FORMAT);
	setRatingDropdown(sheet, ENTRY_COL.rating + 1, firstRow, count, scale);
}

/** Last year's answers by initiativeKey, from 評価_R(n−1); undefined when that sheet is missing. */
export function lastYearOf(
	book: Book,
	fiscalYear: number,
): Map<string, LastYearAnswer> | undefined {
	const name = entrySheetName(fiscalYear - 1);
	const sheet = book.getSheetByName(name);
	return sheet ? lastYearAnswers(readAll(sheet), name) : undefined;
}

/** 状態 from row 2 to `lastRow`. */
function statusColumn(sheet: Sheet, lastRow: number) {
	return sheet.getRange(2, ENTRY_COL.status + 1, lastRow - 1, 1);
}

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
