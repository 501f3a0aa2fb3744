/**
 * What a Google sheet shows beyond its cells, written into the .xlsx as Excel/LibreOffice
 * represent it: the font, conditional formats, sheet protection, page setup and chart pictures.
 * The runtime state (runtime-sheet.ts) stays the source of these on load; this is what people
 * see when they open the file.
 */
import type ExcelJS from "exceljs";
import { BOOK_FONT } from "../../../domain/layout";
import { bookTextWidth } from "../../../domain/text";
import {
	type ConditionalFormatModel,
	cellKey,
	type GridRect,
	lastColumn,
	type SheetModel,
} from "../model";
import { a1, rectA1 } from "./a1";
import { toArgb } from "./cells";
import { chartPicture } from "./chart-picture";

/** Sheets' default size, which the product never changes: the saved cells show it too. */
export const BOOK_FONT_SIZE = 10;
/** Sheets' default column width in pixels. */
const DEFAULT_COLUMN_PX = 100;
/** Excel's "narrow" margins (inches): the most of the page for the table, room for the footer. */
const MARGINS = {
	left: 0.25,
	right: 0.25,
	top: 0.75,
	bottom: 0.75,
	header: 0.3,
	footer: 0.3,
};
/** A4 portrait's printable width at 96 dpi within those margins (8.27 in − 0.5 in). */
const PORTRAIT_PRINTABLE_PX = 746;

/**
 * One Japanese font for every cell: the family the product set (BOOK_FONT in Google), and the
 * same for cells it never formatted (typed or pasted by people), so nothing falls back to a
 * Latin font in Excel or LibreOffice.
 */
export function applyFont(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
	ws.eachRow({ includeEmpty: true }, (row, r) => {
		row.eachCell({ includeEmpty: true }, (cell, c) => {
			// Without `scheme` (a theme font would win over the name).
			const { scheme: _theme, ...font } = cell.font ?? {};
			const family = sheet.formats.get(cellKey(r - 1, c - 1))?.font?.family;
			cell.font = {
				size: BOOK_FONT_SIZE,
				...font,
				name: family ?? BOOK_FONT,
			};
		});
	});
}

function differentialStyle(f: ConditionalFormatModel): Partial<ExcelJS.Style> {
	const style: Partial<ExcelJS.Style> = {};
	const bg = toArgb(f.background);
	if (bg)
		style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: bg } };
	const font: Partial<ExcelJS.Font> = {};
	const color = toArgb(f.fontColor);
	if (color) font.color = { argb: color };
	if (f.bold) font.bold = true;
	if (Object.keys(font).length > 0) style.font = font;
	return style;
}

function quoted(text: string): string {
	return `"${text.replace(/"/g, '""')}"`;
}

/** Text conditions as formulas relative to the range's top-left cell, as Excel writes them. */
function xlsxRule(
	f: ConditionalFormatModel,
	rect: GridRect,
	priority: number,
): ExcelJS.ConditionalFormattingRule | undefined {
	const style = differentialStyle(f);
	const arg = f.args[0] ?? "";
	const cell = a1(rect.row, rect.col);
	const formula: Record<string, string> = {
		textStartsWith: `LEFT(${cell},LEN(${quoted(arg)}))=${quoted(arg)}`,
		textContains: `ISNUMBER(SEARCH(${quoted(arg)},${cell}))`,
		textEqualTo: `${cell}=${quoted(arg)}`,
		customFormula: arg.replace(/^=/, ""),
	};
	const expression = formula[f.condition];
	if (expression === undefined) return undefined;
	return { type: "expression", formulae: [expression], style, priority };
}

/** The sheet's rules in Sheets' order (the first matching rule wins in both). */
export function writeConditionalFormats(
	ws: ExcelJS.Worksheet,
	sheet: SheetModel,
): void {
	sheet.conditionalFormats.forEach((f, i) => {
		for (const rect of f.rects) {
			const rule = xlsxRule(f, rect, i + 1);
			if (rule)
				ws.addConditionalFormatting({ ref: rectA1(rect), rules: [rule] });
		}
	});
}

function unlock(ws: ExcelJS.Worksheet, rect: GridRect): void {
	for (let r = rect.row; r < rect.row + rect.numRows; r++) {
		for (let c = rect.col; c < rect.col + rect.numCols; c++)
			ws.getCell(r + 1, c + 1).protection = { locked: false };
	}
}

