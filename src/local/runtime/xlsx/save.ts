/**
 * WorkbookModel → .xlsx.
 *
 * Refuses (WorkbookFileError, nothing written) rather than losing data silently:
 * - a text, formula or note longer than Excel's cell limit of 32,767 characters;
 * - a text with a control character XML cannot carry (U+0000–U+0008, U+000B, U+000C,
 *   U+000E–U+001F, U+007F) or an unpaired surrogate: exceljs would drop it;
 * - a number that is NaN or ±Infinity, an invalid Date;
 * - a sheet name Excel does not accept (over 31 characters, one of : \ / ? * [ ], a leading
 *   or trailing apostrophe, the reserved name History, names equal ignoring case).
 */
import { randomBytes } from "node:crypto";
import { chmod, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { errnoCode, fsReason } from "../../fs-errors";
import {
	type CellFormat,
	type CellValue,
	cellKey,
	type SheetModel,
	type WorkbookModel,
} from "../model";
import { a1, rectA1 } from "./a1";
import { pixelsToWidth, toExcelValue, writeFormat } from "./cells";
import {
	DEFAULT_DATE_FORMAT,
	DEFAULT_DATETIME_FORMAT,
	isMidnight,
	isValidTimeZone,
} from "./dates";
import { WorkbookFileError } from "./errors";
import { snapshotInputs } from "./input-snapshot";
import {
	asciiJson,
	RUNTIME_FORMAT,
	RUNTIME_SHEET_NAME,
	RUNTIME_VERSION,
	type RuntimeSheetState,
	type RuntimeState,
	splitChunks,
	stateDigest,
} from "./runtime-sheet";
import {
	applyFont,
	writeChartPictures,
	writeConditionalFormats,
	writePageSetup,
	writeProtection,
	writeRowHeights,
} from "./sheet-dress";
import { encodeValidation, ListColumns } from "./validations";

/** Excel's limit on the characters in one cell. */
const EXCEL_CELL_LIMIT = 32_767;
const EXCEL_SHEET_NAME_LIMIT = 31;
/** Excel's default row height (points) with Calibri 11. */
const DEFAULT_ROW_HEIGHT = 15;

/** A character exceljs drops when writing XML: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F. */
function hasBadXmlChar(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d))
			return true;
	}
	return false;
}
const LONE_SURROGATE =
	/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The same test exceljs applies when reading: does this format make a number a Date? */
function isDateFormat(fmt: string): boolean {
	const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
	return /[ymdhMsb]+/.test(f);
}

function where(sheet: SheetModel, row: number, col: number): string {
	return `シート「${sheet.name}」のセル ${a1(row, col)}`;
}

function checkText(text: string, what: string, label: string): void {
	if (text.length > EXCEL_CELL_LIMIT) {
		throw new WorkbookFileError(
			"cell-too-long",
			`${what}の${label}が${text.length.toLocaleString("en-US")}文字あり、Excelの上限（32,767文字）を超えるため保存できません`,
			"",
		);
	}
	if (hasBadXmlChar(text) || LONE_SURROGATE.test(text)) {
		throw new WorkbookFileError(
			"invalid-value",
			`${what}の${label}にExcelに保存できない制御文字が含まれているため保存できません`,
			"",
		);
	}
}

function checkSheetNames(wb: WorkbookModel): void {
	const seen = new Set<string>();
	for (const sheet of wb.sheets) {
		const n = sheet.name;
		let reason: string | undefined;
		if (n === "") reason = "名前が空です";
		else if (n.length > EXCEL_SHEET_NAME_LIMIT)
			reason = "Excelのシート名の上限（31文字）を超えています";
		else if (/[*?:/\\[\]]/.test(n))
			reason =
				"Excelのシート名に使えない文字（: \\ / ? * [ ]）が含まれています";
		else if (n.startsWith("'") || n.endsWith("'"))
			reason = "先頭または末尾に ' があります";
		else if (n.toLowerCase() === "history")
			reason = "History はExcelの予約名です";
		else if (n === RUNTIME_SHEET_NAME) reason = "実行環境が使う名前です";
		else if (seen.has(n.toLowerCase()))
			reason = "大文字・小文字だけが違う同名のシートがあります";
		seen.add(n.toLowerCase());
		if (reason) {
			throw new WorkbookFileError(
				"invalid-sheet-name",
				`シート名「${n}」はExcelに保存できません（${reason}）`,
				"",
			);
		}
	}
}

