/**
 * .xlsx → WorkbookModel.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import ExcelJS from "exceljs";
import type { FileEdit } from "../../../domain";
import { BOOK_FONT } from "../../../domain/layout";
import { errnoCode } from "../../fs-errors";
import {
	type CellFormat,
	type CellValue,
	cellKey,
	DEFAULT_COLUMNS,
	DEFAULT_ROWS,
	newSheetModel,
	newWorkbookModel,
	type SheetModel,
	type WorkbookModel,
} from "../model";
import { parseA1 } from "./a1";
import { type FileFont, readCell, readFormat, widthToPixels } from "./cells";
import { isValidTimeZone } from "./dates";
import { loadError, readFailed, tooLarge, WorkbookFileError } from "./errors";
import { checkXlsxBytes } from "./file-kind";
import { type InputSnapshot, inputChanges } from "./input-snapshot";
import {
	DIGEST_PREFIX,
	isRuntimeState,
	RUNTIME_SHEET_NAME,
	RUNTIME_VERSION,
	type RuntimeSheetState,
	type RuntimeState,
	stateDigest,
} from "./runtime-sheet";
import { BOOK_FONT_SIZE } from "./sheet-dress";
import { decodeValidations, restoreValidations } from "./validations";
import { MAX_TOTAL_BYTES } from "./zip-guard";

export interface LoadOptions {
	/**
	 * The spreadsheet time zone used to turn date cells into instants when the file carries
	 * none (a file not written by the runtime). Default Asia/Tokyo. A file written by the
	 * runtime uses the zone stored in it.
	 */
	timeZone?: string;
	/** Shown in error messages instead of the path (loadWorkbookFromBuffer). */
	sourceName?: string;
	/** Told, in Japanese, what the load did not trust (default: written to stderr). */
	onWarning?: (message: string) => void;
}

function warnOnStderr(message: string): void {
	process.stderr.write(`警告: ${message}\n`);
}

/** exceljs's DEFAULT_COLUMN_WIDTH. */
const EXCELJS_DEFAULT_WIDTH = 9;

export async function loadWorkbook(
	path: string,
	options: LoadOptions = {},
): Promise<WorkbookModel> {
	const buf = await readBook(path);
	const name = basename(path, extname(path));
	return loadWorkbookFromBuffer(buf, {
		...options,
		sourceName: options.sourceName ?? path,
		bookName: name,
	});
}

/**
 * The file's bytes. Refused before reading: what is not a regular file (a folder, a device or
 * pipe that would never end), and a file larger than any workbook may unpack to.
 */
async function readBook(path: string): Promise<Buffer> {
	try {
		const st = await stat(path);
		if (st.isDirectory()) throw loadError("is-directory", path);
		if (!st.isFile()) throw loadError("not-a-file", path);
		if (st.size > MAX_TOTAL_BYTES)
			throw tooLarge(path, {
				bytes: st.size,
				limit: MAX_TOTAL_BYTES,
				bomb: true,
				file: true,
			});
		return await readFile(path);
	} catch (err) {
		if (err instanceof WorkbookFileError) throw err;
		const code = errnoCode(err);
		if (code === "ENOENT" || code === "ENOTDIR")
			throw loadError("not-found", path, err);
		if (code === "EACCES" || code === "EPERM")
			throw loadError("permission", path, err);
		if (code === "EISDIR") throw loadError("is-directory", path, err);
		throw readFailed(path, err);
	}
}

