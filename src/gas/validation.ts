/**
 * Validation as typed (handleEdit) and of every row (全行を検証): SPEC 4. Both read and write in
 * blocks; an edit costs a constant number of calls whatever the paste size.
 */
import {
	busyEditLogRow,
	ENTRY_WIDTH,
	editLogRows,
	entryHeaderProblem,
	INPUT_COLUMNS,
	type Problem,
	parseEntrySheetName,
	type RowToFix,
	rowsToFix,
	STATUS_FIX_PREFIX,
	validateEntryRow,
} from "../domain";
import { checkAndRepairEntry } from "./access";
import type { Book } from "./book";
import { codeAccessProblems } from "./deployment";
import { appendEditLog, appendEditLogUnlocked } from "./edit-log";
import { withDocumentLock } from "./lock";
import { problemsMessage } from "./problems";
import { requireDxOffice } from "./protections";
import { unsharedDepartments } from "./sharing";
import type { ActionResult } from "./ui";
import { padEntryRow, writeVerdicts } from "./verdicts";
import { loadYear, revalidate } from "./year";

/** 入力者 when Apps Script does not reveal who edited (reference/base/session#getActiveUser). */
export const EDITOR_UNKNOWN = "（取得できません）";

export interface EditOutcome {
	checked: number;
	skipped?: string;
}

/**
 * The installable edit trigger's work on an entry sheet: the edit goes to 変更履歴, and the
 * edited rows are validated when the edit touches the input columns. A constant number of
 * calls whatever the paste size.
 */
export function validateEdit(
	e: GoogleAppsScript.Events.SheetsOnEdit,
	now: Date,
): EditOutcome {
	const range = e.range;
	const sheet = range.getSheet();
	const name = sheet.getName();
	if (parseEntrySheetName(name) === null)
		return { checked: 0, skipped: "not an entry sheet" };
	const block = {
		row: range.getRow(),
		col: range.getColumn(),
		numRows: range.getNumRows(),
		numCols: range.getNumColumns(),
	};
	const editor = e.user?.getEmail() || EDITOR_UNKNOWN;
	return withDocumentLock(
		() => {
			const lastRow = block.row + block.numRows - 1;
			const rows = sheet
				.getRange(
					block.row,
					1,
					block.numRows,
					Math.max(ENTRY_WIDTH, block.col + block.numCols - 1),
				)
				.getValues();
			appendEditLog(
				e.source,
				editLogRows({
					at: now,
					user: editor,
					sheet: name,
					block,
					rowsAfter: rows,
					firstRowRead: block.row,
					oldValue: e.oldValue,
					value: e.value,
				}),
			);
			const firstRow = Math.max(block.row, 2);
			const lastCol = block.col + block.numCols - 1;
			if (lastRow < firstRow) return { checked: 0, skipped: "header row" };
			if (lastCol < INPUT_COLUMNS.first || block.col > INPUT_COLUMNS.last) {
				return { checked: 0, skipped: "outside the input columns" };
			}
			const header =
				block.row === 1
					? (rows[0] ?? [])
					: (sheet.getRange(1, 1, 1, ENTRY_WIDTH).getValues()[0] ?? []);
			// A changed header is reported by 全行を検証; writing by position would then be wrong.
			if (entryHeaderProblem(header, name))
				return { checked: 0, skipped: "header changed" };
			const body = rows.slice(firstRow - block.row).map((r) => padEntryRow(r));
			const verdicts = body.map((r) => validateEntryRow(r));
			// Rows below the table that stay empty get no 入力者/更新日時.
			writeVerdicts(sheet, firstRow, verdicts, (v) =>
				v.hasInput || v.status ? [v.status, editor, now] : ["", "", ""],
			);
			return { checked: body.length };
		},
		10_000,
		() => {
			// Another run holds the document: the edit is still put on record; 全行を検証 and the
			// daily job validate the row later (SPEC 4).
			appendEditLogUnlocked(
				e.source,
				busyEditLogRow(
					now,
					editor,
					name,
					range.getA1Notation(),
					e.oldValue,
					e.value,
				),
			);
			return { checked: 0, skipped: "document busy: logged, validated later" };
		},
	);
}

/** 全行を検証: every row of the target year's entry sheet, plus the master. */
export function validateAll(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const year = loadYear(book, now);
		const office = requireDxOffice(year.settings.settings, "全行を検証");
		const { problems, counts, read, rowsAdded } = revalidate(year);
		// The rows to fix, each with its 担当課, cell and reason, so the DX office can chase them.
		const rows = rowsToFix(read.rows);
		const protection = checkAndRepairEntry(
			year.sheet,
			year.values,
			year.settings.settings,
			year.master.draft.departments,
		);
		// The deployment comes first: it matters more than any row (and the list is cut after a few).
		problems.unshift(...codeAccessProblems(office));
		const sheetProblems: Problem[] = [
			...protection.map((message) => ({
				sheet: year.name,
				row: null,
				message,
				level: "warning" as const,
			})),
			...unsharedDepartments(book, year.master.draft.departments),
		];
		const shown = [
			...problems,
			...rows.map((r) => rowProblem(year.name, r)),
			...sheetProblems,
		];
		const summary = `${year.name} を検証しました：入力済 ${counts.done}件、未入力 ${counts.blank}件、要修正 ${counts.fix}件。`;
		const message =
			shown.length > 0
				? problemsMessage(`${summary}\n次の点を確認してください。`, shown)
				: summary;
		return {
			ok: true,
			message,
			...counts,
			problems: [...problems, ...sheetProblems],
			rows,
			rowsAdded,
			sheet: year.name,
			fiscalYear: year.settings.settings.fiscalYear,
		};
	});
}

/** A row to fix as the dialog lists it: `評価_R6 シート 12行目: 取組No「12」要修正：…`. */
function rowProblem(sheet: string, r: RowToFix): Problem {
	return {
		sheet,
		row: r.row,
		message: `取組No「${r.no}」${STATUS_FIX_PREFIX}${r.reason}（${r.department}、${r.cell}）`,
		level: "warning",
	};
}