function checkValue(
	sheet: SheetModel,
	row: number,
	col: number,
	v: CellValue,
): void {
	if (typeof v === "string") {
		checkText(v, where(sheet, row, col), "文字列");
	} else if (typeof v === "number") {
		if (!Number.isFinite(v)) {
			throw new WorkbookFileError(
				"invalid-value",
				`${where(sheet, row, col)}の数値（${String(v)}）はExcelに保存できません`,
				"",
			);
		}
	} else if (v instanceof Date) {
		if (Number.isNaN(v.getTime())) {
			throw new WorkbookFileError(
				"invalid-value",
				`${where(sheet, row, col)}の日付が正しくないため保存できません`,
				"",
			);
		}
	}
}

/** exceljs has `dataValidations` on a worksheet but not in its typings. */
interface WithValidations {
	dataValidations: {
		add(address: string, validation: ExcelJS.DataValidation): void;
	};
}

function keyToRowCol(key: string): [number, number] {
	const i = key.indexOf(",");
	return [Number(key.slice(0, i)), Number(key.slice(i + 1))];
}

async function writeSheet(
	book: ExcelJS.Workbook,
	sheet: SheetModel,
	wb: WorkbookModel,
	lists: ListColumns,
	forceVisible: boolean,
): Promise<void> {
	const ws = book.addWorksheet(sheet.name, {
		state: sheet.hidden && !forceVisible ? "hidden" : "visible",
	});
	const tz = wb.timeZone;
	if (sheet.tabColor) {
		const m = /^#([0-9a-fA-F]{6})$/.exec(sheet.tabColor);
		if (m)
			ws.properties.tabColor = { argb: `FF${(m[1] as string).toUpperCase()}` };
	}
	if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
		ws.views = [
			{
				state: "frozen",
				xSplit: sheet.frozenColumns,
				ySplit: sheet.frozenRows,
			},
		];
	}
	for (const [col, px] of sheet.columnWidths)
		ws.getColumn(col + 1).width = pixelsToWidth(px);
	for (const col of sheet.hiddenColumns) ws.getColumn(col + 1).hidden = true;

	const written = new Set<string>();
	for (let r = 0; r < sheet.values.length; r++) {
		const values = sheet.values[r];
		if (!values || values.length === 0) continue;
		let row: ExcelJS.Row | undefined;
		for (let c = 0; c < values.length; c++) {
			const v = values[c];
			if (v === undefined || v === "") continue;
			checkValue(sheet, r, c, v);
			row ??= ws.getRow(r + 1);
			const cell = row.getCell(c + 1);
			const key = cellKey(r, c);
			const formula = sheet.formulas.get(key);
			if (formula !== undefined) {
				checkText(formula, where(sheet, r, c), "数式");
				cell.value = {
					formula: formula.startsWith("=") ? formula.slice(1) : formula,
					result: toExcelValue(v, tz),
				} as ExcelJS.CellFormulaValue;
			} else {
				cell.value = toExcelValue(v, tz);
			}
			const fmt = sheet.formats.get(key);
			if (fmt) writeFormat(cell, fmt);
			if (
				v instanceof Date &&
				!(fmt?.numberFormat && isDateFormat(fmt.numberFormat))
			) {
				cell.numFmt = isMidnight(v, tz)
					? DEFAULT_DATE_FORMAT
					: DEFAULT_DATETIME_FORMAT;
			}
			written.add(key);
		}
	}
	// Formulas whose cached result is empty, formats and notes of empty cells.
	for (const [key, formula] of sheet.formulas) {
		if (written.has(key)) continue;
		const [r, c] = keyToRowCol(key);
		checkText(formula, where(sheet, r, c), "数式");
		ws.getCell(r + 1, c + 1).value = {
			formula: formula.startsWith("=") ? formula.slice(1) : formula,
		} as ExcelJS.CellFormulaValue;
	}
	for (const [key, fmt] of sheet.formats) {
		if (written.has(key)) continue;
		const [r, c] = keyToRowCol(key);
		writeFormat(ws.getCell(r + 1, c + 1), fmt as CellFormat);
	}
	for (const [key, note] of sheet.notes) {
		if (note === "") continue;
		const [r, c] = keyToRowCol(key);
		checkText(note, where(sheet, r, c), "メモ");
		const cell = ws.getCell(r + 1, c + 1);
		cell.note = note;
		// exceljs (and so this loader) attaches a note only to a cell present in the sheet XML, and
		// writes an empty cell only if it has a style: give a bare note cell Excel's default
		// protection (locked) explicitly, which changes nothing visible.
		if (
			!written.has(key) &&
			!sheet.formats.has(key) &&
			!sheet.formulas.has(key)
		) {
			cell.protection = { locked: true };
		}
	}
	for (const r of sheet.hiddenRows) {
		const row = ws.getRow(r + 1);
		row.hidden = true;
		// exceljs drops a row with neither cells nor a height, hidden flag included.
		if (row.cellCount === 0) row.height = DEFAULT_ROW_HEIGHT;
	}

	for (const m of sheet.merges) {
		if (m.numRows * m.numCols <= 1) continue;
		try {
			ws.mergeCells(m.row + 1, m.col + 1, m.row + m.numRows, m.col + m.numCols);
		} catch (err) {
			throw new WorkbookFileError(
				"invalid-value",
				`シート「${sheet.name}」の結合セル ${rectA1(m)} が他の結合と重なっているため保存できません`,
				"",
				err,
			);
		}
	}
	for (const v of sheet.validations) {
		if (v.kind !== "list") continue;
		for (const item of v.values)
			checkText(item, `シート「${sheet.name}」の入力規則`, "選択肢");
		(ws as unknown as WithValidations).dataValidations.add(
			rectA1(v.rect),
			encodeValidation(v, lists),
		);
	}
	writeConditionalFormats(ws, sheet);
	writeChartPictures(book, ws, sheet);
	writePageSetup(ws, sheet);
	writeRowHeights(ws, sheet);
	await writeProtection(ws, sheet);
	applyFont(ws, sheet);
}