export async function loadWorkbookFromBuffer(
	buf: Buffer,
	options: LoadOptions & { bookName?: string } = {},
): Promise<WorkbookModel> {
	const source = options.sourceName ?? "(メモリ上のデータ)";
	checkXlsxBytes(buf, source);
	const book = new ExcelJS.Workbook();
	try {
		// exceljs's typings want the DOM Buffer type; a Node Buffer is what it reads.
		await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
	} catch (err) {
		throw loadError("not-xlsx", source, err);
	}
	const worksheets = book.worksheets;
	if (worksheets.length === 0) throw loadError("not-xlsx", source);

	const runtimeSheet = worksheets.find((ws) => ws.name === RUNTIME_SHEET_NAME);
	const runtimeLists = runtimeSheet
		? readRuntimeLists(runtimeSheet)
		: undefined;
	const state = runtimeSheet
		? trustedState(
				runtimeSheet,
				runtimeLists ?? new Map(),
				worksheets.filter((ws) => ws !== runtimeSheet).map((ws) => ws.name),
				source,
				options.onWarning ?? warnOnStderr,
			)
		: undefined;

	const timeZone = state?.workbook.timeZone ?? options.timeZone ?? "Asia/Tokyo";
	if (!isValidTimeZone(timeZone)) {
		throw new WorkbookFileError(
			"runtime-sheet",
			`タイムゾーンの指定が正しくありません: ${timeZone}`,
			source,
		);
	}
	const wb = newWorkbookModel({
		timeZone,
		...(options.bookName === undefined ? {} : { name: options.bookName }),
	});
	if (state) {
		wb.id = state.workbook.id;
		wb.name = state.workbook.name;
		wb.locale = state.workbook.locale;
		wb.owner = state.workbook.owner;
		wb.editors = [...state.workbook.editors];
		if (state.workbook.groups)
			wb.groups = structuredClone(state.workbook.groups);
		wb.nextId = Math.max(wb.nextId, state.workbook.nextId);
		if (state.extra && Object.keys(state.extra).length > 0)
			wb.runtimeExtra = state.extra;
	}
	const modified = book.modified as Date | undefined;
	if (modified instanceof Date && !Number.isNaN(modified.getTime()))
		wb.savedAt = modified;
	const savedSheets = new Map<string, RuntimeSheetState>();
	for (const s of state?.sheets ?? []) savedSheets.set(s.name, s);

	// Sheet ids from the runtime state first, so new sheets never reuse one.
	for (const s of savedSheets.values())
		wb.nextId = Math.max(wb.nextId, s.sheetId + 1);

	const loaded: Array<{ ws: ExcelJS.Worksheet; sheet: SheetModel }> = [];
	for (const ws of worksheets) {
		if (ws === runtimeSheet) continue;
		const saved = savedSheets.get(ws.name);
		const sheet = newSheetModel(wb, ws.name);
		if (saved) {
			wb.nextId--; // newSheetModel took an id we do not need
			sheet.sheetId = saved.sheetId;
		}
		const extent = readSheet(ws, sheet, timeZone, state !== undefined);
		sheet.hidden =
			ws.state === "hidden" ||
			ws.state === "veryHidden" ||
			saved?.forcedVisible === true;
		// Grid size: the saved one (a runtime file) or Sheets' default for a new sheet, grown to
		// hold everything the file has.
		sheet.maxRows = Math.max(saved?.maxRows ?? DEFAULT_ROWS, extent.rows);
		sheet.maxColumns = Math.max(
			saved?.maxColumns ?? DEFAULT_COLUMNS,
			extent.columns,
		);
		if (saved) {
			sheet.protections = structuredClone(saved.protections ?? []);
			sheet.conditionalFormats = structuredClone(
				saved.conditionalFormats ?? [],
			);
			// Charts saved before transposition and headers were kept: Google's defaults.
			sheet.charts = structuredClone(saved.charts ?? []).map((c) => ({
				...c,
				transposed: c.transposed ?? false,
				numHeaders: c.numHeaders ?? -1,
			}));
		}
		wb.sheets.push(sheet);
		loaded.push({ ws, sheet });
	}

	// Validations last: a list may refer to cells of another sheet or of the runtime sheet.
	for (const { ws, sheet } of loaded) {
		const parsed = decodeValidations(
			(
				ws as unknown as {
					dataValidations: { model: Record<string, ExcelJS.DataValidation> };
				}
			).dataValidations.model,
			ws.name,
			(sheetName, rect) => {
				if (sheetName === RUNTIME_SHEET_NAME) {
					const column = state ? runtimeLists?.get(rect.col) : undefined;
					return column?.slice(rect.row, rect.row + rect.numRows);
				}
				const target = wb.sheets.find((s) => s.name === sheetName);
				if (!target) return undefined;
				const out: string[] = [];
				for (let r = rect.row; r < rect.row + rect.numRows; r++) {
					for (let c = rect.col; c < rect.col + rect.numCols; c++) {
						const v = target.values[r]?.[c];
						if (v !== undefined && v !== "")
							out.push(v instanceof Date ? v.toISOString() : String(v));
					}
				}
				return out;
			},
			parseA1,
		);
		sheet.validations = restoreValidations(
			parsed,
			savedSheets.get(sheet.name)?.validations,
		);
	}

	const edits = state?.inputs ? fileEditsOf(wb, state.inputs, source) : [];
	if (edits.length > 0) wb.fileEdits = edits;
	for (const sheet of wb.sheets) {
		wb.nextId = Math.max(wb.nextId, sheet.sheetId + 1);
		for (const p of sheet.protections)
			wb.nextId = Math.max(wb.nextId, p.id + 1);
		for (const c of sheet.charts) wb.nextId = Math.max(wb.nextId, c.id + 1);
	}
	return wb;
}

