/**
 * How the product's sheets look: one Japanese font, header row, frozen panes, column widths that
 * fit Japanese text.
 */
import { BOOK_FONT } from "../domain";
import type { Sheet } from "./book";

const HEADER_BACKGROUND = "#1f4e79";
const HEADER_FONT = "#ffffff";
export const FIX_BACKGROUND = "#fde2e1";

/**
 * Styles row 1 as the header and freezes it, and gives everything written so far the book's font
 * (a constant number of calls).
 */
export function styleHeader(
	sheet: Sheet,
	width: number,
	widths: readonly number[],
): void {
	sheet.getDataRange().setFontFamily(BOOK_FONT);
	const header = sheet.getRange(1, 1, 1, width);
	header
		.setWrap(true)
		.setFontWeight("bold")
		.setBackground(HEADER_BACKGROUND)
		.setFontColor(HEADER_FONT);
	sheet.setFrozenRows(1);
	widths.forEach((px, i) => {
		sheet.setColumnWidth(i + 1, px);
	});
}