function runtimeState(
	wb: WorkbookModel,
	forcedVisible: SheetModel | undefined,
): RuntimeState {
	return {
		format: RUNTIME_FORMAT,
		version: RUNTIME_VERSION,
		workbook: {
			id: wb.id,
			name: wb.name,
			timeZone: wb.timeZone,
			locale: wb.locale,
			owner: wb.owner,
			editors: [...wb.editors],
			...(wb.groups ? { groups: structuredClone(wb.groups) } : {}),
			nextId: wb.nextId,
		},
		sheets: wb.sheets.map((s): RuntimeSheetState => {
			const entry: RuntimeSheetState = {
				name: s.name,
				sheetId: s.sheetId,
				maxRows: s.maxRows,
				maxColumns: s.maxColumns,
				hidden: s.hidden,
				protections: s.protections,
				conditionalFormats: s.conditionalFormats,
				charts: s.charts,
				validations: s.validations,
			};
			if (s === forcedVisible) entry.forcedVisible = true;
			return entry;
		}),
		extra: wb.runtimeExtra ?? {},
		inputs: snapshotInputs(wb),
	};
}

/** The workbook as .xlsx bytes. Throws WorkbookFileError for content Excel cannot hold. */
export async function workbookToBuffer(wb: WorkbookModel): Promise<Buffer> {
	if (!isValidTimeZone(wb.timeZone)) {
		throw new WorkbookFileError(
			"invalid-value",
			`タイムゾーンの指定が正しくありません: ${wb.timeZone}`,
			"",
		);
	}
	checkSheetNames(wb);
	const book = new ExcelJS.Workbook();
	book.creator = "dx-progress";
	const firstVisible = wb.sheets.findIndex((s) => !s.hidden);
	// xlsx needs one visible sheet; Sheets never hides them all, but the model might.
	const forcedVisible = firstVisible < 0 ? wb.sheets[0] : undefined;
	const lists = new ListColumns();
	for (const sheet of wb.sheets)
		await writeSheet(book, sheet, wb, lists, sheet === forcedVisible);

	const rt = book.addWorksheet(RUNTIME_SHEET_NAME, { state: "veryHidden" });
	let json: string;
	try {
		json = asciiJson(JSON.stringify(runtimeState(wb, forcedVisible)));
	} catch (err) {
		throw new WorkbookFileError(
			"invalid-value",
			"実行環境の情報（スクリプトのプロパティ等）をJSONにできないため保存できません",
			"",
			err,
		);
	}
	rt.getCell(1, 1).value = stateDigest(
		json,
		lists.columns,
		wb.sheets.map((s) => s.name),
	);
	splitChunks(json).forEach((chunk, i) => {
		rt.getCell(i + 2, 1).value = chunk;
	});
	lists.columns.forEach((items, i) => {
		items.forEach((item, r) => {
			rt.getCell(r + 1, i + 2).value = item;
		});
	});
	const active = Math.max(0, firstVisible);
	book.views = [
		{
			x: 0,
			y: 0,
			width: 16000,
			height: 10000,
			firstSheet: active,
			activeTab: active,
			visibility: "visible",
		},
	];
	const out = await book.xlsx.writeBuffer();
	return Buffer.from(out as ArrayBuffer);
}