/** The input cells changed since the save that stored `inputs`; a broken snapshot is a broken state. */
function fileEditsOf(
	wb: WorkbookModel,
	inputs: InputSnapshot[],
	source: string,
): FileEdit[] {
	try {
		return inputChanges(wb, inputs);
	} catch (err) {
		throw new WorkbookFileError(
			"runtime-sheet",
			`実行環境の情報（${RUNTIME_SHEET_NAME} シート）が壊れているため読み込めません: ${source}`,
			source,
			err,
		);
	}
}

/**
 * The runtime state, or undefined when it is not trusted: its digest (A1) is missing or does not
 * match, i.e. the hidden sheet was edited, or a sheet it describes renamed, outside the runtime.
 * Not trusted means ignored as a whole: the workbook loads as a file made by another program
 * (values, formats, validations from the xlsx; no protections, charts, owner, editors, script
 * properties or triggers from the state), and the next save writes a fresh state.
 */
function trustedState(
	ws: ExcelJS.Worksheet,
	lists: Map<number, string[]>,
	sheetNames: string[],
	source: string,
	warn: (message: string) => void,
): RuntimeState | undefined {
	const a1 = String(ws.findRow(1)?.findCell(1)?.value ?? "");
	const hasDigest = a1.startsWith(DIGEST_PREFIX);
	const { state, json } = readRuntimeState(ws, hasDigest ? 2 : 1, source);
	if (!hasDigest && state.version < 2) return state;
	const columns: string[][] = [];
	for (let c = 1; lists.has(c); c++) columns.push(lists.get(c) ?? []);
	if (hasDigest && a1 === stateDigest(json, columns, sheetNames)) return state;
	warn(
		`実行環境の情報（${RUNTIME_SHEET_NAME} シート）がこのプログラムの外で変更されているため使いません。保護・グラフ・スクリプトのプロパティ・トリガーは読み込まず、セルの内容だけを読み込みました。DX推進室は「初期設定」と「トリガーを設定」をやり直し、「全行を検証」で確認してください: ${source}`,
	);
	return undefined;
}

function readRuntimeState(
	ws: ExcelJS.Worksheet,
	firstRow: number,
	source: string,
): { state: RuntimeState; json: string } {
	const chunks: string[] = [];
	const count = ws.rowCount;
	for (let r = firstRow; r <= count; r++) {
		const cell = ws.findRow(r)?.findCell(1);
		if (!cell || cell.value === null || cell.value === undefined) break;
		chunks.push(String(readCell(cell, "UTC").value));
	}
	const broken = (cause?: unknown) =>
		new WorkbookFileError(
			"runtime-sheet",
			`実行環境の情報（${RUNTIME_SHEET_NAME} シート）が壊れているため読み込めません: ${source}`,
			source,
			cause,
		);
	let parsed: unknown;
	const json = chunks.join("");
	try {
		parsed = JSON.parse(json);
	} catch (err) {
		throw broken(err);
	}
	if (!isRuntimeState(parsed)) throw broken();
	if (parsed.version > RUNTIME_VERSION) {
		throw new WorkbookFileError(
			"runtime-sheet",
			`新しい版のプログラムで保存されたファイルのため読み込めません（形式 ${parsed.version}）: ${source}`,
			source,
		);
	}
	return { state: parsed, json };
}

/** Columns B, C, … of the runtime sheet: 0-based column → items. */
function readRuntimeLists(ws: ExcelJS.Worksheet): Map<number, string[]> {
	const lists = new Map<number, string[]>();
	ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
			if (colNumber < 2) return;
			const col = colNumber - 1;
			let list = lists.get(col);
			if (!list) {
				list = [];
				lists.set(col, list);
			}
			list[rowNumber - 1] = String(readCell(cell, "UTC").value);
		});
	});
	for (const list of lists.values()) {
		for (let i = 0; i < list.length; i++)
			if (list[i] === undefined) list[i] = "";
	}
	return lists;
}

