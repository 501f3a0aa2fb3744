/**
 * Block reads and writes on the dense value grid, and the conversions Sheets applies to what
 * a script or a user writes. Hot path: no per-cell Map lookups unless the sheet has formulas or
 * formats that matter, no per-cell allocations except copies of Dates.
 */
import {
	type CellFormat,
	type CellValue,
	cellKey,
	type GridRect,
	type SheetModel,
} from "../model";
import { GasError, type RuntimeState } from "../state";
import { GENERAL_FORMAT } from "./display";
import { type InputContext, parseTypedInput } from "./typed-input";

/**
 * How a written value is interpreted.
 * - an InputContext (Range.setValue(s), RangeList.setValue, Sheet.appendRow): a string is parsed
 *   like typed input (typed-input.ts) unless the cell is formatted as plain text ("@"); "=…" is a
 *   formula (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object));
 *   a leading apostrophe forces text and is not part of the value ("TO_TEXT is equivalent to
 *   prefixing a number with an apostrophe", https://support.google.com/docs/answer/3094285).
 * - "user": a user edit given as JS values: "=" starts a formula, "'" forces text, nothing else is
 *   guessed (the caller passes what the user's value is).
 */
export type WriteMode = InputContext | "user";

/** The parsing context of a script's writes to the state's spreadsheet. */
export function scriptInput(state: RuntimeState): InputContext {
	return {
		locale: state.workbook.locale,
		timeZone: state.workbook.timeZone,
		now: () => state.now(),
	};
}

function isTextFormatted(sheet: SheetModel, row: number, col: number): boolean {
	return sheet.formats.get(cellKey(row, col))?.numberFormat === "@";
}

/** The format Sheets gives a cell whose number format is automatic (none set) for typed input. */
function setAutomaticFormat(
	sheet: SheetModel,
	row: number,
	col: number,
	numberFormat: string,
): void {
	const key = cellKey(row, col);
	const format = sheet.formats.get(key);
	const current = format?.numberFormat;
	// "General" (Apps Script's name) and the runtime's GENERAL_FORMAT are automatic too.
	if (current && current !== GENERAL_FORMAT && !/^general$/i.test(current))
		return;
	sheet.formats.set(key, { ...format, numberFormat });
}

/** Makes sure rows [0, rowEnd) exist as arrays. */
function ensureRows(sheet: SheetModel, rowEnd: number): void {
	const values = sheet.values;
	for (let r = 0; r < rowEnd; r++) if (values[r] === undefined) values[r] = [];
}

/** Deletes the map entries keyed `row,col` that fall inside rect. */
export function deleteKeysInRect<T>(map: Map<string, T>, rect: GridRect): void {
	if (map.size === 0) return;
	const cells = rect.numRows * rect.numCols;
	if (map.size <= cells) {
		for (const key of map.keys()) {
			const comma = key.indexOf(",");
			const r = Number(key.slice(0, comma));
			const c = Number(key.slice(comma + 1));
			if (
				r >= rect.row &&
				r < rect.row + rect.numRows &&
				c >= rect.col &&
				c < rect.col + rect.numCols
			)
				map.delete(key);
		}
	} else {
		for (let r = rect.row; r < rect.row + rect.numRows; r++)
			for (let c = rect.col; c < rect.col + rect.numCols; c++)
				map.delete(cellKey(r, c));
	}
}

/** Converts one written value; records a formula in `sheet.formulas` when it is one. */
function convert(
	sheet: SheetModel,
	v: unknown,
	row: number,
	col: number,
	mode: WriteMode,
): CellValue {
	if (v === undefined || v === null) return "";
	switch (typeof v) {
		case "string": {
			if (v.length === 0) return v;
			const ch = v.charCodeAt(0);
			if (ch === 61 && v.length > 1) {
				// "=…" is stored as a formula and never evaluated: its value is '' (no cached result).
				sheet.formulas.set(cellKey(row, col), v);
				return "";
			}
			if (ch === 39) return v.slice(1); // leading apostrophe: literal text, apostrophe hidden
			if (mode === "user") return v;
			if (sheet.formats.size > 0 && isTextFormatted(sheet, row, col)) return v;
			const typed = parseTypedInput(v, mode);
			if (!typed) return v;
			if (typed.numberFormat)
				setAutomaticFormat(sheet, row, col, typed.numberFormat);
			return typed.value;
		}
		case "number":
		case "boolean":
			return v;
		default:
			if (v instanceof Date) return new Date(v.getTime());
			return String(v);
	}
}

/**
 * Writes `data` (already checked to be rect-shaped) at rect. Clears formulas in the rect first;
 * notes and formats are untouched, as with Range.setValues.
 */
export function writeBlock(
	sheet: SheetModel,
	rect: GridRect,
	data: readonly (readonly unknown[])[],
	mode: WriteMode,
): void {
	deleteKeysInRect(sheet.formulas, rect);
	ensureRows(sheet, rect.row + rect.numRows);
	const values = sheet.values;
	for (let i = 0; i < rect.numRows; i++) {
		const r = rect.row + i;
		const dst = values[r] as CellValue[];
		for (let c = dst.length; c < rect.col; c++) dst[c] = "";
		const src = data[i] as readonly unknown[];
		for (let j = 0; j < rect.numCols; j++) {
			const v = src[j];
			const c = rect.col + j;
			// Fast paths for the common plain values.
			const t = typeof v;
			if (t === "number" || t === "boolean") dst[c] = v as number | boolean;
			else if (t === "string") {
				const ch = (v as string).charCodeAt(0);
				// Not '=', "'", a digit, '+', '-', '.', or t/f: stored as is.
				if (
					ch > 57 &&
					ch !== 61 &&
					ch !== 102 &&
					ch !== 116 &&
					ch !== 70 &&
					ch !== 84
				)
					dst[c] = v as string;
				else dst[c] = convert(sheet, v, r, c, mode);
			} else dst[c] = convert(sheet, v, r, c, mode);
		}
	}
}

