/**
 * The `__dx_runtime__` sheet: Apps-Script-only state that xlsx cannot represent, kept as JSON
 * in one veryHidden sheet so that a workbook saved by the local runtime loads back identically.
 *
 * Layout: column A holds the JSON, split into chunks of at most 32,000 characters (Excel's
 * cell limit is 32,767) in rows 1, 2, 3, …; the chunks are concatenated in row order. Columns
 * B, C, … hold the items of list validations that cannot be written as a literal list (longer
 * than 255 characters, or an item containing `,` or `"`); the validation refers to them.
 *
 * The sheet is written last, is never part of `wb.sheets` after load, and everything xlsx can
 * express itself (values, formats, notes, widths, frozen panes, merges, validations, hidden
 * sheets) is read from the xlsx, not from here, so edits made in Excel win.
 */
import type {
	ChartModel,
	ConditionalFormatModel,
	GridRect,
	ProtectionModel,
	ValidationModel,
} from "../model";

export const RUNTIME_SHEET_NAME = "__dx_runtime__";
export const RUNTIME_FORMAT = "dx-progress-runtime";
export const RUNTIME_VERSION = 1;
export const CHUNK_SIZE = 32_000;

export interface RuntimeSheetState {
	name: string;
	sheetId: number;
	maxRows: number;
	maxColumns: number;
	hidden: boolean;
	/** The sheet was written visible only because xlsx needs one visible sheet. */
	forcedVisible?: boolean;
	protections: ProtectionModel[];
	conditionalFormats: ConditionalFormatModel[];
	charts: ChartModel[];
	/** The model's validations, to restore what xlsx loses (showDropdown, helpText > 255). */
	validations: ValidationModel[];
}

export interface RuntimeState {
	format: typeof RUNTIME_FORMAT;
	version: number;
	workbook: {
		id: string;
		name: string;
		timeZone: string;
		locale: string;
		owner: string;
		editors: string[];
		/** Google Groups and their members (WorkbookModel.groups). */
		groups?: Record<string, string[]>;
		nextId: number;
	};
	sheets: RuntimeSheetState[];
	extra: Record<string, unknown>;
}

/** Split text into chunks of at most `size` UTF-16 units without splitting a surrogate pair. */
export function splitChunks(text: string, size = CHUNK_SIZE): string[] {
	const chunks: string[] = [];
	let i = 0;
	while (i < text.length) {
		let end = Math.min(i + size, text.length);
		if (end < text.length) {
			const code = text.charCodeAt(end - 1);
			if (code >= 0xd800 && code <= 0xdbff) end--;
		}
		chunks.push(text.slice(i, end));
		i = end;
	}
	if (chunks.length === 0) chunks.push("");
	return chunks;
}

/** Is `value` a plausible RuntimeState (shape checks only for what load relies on)? */
export function isRuntimeState(value: unknown): value is RuntimeState {
	if (!value || typeof value !== "object") return false;
	const v = value as Partial<RuntimeState>;
	return (
		v.format === RUNTIME_FORMAT &&
		typeof v.version === "number" &&
		!!v.workbook &&
		typeof v.workbook === "object" &&
		Array.isArray(v.sheets)
	);
}

export function rectEquals(a: GridRect, b: GridRect): boolean {
	return (
		a.row === b.row &&
		a.col === b.col &&
		a.numRows === b.numRows &&
		a.numCols === b.numCols
	);
}
