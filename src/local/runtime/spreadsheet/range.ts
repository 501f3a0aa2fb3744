/**
 * Range (https://developers.google.com/apps-script/reference/spreadsheet/range): a rectangle of one sheet, 1-based in the API, 0-based in
 * the model. Every mutator of content or format first checks the sheet's protections for the
 * effective user (a script running as a department user cannot write protected cells).
 */
import type { CellValue, GridRect, SheetModel } from "../model";
import { cellKey, getCell, rectsIntersect, setCell } from "../model";
import { GasError, type RuntimeState, workbookOfSheet } from "../state";
import { rectToA1 } from "./a1";
import {
	checkShape,
	clearBlock,
	deleteKeysInRect,
	fillBlock,
	formatAt,
	readBlock,
	scriptInput,
	updateFormats,
	writeBlock,
} from "./cells";
import {
	applyValidation,
	asLocalValidation,
	clearValidations,
	LocalDataValidation,
	specOf,
	validationAt,
} from "./data-validation";
import { displayValue, GENERAL_FORMAT } from "./display";
import {
	assertCanEdit,
	canEditRect,
	LocalProtection,
	newProtectionModel,
} from "./protection";
import { containsRect } from "./rects";
import { gas } from "./refs";
import { LocalSheet } from "./sheet";

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Sheets' default font family (an unformatted cell's getFontFamily). */
const DEFAULT_FONT_FAMILY = "Arial";

function fontFamilyArg(v: unknown): string | undefined {
	return v === null || v === undefined || v === "" ? undefined : String(v);
}

const OUTSIDE =
	"The coordinates of the range are outside the dimensions of the sheet.";

function toInt(v: unknown, what: string): number {
	const n = Number(v);
	if (
		v === undefined ||
		v === null ||
		typeof v === "boolean" ||
		!Number.isFinite(n)
	) {
		throw new GasError(`Invalid argument: ${what}`);
	}
	return Math.trunc(n);
}

/**
 * The rect of getRange(row, column, numRows, numColumns), 1-based, with Sheets' errors
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)).
 */
export function checkedRect(
	sheet: SheetModel,
	row: unknown,
	column: unknown,
	numRows: unknown = 1,
	numColumns: unknown = 1,
): GridRect {
	const r = toInt(row, "row");
	const c = toInt(column, "column");
	const nr = toInt(numRows, "numRows");
	const nc = toInt(numColumns, "numColumns");
	if (nr < 1)
		throw new GasError("The number of rows in the range must be at least 1.");
	if (nc < 1)
		throw new GasError(
			"The number of columns in the range must be at least 1.",
		);
	if (
		r < 1 ||
		c < 1 ||
		r + nr - 1 > sheet.maxRows ||
		c + nc - 1 > sheet.maxColumns
	) {
		throw new GasError(OUTSIDE);
	}
	return { row: r - 1, col: c - 1, numRows: nr, numCols: nc };
}

function checkRectInGrid(sheet: SheetModel, rect: GridRect): GridRect {
	if (
		rect.row < 0 ||
		rect.col < 0 ||
		rect.row + rect.numRows > sheet.maxRows ||
		rect.col + rect.numCols > sheet.maxColumns
	) {
		throw new GasError(OUTSIDE);
	}
	return rect;
}

type RangeApi = Pick<
	Range,
	| "activate"
	| "breakApart"
	| "canEdit"
	| "clear"
	| "clearContent"
	| "clearDataValidations"
	| "clearFormat"
	| "clearNote"
	| "getA1Notation"
	| "getBackground"
	| "getBackgrounds"
	| "getCell"
	| "getColumn"
	| "getDataValidation"
	| "getDataValidations"
	| "getDisplayValue"
	| "getDisplayValues"
	| "getFontColor"
	| "getFontFamilies"
	| "getFontFamily"
	| "getFontSize"
	| "getFontWeight"
	| "getFontWeights"
	| "getFormula"
	| "getFormulas"
	| "getGridId"
	| "getHorizontalAlignment"
	| "getLastColumn"
	| "getLastRow"
	| "getMergedRanges"
	| "getNote"
	| "getNotes"
	| "getNumColumns"
	| "getNumRows"
	| "getNumberFormat"
	| "getNumberFormats"
	| "getRow"
	| "getRowIndex"
	| "getSheet"
	| "getValue"
	| "getValues"
	| "getVerticalAlignment"
	| "getWrap"
	| "isBlank"
	| "isPartOfMerge"
	| "merge"
	| "offset"
	| "protect"
	| "setBackground"
	| "setBackgrounds"
	| "setDataValidation"
	| "setDataValidations"
	| "setFontColor"
	| "setFontFamilies"
	| "setFontFamily"
	| "setFontSize"
	| "setFontWeight"
	| "setFontWeights"
	| "setFormula"
	| "setFormulas"
	| "setHorizontalAlignment"
	| "setHorizontalAlignments"
	| "setNote"
	| "setNotes"
	| "setNumberFormat"
	| "setNumberFormats"
	| "setValue"
	| "setValues"
	| "setVerticalAlignment"
	| "setWrap"
	| "setWrapStrategy"
