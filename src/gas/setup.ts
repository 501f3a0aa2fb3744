/**
 * 初期設定（シート作成）: creates the sheets of SPEC 2 that are missing and fills the empty master
 * sheets with the seed's structure. Never overwrites: a sheet with anything below its header is
 * left as it is.
 */
import {
	BOOK_FONT,
	defaultPlanInfoRows,
	defaultScaleRows,
	defaultSettingsRows,
	EDIT_LOG_HEADERS,
	entrySheetName,
	KPI_HEADERS,
	keepTextRows,
	missingPlanInfoRows,
	missingSettingsRows,
	readEntryRows,
	SEND_LOG_HEADERS,
	SHEET_NAMES,
	seedMasterTables,
	settingsValueFormats,
} from "../domain";
import { protectWorkbook } from "./access";
import {
	appendBlock,
	type Book,
	type Cell,
	ensureGrid,
	readAll,
	rectangular,
	type Sheet,
} from "./book";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { recordSetupBy, requireDxOffice } from "./protections";
import { acceptedScale, checkScale } from "./scale";
import { styleHeader } from "./sheet-style";
import type { ActionResult } from "./ui";

interface SheetSpec {
	name: string;
	/** Header row plus the rows an empty sheet starts with. */
	rows: () => string[][];
	widths: number[];
	/** Rows to add below a sheet already in use (items added by a later version), if any. */
	missingRows?: (values: Cell[][]) => string[][];
	/** Number formats of column B below the header, for a new sheet (設定's units). */
	valueFormats?: (rows: string[][]) => string[][];
	/** Column B wraps (計画's paragraphs), so the sheet shows and prints on a portrait page. */
	wrapValues?: boolean;
}

function specs(now: Date): SheetSpec[] {
	const seed = seedMasterTables();
	return [
		{
			name: SHEET_NAMES.settings,
			rows: () => defaultSettingsRows(now),
			widths: [220, 360],
			missingRows: (values) => missingSettingsRows(values, now),
			valueFormats: settingsValueFormats,
		},
		{
			name: SHEET_NAMES.policies,
			rows: () => seed.policies,
			widths: [80, 260],
		},
		{
			name: SHEET_NAMES.measures,
			rows: () => seed.measures,
			widths: [90, 90, 380],
		},
		{
			name: SHEET_NAMES.departments,
			rows: () => seed.departments,
			widths: [170, 320, 320],
		},
		{
			name: SHEET_NAMES.initiatives,
			rows: () => seed.initiatives,
			widths: [80, 460, 220, 160],
		},
		{
			name: SHEET_NAMES.scale,
			rows: defaultScaleRows,
			widths: [80, 200, 90, 70],
		},
		{
			name: SHEET_NAMES.kpis,
			rows: () => [[...KPI_HEADERS]],
			widths: [80, 300, 100, 70, 90, 90, 90],
		},
		{ name: SHEET_NAMES.summary, rows: () => [], widths: [] },
		{
			name: SHEET_NAMES.sendLog,
			rows: () => [[...SEND_LOG_HEADERS]],
			widths: [150, 150, 320, 120, 90, 240],
		},
		{
			name: SHEET_NAMES.editLog,
			rows: () => [[...EDIT_LOG_HEADERS]],
			widths: [150, 260, 100, 70, 80, 260, 260],
		},
		{
			name: SHEET_NAMES.plan,
			rows: defaultPlanInfoRows,
			widths: [170, 480],
			missingRows: missingPlanInfoRows,
			wrapValues: true,
		},
	];
}

