/**
 * Sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet). Wraps one SheetModel; a fresh wrapper per lookup, as on
 * Google (object identity is not guaranteed there either).
 */
import type { ChartModel, GridRect, SheetModel, WorkbookModel } from "../model";
import { GasError, type RuntimeState, workbookOfSheet } from "../state";
import { parseA1Range, splitSheetPrefix } from "./a1";
import {
	clearBlock,
	contentLastColumn,
	contentLastRow,
	deleteKeysInRect,
	scriptInput,
	writeBlock,
} from "./cells";
import {
	asLocalChart,
	LocalEmbeddedChart,
	LocalEmbeddedChartBuilder,
} from "./chart";
import { asLocalRule, LocalConditionalFormatRule } from "./conditional-format";
import { clearValidations } from "./data-validation";
import { shiftGrid } from "./grid-ops";
import {
	assertCanEdit,
	LocalProtection,
	newProtectionModel,
	protectionsOf,
} from "./protection";
import { checkedRect, LocalRange } from "./range";
import { LocalRangeList } from "./range-list";
import { gas } from "./refs";
import { LocalSpreadsheet } from "./spreadsheet";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The active sheet of each workbook (by sheetId); the first visible sheet when unset. */
const activeSheets = new WeakMap<WorkbookModel, number>();

export function activeSheetOf(wb: WorkbookModel): SheetModel {
	const id = activeSheets.get(wb);
	const found =
		id === undefined ? undefined : wb.sheets.find((s) => s.sheetId === id);
	const sheet = found ?? wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0];
	if (!sheet) throw new GasError("The spreadsheet has no sheets.");
	return sheet;
}

export function setActiveSheet(wb: WorkbookModel, sheet: SheetModel): void {
	activeSheets.set(wb, sheet.sheetId);
}

export function duplicateNameError(name: string): GasError {
	return new GasError(
		`A sheet with the name "${name}" already exists. Please enter another name.`,
	);
}

/** Sheet names are unique case-insensitively in Sheets. */
export function findSheet(
	wb: WorkbookModel,
	name: string,
): SheetModel | undefined {
	const lower = name.toLowerCase();
	return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}

/** Resolves "Sheet!A1:B2" (or "A1:B2" on `fallback`) to a sheet and an in-grid rect. */
export function resolveA1(
	wb: WorkbookModel,
	a1: string,
	fallback: SheetModel | null,
): { sheet: SheetModel; rect: GridRect } {
	const { sheetName, ref } = splitSheetPrefix(String(a1));
	const sheet =
		sheetName === null ? fallback : (findSheet(wb, sheetName) ?? null);
	if (!sheet) throw new GasError("Range not found");
	const rect = parseA1Range(ref, sheet.maxRows, sheet.maxColumns);
	if (
		rect.row + rect.numRows > sheet.maxRows ||
		rect.col + rect.numCols > sheet.maxColumns
	) {
		throw new GasError(
			"The coordinates of the range are outside the dimensions of the sheet.",
		);
	}
	return { sheet, rect };
}

function positiveInt(v: unknown, what: string): number {
	const n = Number(v);
	if (!Number.isInteger(n)) throw new GasError(`Invalid argument: ${what}`);
	return n;
}

type SheetApi = Pick<
	Sheet,
	| "activate"
	| "appendRow"
	| "clear"
	| "clearConditionalFormatRules"
	| "clearContents"
	| "clearFormats"
	| "clearNotes"
	| "deleteColumn"
	| "deleteColumns"
	| "deleteRow"
	| "deleteRows"
	| "getCharts"
	| "getColumnWidth"
	| "getConditionalFormatRules"
	| "getDataRange"
	| "getFrozenColumns"
	| "getFrozenRows"
	| "getIndex"
	| "getLastColumn"
	| "getLastRow"
	| "getMaxColumns"
	| "getMaxRows"
	| "getName"
	| "getParent"
	| "getProtections"
	| "getRange"
	| "getRangeList"
	| "getSheetId"
	| "getSheetName"
	| "hideColumns"
	| "hideRows"
	| "hideSheet"
	| "insertChart"
	| "insertColumnAfter"
	| "insertColumnBefore"
	| "insertColumns"
	| "insertColumnsAfter"
	| "insertColumnsBefore"
	| "insertRowAfter"
	| "insertRowBefore"
	| "insertRows"
	| "insertRowsAfter"
	| "insertRowsBefore"
	| "isRowHiddenByUser"
	| "isSheetHidden"
	| "newChart"
	| "protect"
	| "removeChart"
	| "setColumnWidth"
	| "setColumnWidths"
	| "setConditionalFormatRules"
	| "setFrozenColumns"
	| "setFrozenRows"
	| "setName"
	| "setTabColor"
	| "showRows"
	| "showSheet"
	| "updateChart"