/** Fills rect with one value (Range.setValue sets every cell of the range). */
export function fillBlock(
	sheet: SheetModel,
	rect: GridRect,
	value: unknown,
	mode: WriteMode,
): void {
	const row: unknown[] = new Array(rect.numCols).fill(value);
	const data: unknown[][] = new Array(rect.numRows).fill(row);
	writeBlock(sheet, rect, data, mode);
}

/** Sets the values in rect to '' and drops their formulas (Range.clearContent). */
export function clearBlock(sheet: SheetModel, rect: GridRect): void {
	deleteKeysInRect(sheet.formulas, rect);
	const values = sheet.values;
	const end = Math.min(values.length, rect.row + rect.numRows);
	for (let r = rect.row; r < end; r++) {
		const row = values[r];
		if (!row) continue;
		const cEnd = Math.min(row.length, rect.col + rect.numCols);
		for (let c = rect.col; c < cEnd; c++) row[c] = "";
	}
}

/** rows × columns of values, '' for empty cells; Dates copied (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()). */
export function readBlock(sheet: SheetModel, rect: GridRect): CellValue[][] {
	const out: CellValue[][] = new Array(rect.numRows);
	const values = sheet.values;
	const cEnd = rect.col + rect.numCols;
	for (let i = 0; i < rect.numRows; i++) {
		const src = values[rect.row + i];
		let row: CellValue[];
		if (src === undefined) {
			row = new Array<CellValue>(rect.numCols).fill("");
		} else {
			// slice() copies in bulk; then only holes (short rows) and Dates need fixing.
			row = src.slice(rect.col, cEnd);
			for (let j = row.length; j < rect.numCols; j++) row.push("");
			for (let j = 0; j < row.length; j++) {
				const v = row[j];
				if (v === undefined) row[j] = "";
				else if (typeof v === "object") row[j] = new Date(v.getTime());
			}
		}
		out[i] = row;
	}
	return out;
}

/** Throws Sheets' messages when `data` is not numRows × numCols. Checked before any write. */
export function checkShape(
	data: unknown,
	numRows: number,
	numCols: number,
): asserts data is unknown[][] {
	if (!Array.isArray(data)) {
		throw new GasError(
			"The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.",
		);
	}
	if (data.length !== numRows) {
		throw new GasError(
			`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
		);
	}
	for (const row of data) {
		const len = Array.isArray(row) ? row.length : 0;
		if (len !== numCols) {
			throw new GasError(
				`The number of columns in the data does not match the number of columns in the range. The data has ${len} but the range has ${numCols}.`,
			);
		}
	}
}

/** The last row (1-based) with a value or a formula: Sheet.getLastRow(). */
export function contentLastRow(sheet: SheetModel): number {
	let last = 0;
	const values = sheet.values;
	for (let r = values.length - 1; r >= 0; r--) {
		const row = values[r];
		if (row?.some((v) => v !== "" && v !== undefined)) {
			last = r + 1;
			break;
		}
	}
	for (const key of sheet.formulas.keys()) {
		const r = Number(key.slice(0, key.indexOf(","))) + 1;
		if (r > last) last = r;
	}
	return last;
}

/** The last column (1-based) with a value or a formula: Sheet.getLastColumn(). */
export function contentLastColumn(sheet: SheetModel): number {
	let last = 0;
	for (const row of sheet.values) {
		if (!row) continue;
		for (let c = row.length - 1; c >= last; c--) {
			const v = row[c];
			if (v !== "" && v !== undefined) {
				last = c + 1;
				break;
			}
		}
	}
	for (const key of sheet.formulas.keys()) {
		const c = Number(key.slice(key.indexOf(",") + 1)) + 1;
		if (c > last) last = c;
	}
	return last;
}

/** Updates the format of every cell in rect; drops entries left empty. */
export function updateFormats(
	sheet: SheetModel,
	rect: GridRect,
	update: (format: CellFormat, i: number, j: number) => void,
): void {
	for (let i = 0; i < rect.numRows; i++) {
		for (let j = 0; j < rect.numCols; j++) {
			const key = cellKey(rect.row + i, rect.col + j);
			const format = sheet.formats.get(key) ?? {};
			update(format, i, j);
			if (
				format.font &&
				Object.keys(format.font).every(
					(k) => format.font?.[k as keyof typeof format.font] === undefined,
				)
			)
				delete format.font;
			if (Object.values(format).every((v) => v === undefined))
				sheet.formats.delete(key);
			else sheet.formats.set(key, format);
		}
	}
}

export function formatAt(
	sheet: SheetModel,
	row: number,
	col: number,
): CellFormat | undefined {
	return sheet.formats.size === 0
		? undefined
		: sheet.formats.get(cellKey(row, col));
}
