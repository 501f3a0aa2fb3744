/**
 * Cell values and formats between exceljs and the model.
 */
import ExcelJS from "exceljs";
import type { CellFormat, CellValue } from "../model";
import {
	instantToWallClock,
	isBooleanFormat,
	wallClockToInstant,
} from "./dates";

const VT = ExcelJS.ValueType;

/** Plain text of a rich-text / hyperlink / string value. */
function textOf(value: unknown): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "string") return value;
	if (typeof value === "object") {
		const v = value as { richText?: Array<{ text?: string }>; text?: unknown };
		if (Array.isArray(v.richText))
			return v.richText.map((r) => r.text ?? "").join("");
		if ("text" in v) return textOf(v.text);
	}
	return String(value);
}

function scalar(
	v: unknown,
	numFmt: string | undefined,
	timeZone: string,
): CellValue {
	if (v === null || v === undefined) return "";
	if (v instanceof Date) return wallClockToInstant(v, timeZone);
	if (typeof v === "number") {
		if (isBooleanFormat(numFmt)) return v !== 0;
		return v;
	}
	if (typeof v === "boolean" || typeof v === "string") return v;
	if (typeof v === "object") {
		const o = v as { error?: unknown };
		if (typeof o.error === "string") return o.error;
		return textOf(v);
	}
	return String(v);
}

export interface ReadCell {
	value: CellValue;
	formula?: string;
}

/** The model value (and formula) of an exceljs cell. */
export function readCell(cell: ExcelJS.Cell, timeZone: string): ReadCell {
	const numFmt = cell.numFmt;
	switch (cell.type) {
		case VT.Null:
		case VT.Merge:
			return { value: "" };
		case VT.Formula: {
			const v = cell.value as { result?: unknown };
			let formula = cell.formula ?? "";
			if (formula.startsWith("=")) formula = formula.slice(1);
			return { value: scalar(v.result, numFmt, timeZone), formula };
		}
		case VT.RichText:
		case VT.Hyperlink:
		case VT.SharedString:
			return { value: textOf(cell.value) };
		case VT.Error:
			return { value: scalar(cell.value, numFmt, timeZone) };
		default:
			return { value: scalar(cell.value, numFmt, timeZone) };
	}
}

/** exceljs value for a model value (Dates as wall clock in the spreadsheet's zone). */
export function toExcelValue(
	value: CellValue,
	timeZone: string,
): ExcelJS.CellValue {
	if (value instanceof Date) return instantToWallClock(value, timeZone);
	return value;
}

const HEX6 = /^#([0-9a-fA-F]{6})$/;
const HEX3 = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/;

/** "#rrggbb" / "#rgb" → "FFRRGGBB"; undefined for anything else (CSS names are not mapped). */
export function toArgb(color: string | undefined): string | undefined {
	if (!color) return undefined;
	const m6 = HEX6.exec(color);
	if (m6) return `FF${(m6[1] as string).toUpperCase()}`;
	const m3 = HEX3.exec(color);
	if (m3)
		return `FF${m3
			.slice(1)
			.map((x) => (x as string).repeat(2))
			.join("")
			.toUpperCase()}`;
	return undefined;
}

function fromArgb(
	color: Partial<ExcelJS.Color> | undefined,
): string | undefined {
	const argb = color?.argb;
	if (typeof argb !== "string") return undefined;
	const hex =
		argb.length === 8 ? argb.slice(2) : argb.length === 6 ? argb : undefined;
	if (!hex || !/^[0-9a-fA-F]{6}$/.test(hex)) return undefined;
	return `#${hex.toLowerCase()}`;
}

/** The file's usual font: a cell's size or family equal to it is not kept as a format. */
export interface FileFont {
	size?: number;
	family?: string;
}

/** Formatting of an exceljs cell in model form; undefined when it has none we keep. */
export function readFormat(
	cell: ExcelJS.Cell,
	usual: FileFont,
): CellFormat | undefined {
	const f: CellFormat = {};
	const fill = cell.fill as ExcelJS.FillPattern | undefined;
	if (fill && fill.type === "pattern" && fill.pattern === "solid") {
		const bg = fromArgb(fill.fgColor);
		if (bg) f.background = bg;
	}
	const font = cell.font;
	if (font) {
		const fs: NonNullable<CellFormat["font"]> = {};
		if (font.bold) fs.bold = true;
		if (font.italic) fs.italic = true;
		const color = fromArgb(font.color);
		if (color) fs.color = color;
		if (
			typeof font.size === "number" &&
			usual.size !== undefined &&
			font.size !== usual.size
		) {
			fs.size = font.size;
		}
		if (font.name && usual.family !== undefined && font.name !== usual.family)
			fs.family = font.name;
		if (Object.keys(fs).length > 0) f.font = fs;
	}
	const numFmt = cell.numFmt;
	if (numFmt && numFmt !== "General" && !isBooleanFormat(numFmt))
		f.numberFormat = numFmt;
	const al = cell.alignment;
	if (al) {
		if (al.wrapText) f.wrap = true;
		if (
			al.horizontal === "left" ||
			al.horizontal === "center" ||
			al.horizontal === "right"
		) {
			f.horizontalAlignment = al.horizontal;
		}
		if (al.vertical === "top" || al.vertical === "middle")
			f.verticalAlignment = al.vertical;
	}
	return Object.keys(f).length > 0 ? f : undefined;
}

/** Apply a model format to an exceljs cell. */
export function writeFormat(cell: ExcelJS.Cell, f: CellFormat): void {
	const bg = toArgb(f.background);
	if (bg)
		cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: bg } };
	if (f.font) {
		const font: Partial<ExcelJS.Font> = {};
		if (f.font.bold) font.bold = true;
		if (f.font.italic) font.italic = true;
		const color = toArgb(f.font.color);
		if (color) font.color = { argb: color };
		if (typeof f.font.size === "number") font.size = f.font.size;
		if (f.font.family) font.name = f.font.family;
		if (Object.keys(font).length > 0) cell.font = font;
	}
	if (f.numberFormat) cell.numFmt = f.numberFormat;
	if (f.wrap || f.horizontalAlignment || f.verticalAlignment) {
		const al: Partial<ExcelJS.Alignment> = {};
		if (f.wrap) al.wrapText = true;
		if (f.horizontalAlignment) al.horizontal = f.horizontalAlignment;
		if (f.verticalAlignment) al.vertical = f.verticalAlignment;
		cell.alignment = al;
	}
}

/** Excel column width (characters) → pixels, as Excel renders Calibri 11 (max digit width 7 px). */
export function widthToPixels(width: number): number {
	if (width <= 0) return 0;
	return width < 1 ? Math.round(width * 12) : Math.round(width * 7 + 5);
}

/** Pixels → Excel column width; the exact inverse of widthToPixels for whole pixels. */
export function pixelsToWidth(px: number): number {
	if (px <= 0) return 0;
	const w = px < 12 ? px / 12 : (px - 5) / 7;
	return Math.round(w * 1e6) / 1e6;
}