>;

export class LocalRange implements RangeApi {
	readonly rect: Readonly<GridRect>;

	constructor(
		private readonly state: RuntimeState,
		readonly sheetModel: SheetModel,
		rect: GridRect,
	) {
		this.rect = { ...rect };
	}

	toString(): string {
		return "Range";
	}

	private get self(): Range {
		return gas(this);
	}

	/** Protection check for the effective user before any change. */
	private guard(): void {
		assertCanEdit(
			this.state,
			this.sheetModel,
			this.rect,
			this.state.exec.effectiveUser,
		);
	}

	private grid<T>(cell: (row: number, col: number) => T): T[][] {
		const out: T[][] = new Array(this.rect.numRows);
		for (let i = 0; i < this.rect.numRows; i++) {
			const row: T[] = new Array(this.rect.numCols);
			for (let j = 0; j < this.rect.numCols; j++)
				row[j] = cell(this.rect.row + i, this.rect.col + j);
			out[i] = row;
		}
		return out;
	}

	// ---- geometry -------------------------------------------------------------------------

	getRow(): number {
		return this.rect.row + 1;
	}

	getRowIndex(): number {
		return this.rect.row + 1;
	}

	getColumn(): number {
		return this.rect.col + 1;
	}

	getNumRows(): number {
		return this.rect.numRows;
	}

	getNumColumns(): number {
		return this.rect.numCols;
	}

	/** The end row of the range, not of its content (range#getLastRow()). */
	getLastRow(): number {
		return this.rect.row + this.rect.numRows;
	}

	getLastColumn(): number {
		return this.rect.col + this.rect.numCols;
	}

	getA1Notation(): string {
		return rectToA1(this.rect);
	}

	getGridId(): number {
		return this.sheetModel.sheetId;
	}

	getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
		return gas(new LocalSheet(this.state, this.sheetModel));
	}

	/** range#offset(Integer,Integer,Integer,Integer): same size unless numRows/numColumns given. */
	offset(
		rowOffset: number,
		columnOffset: number,
		numRows?: number,
		numColumns?: number,
	): Range {
		const rect = checkedRect(
			this.sheetModel,
			this.rect.row + 1 + toInt(rowOffset, "rowOffset"),
			this.rect.col + 1 + toInt(columnOffset, "columnOffset"),
			numRows ?? this.rect.numRows,
			numColumns ?? this.rect.numCols,
		);
		return gas(new LocalRange(this.state, this.sheetModel, rect));
	}

	/** range#getCell(Integer,Integer): a cell relative to the range, 1-based, inside it. */
	getCell(row: number, column: number): Range {
		const r = toInt(row, "row");
		const c = toInt(column, "column");
		if (r < 1 || c < 1 || r > this.rect.numRows || c > this.rect.numCols) {
			throw new GasError("Cell reference out of range");
		}
		return gas(
			new LocalRange(this.state, this.sheetModel, {
				row: this.rect.row + r - 1,
				col: this.rect.col + c - 1,
				numRows: 1,
				numCols: 1,
			}),
		);
	}

	activate(): Range {
		return this.self;
	}

	canEdit(): boolean {
		return canEditRect(
			this.state,
			this.sheetModel,
			this.rect,
			this.state.exec.effectiveUser,
		);
	}

	// ---- values ---------------------------------------------------------------------------

	getValue(): unknown {
		return (
			readBlock(this.sheetModel, {
				...this.rect,
				numRows: 1,
				numCols: 1,
			})[0]?.[0] ?? ""
		);
	}

	/** range#getValues(): rows × columns of Number/Boolean/Date/String, '' when empty; a copy. */
	getValues(): CellValue[][] {
		return readBlock(this.sheetModel, this.rect);
	}

	/** range#setValue(Object): every cell of the range gets the value; "=…" is a formula. */
	setValue(value: unknown): Range {
		this.guard();
		fillBlock(this.sheetModel, this.rect, value, scriptInput(this.state));
		return this.self;
	}

	/** range#setValues(Object): throws on a size mismatch before writing anything. */
	setValues(values: unknown[][]): Range {
		checkShape(values, this.rect.numRows, this.rect.numCols);
		this.guard();
		writeBlock(this.sheetModel, this.rect, values, scriptInput(this.state));
		return this.self;
	}

	isBlank(): boolean {
		if (this.sheetModel.formulas.size > 0) {
			for (const key of this.sheetModel.formulas.keys()) {
				const [r, c] = key.split(",").map(Number) as [number, number];
				if (
					rectsIntersect(this.rect, { row: r, col: c, numRows: 1, numCols: 1 })
				)
					return false;
			}
		}
		return readBlock(this.sheetModel, this.rect).every((row) =>
			row.every((v) => v === ""),
		);
	}

	getDisplayValue(): string {
		return this.getDisplayValues()[0]?.[0] ?? "";
	}

	getDisplayValues(): string[][] {
		const tz = workbookOfSheet(this.state, this.sheetModel).timeZone;
		const values = readBlock(this.sheetModel, this.rect);
		return values.map((row, i) =>
			row.map((v, j) =>
				displayValue(
					v,
					formatAt(this.sheetModel, this.rect.row + i, this.rect.col + j)
						?.numberFormat,
					tz,
				),
			),
		);
	}

	// ---- formulas (stored, never evaluated) -----------------------------------------------

	getFormula(): string {
		return (
			this.sheetModel.formulas.get(cellKey(this.rect.row, this.rect.col)) ?? ""
		);
	}

	getFormulas(): string[][] {
		const f = this.sheetModel.formulas;
		return this.grid((r, c) => (f.size ? (f.get(cellKey(r, c)) ?? "") : ""));
	}

	/** range#setFormula(String): every cell gets the formula; its value is '' (not computed). */
	setFormula(formula: string): Range {
		this.guard();
		const text = String(formula);
		const f = text.startsWith("=") ? text : `=${text}`;
		fillBlock(this.sheetModel, this.rect, f, "user");
		return this.self;
	}

	setFormulas(formulas: string[][]): Range {
		checkShape(formulas, this.rect.numRows, this.rect.numCols);
		this.guard();
		// An empty string clears the cell; anything else is a formula.
		const data = formulas.map((row) =>
			row.map((f) => {
				const text = f === null || f === undefined ? "" : String(f);
				return text === "" ? "" : text.startsWith("=") ? text : `=${text}`;
			}),
		);
		writeBlock(this.sheetModel, this.rect, data, "user");
		return this.self;
	}

	clearContent(): Range {
		this.guard();
		clearBlock(this.sheetModel, this.rect);
		return this.self;
	}

	/**
	 * range#clear(): contents and formats; with options only the parts asked for. Our reading of
	 * the page: a bare clear() also removes notes and data validation (everything a cell holds).
	 */
	clear(options?: {
		commentsOnly?: boolean;
		contentsOnly?: boolean;
		formatOnly?: boolean;
		validationsOnly?: boolean;
		skipFilteredRows?: boolean;
	}): Range {
		this.guard();
		const any =
			options &&
			(options.commentsOnly ||
				options.contentsOnly ||
				options.formatOnly ||
				options.validationsOnly);
		if (!any || options?.contentsOnly) clearBlock(this.sheetModel, this.rect);
		if (!any || options?.formatOnly)
			deleteKeysInRect(this.sheetModel.formats, this.rect);
		if (!any || options?.commentsOnly)
			deleteKeysInRect(this.sheetModel.notes, this.rect);
		if (!any || options?.validationsOnly)
			clearValidations(this.sheetModel, this.rect);
		return this.self;
	}

	clearFormat(): Range {
		this.guard();
		deleteKeysInRect(this.sheetModel.formats, this.rect);
		return this.self;
	}

	// ---- notes ----------------------------------------------------------------------------

	getNote(): string {
		return (
			this.sheetModel.notes.get(cellKey(this.rect.row, this.rect.col)) ?? ""
		);
	}

	getNotes(): string[][] {
		const n = this.sheetModel.notes;
		return this.grid((r, c) => (n.size ? (n.get(cellKey(r, c)) ?? "") : ""));
	}

	setNote(note: string | null): Range {
		this.guard();
		const text = note === null || note === undefined ? "" : String(note);
		for (let r = this.rect.row; r < this.rect.row + this.rect.numRows; r++)
			for (let c = this.rect.col; c < this.rect.col + this.rect.numCols; c++) {
				if (text === "") this.sheetModel.notes.delete(cellKey(r, c));
				else this.sheetModel.notes.set(cellKey(r, c), text);
			}
		return this.self;
	}

	setNotes(notes: Array<Array<string | null>>): Range {
		checkShape(notes, this.rect.numRows, this.rect.numCols);
		this.guard();
		notes.forEach((row, i) => {
			row.forEach((note, j) => {
				const key = cellKey(this.rect.row + i, this.rect.col + j);
				const text = note === null || note === undefined ? "" : String(note);
				if (text === "") this.sheetModel.notes.delete(key);
				else this.sheetModel.notes.set(key, text);
			});
		});
		return this.self;
	}

	clearNote(): Range {
		this.guard();
		deleteKeysInRect(this.sheetModel.notes, this.rect);
		return this.self;
	}

	// ---- formats --------------------------------------------------------------------------

	private formatAt(r: number, c: number) {
		return formatAt(this.sheetModel, r, c);
	}

	/** Default white, as Sheets reports an unformatted cell. */
	getBackground(): string {
		return this.formatAt(this.rect.row, this.rect.col)?.background ?? "#ffffff";
	}

	getBackgrounds(): string[][] {
		return this.grid((r, c) => this.formatAt(r, c)?.background ?? "#ffffff");
	}

	setBackground(color: string | null): Range {
		this.guard();
		const value =
			color === null || color === undefined || color === ""
				? undefined
				: String(color);
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.background = value;
		});
		return this.self;
	}

	setBackgrounds(colors: Array<Array<string | null>>): Range {
		checkShape(colors, this.rect.numRows, this.rect.numCols);
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f, i, j) => {
			const color = colors[i]?.[j];
			f.background =
				color === null || color === undefined || color === ""
					? undefined
					: String(color);
		});
		return this.self;
	}

	getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
		return this.formatAt(this.rect.row, this.rect.col)?.font?.bold
			? "bold"
			: "normal";
	}

	getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
		return this.grid((r, c) =>
			this.formatAt(r, c)?.font?.bold ? "bold" : "normal",
		);
	}

	setFontWeight(
		fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null,
	): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.font = { ...f.font, bold: fontWeight === "bold" ? true : undefined };
		});
		return this.self;
	}

	setFontWeights(
		fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>,
	): Range {
		checkShape(fontWeights, this.rect.numRows, this.rect.numCols);
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f, i, j) => {
			f.font = {
				...f.font,
				bold: fontWeights[i]?.[j] === "bold" ? true : undefined,
			};
		});
		return this.self;
	}

	getFontColor(): string {
		return (
			this.formatAt(this.rect.row, this.rect.col)?.font?.color ?? "#000000"
		);
	}

	setFontColor(color: string | null): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.font = { ...f.font, color: color ? String(color) : undefined };
		});
		return this.self;
	}

	/**
	 * range#getFontFamily(): the top-left cell's family; an unformatted cell reports Sheets' default
	 * font, Arial (as getFontSize reports its default size, 10).
	 */
	getFontFamily(): string {
		return (
			this.formatAt(this.rect.row, this.rect.col)?.font?.family ??
			DEFAULT_FONT_FAMILY
		);
	}

	getFontFamilies(): string[][] {
		return this.grid(
			(r, c) => this.formatAt(r, c)?.font?.family ?? DEFAULT_FONT_FAMILY,
		);
	}

	/** range#setFontFamily(String): a family name such as "Arial"; null resets to the default. */
	setFontFamily(fontFamily: string | null): Range {
		this.guard();
		const family = fontFamilyArg(fontFamily);
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.font = { ...f.font, family };
		});
		return this.self;
	}

	setFontFamilies(fontFamilies: Array<Array<string | null>>): Range {
		checkShape(fontFamilies, this.rect.numRows, this.rect.numCols);
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f, i, j) => {
			f.font = { ...f.font, family: fontFamilyArg(fontFamilies[i]?.[j]) };
		});
		return this.self;
	}

	/** Sheets' default font size is 10. */
	getFontSize(): number {
		return this.formatAt(this.rect.row, this.rect.col)?.font?.size ?? 10;
	}

	setFontSize(size: number): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.font = { ...f.font, size: toInt(size, "size") };
		});
		return this.self;
	}

	getNumberFormat(): string {
		return (
			this.formatAt(this.rect.row, this.rect.col)?.numberFormat ??
			GENERAL_FORMAT
		);
	}

	getNumberFormats(): string[][] {
		return this.grid(
			(r, c) => this.formatAt(r, c)?.numberFormat ?? GENERAL_FORMAT,
		);
	}

	setNumberFormat(numberFormat: string): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.numberFormat = numberFormat ? String(numberFormat) : undefined;
		});
		return this.self;
	}

	setNumberFormats(numberFormats: string[][]): Range {
		checkShape(numberFormats, this.rect.numRows, this.rect.numCols);
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f, i, j) => {
			const nf = numberFormats[i]?.[j];
			f.numberFormat = nf ? String(nf) : undefined;
		});
		return this.self;
	}

	getWrap(): boolean {
		return this.formatAt(this.rect.row, this.rect.col)?.wrap ?? false;
	}

	setWrap(isWrapEnabled: boolean): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.wrap = isWrapEnabled ? true : undefined;
		});
		return this.self;
	}

	setWrapStrategy(strategy: GoogleAppsScript.Spreadsheet.WrapStrategy): Range {
		return this.setWrap(String(strategy) === "WRAP");
	}

	getHorizontalAlignment(): string {
		return (
			this.formatAt(this.rect.row, this.rect.col)?.horizontalAlignment ??
			"general"
		);
	}

	setHorizontalAlignment(
		alignment: "left" | "center" | "normal" | "right" | null,
	): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.horizontalAlignment =
				alignment === "left" || alignment === "center" || alignment === "right"
					? alignment
					: undefined;
		});
		return this.self;
	}

	setHorizontalAlignments(
		alignments: Array<Array<"left" | "center" | "normal" | "right" | null>>,
	): Range {
		checkShape(alignments, this.rect.numRows, this.rect.numCols);
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f, i, j) => {
			const a = alignments[i]?.[j];
			f.horizontalAlignment =
				a === "left" || a === "center" || a === "right" ? a : undefined;
		});
		return this.self;
	}

	/** range#getVerticalAlignment(): "bottom" for an unformatted cell, Sheets' default. */
	getVerticalAlignment(): string {
		return (
			this.formatAt(this.rect.row, this.rect.col)?.verticalAlignment ?? "bottom"
		);
	}

	/** range#setVerticalAlignment(String): "top", "middle" or "bottom"; null resets (bottom). */
	setVerticalAlignment(alignment: "top" | "middle" | "bottom" | null): Range {
		this.guard();
		updateFormats(this.sheetModel, this.rect, (f) => {
			f.verticalAlignment =
				alignment === "top" || alignment === "middle" ? alignment : undefined;
		});
		return this.self;
	}

	// ---- data validation ------------------------------------------------------------------

	getDataValidation(): DataValidation | null {
		const v = validationAt(this.sheetModel, this.rect.row, this.rect.col);
		return v ? gas(new LocalDataValidation(this.state, specOf(v))) : null;
	}

	getDataValidations(): Array<Array<DataValidation | null>> {
		const out: Array<Array<DataValidation | null>> = this.grid(() => null);
		for (const v of this.sheetModel.validations) {
			if (!rectsIntersect(v.rect, this.rect)) continue;
			const rule = gas<DataValidation>(
				new LocalDataValidation(this.state, specOf(v)),
			);
			const r0 = Math.max(v.rect.row, this.rect.row);
			const r1 = Math.min(
				v.rect.row + v.rect.numRows,
				this.rect.row + this.rect.numRows,
			);
			const c0 = Math.max(v.rect.col, this.rect.col);
			const c1 = Math.min(
				v.rect.col + v.rect.numCols,
				this.rect.col + this.rect.numCols,
			);
			for (let r = r0; r < r1; r++) {
				const row = out[r - this.rect.row] as Array<DataValidation | null>;
				for (let c = c0; c < c1; c++) row[c - this.rect.col] = rule;
			}
		}
		return out;
	}

	/** range#setDataValidation(DataValidation): null clears it. */
	setDataValidation(rule: DataValidation | null): Range {
		this.guard();
		applyValidation(
			this.sheetModel,
			this.rect,
			rule === null ? null : asLocalValidation(rule),
		);
		return this.self;
	}

	setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
		checkShape(rules, this.rect.numRows, this.rect.numCols);
		this.guard();
		clearValidations(this.sheetModel, this.rect);
		// Runs of the same rule object along a row become one stored rule.
		rules.forEach((row, i) => {
			let j = 0;
			while (j < row.length) {
				const rule = row[j] ?? null;
				let k = j + 1;
				while (k < row.length && (row[k] ?? null) === rule) k++;
				if (rule !== null) {
					applyValidation(
						this.sheetModel,
						{
							row: this.rect.row + i,
							col: this.rect.col + j,
							numRows: 1,
							numCols: k - j,
						},
						asLocalValidation(rule),
					);
				}
				j = k;
			}
		});
		return this.self;
	}

	clearDataValidations(): Range {
		this.guard();
		clearValidations(this.sheetModel, this.rect);
		return this.self;
	}

	// ---- merges ---------------------------------------------------------------------------

	/**
	 * range#merge(): one block keeping the top-left value. Merging across part of an existing
	 * merge throws Sheets' message; merges inside the range are replaced.
	 */
	merge(): Range {
		this.guard();
		const merges = this.sheetModel.merges;
		for (const m of merges) {
			if (rectsIntersect(m, this.rect) && !containsRect(this.rect, m)) {
				throw new GasError(
					"You must select all cells in a merged range to merge or unmerge them.",
				);
			}
		}
		this.sheetModel.merges = merges.filter((m) => !containsRect(this.rect, m));
		if (this.rect.numRows * this.rect.numCols > 1) {
			const keep = getCell(this.sheetModel, this.rect.row, this.rect.col);
			const keepFormula = this.getFormula();
			clearBlock(this.sheetModel, this.rect);
			if (keep !== "")
				setCell(this.sheetModel, this.rect.row, this.rect.col, keep);
			if (keepFormula)
				this.sheetModel.formulas.set(
					cellKey(this.rect.row, this.rect.col),
					keepFormula,
				);
			this.sheetModel.merges.push({ ...this.rect });
		}
		return this.self;
	}

	breakApart(): Range {
		this.guard();
		for (const m of this.sheetModel.merges) {
			if (rectsIntersect(m, this.rect) && !containsRect(this.rect, m)) {
				throw new GasError(
					"You must select all cells in a merged range to merge or unmerge them.",
				);
			}
		}
		this.sheetModel.merges = this.sheetModel.merges.filter(
			(m) => !containsRect(this.rect, m),
		);
		return this.self;
	}

	isPartOfMerge(): boolean {
		return this.sheetModel.merges.some((m) => rectsIntersect(m, this.rect));
	}

	getMergedRanges(): Range[] {
		return this.sheetModel.merges
			.filter((m) => rectsIntersect(m, this.rect))
			.map((m) => gas<Range>(new LocalRange(this.state, this.sheetModel, m)));
	}

	// ---- protection -----------------------------------------------------------------------

	/** range#protect(): a new protection, even where one exists (overlapping ones may coexist). */
	protect(): GoogleAppsScript.Spreadsheet.Protection {
		const model = newProtectionModel(
			this.state,
			this.sheetModel,
			checkRectInGrid(this.sheetModel, { ...this.rect }),
		);
		this.sheetModel.protections.push(model);
		return gas(new LocalProtection(this.state, this.sheetModel, model));
	}
}

export function asLocalRange(range: unknown): LocalRange {
	if (range instanceof LocalRange) return range;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Range.",
	);
}
