/**
 * Edits made directly in the .xlsx with Excel or LibreOffice (SPEC 9), which no edit trigger saw:
 * the command line finds the input cells that changed since the product last saved the book and
 * hands them to this entry point's work. Each changed cell goes to 変更履歴 (利用者
 * （ファイルで直接編集）, 旧値/新値) and the rows are validated as the edit trigger validates typed
 * rows (canonical 評価, 状態, the highlight; 入力者/更新日時 stamped on the edited rows). In Google
 * every edit fires the trigger, so nothing calls this there. A constant number of calls: one log
 * append, and per entry sheet one read and the verdicts' block writes.
 */
import {
	columnLetter,
	ENTRY_COL,
	ENTRY_WIDTH,
	entryHeaderProblem,
	FILE_EDIT_USER,
	type FileEdit,
	fileEditLogRows,
	parseEntrySheetName,
	SHEET_NAMES,
	validateEntryRow,
} from "../domain";
import type { Book, Sheet } from "./book";
import { appendEditLog } from "./edit-log";
import { withDocumentLock } from "./lock";
import { readSettings } from "./master-sheets";
import { requireDxOffice } from "./protections";
import { acceptedScale } from "./scale";
import type { ActionResult } from "./ui";
import { padEntryRow, writeVerdicts } from "./verdicts";

export const FILE_EDITS_ACTION = "ファイルでの直接編集を記録";

export function recordFileEdits(
	book: Book,
	edits: readonly FileEdit[],
	now: Date,
): ActionResult {
	return withDocumentLock(() => {
		// Only the DX office may write this log for the file's editors; a book without 設定 (being
		// set up) has no DX office to check against, as requireDxOffice treats an empty list.
		if (book.getSheetByName(SHEET_NAMES.settings))
			requireDxOffice(readSettings(book, now).settings, FILE_EDITS_ACTION);
		appendEditLog(book, fileEditLogRows(edits, now));
		const rowsBySheet = new Map<string, Set<number>>();
		for (const e of edits) {
			if (e.row === null) continue;
			const rows = rowsBySheet.get(e.sheet) ?? new Set<number>();
			rows.add(e.row);
			rowsBySheet.set(e.sheet, rows);
		}
		let checked = 0;
		for (const [name, rows] of rowsBySheet)
			checked += validateRows(book.getSheetByName(name), name, rows, now);
		return {
			ok: true,
			message: `ファイルで直接編集されたセル ${edits.length}か所を変更履歴に記録し、${checked}行を検証しました。`,
			logged: edits.length,
			checked,
		};
	});
}

/** Validates the edited rows (1-based, below the header) of an entry sheet; returns how many. */
function validateRows(
	sheet: Sheet | null,
	name: string,
	rows: ReadonlySet<number>,
	now: Date,
): number {
	const fiscalYear = parseEntrySheetName(name);
	if (!sheet || fiscalYear === null) return 0;
	const edited = [...rows].filter((r) => r >= 2);
	if (edited.length === 0) return 0;
	const first = Math.min(...edited);
	const last = Math.max(...edited);
	// From row 1: the header comes with the block, and a changed header stops the writes.
	const values = sheet.getRange(1, 1, last, ENTRY_WIDTH).getValues();
	if (entryHeaderProblem(values[0] ?? [], name)) return 0;
	const block = values.slice(first - 1).map((r) => padEntryRow(r));
	const scale = acceptedScale(fiscalYear);
	const verdicts = block.map((r) => validateEntryRow(r, scale));
	writeVerdicts(sheet, first, verdicts, null);
	// 入力者/更新日時 on the edited rows only; a row left without input loses them, as when typed.
	const stamped: number[] = [];
	const cleared: number[] = [];
	for (const r of edited) {
		const v = verdicts[r - first];
		(v && (v.hasInput || v.status) ? stamped : cleared).push(r);
	}
	const stamp = (rowsToSet: number[], editor: string, at: Date | string) => {
		if (rowsToSet.length === 0) return;
		const cells = (col: number) =>
			rowsToSet.map((r) => `${columnLetter(col)}${r}`);
		sheet.getRangeList(cells(ENTRY_COL.editor)).setValue(editor);
		sheet.getRangeList(cells(ENTRY_COL.updatedAt)).setValue(at);
	};
	stamp(stamped, FILE_EDIT_USER, now);
	stamp(cleared, "", "");
	return stamped.length + cleared.length;
}