>;

export class LocalSheet implements SheetApi {
	constructor(
		private readonly state: RuntimeState,
		readonly model: SheetModel,
	) {}

	toString(): string {
		return "Sheet";
	}

	private get self(): Sheet {
		return gas(this);
	}

	private get wb(): WorkbookModel {
		return workbookOfSheet(this.state, this.model);
	}

	private whole(): GridRect {
		return {
			row: 0,
			col: 0,
			numRows: this.model.maxRows,
			numCols: this.model.maxColumns,
		};
	}

	/** Sheet-level changes (name, structure, layout) need edit rights on the whole sheet. */
	private guardSheet(): void {
		assertCanEdit(
			this.state,
			this.model,
			this.whole(),
			this.state.exec.effectiveUser,
		);
	}

	private guard(rect: GridRect): void {
		assertCanEdit(this.state, this.model, rect, this.state.exec.effectiveUser);
	}

	// ---- identity -------------------------------------------------------------------------

	getName(): string {
		return this.model.name;
	}

	getSheetName(): string {
		return this.model.name;
	}

	setName(name: string): Sheet {
		const n = String(name);
		if (n.trim() === "") throw new GasError("Invalid argument: name");
		const other = findSheet(this.wb, n);
		if (other && other !== this.model) throw duplicateNameError(n);
		this.guardSheet();
		this.model.name = n;
		return this.self;
	}

	getSheetId(): number {
		return this.model.sheetId;
	}

	/** 1-based position among the spreadsheet's sheets (sheet#getIndex()). */
	getIndex(): number {
		return this.wb.sheets.indexOf(this.model) + 1;
	}

	getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
		return gas(new LocalSpreadsheet(this.state, this.wb));
	}

	activate(): Sheet {
		setActiveSheet(this.wb, this.model);
		return this.self;
	}

	setTabColor(color: string | null): Sheet {
		this.guardSheet();
		if (color === null || color === undefined || color === "")
			delete this.model.tabColor;
		else this.model.tabColor = String(color);
		return this.self;
	}

	hideSheet(): Sheet {
		const visible = this.wb.sheets.filter((s) => !s.hidden && s !== this.model);
		if (visible.length === 0)
			throw new GasError("You can't hide all the sheets in a document.");
		this.model.hidden = true;
		return this.self;
	}

	showSheet(): Sheet {
		this.model.hidden = false;
		return this.self;
	}

	isSheetHidden(): boolean {
		return this.model.hidden;
	}

	// ---- ranges ---------------------------------------------------------------------------

	/**
	 * sheet#getRange: (row, column[, numRows[, numColumns]]) 1-based, or A1 notation. Outside the
	 * grid, or fewer than one row/column, throws Sheets' messages.
	 */
	getRange(
		rowOrA1: number | string,
		column?: number,
		numRows?: number,
		numColumns?: number,
	): Range {
		if (typeof rowOrA1 === "string" && column === undefined) {
			const { sheet, rect } = resolveA1(this.wb, rowOrA1, this.model);
			return gas(new LocalRange(this.state, sheet, rect));
		}
		const rect = checkedRect(
			this.model,
			rowOrA1,
			column,
			numRows ?? 1,
			numColumns ?? 1,
		);
		return gas(new LocalRange(this.state, this.model, rect));
	}

	/** sheet#getRangeList(a1Notations): ranges of this sheet, each checked as getRange checks it. */
	getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
		const ranges = a1Notations.map((a1) => {
			const { sheet, rect } = resolveA1(this.wb, a1, this.model);
			if (sheet !== this.model) throw new GasError("Range not found");
			return new LocalRange(this.state, sheet, rect);
		});
		return gas(new LocalRangeList(this.state, this.model, ranges));
	}

	/** sheet#getDataRange(): A1 to (getLastRow(), getLastColumn()), at least A1. */
	getDataRange(): Range {
		const rows = Math.max(1, contentLastRow(this.model));
		const cols = Math.max(1, contentLastColumn(this.model));
		return gas(
			new LocalRange(this.state, this.model, {
				row: 0,
				col: 0,
				numRows: rows,
				numCols: cols,
			}),
		);
	}

	/** sheet#getLastRow(): "the position of the last row that has content" (0 if none). */
	getLastRow(): number {
		return contentLastRow(this.model);
	}

	getLastColumn(): number {
		return contentLastColumn(this.model);
	}

	getMaxRows(): number {
		return this.model.maxRows;
	}

	getMaxColumns(): number {
		return this.model.maxColumns;
	}

	// ---- rows and columns -----------------------------------------------------------------

	private insert(dim: "row" | "col", at: number, howMany: unknown): void {
		const n = positiveInt(howMany, dim === "row" ? "numRows" : "numColumns");
		if (n < 1)
			throw new GasError(
				`Invalid argument: ${dim === "row" ? "numRows" : "numColumns"}`,
			);
		const max = dim === "row" ? this.model.maxRows : this.model.maxColumns;
		if (at < 0 || at > max) {
			throw new GasError(
				dim === "row"
					? "Those rows are out of bounds."
					: "Those columns are out of bounds.",
			);
		}
		// Inserting into a protected sheet needs rights on it; range protections grow with it.
		if (this.model.protections.some((p) => !p.rect)) this.guardSheet();
		shiftGrid(this.model, dim, at, n);
	}

	private remove(
		dim: "row" | "col",
		position: unknown,
		howMany: unknown,
	): void {
		const pos = positiveInt(
			position,
			dim === "row" ? "rowPosition" : "columnPosition",
		);
		const n = positiveInt(howMany, "howMany");
		const max = dim === "row" ? this.model.maxRows : this.model.maxColumns;
		if (pos < 1 || n < 1 || pos + n - 1 > max) {
			throw new GasError(
				dim === "row"
					? "Those rows are out of bounds."
					: "Those columns are out of bounds.",
			);
		}
		const frozen =
			dim === "row" ? this.model.frozenRows : this.model.frozenColumns;
		if (max - n <= frozen) {
			throw new GasError(
				dim === "row"
					? "Sorry, it is not possible to delete all non-frozen rows."
					: "Sorry, it is not possible to delete all non-frozen columns.",
			);
		}
		const rect: GridRect =
			dim === "row"
				? { row: pos - 1, col: 0, numRows: n, numCols: this.model.maxColumns }
				: { row: 0, col: pos - 1, numRows: this.model.maxRows, numCols: n };
		this.guard(rect);
		shiftGrid(this.model, dim, pos - 1, -n);
	}

	insertRowsAfter(afterPosition: number, howMany: number): Sheet {
		this.insert("row", positiveInt(afterPosition, "afterPosition"), howMany);
		return this.self;
	}

	insertRowAfter(afterPosition: number): Sheet {
		return this.insertRowsAfter(afterPosition, 1);
	}

	insertRowsBefore(beforePosition: number, howMany: number): Sheet {
		this.insert(
			"row",
			positiveInt(beforePosition, "beforePosition") - 1,
			howMany,
		);
		return this.self;
	}

	insertRowBefore(beforePosition: number): Sheet {
		return this.insertRowsBefore(beforePosition, 1);
	}

	insertRows(rowIndex: number, numRows = 1): void {
		this.insert("row", positiveInt(rowIndex, "rowIndex") - 1, numRows);
	}

	deleteRow(rowPosition: number): Sheet {
		this.remove("row", rowPosition, 1);
		return this.self;
	}

	deleteRows(rowPosition: number, howMany: number): void {
		this.remove("row", rowPosition, howMany);
	}

	insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
		this.insert("col", positiveInt(afterPosition, "afterPosition"), howMany);
		return this.self;
	}

	insertColumnAfter(afterPosition: number): Sheet {
		return this.insertColumnsAfter(afterPosition, 1);
	}

	insertColumnsBefore(beforePosition: number, howMany: number): Sheet {
		this.insert(
			"col",
			positiveInt(beforePosition, "beforePosition") - 1,
			howMany,
		);
		return this.self;
	}

	insertColumnBefore(beforePosition: number): Sheet {
		return this.insertColumnsBefore(beforePosition, 1);
	}

	insertColumns(columnIndex: number, numColumns = 1): void {
		this.insert("col", positiveInt(columnIndex, "columnIndex") - 1, numColumns);
	}

	deleteColumn(columnPosition: number): Sheet {
		this.remove("col", columnPosition, 1);
		return this.self;
	}

	deleteColumns(columnPosition: number, howMany: number): void {
		this.remove("col", columnPosition, howMany);
	}

	/**
	 * sheet#appendRow(Object): one row after the last row with content, in one call; the grid
	 * grows when needed; "=…" is a formula.
	 */
	appendRow(rowContents: unknown[]): Sheet {
		if (!Array.isArray(rowContents)) {
			throw new GasError(
				"The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
			);
		}
		if (rowContents.length === 0) return this.self;
		const row = contentLastRow(this.model);
		const rect: GridRect = {
			row,
			col: 0,
			numRows: 1,
			numCols: rowContents.length,
		};
		this.guard(rect);
		if (row + 1 > this.model.maxRows) this.model.maxRows = row + 1;
		if (rowContents.length > this.model.maxColumns)
			this.model.maxColumns = rowContents.length;
		writeBlock(this.model, rect, [rowContents], scriptInput(this.state));
		return this.self;
	}

	/**
	 * sheet#clear(): "Clears the sheet of content and formatting information"; with options only
	 * contents or formats. Notes and data validation go with a bare clear() (our reading).
	 */
	clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
		this.guardSheet();
		const all = this.whole();
		const contents = !options || options.contentsOnly || !options.formatOnly;
		const formats = !options || options.formatOnly || !options.contentsOnly;
		if (contents) clearBlock(this.model, all);
		if (formats) this.model.formats.clear();
		if (!options || (!options.contentsOnly && !options.formatOnly)) {
			this.model.notes.clear();
			clearValidations(this.model, all);
		}
		return this.self;
	}

	clearContents(): Sheet {
		this.guardSheet();
		clearBlock(this.model, this.whole());
		return this.self;
	}

	clearFormats(): Sheet {
		this.guardSheet();
		this.model.formats.clear();
		return this.self;
	}

	clearNotes(): Sheet {
		this.guardSheet();
		deleteKeysInRect(this.model.notes, this.whole());
		return this.self;
	}

	// ---- layout ---------------------------------------------------------------------------

	setFrozenRows(rows: number): void {
		const n = positiveInt(rows, "rows");
		if (n < 0 || n > this.model.maxRows)
			throw new GasError("Invalid argument: rows");
		this.guardSheet();
		this.model.frozenRows = n;
	}

	getFrozenRows(): number {
		return this.model.frozenRows;
	}

	setFrozenColumns(columns: number): void {
		const n = positiveInt(columns, "columns");
		if (n < 0 || n > this.model.maxColumns)
			throw new GasError("Invalid argument: columns");
		this.guardSheet();
		this.model.frozenColumns = n;
	}

	getFrozenColumns(): number {
		return this.model.frozenColumns;
	}

	/** Width in pixels; Sheets' default column width is 100. */
	getColumnWidth(columnPosition: number): number {
		return (
			this.model.columnWidths.get(
				positiveInt(columnPosition, "columnPosition") - 1,
			) ?? 100
		);
	}

	setColumnWidth(columnPosition: number, width: number): Sheet {
		return this.setColumnWidths(columnPosition, 1, width);
	}

	setColumnWidths(
		startColumn: number,
		numColumns: number,
		width: number,
	): Sheet {
		const start = positiveInt(startColumn, "startColumn");
		const n = positiveInt(numColumns, "numColumns");
		if (start < 1 || n < 1 || start + n - 1 > this.model.maxColumns) {
			throw new GasError("Those columns are out of bounds.");
		}
		this.guardSheet();
		for (let c = start - 1; c < start - 1 + n; c++)
			this.model.columnWidths.set(c, positiveInt(width, "width"));
		return this.self;
	}

	hideRows(rowIndex: number, numRows = 1): void {
		const start = positiveInt(rowIndex, "rowIndex");
		const n = positiveInt(numRows, "numRows");
		if (start < 1 || n < 1 || start + n - 1 > this.model.maxRows)
			throw new GasError("Those rows are out of bounds.");
		for (let r = start - 1; r < start - 1 + n; r++)
			this.model.hiddenRows.add(r);
	}

	showRows(rowIndex: number, numRows = 1): void {
		const start = positiveInt(rowIndex, "rowIndex");
		const n = positiveInt(numRows, "numRows");
		if (start < 1 || n < 1 || start + n - 1 > this.model.maxRows)
			throw new GasError("Those rows are out of bounds.");
		for (let r = start - 1; r < start - 1 + n; r++)
			this.model.hiddenRows.delete(r);
	}

	isRowHiddenByUser(rowPosition: number): boolean {
		return this.model.hiddenRows.has(
			positiveInt(rowPosition, "rowPosition") - 1,
		);
	}

	hideColumns(columnIndex: number, numColumns = 1): void {
		const start = positiveInt(columnIndex, "columnIndex");
		const n = positiveInt(numColumns, "numColumns");
		if (start < 1 || n < 1 || start + n - 1 > this.model.maxColumns) {
			throw new GasError("Those columns are out of bounds.");
		}
		for (let c = start - 1; c < start - 1 + n; c++)
			this.model.hiddenColumns.add(c);
	}

	// ---- protection -----------------------------------------------------------------------

	/** sheet#protect(): the existing sheet protection if there is one, else a new one. */
	protect(): GoogleAppsScript.Spreadsheet.Protection {
		let model = this.model.protections.find((p) => !p.rect);
		if (!model) {
			model = newProtectionModel(this.state, this.model, undefined);
			this.model.protections.push(model);
		}
		return gas(new LocalProtection(this.state, this.model, model));
	}

	getProtections(
		type: GoogleAppsScript.Spreadsheet.ProtectionType,
	): GoogleAppsScript.Spreadsheet.Protection[] {
		return protectionsOf(this.state, this.model, type);
	}

	// ---- conditional formats --------------------------------------------------------------

	getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
		return this.model.conditionalFormats.map((m) =>
			gas<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
				LocalConditionalFormatRule.fromModel(this.state, this.model, m),
			),
		);
	}

	/** Replaces all the sheet's rules (sheet#setConditionalFormatRules). */
	setConditionalFormatRules(
		rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[],
	): void {
		if (!Array.isArray(rules)) {
			throw new GasError(
				"The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
			);
		}
		const models = rules.map((r) => asLocalRule(r).toModel(this.model));
		this.guardSheet();
		this.model.conditionalFormats = models;
	}

	clearConditionalFormatRules(): void {
		this.guardSheet();
		this.model.conditionalFormats = [];
	}

	// ---- charts ---------------------------------------------------------------------------

	newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
		return gas(new LocalEmbeddedChartBuilder(this.state, this.model));
	}

	insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
		const c = asLocalChart(chart);
		if (c.sheet !== this.model)
			throw new GasError("The chart was built for another sheet.");
		this.guardSheet();
		const id = this.wb.nextId++;
		(c.spec as { id: number | null }).id = id;
		this.model.charts.push(c.toModel(id));
	}

	getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
		return this.model.charts.map((m: ChartModel) =>
			gas<GoogleAppsScript.Spreadsheet.EmbeddedChart>(
				new LocalEmbeddedChart(this.state, this.model, {
					id: m.id,
					type: m.type,
					stacked: m.stacked,
					ranges: m.ranges.map((r) => ({ ...r })),
					transposed: m.transposed,
					numHeaders: m.numHeaders,
					title: m.title,
					anchorRow: m.anchorRow,
					anchorCol: m.anchorCol,
					options: { ...m.options },
				}),
			),
		);
	}

	private chartIndex(
		chart: GoogleAppsScript.Spreadsheet.EmbeddedChart,
	): number {
		const id = asLocalChart(chart).getChartId();
		const i =
			id === null ? -1 : this.model.charts.findIndex((m) => m.id === id);
		if (i < 0) throw new GasError("The chart is not in this sheet.");
		return i;
	}

	/** sheet#updateChart: saves a chart rebuilt with chart.modify()…build(). */
	updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
		const i = this.chartIndex(chart);
		this.guardSheet();
		const c = asLocalChart(chart);
		this.model.charts[i] = c.toModel(c.getChartId() as number);
	}

	removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
		const i = this.chartIndex(chart);
		this.guardSheet();
		this.model.charts.splice(i, 1);
	}
}

export function asLocalSheet(sheet: unknown): LocalSheet {
	if (sheet instanceof LocalSheet) return sheet;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.",
	);
}
