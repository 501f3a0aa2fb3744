/**
 * What the saved .xlsx shows beyond values (sheet-dress.ts), read back with exceljs, and the
 * runtime state's digest (runtime-sheet.ts): an edited or re-pointed state is not trusted.
 */
import { readFileSync, rmSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOK_FONT } from "../../../src/domain";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
} from "../../../src/local/runtime/model";
import {
	loadWorkbookFromBuffer,
	RUNTIME_SHEET_NAME,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import { SETUP_BUDGET_MS } from "../../support/budgets";
import { makeDemoBook } from "../../support/demo-book";

let demo: { dir: string; book: string };
let book: ExcelJS.Workbook;

beforeAll(async () => {
	demo = makeDemoBook();
	book = new ExcelJS.Workbook();
	await book.xlsx.load(readFileSync(demo.book) as unknown as ExcelJS.Buffer);
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

function sheet(name: string): ExcelJS.Worksheet {
	const ws = book.getWorksheet(name);
	if (!ws) throw new Error(`no sheet ${name}`);
	return ws;
}

describe("the saved demo workbook", () => {
	it("has the 集計 chart as a picture below 「5. グラフ」", () => {
		const images = sheet("集計").getImages();
		expect(images).toHaveLength(1);
		const media = book.getImage(Number(images[0]?.imageId));
		expect(media.extension).toBe("png");
		const heading = sheet("集計")
			.getColumn(1)
			.values.findIndex((v) => String(v).startsWith("5. グラフ"));
		expect(images[0]?.range.tl.nativeRow).toBe(heading);
	});

	it("protects every sheet, the entry sheet's input cells unlocked", () => {
		for (const ws of book.worksheets) {
			if (ws.name === RUNTIME_SHEET_NAME) continue;
			const protection = (
				ws as unknown as { sheetProtection?: { sheet?: boolean } }
			).sheetProtection;
			expect(protection?.sheet, ws.name).toBe(true);
		}
		const entry = sheet("評価_R5");
		expect(entry.getCell("F2").protection?.locked).toBe(false);
		expect(entry.getCell("H86").protection?.locked).toBe(false);
		expect(entry.getCell("E2").protection?.locked).not.toBe(false);
		expect(entry.getCell("A2").protection?.locked).not.toBe(false);
		expect(entry.getCell("I2").protection?.locked).not.toBe(false);
		expect(sheet("設定").getCell("B2").protection?.locked).not.toBe(false);
	});

	it("colours 状態 by conditional formats, 要修正 first", () => {
		const rules = (
			sheet("評価_R5") as unknown as {
				conditionalFormattings: Array<{
					ref: string;
					rules: Array<{ formulae?: string[] }>;
				}>;
			}
		).conditionalFormattings;
		expect(rules.map((r) => r.ref)).toEqual(["I2:I86", "I2:I86", "I2:I86"]);
		expect(rules[0]?.rules[0]?.formulae?.[0]).toBe(
			'LEFT(I2,LEN("要修正："))="要修正："',
		);
	});

	it("prints on A4, one page wide, header row repeated, sheet name and page in the footer", () => {
		for (const name of ["設定", "評価_R5", "集計"]) {
			const ws = sheet(name);
			expect(ws.pageSetup.paperSize, name).toBe(9);
			expect(ws.pageSetup.fitToPage, name).toBe(true);
			expect(ws.pageSetup.fitToWidth, name).toBe(1);
			expect(ws.pageSetup.fitToHeight, name).toBe(0);
			expect(ws.headerFooter.oddFooter, name).toBe(
				`&L&"${BOOK_FONT},Regular"&A&R&"${BOOK_FONT},Regular"&P / &N`,
			);
			expect(ws.pageSetup.margins, name).toMatchObject({
				left: 0.25,
				right: 0.25,
			});
		}
		expect(sheet("評価_R5").pageSetup.orientation).toBe("landscape");
		expect(sheet("評価_R5").pageSetup.printTitlesRow).toBe("1:1");
	});

	it("wraps the entry sheet's cells from their first line, rows as tall as their text", () => {
		const entry = sheet("評価_R5");
		for (const ref of ["A2", "B2", "G2", "I2", "J86"]) {
			expect(entry.getCell(ref).alignment, ref).toMatchObject({
				wrapText: true,
				vertical: "top",
			});
		}
		// 取組1's 主な取組実績 takes three lines in its 212 px column.
		expect(String(entry.getCell("G2").value).length).toBeGreaterThan(40);
		expect(entry.getRow(2).height).toBeGreaterThanOrEqual(3 * 12);
	});

	it("writes every cell in one Japanese font, at Sheets' default size", () => {
		const fonts = new Set<string>();
		for (const ws of book.worksheets) {
			if (ws.name === RUNTIME_SHEET_NAME) continue;
			ws.eachRow((row) => {
				row.eachCell((cell) => {
					fonts.add(`${cell.font?.name} ${cell.font?.size}`);
				});
			});
		}
		expect([...fonts]).toEqual([`${BOOK_FONT} 10`]);
	});
});

async function stateBook(): Promise<ExcelJS.Workbook> {
	const wb = newWorkbookModel();
	const s = newSheetModel(wb, "設定");
	wb.sheets.push(s);
	setCell(s, 0, 0, "項目");
	s.protections.push({
		id: 90,
		description: "DX進捗管理",
		warningOnly: false,
		editors: ["dx@example.lg.jp"],
		domainEdit: false,
		unprotected: [],
	});
	wb.runtimeExtra = {
		properties: { "dxProgress.setupBy": "dx@example.lg.jp" },
	};
	const out = new ExcelJS.Workbook();
	await out.xlsx.load(
		(await workbookToBuffer(wb)) as unknown as ExcelJS.Buffer,
	);
	return out;
}

async function reload(b: ExcelJS.Workbook) {
	const warnings: string[] = [];
	const buf = Buffer.from((await b.xlsx.writeBuffer()) as ArrayBuffer);
	const wb = await loadWorkbookFromBuffer(buf, {
		sourceName: "x.xlsx",
		onWarning: (m) => warnings.push(m),
	});
	return { wb, warnings };
}

describe("the runtime state's digest", () => {
	it("trusts a state nobody touched", async () => {
		const { wb, warnings } = await reload(await stateBook());
		expect(warnings).toEqual([]);
		expect(wb.sheets[0]?.protections).toHaveLength(1);
		expect(wb.runtimeExtra).toEqual({
			properties: { "dxProgress.setupBy": "dx@example.lg.jp" },
		});
	});

	it("does not trust a state edited in the hidden sheet: values load, the state is ignored", async () => {
		const b = await stateBook();
		const rt = b.getWorksheet(RUNTIME_SHEET_NAME) as ExcelJS.Worksheet;
		rt.state = "visible";
		rt.getCell(2, 1).value = String(rt.getCell(2, 1).value).replace(
			'"editors":["dx@example.lg.jp"]',
			'"editors":["intruder@example.lg.jp"]',
		);
		const { wb, warnings } = await reload(b);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			/^実行環境の情報（__dx_runtime__ シート）がこのプログラムの外で変更されているため使いません。.*: x\.xlsx$/,
		);
		expect(wb.sheets.map((s) => s.name)).toEqual(["設定"]);
		expect(wb.sheets[0]?.values[0]).toEqual(["項目"]);
		expect(wb.sheets[0]?.protections).toEqual([]);
		expect(wb.runtimeExtra).toBeUndefined();
		expect(wb.owner).toBe(newWorkbookModel().owner);
	});

	it("does not trust a state whose digest was removed", async () => {
		const b = await stateBook();
		const rt = b.getWorksheet(RUNTIME_SHEET_NAME) as ExcelJS.Worksheet;
		rt.spliceRows(1, 1);
		const { wb, warnings } = await reload(b);
		expect(warnings).toHaveLength(1);
		expect(wb.runtimeExtra).toBeUndefined();
	});

	it("does not trust a state after a sheet it describes was renamed outside", async () => {
		const b = await stateBook();
		(b.getWorksheet("設定") as ExcelJS.Worksheet).name = "設定2";
		const { wb, warnings } = await reload(b);
		expect(warnings).toHaveLength(1);
		expect(wb.sheets[0]?.protections).toEqual([]);
	});
});
