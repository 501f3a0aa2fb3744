/** Appending to 変更履歴: one block write per edit, whatever the paste size. */
import { EDIT_LOG_HEADERS, SHEET_NAMES } from "../domain";
import { appendLogRows, appendLogRowUnlocked, type Book } from "./book";

export function appendEditLog(book: Book, rows: unknown[][]): void {
	if (rows.length === 0) return;
	const sheet = book.getSheetByName(SHEET_NAMES.editLog);
	// Without the log sheet the edit is still validated; 初期設定 recreates the sheet.
	if (!sheet) {
		console.warn("変更履歴シートがないため、編集を記録できませんでした");
		return;
	}
	appendLogRows(sheet, rows, EDIT_LOG_HEADERS.length);
}

/**
 * An edit put on record while another run holds the document lock (a long 全行を検証 or reminder
 * run): appendRow, atomic without our lock, 日時 shown like every other log row.
 */
export function appendEditLogUnlocked(book: Book, row: unknown[]): void {
	const sheet = book.getSheetByName(SHEET_NAMES.editLog);
	if (sheet) appendLogRowUnlocked(sheet, row, EDIT_LOG_HEADERS.length);
}
