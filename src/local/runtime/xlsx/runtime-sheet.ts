/**
 * The `__dx_runtime__` sheet: Apps-Script-only state that xlsx cannot represent, kept as JSON
 * in one veryHidden sheet so that a workbook saved by the local runtime loads back identically.
 *
 * Layout: A1 holds `sha256:` and the digest of everything the sheet vouches for (stateDigest);
 * column A from row 2 holds the JSON, split into chunks of at most 32,000 characters (Excel's
 * cell limit is 32,767); the chunks are concatenated in row order. (Version 1 files have no
 * digest row: their JSON starts in A1.) Columns
 * B, C, … hold the items of list validations that cannot be written as a literal list (longer
 * than 255 characters, or an item containing `,` or `"`); the validation refers to them.
 *
 * The sheet is written last, is never part of `wb.sheets` after load, and everything xlsx can
 * express itself (values, formats, notes, widths, frozen panes, merges, validations, hidden
 * sheets) is read from the xlsx, not from here, so edits made in Excel win.
 */
import { createHash } from "node:crypto";
import type {
	ChartModel,
	ConditionalFormatModel,
	GridRect,
	ProtectionModel,
	ValidationModel,
} from "../model";
import type { InputSnapshot } from "./input-snapshot";

export const RUNTIME_SHEET_NAME = "__dx_runtime__";
export const RUNTIME_FORMAT = "dx-progress-runtime";
export const RUNTIME_VERSION = 2;
export const DIGEST_PREFIX = "sha256:";
const CHUNK_SIZE = 32_000;

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
	/** The entry sheets' input cells as saved (input-snapshot.ts); absent in older files. */
	inputs?: InputSnapshot[];
}

/**
 * JSON with every non-ASCII character as a \\u escape. exceljs's reader can garble a character
 * whose UTF-8 bytes straddle two buffers of its XML stream (seen with emoji in a 160,000-character
 * state); ASCII cannot straddle, and the digest would otherwise reject such a file.
 */
export function asciiJson(json: string): string {
	return json.replace(
		/[\u0080-\uffff]/g,
		(ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
	);
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === "object" && !Array.isArray(value);
}

const optionalArray = (v: unknown) => v === undefined || Array.isArray(v);

function isSheetState(value: unknown): boolean {
	return (
		isRecord(value) &&
		typeof value.name === "string" &&
		typeof value.sheetId === "number" &&
		["protections", "conditionalFormats", "charts", "validations"].every(
			(key) => optionalArray(value[key]),
		)
	);
}

/**
 * Is `value` a plausible RuntimeState? The fields load copies into the model are checked, so a
 * hand-made state (a version 1 file carries no digest) is refused as broken, not half applied.
 */
export function isRuntimeState(value: unknown): value is RuntimeState {
	if (!isRecord(value) || !isRecord(value.workbook)) return false;
	const wb = value.workbook;
	return (
		value.format === RUNTIME_FORMAT &&
		typeof value.version === "number" &&
		["id", "name", "timeZone", "locale", "owner"].every(
			(key) => typeof wb[key] === "string",
		) &&
		Array.isArray(wb.editors) &&
		wb.editors.every((e) => typeof e === "string") &&
		typeof wb.nextId === "number" &&
		(wb.groups === undefined || isRecord(wb.groups)) &&
		Array.isArray(value.sheets) &&
		value.sheets.every(isSheetState) &&
		(value.extra === undefined || isRecord(value.extra)) &&
		(value.inputs === undefined ||
			(Array.isArray(value.inputs) &&
				value.inputs.every(
					(i) =>
						isRecord(i) &&
						typeof i.sheet === "string" &&
						typeof i.rows === "string",
				)))
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

/**
 * The digest of the state and of what it vouches for: its JSON, the list columns, and the names
 * of the sheets it describes in workbook order. Without a secret key this makes the state
 * tamper-evident, not tamper-proof: an edit in Excel or LibreOffice is detected, a forger who
 * recomputes SHA-256 is not.
 */
export function stateDigest(
	json: string,
	lists: readonly (readonly string[])[],
	sheetNames: readonly string[],
): string {
	const hash = createHash("sha256");
	hash.update(json);
	for (const list of lists) hash.update(`\u0000${JSON.stringify(list)}`);
	hash.update(`\u0000${JSON.stringify(sheetNames)}`);
	return `${DIGEST_PREFIX}${hash.digest("hex")}`;
}
