/**
 * The in-memory workbook the local Apps Script runtime serves through SpreadsheetApp and
 * loads from / saves to .xlsx. Plain data only: the service classes wrap it, the xlsx codec
 * reads and writes it, tests may inspect it directly.
 *
 * Cells are stored densely (row-major arrays, 0-based indices) because the product reads and
 * writes whole blocks; formatting that is rare (notes, backgrounds, fonts) is stored sparsely
 * keyed by `row,col` (0-based).
 */
import type { FileEdit } from "../../domain";

/** A cell value as `Range.getValues()` returns it: `''` is an empty cell. */
export type CellValue = string | number | boolean | Date;

interface FontStyle {
	bold?: boolean;
	italic?: boolean;
	color?: string;
	size?: number;
	/** Range.setFontFamily; unset: Sheets' default font. */
	family?: string;
}

export interface CellFormat {
	background?: string;
	font?: FontStyle;
	numberFormat?: string;
	wrap?: boolean;
	horizontalAlignment?: "left" | "center" | "right";
	/** Unset: Sheets' default, bottom. */
	verticalAlignment?: "top" | "middle";
}

/** A rectangle, 0-based, end exclusive. */
export interface GridRect {
	row: number;
	col: number;
	numRows: number;
	numCols: number;
}

export interface ValidationModel {
	rect: GridRect;
	kind: "list";
	values: string[];
	showDropdown: boolean;
	allowInvalid: boolean;
	helpText: string;
}

export interface ConditionalFormatModel {
	rects: GridRect[];
	/** "textContains" | "textStartsWith" | "textEqualTo" | "customFormula" */
	condition: string;
	args: string[];
	background?: string;
	fontColor?: string;
	bold?: boolean;
}

export interface ProtectionModel {
	id: number;
	/** undefined for a whole-sheet protection. */
	rect?: GridRect;
	description: string;
	warningOnly: boolean;
	editors: string[];
	domainEdit: boolean;
	unprotected: GridRect[];
}

export interface ChartModel {
	id: number;
	type: "COLUMN" | "BAR" | "PIE" | "LINE";
	stacked: boolean;
	ranges: GridRect[];
	/** setTransposeRowsAndColumns: rows, not columns, are the series. */
	transposed: boolean;
	/** setNumHeaders; -1 when not set. */
	numHeaders: number;
	title: string;
	anchorRow: number;
	anchorCol: number;
	options: Record<string, unknown>;
}

export interface SheetModel {
	sheetId: number;
	name: string;
	/** Grid size (Sheets' own limits: a new sheet is 1000 × 26). */
	maxRows: number;
	maxColumns: number;
	/** values[r][c]; rows or columns beyond the array are empty. */
	values: CellValue[][];
	/** Formulas in A1 form without "=" handled as text: the runtime never evaluates them. */
	formulas: Map<string, string>;
	notes: Map<string, string>;
	formats: Map<string, CellFormat>;
	frozenRows: number;
	frozenColumns: number;
	columnWidths: Map<number, number>;
	hiddenRows: Set<number>;
	hiddenColumns: Set<number>;
	merges: GridRect[];
	validations: ValidationModel[];
	conditionalFormats: ConditionalFormatModel[];
	protections: ProtectionModel[];
	charts: ChartModel[];
	tabColor?: string;
	hidden: boolean;
}