function readSheet(
	ws: ExcelJS.Worksheet,
	sheet: SheetModel,
	timeZone: string,
	ownFile: boolean,
): { rows: number; columns: number } {
	// Font size and family kept only where they differ from the file's usual font (ours: the one
	// the save gives every cell; other programs have their own default, e.g. LibreOffice 10 pt),
	// so plain cells get no format entry.
	const usualFont: FileFont = ownFile
		? { size: BOOK_FONT_SIZE, family: BOOK_FONT }
		: commonFont(ws);
	let lastRow = 0;
	let lastCol = 0;
	const rowCount = ws.rowCount;
	for (let r = 1; r <= rowCount; r++) {
		const row = ws.findRow(r);
		if (!row) continue;
		const ri = r - 1;
		if (row.hidden) {
			sheet.hiddenRows.add(ri);
			lastRow = Math.max(lastRow, r);
		}
		let values: CellValue[] | undefined;
		// Every stored cell, including empty ones that carry only a note or a format.
		const cells = (
			row as unknown as { _cells: Array<ExcelJS.Cell | undefined> }
		)._cells;
		cells.forEach((cell, ci) => {
			if (!cell) return;
			const colNumber = ci + 1;
			const key = cellKey(ri, ci);
			const { value, formula } = readCell(cell, timeZone);
			if (value !== "" || formula !== undefined) {
				if (!values) {
					values = [];
					sheet.values[ri] = values;
				}
				for (let c = values.length; c < ci; c++) values[c] = "";
				values[ci] = value;
				lastRow = Math.max(lastRow, r);
				lastCol = Math.max(lastCol, colNumber);
			}
			if (formula !== undefined) sheet.formulas.set(key, formula);
			if (cell.type !== ExcelJS.ValueType.Merge) {
				const fmt: CellFormat | undefined = readFormat(cell, usualFont);
				if (fmt) sheet.formats.set(key, fmt);
				const note = noteText(cell.note);
				if (note) sheet.notes.set(key, note);
			}
		});
	}
	for (let i = 0; i < sheet.values.length; i++)
		if (!sheet.values[i]) sheet.values[i] = [];

	const view = ws.views?.[0] as
		| Partial<ExcelJS.WorksheetViewFrozen>
		| undefined;
	if (view && view.state === "frozen") {
		sheet.frozenRows = Math.max(0, view.ySplit ?? 0);
		sheet.frozenColumns = Math.max(0, view.xSplit ?? 0);
	}

	const cols =
		(ws as unknown as { _columns?: ExcelJS.Column[] })._columns ?? [];
	cols.forEach((col, i) => {
		if (!col) return;
		// exceljs reports columns without a width as undefined, and writes a hidden column that
		// has no width with its default width 9: read that as "no width set".
		const w = col.width;
		if (
			typeof w === "number" &&
			w >= 0 &&
			!(col.hidden && w === EXCELJS_DEFAULT_WIDTH)
		) {
			sheet.columnWidths.set(i, widthToPixels(w));
		}
		if (col.hidden) sheet.hiddenColumns.add(i);
	});

	const merges: string[] =
		(ws.model as unknown as { merges?: string[] }).merges ?? [];
	for (const m of merges) {
		const [a, b] = m.split(":");
		const start = a ? parseA1(a) : undefined;
		const end = b ? parseA1(b) : start;
		if (!start || !end) continue;
		sheet.merges.push({
			row: start.row,
			col: start.col,
			numRows: end.row - start.row + 1,
			numCols: end.col - start.col + 1,
		});
		lastRow = Math.max(lastRow, end.row + 1);
		lastCol = Math.max(lastCol, end.col + 1);
	}

	const tab = (ws.properties as { tabColor?: Partial<ExcelJS.Color> }).tabColor;
	if (tab?.argb && /^[0-9a-fA-F]{8}$/.test(tab.argb))
		sheet.tabColor = `#${tab.argb.slice(2).toLowerCase()}`;

	return {
		rows: Math.max(lastRow, sheet.frozenRows),
		columns: Math.max(lastCol, sheet.frozenColumns),
	};
}

function mostCommon<T>(counts: Map<T, number>): T | undefined {
	let best: T | undefined;
	let bestCount = -1;
	for (const [value, n] of counts) {
		if (n > bestCount) {
			best = value;
			bestCount = n;
		}
	}
	return best;
}

/** The size and family most cells of a sheet have (the first 5,000 cells). */
function commonFont(ws: ExcelJS.Worksheet): FileFont {
	const sizes = new Map<number, number>();
	const families = new Map<string, number>();
	let seen = 0;
	ws.eachRow({ includeEmpty: false }, (row) => {
		if (seen > 5000) return;
		row.eachCell({ includeEmpty: false }, (cell) => {
			const { size, name } = cell.font ?? {};
			if (typeof size === "number") sizes.set(size, (sizes.get(size) ?? 0) + 1);
			if (name) families.set(name, (families.get(name) ?? 0) + 1);
			seen++;
		});
	});
	return { size: mostCommon(sizes), family: mostCommon(families) };
}

/** exceljs gives a note as a string or as {texts: [{text}, …]} (rich-text runs): join them. */
function noteText(note: unknown): string {
	if (note === null || note === undefined) return "";
	if (typeof note === "string") return note;
	if (typeof note === "object") {
		const texts = (note as { texts?: Array<{ text?: unknown }> }).texts;
		if (Array.isArray(texts))
			return texts
				.map((t) => (typeof t.text === "string" ? t.text : ""))
				.join("");
	}
	return "";
}