/**
 * A sheet with a whole-sheet protection is protected without a password (anyone may read and
 * select; a protection in xlsx is not per account), its unprotected ranges unlocked. Range
 * protections per department cannot be bound to accounts in xlsx: those cells stay unlocked.
 */
export async function writeProtection(
	ws: ExcelJS.Worksheet,
	sheet: SheetModel,
): Promise<void> {
	const whole = sheet.protections.find((p) => p.rect === undefined);
	if (!whole) return;
	for (const rect of whole.unprotected) unlock(ws, rect);
	await ws.protect("", {
		selectLockedCells: true,
		selectUnlockedCells: true,
		formatColumns: true,
		formatRows: true,
		autoFilter: true,
		sort: false,
	});
}

/**
 * BOOK_FONT at BOOK_FONT_SIZE: its size in pixels, and one line's height in points (the font's
 * ascent + descent is one em; LibreOffice and Excel add about a fifth between lines).
 */
const FONT_PX = (BOOK_FONT_SIZE * 96) / 72;
const LINE_PT = BOOK_FONT_SIZE * 1.2;
const CELL_PADDING_PX = 8;

function lineCount(text: string, columnPx: number): number {
	const room = Math.max(1, columnPx - CELL_PADDING_PX);
	return text
		.split("\n")
		.reduce(
			(n, line) =>
				n + Math.max(1, Math.ceil(bookTextWidth(line, FONT_PX) / room)),
			0,
		);
}

/**
 * Sheets grows a row to show its wrapped text; xlsx readers keep the stored height (LibreOffice
 * shows only the last line), so the save stores a height estimated from the text's width.
 */
export function writeRowHeights(
	ws: ExcelJS.Worksheet,
	sheet: SheetModel,
): void {
	const lines = new Map<number, number>();
	for (const [key, fmt] of sheet.formats) {
		if (!fmt.wrap) continue;
		const [r, c] = key.split(",").map(Number) as [number, number];
		const v = sheet.values[r]?.[c];
		if (typeof v !== "string" || v === "") continue;
		const n = lineCount(v, sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_PX);
		if (n > (lines.get(r) ?? 1)) lines.set(r, n);
	}
	for (const [r, n] of lines) ws.getRow(r + 1).height = n * LINE_PT + 4;
}

function printedWidth(sheet: SheetModel): number {
	let px = 0;
	const columns = Math.max(1, lastColumn(sheet));
	for (let c = 0; c < columns; c++) {
		if (sheet.hiddenColumns.has(c)) continue;
		px += sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_PX;
	}
	return px;
}

/**
 * Apps Script has no page-setup API, so the save derives it from the sheet itself: A4, narrow
 * margins, landscape when the columns are wider than a portrait page, one page wide, the frozen
 * rows repeated on every page, the sheet name and page number in the footer.
 */
export function writePageSetup(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
	ws.pageSetup = {
		...ws.pageSetup,
		paperSize: 9,
		orientation:
			printedWidth(sheet) > PORTRAIT_PRINTABLE_PX ? "landscape" : "portrait",
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		horizontalCentered: false,
		margins: MARGINS,
		...(sheet.frozenRows > 0
			? { printTitlesRow: `1:${sheet.frozenRows}` }
			: {}),
	};
	ws.headerFooter = {
		...ws.headerFooter,
		// In the book's font too (the code &"font,style" of Excel's header and footer syntax).
		oddFooter: `&L&"${BOOK_FONT},Regular"&A&R&"${BOOK_FONT},Regular"&P / &N`,
	};
}

/** Each chart as a picture at its anchor cell, sized as drawn. */
export function writeChartPictures(
	book: ExcelJS.Workbook,
	ws: ExcelJS.Worksheet,
	sheet: SheetModel,
): void {
	for (const chart of sheet.charts) {
		const picture = chartPicture(sheet, chart);
		const imageId = book.addImage({
			buffer: picture.png as unknown as ExcelJS.Buffer,
			extension: "png",
		});
		ws.addImage(imageId, {
			tl: { col: chart.anchorCol, row: chart.anchorRow },
			ext: { width: picture.width, height: picture.height },
			editAs: "oneCell",
		});
	}
}
