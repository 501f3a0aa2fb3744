import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cellKey, getCell } from "../../../src/local/runtime/model";
import {
	loadWorkbook,
	loadWorkbookFromBuffer,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import { allValues, sheetByName } from "./helpers";

const FIXTURE = fileURLToPath(
	new URL("../../fixtures/libreoffice-sample.xlsx", import.meta.url),
);

describe("a workbook written by LibreOffice Calc", () => {
	it("is where the test expects it", () => {
		expect(existsSync(FIXTURE)).toBe(true);
	});

	it("loads its sheets, texts, numbers and dates", async () => {
		const wb = await loadWorkbook(FIXTURE);
		expect(wb.sheets.map((s) => s.name)).toEqual([
			"設定",
			"基本方針",
			"重点施策",
			"担当課",
			"取組",
			"評価_R5",
			"型の確認",
		]);
		expect(wb.timeZone).toBe("Asia/Tokyo");
		expect(wb.name).toBe("libreoffice-sample");

		const settings = sheetByName(wb, "設定");
		expect(getCell(settings, 1, 1)).toBe("令和5年度");
		// 2024-05-31, a date-only cell: midnight in Asia/Tokyo.
		expect(getCell(settings, 2, 1)).toEqual(
			new Date("2024-05-31T00:00:00+09:00"),
		);
		expect(settings.formats.get(cellKey(2, 1))?.numberFormat).toBe("yyyy/m/d");
		expect(getCell(settings, 3, 1)).toBe("7,3,1,0");
		expect(getCell(settings, 8, 1)).toBe(9);

		const depts = sheetByName(wb, "担当課");
		expect(getCell(depts, 4, 1)).toBe("gakko@example.jp\ngakko2@example.jp");
		expect(depts.formats.get(cellKey(4, 1))).toEqual({ wrap: true });
		expect(getCell(depts, 3, 2)).toBe("");

		const entry = sheetByName(wb, "評価_R5");
		expect(getCell(entry, 2, 5)).toBe("ａ");
		expect(getCell(entry, 3, 5)).toBe(" b ");
		expect(getCell(entry, 4, 5)).toBe("Ｃ　あまり進まなかった");
		expect(getCell(entry, 1, 6)).toBe(
			"20手続に拡充した。\n申請フォームを200件以上作成。",
		);
		// Text starting with "=" stays text, not a formula.
		expect(getCell(entry, 9, 5)).toBe('=HYPERLINK("http://x","A")');
		expect(entry.formulas.size).toBe(0);
		// The note arrives as two rich-text runs: joined.
		expect(entry.notes.get(cellKey(5, 6))).toBe("R6.12月末時点");
		expect(entry.notes.size).toBe(1);
		const long = getCell(entry, 10, 6) as string;
		expect(long).toBe(`受講者 ${"あ".repeat(3000)}`);
		expect(getCell(entry, 10, 10)).toEqual(
			new Date("2024-05-20T00:00:00+09:00"),
		);
		expect(getCell(entry, 1, 0)).toBe(1);
		// The font size LibreOffice uses everywhere is not copied into every cell's format.
		expect(entry.formats.size).toBe(2);
	});

	it("loads one cell of each type", async () => {
		const wb = await loadWorkbook(FIXTURE);
		const s = sheetByName(wb, "型の確認");
		expect(getCell(s, 1, 0)).toBe(3.25);
		expect(getCell(s, 1, 1)).toEqual(new Date("2024-04-01T00:00:00+09:00"));
		// 真偽 (C2): this file stores it as the number 1 with the General format (style 0), not
		// with a boolean number format, so nothing marks it as a boolean: it loads as 1.
		expect(getCell(s, 1, 2)).toBe(1);
		expect(getCell(s, 1, 3)).toBe(3);
		expect(s.formulas.get(cellKey(1, 3))).toBe("1+2");
		expect(getCell(s, 1, 4)).toBe("");
		expect(getCell(s, 2, 4)).toBe("末尾");
	});

	it("saves and reloads with identical values, formulas and notes", async () => {
		const wb = await loadWorkbook(FIXTURE);
		const buf = await workbookToBuffer(wb);
		const back = await loadWorkbookFromBuffer(buf);
		expect(allValues(back)).toEqual(allValues(wb));
		for (const s of wb.sheets) {
			const b = sheetByName(back, s.name);
			expect(b.formulas).toEqual(s.formulas);
			expect(b.notes).toEqual(s.notes);
			expect(b.formats).toEqual(s.formats);
		}
		expect(back.name).toBe(wb.name);
		// The date-only cell keeps its serial: 2024-05-31 is 45443.
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(buf as never);
		const cell = book.getWorksheet("設定")?.getCell("B3");
		expect(cell?.value).toEqual(new Date(Date.UTC(2024, 4, 31)));
		expect(cell?.numFmt).toBe("yyyy/m/d");
	});
});
