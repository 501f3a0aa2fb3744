/**
 * Rows for 変更履歴 (SPEC 2): 日時 | 利用者 | シート | セル | 取組No | 旧値 | 新値, one per edited
 * row. A single-cell edit carries its old and new value (the edit event's oldValue/value); a
 * paste carries the new values only, as Apps Script gives no old values for multi-cell edits
 * (guides/triggers/events). User text is written formula-safe.
 */
import { ENTRY_COL } from "./entry";
import { columnLetter } from "./problems";
import { cellText } from "./text";

interface EditedBlock {
	/** 1-based first row and column of the edit, and its size. */
	row: number;
	col: number;
	numRows: number;
	numCols: number;
}

export interface EditLogInput {
	at: Date;
	/** The editor's address, or the text saying it is not revealed. */
	user: string;
	sheet: string;
	block: EditedBlock;
	/** Full entry rows (all columns) of the edited rows, as they are after the edit. */
	rowsAfter: readonly (readonly unknown[])[];
	/** The first of rowsAfter is this sheet row (1-based). */
	firstRowRead: number;
	/** Single-cell edits only: the event's values (undefined when the cell was empty). */
	oldValue?: unknown;
	value?: unknown;
}

const SEP = " | ";

function text(value: unknown): string | number | Date | boolean {
	if (value === undefined || value === null) return "";
	if (
		value instanceof Date ||
		typeof value === "number" ||
		typeof value === "boolean"
	)
		return value;
	return String(value);
}

export function editLogRows(input: EditLogInput): unknown[][] {
	const { block } = input;
	const single = block.numRows === 1 && block.numCols === 1;
	const first = columnLetter(block.col - 1);
	const last = columnLetter(block.col + block.numCols - 2);
	const rows: unknown[][] = [];
	for (let r = block.row; r < block.row + block.numRows; r++) {
		const cells = input.rowsAfter[r - input.firstRowRead] ?? [];
		const no = r === 1 ? "（見出し）" : cellText(cells[ENTRY_COL.no]);
		const where = single ? `${first}${r}` : `${first}${r}:${last}${r}`;
		const after = cells.slice(block.col - 1, block.col - 1 + block.numCols);
		rows.push([
			input.at,
			input.user,
			input.sheet,
			where,
			text(no),
			single ? text(input.oldValue) : "",
			single
				? text(input.value ?? after[0])
				: text(after.map((v) => cellText(v)).join(SEP)),
		]);
	}
	return rows;
}

/** The one row logged when the edit could not be processed at once (the document was busy). */
export function busyEditLogRow(
	at: Date,
	user: string,
	sheet: string,
	a1: string,
	oldValue: unknown,
	value: unknown,
): unknown[] {
	const single = !a1.includes(":");
	return [
		at,
		user,
		sheet,
		a1,
		"（検証待ち）",
		single ? text(oldValue) : "",
		single ? text(value) : "（複数セルの貼り付け。値はシートを参照）",
	];
}

/** 利用者 (and 入力者) of an edit made in the .xlsx outside the product (SPEC 9). */
export const FILE_EDIT_USER = "（ファイルで直接編集）";
/** セル of a changed input whose row is no longer in the sheet. */
const DELETED_ROW_CELL = "（行が削除されています）";

/**
 * An input cell of an entry sheet that changed in the .xlsx since the product last saved it
 * (Excel or LibreOffice), found by the command line when it loads the book.
 */
export interface FileEdit {
	sheet: string;
	/** 1-based sheet row and column; row null when the row was deleted. */
	row: number | null;
	col: number;
	/** 取組No of the row. */
	no: unknown;
	oldValue: unknown;
	newValue: unknown;
}

/** One 変更履歴 row per changed cell, with its old and new value. */
export function fileEditLogRows(
	edits: readonly FileEdit[],
	at: Date,
): unknown[][] {
	return edits.map((e) => [
		at,
		FILE_EDIT_USER,
		e.sheet,
		e.row === null ? DELETED_ROW_CELL : `${columnLetter(e.col - 1)}${e.row}`,
		text(cellText(e.no)),
		text(e.oldValue),
		text(e.newValue),
	]);
}