/**
 * Save atomically: the bytes are built first (a content error leaves the disk untouched), then
 * written to a temporary file in the target's directory, flushed, and renamed over the target.
 * A failure at any point leaves the existing file as it was.
 */
export async function saveWorkbook(
	wb: WorkbookModel,
	path: string,
): Promise<void> {
	let buf: Buffer;
	try {
		buf = await workbookToBuffer(wb);
	} catch (err) {
		if (err instanceof WorkbookFileError) {
			throw new WorkbookFileError(
				err.code,
				`${err.message}: ${path}`,
				path,
				err.cause,
			);
		}
		const detail =
			err instanceof Error ? err.message.split("\n")[0] : String(err);
		throw new WorkbookFileError(
			"save-failed",
			`保存できませんでした（内部エラー: ${detail}）: ${path}`,
			path,
			err,
		);
	}
	const dir = dirname(path);
	let mode: number | undefined;
	try {
		const st = await stat(path);
		if (st.isDirectory()) {
			throw new WorkbookFileError(
				"save-failed",
				`保存先がフォルダです: ${path}`,
				path,
			);
		}
		mode = st.mode & 0o777;
		// A file marked read-only is a user's "do not change this": refuse even where the
		// process could replace it (root, or a writable folder; rename ignores the file's mode).
		if ((mode & 0o222) === 0) {
			throw new WorkbookFileError(
				"save-failed",
				`ファイルが読み取り専用のため保存しません: ${path}`,
				path,
			);
		}
	} catch (err) {
		if (err instanceof WorkbookFileError) throw err;
		if (errnoCode(err) !== "ENOENT") throw saveError(err, path);
		try {
			const d = await stat(dir);
			if (!d.isDirectory())
				throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
		} catch (e) {
			throw new WorkbookFileError(
				"save-dir-missing",
				`保存先のフォルダが見つかりません: ${dir}`,
				path,
				e,
			);
		}
	}
	const tmp = join(
		dir,
		`.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
	);
	try {
		const fh = await open(tmp, "wx");
		try {
			await fh.writeFile(buf);
			await fh.sync();
		} finally {
			await fh.close();
		}
		if (mode !== undefined) await chmod(tmp, mode);
		await rename(tmp, path);
	} catch (err) {
		await unlink(tmp).catch(() => undefined);
		throw saveError(err, path);
	}
}

function saveError(err: unknown, path: string): WorkbookFileError {
	const code = errnoCode(err);
	if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
		return new WorkbookFileError(
			"permission",
			`保存先に書き込む権限がありません: ${path}`,
			path,
			err,
		);
	}
	return new WorkbookFileError(
		"save-failed",
		`保存できませんでした（${fsReason(err, "write")}）: ${path}`,
		path,
		err,
	);
}