export function setupWorkbook(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		if (book.getSheetByName(SHEET_NAMES.settings)) {
			requireDxOffice(
				readSettings(book, now).settings,
				"初期設定（シート作成）",
			);
		}
		recordSetupBy();
		const created: string[] = [];
		const filled: string[] = [];
		const added: string[] = [];
		const addedNotes: string[] = [];
		for (const spec of specs(now)) {
			let sheet = book.getSheetByName(spec.name);
			const rows = spec.rows();
			if (!sheet) {
				sheet = book.insertSheet(spec.name);
				created.push(spec.name);
				if (rows.length > 0) fillNew(sheet, rows, spec.widths);
				if (spec.valueFormats && rows.length > 1)
					sheet
						.getRange(2, 2, rows.length - 1, 1)
						.setNumberFormats(spec.valueFormats(rows));
				if (spec.wrapValues && rows.length > 1)
					sheet.getRange(2, 2, rows.length - 1, 1).setWrap(true);
				continue;
			}
			if (rows.length > 0 && fillIfOnlyHeader(sheet, rows, spec.widths))
				filled.push(spec.name);
			else if (spec.missingRows) {
				const items = appendMissing(sheet, spec.missingRows);
				added.push(...items);
				if (items.length > 0)
					addedNotes.push(
						`${spec.name}シートに項目を追加しました：${items.join("、")}。`,
					);
			}
		}
		// Protections are (re)applied every time: the DX office's accounts may have changed.
		const settings = readSettings(book, now).settings;
		protectWorkbook(book, settings, readMaster(book).draft.departments);
		const scaleNote = acceptScale(book, settings.fiscalYear);
		const parts: string[] = [];
		if (created.length > 0) parts.push(`作成したシート：${created.join("、")}`);
		if (filled.length > 0)
			parts.push(`初期値を入れたシート：${filled.join("、")}`);
		const addedNote = addedNotes.join("");
		const message =
			(parts.length > 0
				? `${parts.join("。")}。${addedNote}次に「取組」シートに具体的取組を貼り付け、「担当課」シートにメールアドレスを入力してください。`
				: `${addedNote || "必要なシートはすべてそろっています。"}既存の内容は変更していません。`) +
			(scaleNote ? `\n${scaleNote}` : "");
		return { ok: true, message, created, filled, added };
	});
}

/**
 * The 評価区分 sheet becomes 対象年度's scale when nothing stands against it (a workbook made
 * before the sheet existed gets the seed's A–D, as it was rated on); returns the refusal, if any.
 */
function acceptScale(book: Book, fiscalYear: number): string | null {
	const entry = book.getSheetByName(entrySheetName(fiscalYear));
	const name = entrySheetName(fiscalYear);
	const scale = acceptedScale(fiscalYear);
	const rows = entry ? readEntryRows(readAll(entry), name, scale).rows : null;
	return checkScale(book, fiscalYear, rows ? { name, rows, scale } : null, true)
		.refusal;
}

/** Seed rows as text: 催促日 `7,3,1,0`, codes and names read back as written. */
function seedBlock(rows: string[][], width: number): unknown[][] {
	return keepTextRows(rectangular(rows, width));
}

function fillNew(sheet: Sheet, rows: string[][], widths: number[]): void {
	const width = Math.max(...rows.map((r) => r.length));
	ensureGrid(sheet, rows.length, width);
	sheet.getRange(1, 1, rows.length, width).setValues(seedBlock(rows, width));
	styleHeader(sheet, width, widths);
}

/**
 * An existing sheet holding only its header (or nothing) gets the seed rows below it; any
 * other content means the DX office has started it, so it is left alone.
 */
function fillIfOnlyHeader(
	sheet: Sheet,
	rows: string[][],
	widths: number[],
): boolean {
	const values: Cell[][] = readAll(sheet);
	const nonBlankRows = values.filter((r) => r.some((v) => v !== "")).length;
	if (nonBlankRows > 1) return false;
	if (
		nonBlankRows === 1 &&
		String(values[0]?.[0] ?? "").trim() !== rows[0]?.[0]
	)
		return false;
	const width = Math.max(...rows.map((r) => r.length));
	if (nonBlankRows === 0) {
		// Empty (e.g. a run stopped right after creating it): filled as a new sheet.
		fillNew(sheet, rows, widths);
		return true;
	}
	const body = rows.slice(1);
	if (body.length === 0) return false;
	ensureGrid(sheet, body.length + 1, width);
	sheet
		.getRange(2, 1, body.length, width)
		.setValues(seedBlock(body, width))
		.setFontFamily(BOOK_FONT);
	return true;
}

/** Appends the rows `missing` finds absent below the last row; returns their first cells. */
function appendMissing(
	sheet: Sheet,
	missing: (values: Cell[][]) => string[][],
): string[] {
	const rows = missing(readAll(sheet));
	appendBlock(sheet, rows, Math.max(0, ...rows.map((r) => r.length)));
	return rows.map((r) => r[0] as string);
}