export interface WorkbookModel {
	id: string;
	name: string;
	/** The spreadsheet's time zone (Sheets: File > Settings), independent of the script's. */
	timeZone: string;
	locale: string;
	owner: string;
	/** Accounts and Google Groups the file is shared with for editing (besides the owner). */
	editors: string[];
	/**
	 * Google Groups by address, with their members' addresses. A group is a directory object,
	 * not part of the file; kept here so that it is saved with the workbook.
	 */
	groups?: Record<string, string[]>;
	sheets: SheetModel[];
	nextId: number;
	/**
	 * Where the workbook is when it is not a Google file: the `file:` URL of the .xlsx the command
	 * line opened. getUrl returns it, so nothing links to a Google URL that does not exist. Unset:
	 * a simulated Google spreadsheet. Not saved with the workbook.
	 */
	url?: string;
	/**
	 * When the .xlsx it was loaded from was last saved, by whichever program (docProps/core.xml
	 * dcterms:modified); unset when the file records none. Not saved with the workbook.
	 */
	savedAt?: Date;
	/**
	 * Free JSON-serialisable storage the runtime harness persists with the workbook (script
	 * properties, triggers, ...). Saved in the xlsx's hidden `__dx_runtime__` sheet.
	 */
	runtimeExtra?: Record<string, unknown>;
	/**
	 * Set by the xlsx loader: the entry sheets' input cells changed in the file (Excel,
	 * LibreOffice) since the runtime last saved it (SPEC 9; xlsx/input-snapshot.ts). Not saved.
	 */
	fileEdits?: FileEdit[];
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function cellKey(row: number, col: number): string {
	return `${row},${col}`;
}

export function newSheetModel(wb: WorkbookModel, name: string): SheetModel {
	const sheet: SheetModel = {
		sheetId: wb.nextId++,
		name,
		maxRows: DEFAULT_ROWS,
		maxColumns: DEFAULT_COLUMNS,
		values: [],
		formulas: new Map(),
		notes: new Map(),
		formats: new Map(),
		frozenRows: 0,
		frozenColumns: 0,
		columnWidths: new Map(),
		hiddenRows: new Set(),
		hiddenColumns: new Set(),
		merges: [],
		validations: [],
		conditionalFormats: [],
		protections: [],
		charts: [],
		hidden: false,
	};
	return sheet;
}

export function newWorkbookModel(
	options: {
		name?: string;
		owner?: string;
		timeZone?: string;
		id?: string;
	} = {},
): WorkbookModel {
	const wb: WorkbookModel = {
		id: options.id ?? "local-spreadsheet",
		name: options.name ?? "DX進捗管理",
		timeZone: options.timeZone ?? "Asia/Tokyo",
		locale: "ja_JP",
		owner: options.owner ?? "dx-office@example.lg.jp",
		editors: [],
		sheets: [],
		nextId: 1,
	};
	return wb;
}

/** The value at (row, col), 0-based; `''` when empty or outside the stored block. */
export function getCell(
	sheet: SheetModel,
	row: number,
	col: number,
): CellValue {
	const r = sheet.values[row];
	if (!r) return "";
	const v = r[col];
	return v === undefined ? "" : v;
}

export function setCell(
	sheet: SheetModel,
	row: number,
	col: number,
	value: CellValue,
): void {
	let r = sheet.values[row];
	if (!r) {
		for (let i = sheet.values.length; i <= row; i++)
			sheet.values[i] = sheet.values[i] ?? [];
		r = sheet.values[row] as CellValue[];
	}
	for (let c = r.length; c < col; c++) r[c] = "";
	r[col] = value instanceof Date ? new Date(value.getTime()) : value;
}

/** The last row / column (1-based) holding a non-empty value, as Sheet.getLastRow(). */
export function lastRow(sheet: SheetModel): number {
	for (let r = sheet.values.length - 1; r >= 0; r--) {
		const row = sheet.values[r];
		if (row?.some((v) => v !== "")) return r + 1;
	}
	return 0;
}

export function lastColumn(sheet: SheetModel): number {
	let last = 0;
	for (const row of sheet.values) {
		if (!row) continue;
		for (let c = row.length - 1; c >= last; c--) {
			if (row[c] !== "") {
				last = c + 1;
				break;
			}
		}
	}
	return last;
}

export function rectsIntersect(a: GridRect, b: GridRect): boolean {
	return (
		a.row < b.row + b.numRows &&
		b.row < a.row + a.numRows &&
		a.col < b.col + b.numCols &&
		b.col < a.col + a.numCols
	);
}
