import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BOOK_FONT } from "../../../src/domain";
import {
	cellKey,
	getCell,
	newSheetModel,
	newWorkbookModel,
	setCell,
	type WorkbookModel,
} from "../../../src/local/runtime/model";
import {
	loadWorkbook,
	loadWorkbookFromBuffer,
	RUNTIME_SHEET_NAME,
	saveWorkbook,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import { fixture } from "../spreadsheet/helpers";
import { allValues, sheetByName, withTempDir } from "./helpers";

const LABELS = [
	"A 順調に進んだ",
	"B まずまず進んだ",
	"C あまり進まなかった",
	"D 進まなかった",
];

/** 2024-05-31 00:00 and 2024-05-20 13:45:30 in Asia/Tokyo. */
const DATE_ONLY = new Date("2024-05-30T15:00:00.000Z");
const DATE_TIME = new Date("2024-05-20T04:45:30.000Z");

function sampleWorkbook(): WorkbookModel {
	const wb = newWorkbookModel({
		owner: "owner@example.lg.jp",
		id: "book-123",
		name: "テスト帳票",
	});
	wb.editors = ["a@example.lg.jp", "b@example.lg.jp", "team@example.lg.jp"];
	wb.groups = { "team@example.lg.jp": ["c@example.lg.jp", "d@example.lg.jp"] };
	const s = newSheetModel(wb, "評価_R5");
	wb.sheets.push(s);
	const row0 = ["取組No", "評価", "テキスト", "数値", "真偽", "日付"];
	for (const [c, v] of row0.entries()) setCell(s, 0, c, v);
	setCell(s, 1, 0, "日本語のテキスト");
	setCell(s, 1, 1, "絵文字👍🏽と𠮷野家");
	setCell(s, 1, 2, "一行目\n二行目\n三行目");
	setCell(s, 1, 3, "あ".repeat(10_000));
	setCell(s, 2, 0, "=SUM(A1:A3)");
	setCell(s, 2, 1, "+81-3-1234-5678");
	setCell(s, 2, 2, "-3");
	setCell(s, 2, 3, "@mention");
	setCell(s, 2, 4, "'quoted");
	setCell(s, 2, 5, "00123");
	setCell(s, 3, 0, 0);
	setCell(s, 3, 1, -42);
	setCell(s, 3, 2, 1234.5678);
	setCell(s, 3, 3, 0.1 + 0.2);
	setCell(s, 3, 4, 1e-7);
	setCell(s, 3, 5, 123456789012);
	setCell(s, 4, 0, true);
	setCell(s, 4, 1, false);
	setCell(s, 4, 2, DATE_ONLY);
	setCell(s, 4, 3, DATE_TIME);
	// Row 5 left empty; cells in the middle of row 6 empty.
	setCell(s, 6, 0, "左");
	setCell(s, 6, 4, "右");
	// A formula with its cached result.
	setCell(s, 7, 0, 3);
	s.formulas.set(cellKey(7, 0), "1+2");
	setCell(s, 7, 1, "ok");
	s.formulas.set(cellKey(7, 1), 'IF(A8=3,"ok","ng")');

	s.notes.set(cellKey(1, 0), "メモ：\n二行目のメモ");
	s.notes.set(cellKey(9, 9), "空のセルのメモ");
	s.formats.set(cellKey(0, 0), { background: "#cfe2f3", font: { bold: true } });
	s.formats.set(cellKey(0, 1), {
		font: { bold: true, color: "#cc0000" },
		wrap: true,
	});
	s.formats.set(cellKey(4, 3), { numberFormat: "yyyy/mm/dd hh:mm" });
	s.formats.set(cellKey(3, 2), {
		numberFormat: "0.00",
		horizontalAlignment: "right",
	});
	s.formats.set(cellKey(8, 8), { background: "#ff9900" });
	// A family other than the book's is kept; the book's own is every cell's, so not a format.
	s.formats.set(cellKey(8, 9), { font: { family: "Meiryo", size: 12 } });
	s.formats.set(cellKey(8, 10), { font: { family: BOOK_FONT } });
	s.frozenRows = 1;
	s.frozenColumns = 2;
	s.columnWidths.set(0, 80);
	s.columnWidths.set(3, 300);
	s.columnWidths.set(5, 8);
	s.hiddenRows.add(5);
	s.hiddenColumns.add(7);
	s.merges.push({ row: 10, col: 0, numRows: 2, numCols: 3 });
	s.validations.push({
		rect: { row: 1, col: 1, numRows: 99, numCols: 1 },
		kind: "list",
		values: LABELS,
		showDropdown: true,
		allowInvalid: true,
		helpText: "A〜Dから選んでください",
	});
	s.validations.push({
		rect: { row: 1, col: 4, numRows: 10, numCols: 2 },
		kind: "list",
		values: ["はい", "いいえ"],
		showDropdown: false,
		allowInvalid: false,
		helpText: "",
	});
	s.protections.push({
		id: 900,
		rect: { row: 0, col: 0, numRows: 100, numCols: 5 },
		description: "マスタ列",
		warningOnly: false,
		editors: ["owner@example.lg.jp"],
		domainEdit: false,
		unprotected: [],
	});
	s.conditionalFormats.push({
		rects: [{ row: 1, col: 0, numRows: 99, numCols: 11 }],
		condition: "customFormula",
		args: ['=LEFT($I2,3)="要修正"'],
		background: "#f4cccc",
	});
	s.charts.push({
		id: 901,
		type: "COLUMN",
		stacked: true,
		ranges: [{ row: 0, col: 0, numRows: 5, numCols: 5 }],
		transposed: true,
		numHeaders: 1,
		title: "基本方針別",
		anchorRow: 2,
		anchorCol: 8,
		options: { legend: "bottom" },
	});
	s.tabColor = "#38761d";

	const hidden = newSheetModel(wb, "隠しシート");
	hidden.hidden = true;
	hidden.maxRows = 50;
	hidden.maxColumns = 3;
	setCell(hidden, 0, 0, "hidden value");
	wb.sheets.push(hidden);
	wb.runtimeExtra = {
		scriptProperties: { lastRun: "2024-05-31T00:00:00.000Z", 件数: 3 },
		triggers: [
			{ uid: "t1", handlerFunction: "dailyRun", eventType: "CLOCK", atHour: 9 },
		],
	};
	return wb;
}

describe("xlsx round trip", () => {
	it("keeps every value with its type", async () => {
		const wb = sampleWorkbook();
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(wb));
		expect(allValues(back)).toEqual(allValues(wb));
		const s = sheetByName(back, "評価_R5");
		expect(getCell(s, 2, 0)).toBe("=SUM(A1:A3)");
		expect(s.formulas.has(cellKey(2, 0))).toBe(false);
		expect(getCell(s, 1, 3)).toHaveLength(10_000);
		expect(getCell(s, 1, 1)).toBe("絵文字👍🏽と𠮷野家");
		expect(getCell(s, 4, 0)).toBe(true);
		expect(getCell(s, 4, 1)).toBe(false);
		expect(getCell(s, 4, 2)).toEqual(DATE_ONLY);
		expect(getCell(s, 4, 3)).toEqual(DATE_TIME);
		expect(getCell(s, 2, 2)).toBe("-3");
		expect(getCell(s, 2, 5)).toBe("00123");
		expect(getCell(s, 3, 3)).toBe(0.1 + 0.2);
		expect(getCell(s, 5, 0)).toBe("");
		expect(getCell(s, 6, 2)).toBe("");
	});

	it("keeps formulas and their cached results", async () => {
		const back = await loadWorkbookFromBuffer(
			await workbookToBuffer(sampleWorkbook()),
		);
		const s = sheetByName(back, "評価_R5");
		expect(s.formulas.get(cellKey(7, 0))).toBe("1+2");
		expect(getCell(s, 7, 0)).toBe(3);
		expect(s.formulas.get(cellKey(7, 1))).toBe('IF(A8=3,"ok","ng")');
		expect(getCell(s, 7, 1)).toBe("ok");
		expect(s.formulas.size).toBe(2);
	});

	it("keeps notes, formats, frozen panes, widths, hidden rows and columns, merges", async () => {
		const wb = sampleWorkbook();
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(wb));
		const s = sheetByName(back, "評価_R5");
		expect(s.notes).toEqual(wb.sheets[0]?.notes);
		expect(s.formats.get(cellKey(0, 0))).toEqual({
			background: "#cfe2f3",
			font: { bold: true },
		});
		expect(s.formats.get(cellKey(0, 1))).toEqual({
			font: { bold: true, color: "#cc0000" },
			wrap: true,
		});
		expect(s.formats.get(cellKey(4, 3))).toEqual({
			numberFormat: "yyyy/mm/dd hh:mm",
		});
		expect(s.formats.get(cellKey(3, 2))).toEqual({
			numberFormat: "0.00",
			horizontalAlignment: "right",
		});
		expect(s.formats.get(cellKey(8, 8))).toEqual({ background: "#ff9900" });
		expect(s.formats.get(cellKey(8, 9))).toEqual({
			font: { family: "Meiryo", size: 12 },
		});
		expect(s.formats.has(cellKey(8, 10))).toBe(false);
		// A Date without a number format gets one, as Sheets gives it one when a Date is set.
		expect(s.formats.get(cellKey(4, 2))).toEqual({
			numberFormat: "yyyy/mm/dd",
		});
		expect(s.frozenRows).toBe(1);
		expect(s.frozenColumns).toBe(2);
		expect([...s.columnWidths].sort((a, b) => a[0] - b[0])).toEqual([
			[0, 80],
			[3, 300],
			[5, 8],
		]);
		expect([...s.hiddenRows]).toEqual([5]);
		expect([...s.hiddenColumns]).toEqual([7]);
		expect(s.merges).toEqual([{ row: 10, col: 0, numRows: 2, numCols: 3 }]);
		expect(s.tabColor).toBe("#38761d");
	});

	it("keeps list validations, protections, conditional formats, charts and workbook state", async () => {
		const wb = sampleWorkbook();
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(wb));
		const s = sheetByName(back, "評価_R5");
		const orig = wb.sheets[0];
		expect(s.validations).toEqual(orig?.validations);
		expect(s.protections).toEqual(orig?.protections);
		expect(s.conditionalFormats).toEqual(orig?.conditionalFormats);
		expect(s.charts).toEqual(orig?.charts);
		expect(s.sheetId).toBe(orig?.sheetId);
		const h = sheetByName(back, "隠しシート");
		expect(h.hidden).toBe(true);
		expect(h.maxRows).toBe(50);
		expect(h.maxColumns).toBe(3);
		expect(back.id).toBe("book-123");
		expect(back.name).toBe("テスト帳票");
		expect(back.owner).toBe("owner@example.lg.jp");
		expect(back.editors).toEqual([
			"a@example.lg.jp",
			"b@example.lg.jp",
			"team@example.lg.jp",
		]);
		expect(back.groups).toEqual({
			"team@example.lg.jp": ["c@example.lg.jp", "d@example.lg.jp"],
		});
		expect(back.timeZone).toBe("Asia/Tokyo");
		expect(back.runtimeExtra).toEqual(wb.runtimeExtra);
		expect(back.nextId).toBeGreaterThan(901);
		expect(back.sheets.map((x) => x.name)).toEqual(["評価_R5", "隠しシート"]);
		expect(back.sheets.some((x) => x.name === RUNTIME_SHEET_NAME)).toBe(false);
	});

	it("writes validations Excel shows as dropdowns, with warning vs stop and the prompt", async () => {
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await workbookToBuffer(sampleWorkbook())) as never);
		const ws = book.getWorksheet("評価_R5");
		const dvs = (
			ws as unknown as {
				dataValidations: { model: Record<string, Record<string, unknown>> };
			}
		).dataValidations.model;
		expect(dvs.B2).toMatchObject({
			type: "list",
			formulae: [
				'"A 順調に進んだ,B まずまず進んだ,C あまり進まなかった,D 進まなかった"',
			],
			errorStyle: "warning",
			showErrorMessage: true,
			showInputMessage: true,
			prompt: "A〜Dから選んでください",
		});
		expect(dvs.E2).toMatchObject({
			type: "list",
			errorStyle: "stop",
			formulae: ['"はい,いいえ"'],
		});
		expect(book.getWorksheet(RUNTIME_SHEET_NAME)?.state).toBe("veryHidden");
	});

	it("writes long lists and lists with commas into the runtime sheet and reads them back", async () => {
		const wb = newWorkbookModel();
		const s = newSheetModel(wb, "シート1");
		wb.sheets.push(s);
		const long = Array.from({ length: 60 }, (_, i) => `選択肢その${i + 1}`);
		const comma = ["東京都, 千代田区", 'say "hi"', "普通"];
		s.validations.push(
			{
				rect: { row: 0, col: 0, numRows: 5, numCols: 1 },
				kind: "list",
				values: long,
				showDropdown: true,
				allowInvalid: false,
				helpText: "ヘ".repeat(300),
			},
			{
				rect: { row: 0, col: 2, numRows: 5, numCols: 1 },
				kind: "list",
				values: comma,
				showDropdown: true,
				allowInvalid: true,
				helpText: "",
			},
		);
		expect(long.join(",").length).toBeGreaterThan(255);
		const buf = await workbookToBuffer(wb);
		const back = await loadWorkbookFromBuffer(buf);
		expect(back.sheets[0]?.validations).toEqual(s.validations);
		// Without the runtime JSON's copy (as if edited elsewhere) the items still resolve.
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(buf as never);
		const dvs = (
			book.getWorksheet("シート1") as unknown as {
				dataValidations: {
					model: Record<string, { formulae: string[]; prompt?: string }>;
				};
			}
		).dataValidations.model;
		expect(dvs.A1?.formulae[0]).toBe(`${RUNTIME_SHEET_NAME}!$B$1:$B$60`);
		expect(dvs.A1?.prompt).toHaveLength(255);
		expect(dvs.C1?.formulae[0]).toBe(`${RUNTIME_SHEET_NAME}!$C$1:$C$3`);
	});

	it("splits a runtime JSON longer than one cell across cells, emoji included", async () => {
		const wb = newWorkbookModel();
		wb.sheets.push(newSheetModel(wb, "シート1"));
		const big = `${"x".repeat(31_999)}😀${"日本語".repeat(30_000)}😀`;
		wb.runtimeExtra = {
			big,
			list: Array.from({ length: 2000 }, (_, i) => ({
				i,
				s: "🎌".repeat(i % 7),
			})),
		};
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(wb));
		expect(back.runtimeExtra).toEqual(wb.runtimeExtra);
	});

	it("saves to disk atomically and the file re-reads with exceljs as a valid zip", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "book.xlsx");
			const wb = sampleWorkbook();
			await saveWorkbook(wb, path);
			const { readFile, readdir } = await import("node:fs/promises");
			const bytes = await readFile(path);
			expect(bytes.subarray(0, 4)).toEqual(
				Buffer.from([0x50, 0x4b, 0x03, 0x04]),
			);
			const ExcelJS = (await import("exceljs")).default;
			const book = new ExcelJS.Workbook();
			await book.xlsx.readFile(path);
			expect(book.worksheets.map((w) => w.name)).toEqual([
				"評価_R5",
				"隠しシート",
				RUNTIME_SHEET_NAME,
			]);
			expect(book.getWorksheet("評価_R5")?.getCell("A3").type).toBe(
				ExcelJS.ValueType.String,
			);
			expect(await readdir(dir)).toEqual(["book.xlsx"]);
			const back = await loadWorkbook(path);
			expect(allValues(back)).toEqual(allValues(wb));
		});
	});
	it("keeps a workbook whose sheets are all hidden (xlsx needs one visible sheet)", async () => {
		const wb = newWorkbookModel();
		const a = newSheetModel(wb, "一");
		const b = newSheetModel(wb, "二");
		a.hidden = true;
		b.hidden = true;
		wb.sheets.push(a, b);
		const buf = await workbookToBuffer(wb);
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(buf as never);
		expect(book.getWorksheet("一")?.state).toBe("visible");
		const back = await loadWorkbookFromBuffer(buf);
		expect(back.sheets.map((x) => x.hidden)).toEqual([true, true]);
	});
});

describe("text written by a script stays text in the .xlsx", () => {
	// https://support.google.com/docs/answer/3094285 (an apostrophe makes text);
	// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#NumberFormatType
	// (TEXT); an .xlsx string cell and the "@" number format are text in Excel and LibreOffice.
	it("apostrophe-written and '@'-formatted strings load back as the same strings, '@' kept", async () => {
		const f = fixture();
		const texts = ["001", "1-1", "7,3,1,0", "TRUE", "2024/5/31", "12%"];
		f.sheet.getRange("A1:F1").setValues([texts.map((t) => `'${t}`)]);
		f.sheet.getRange("A2:F2").setNumberFormat("@").setValues([texts]);
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(f.wb));
		const s = sheetByName(back, "Sheet1");
		for (const row of [0, 1])
			expect(texts.map((_, c) => getCell(s, row, c))).toEqual(texts);
		expect(s.formats.get(cellKey(1, 1))?.numberFormat).toBe("@");
	});
});
