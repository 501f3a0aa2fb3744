/**
 * Validation as typed (handleEdit) and of every row (全行を検証): SPEC 4. Both read and write in
 * blocks; an edit costs a constant number of calls whatever the paste size.
 */
import {
	ENTRY_COL,
	ENTRY_WIDTH,
	entryHeaderProblem,
	entrySheetName,
	fiscalYearLabel,
	INPUT_COLUMNS,
	type Problem,
	parseEntrySheetName,
	type RowVerdict,
	readEntryRows,
	tally,
	validateEntryRow,
} from "../domain";
import { type Book, readAll, type Sheet, UserError } from "./book";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { problemsMessage } from "./problems";
import { FIX_BACKGROUND } from "./sheet-style";
import type { ActionResult } from "./ui";

/** 入力者 when Apps Script does not reveal who edited (reference/base/session#getActiveUser). */
export const EDITOR_UNKNOWN = "（取得できません）";

export interface EditOutcome {
	checked: number;
	skipped?: string;
}

/** The installable edit trigger's work: validates the edited rows of an entry sheet. */
export function validateEdit(
	e: GoogleAppsScript.Events.SheetsOnEdit,
	now: Date,
): EditOutcome {
	const range = e.range;
	const sheet = range.getSheet();
	if (parseEntrySheetName(sheet.getName()) === null)
		return { checked: 0, skipped: "not an entry sheet" };
	const firstRow = Math.max(range.getRow(), 2);
	const lastRow = range.getRow() + range.getNumRows() - 1;
	const firstCol = range.getColumn();
	const lastCol = firstCol + range.getNumColumns() - 1;
	if (lastRow < firstRow) return { checked: 0, skipped: "header row" };
	if (lastCol < INPUT_COLUMNS.first || firstCol > INPUT_COLUMNS.last) {
		return { checked: 0, skipped: "outside the input columns" };
	}
	const editor = e.user?.getEmail() || EDITOR_UNKNOWN;
	return withDocumentLock(() => {
		const header = sheet.getRange(1, 1, 1, ENTRY_WIDTH).getValues()[0] ?? [];
		// A changed header is reported by 全行を検証; writing by position would then be wrong.
		if (entryHeaderProblem(header, sheet.getName()))
			return { checked: 0, skipped: "header changed" };
		const rows = sheet
			.getRange(firstRow, 1, lastRow - firstRow + 1, ENTRY_WIDTH)
			.getValues();
		const verdicts = rows.map((r) => validateEntryRow(r));
		writeVerdicts(sheet, firstRow, verdicts, (v) => [
			v.status,
			v.hasInput || v.status ? editor : "",
			now,
		]);
		return { checked: rows.length };
	}, 10_000);
}

/** 全行を検証: every row of the target year's entry sheet, plus the master. */
export function validateAll(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const { settings, problems: settingProblems } = readSettings(book, now);
		const name = entrySheetName(settings.fiscalYear);
		const sheet = book.getSheetByName(name);
		if (!sheet) {
			throw new UserError(
				`${fiscalYearLabel(settings.fiscalYear)}の評価シート「${name}」がありません。メニュー「新年度の評価シートを作成」を実行してください。`,
			);
		}
		const values = readAll(sheet);
		const headerProblem = entryHeaderProblem(values[0] ?? [], name);
		if (headerProblem) throw new UserError(headerProblem);
		const body = values.slice(1).map((r) => padRow(r));
		const verdicts = body.map((r) => validateEntryRow(r));
		writeVerdicts(sheet, 2, verdicts, null);
		const master = readMaster(book);
		const read = readEntryRows(values, name);
		const problems: Problem[] = [
			...settingProblems,
			...master.problems,
			...read.problems,
		];
		const counts = { done: 0, blank: 0, fix: 0 };
		if (master.plan) {
			const t = tally(
				{ ...master.plan, initiatives: master.plan.initiatives },
				read.rows,
				name,
			);
			problems.push(...t.problems);
			for (const d of t.results)
				counts[
					d.status.kind === "done"
						? "done"
						: d.status.kind === "fix"
							? "fix"
							: "blank"
				]++;
		} else {
			for (const r of read.rows)
				counts[
					r.status.kind === "done"
						? "done"
						: r.status.kind === "fix"
							? "fix"
							: "blank"
				]++;
		}
		const summary = `${name} を検証しました：入力済 ${counts.done}件、未入力 ${counts.blank}件、要修正 ${counts.fix}件。`;
		const message =
			problems.length > 0
				? problemsMessage(`${summary}\n次の点を確認してください。`, problems)
				: summary;
		return {
			ok: true,
			message,
			...counts,
			problems,
			sheet: name,
			fiscalYear: settings.fiscalYear,
		};
	});
}

function padRow(row: unknown[]): unknown[] {
	const out = row.slice(0, ENTRY_WIDTH);
	while (out.length < ENTRY_WIDTH) out.push("");
	return out;
}

/**
 * Writes back 評価 (only the span of rows whose label was canonicalised, so a department's
 * typing elsewhere is never overwritten with a stale copy), 状態 (with 入力者 and 更新日時 when
 * `stamp` is given) and the row highlight: at most 3 blocks.
 */
function writeVerdicts(
	sheet: Sheet,
	firstRow: number,
	verdicts: RowVerdict[],
	stamp: ((v: RowVerdict) => unknown[]) | null,
): void {
	if (verdicts.length === 0) return;
	const changed = verdicts.flatMap((v, i) => (v.ratingChanged ? [i] : []));
	if (changed.length > 0) {
		const from = changed[0] as number;
		const to = changed[changed.length - 1] as number;
		const span = verdicts.slice(from, to + 1).map((v) => [v.rating]);
		sheet
			.getRange(firstRow + from, ENTRY_COL.rating + 1, span.length, 1)
			.setValues(span);
	}
	const statusBlock = verdicts.map((v) => (stamp ? stamp(v) : [v.status]));
	sheet
		.getRange(
			firstRow,
			ENTRY_COL.status + 1,
			verdicts.length,
			statusBlock[0]?.length ?? 1,
		)
		.setValues(statusBlock);
	const backgrounds = verdicts.map((v) =>
		new Array<string | null>(ENTRY_WIDTH).fill(v.fix ? FIX_BACKGROUND : null),
	);
	sheet
		.getRange(firstRow, 1, verdicts.length, ENTRY_WIDTH)
		.setBackgrounds(backgrounds);
}
