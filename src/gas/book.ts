/**
 * The bound spreadsheet, read and written in blocks: one getValues per sheet read, one setValues
 * per block written (guides/support/best-practices), so calls stay constant as rows grow.
 */
import {
	BOOK_FONT,
	columnLetter,
	DATE_TIME_FORMAT,
	keepText,
	keepTextRows,
} from "../domain";

export type Book = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
export type Cell = string | number | boolean | Date;

/** A failure the person at the spreadsheet can fix; the message says how, in Japanese. */
export class UserError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "UserError";
	}
}

export const SETUP_HINT =
	"メニュー「DX進捗管理」→「初期設定（シート作成）」を実行してから、もう一度お試しください。";

export function requireSheet(book: Book, name: string): Sheet {
	const sheet = book.getSheetByName(name);
	if (!sheet)
		throw new UserError(`シート「${name}」が見つかりません。${SETUP_HINT}`);
	return sheet;
}

/** Every value of the sheet from A1 to its last row and column (2 calls). */
export function readAll(sheet: Sheet): Cell[][] {
	return sheet.getDataRange().getValues() as Cell[][];
}

/** Writes a rectangular block at (row, col), 1-based, growing the grid if needed. */
export function writeBlock(
	sheet: Sheet,
	row: number,
	col: number,
	values: unknown[][],
): void {
	const width = values[0]?.length ?? 0;
	if (values.length === 0 || width === 0) return;
	ensureGrid(sheet, row + values.length - 1, col + width - 1);
	sheet.getRange(row, col, values.length, width).setValues(values);
}

/** Grows the sheet to at least rows × columns (a range beyond the grid throws). */
export function ensureGrid(sheet: Sheet, rows: number, columns: number): void {
	const maxRows = sheet.getMaxRows();
	if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
	const maxColumns = sheet.getMaxColumns();
	if (maxColumns < columns)
		sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Appends rows below the last one in one block written as text where Sheets would re-parse it
 * (keepTextRows), in the book's font: the same calls for any number of rows. Returns the block
 * written, if any.
 */
export function appendBlock(
	sheet: Sheet,
	rows: unknown[][],
	width: number,
): Range | null {
	if (rows.length === 0) return null;
	const last = sheet.getLastRow();
	ensureGrid(sheet, last + rows.length, width);
	const range = sheet.getRange(last + 1, 1, rows.length, width);
	range
		.setValues(keepTextRows(rectangular(rows, width)))
		.setFontFamily(BOOK_FONT);
	return range;
}

/**
 * Appends log rows (送信履歴, 変更履歴), the 日時 column shown as yyyy/mm/dd HH:mm like every other
 * date-time the product writes.
 */
export function appendLogRows(
	sheet: Sheet,
	rows: unknown[][],
	width: number,
): void {
	const range = appendBlock(sheet, rows, width);
	if (!range) return;
	const formats = [
		DATE_TIME_FORMAT,
		...Array<string>(width - 1).fill("General"),
	];
	range.setNumberFormats(rows.map(() => formats));
}

/**
 * Appends one log row without the document lock, with Sheet.appendRow, which Sheets applies
 * atomically (reference/spreadsheet/sheet#appendRow(Object)). Another run may append at the same
 * moment, so the row's number is not known: the formats go on the log's whole 日時 column and its
 * width below the header (open-ended A1 ranges, which hold only log rows and empty cells), the
 * same 5 calls however long the log.
 */
export function appendLogRowUnlocked(
	sheet: Sheet,
	row: unknown[],
	width: number,
): void {
	sheet.appendRow((rectangular([row], width)[0] ?? []).map(keepText));
	sheet.getRange("A2:A").setNumberFormat(DATE_TIME_FORMAT);
	sheet.getRange(`A2:${columnLetter(width - 1)}`).setFontFamily(BOOK_FONT);
}

/** Pads every row to `width` with '' (setValues needs a rectangle). */
export function rectangular(rows: unknown[][], width: number): unknown[][] {
	return rows.map((r) => {
		const out = r
			.slice(0, width)
			.map((v) => (v === null || v === undefined ? "" : v));
		while (out.length < width) out.push("");
		return out;
	});
}
