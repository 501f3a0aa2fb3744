/**
 * SPEC 9's trace of direct edits, codec side: every save keeps the entry sheets' input cells as
 * saved, and the next load lists each input cell changed since — by another program writing
 * the .xlsx (JSZip, exceljs here; LibreOffice in test/cli/direct-edits.test.ts).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ENTRY_HEADERS, type FileEdit } from "../../../src/domain";
import {
	type CellValue,
	newSheetModel,
	newWorkbookModel,
	setCell,
	type WorkbookModel,
} from "../../../src/local/runtime/model";
import {
	loadWorkbookFromBuffer,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import { editXlsxCells } from "../../support/xlsx-edit";

const SHEET = "評価_R6";

/** 取組No 1–5, inputs on rows 2–4; an entry sheet as openFiscalYear lays it out. */
function book(): WorkbookModel {
	const wb = newWorkbookModel();
	const sheet = newSheetModel(wb, SHEET);
	wb.sheets.push(sheet);
	for (const [c, h] of ENTRY_HEADERS.entries()) setCell(sheet, 0, c, h);
	const inputs: CellValue[][] = [
		["A 順調に進んだ", "窓口を電子化した", ""],
		["C あまり進まなかった", "検討した", "予算が付かなかった"],
		["", "途中まで実施", ""],
	];
	for (let r = 1; r <= 5; r++) {
		setCell(sheet, r, 0, String(r));
		setCell(sheet, r, 3, `取組${r}`);
		setCell(sheet, r, 4, "市民課");
		for (const [k, v] of (inputs[r - 1] ?? []).entries())
			setCell(sheet, r, 5 + k, v);
	}
	return wb;
}

async function load(buf: Buffer): Promise<WorkbookModel> {
	return loadWorkbookFromBuffer(buf, { onWarning: () => {} });
}

/** exceljs as another program: load the package, change it, write it back. */
async function withExcelJs(
	buf: Buffer,
	change: (ws: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
	const ws = wb.getWorksheet(SHEET);
	if (!ws) throw new Error("no entry sheet");
	change(ws);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const edit = (
	row: number | null,
	col: number,
	no: string,
	oldValue: CellValue,
	newValue: CellValue,
): FileEdit => ({ sheet: SHEET, row, col, no, oldValue, newValue });

describe("the trace of direct edits", () => {
	it("a book loaded as the runtime saved it has none", async () => {
		expect(
			(await load(await workbookToBuffer(book()))).fileEdits,
		).toBeUndefined();
	});

	it("lists each input cell changed in the file, with its old and new value", async () => {
		const saved = await workbookToBuffer(book());
		const changed = await editXlsxCells(saved, SHEET, {
			F2: "b",
			H3: "",
			G5: "新たに着手",
			D2: "名前も変えた", // not an input cell: not listed
		});
		expect((await load(changed)).fileEdits).toEqual([
			edit(2, 6, "1", "A 順調に進んだ", "b"),
			edit(3, 8, "2", "予算が付かなかった", ""),
			edit(5, 7, "4", "", "新たに着手"),
		]);
	});

	it("the runtime's next save takes the book as it is: the same change is not listed twice", async () => {
		const changed = await editXlsxCells(await workbookToBuffer(book()), SHEET, {
			F2: "b",
		});
		const once = await load(changed);
		expect(once.fileEdits).toHaveLength(1);
		expect(
			(await load(await workbookToBuffer(once))).fileEdits,
		).toBeUndefined();
	});

	it("rows moved (sorted in Excel) are not changes; a deleted row's inputs are, without a row", async () => {
		const saved = await workbookToBuffer(book());
		const sorted = await withExcelJs(saved, (ws) => {
			const two = ws.getRow(2).values;
			const three = ws.getRow(3).values;
			ws.getRow(2).values = three as ExcelJS.CellValue[];
			ws.getRow(3).values = two as ExcelJS.CellValue[];
		});
		const back = await load(sorted);
		expect(back.sheets[0]?.values[1]?.[0]).toBe("2");
		expect(back.fileEdits).toBeUndefined();
		const deleted = await withExcelJs(saved, (ws) => {
			ws.spliceRows(3, 1);
		});
		expect((await load(deleted)).fileEdits).toEqual([
			edit(null, 6, "2", "C あまり進まなかった", ""),
			edit(null, 7, "2", "検討した", ""),
			edit(null, 8, "2", "予算が付かなかった", ""),
		]);
	});

	it("a sheet whose header was changed (a column inserted) is left to 全行を検証", async () => {
		const saved = await workbookToBuffer(book());
		const inserted = await withExcelJs(saved, (ws) => {
			ws.spliceColumns(2, 0, ["挿入した列"]);
		});
		expect((await load(inserted)).fileEdits).toBeUndefined();
	});

	it("is stored compactly: 2,000 rows of Japanese text add a small fraction of their size", async () => {
		const wb = book();
		const sheet = wb.sheets[0];
		if (!sheet) throw new Error("no sheet");
		const text = (r: number) =>
			`令和6年度は窓口手続のオンライン化を進め、${r}件の申請を電子化した。`;
		for (let r = 1; r <= 2000; r++) {
			setCell(sheet, r, 0, String(r));
			setCell(sheet, r, 5, "A 順調に進んだ");
			setCell(sheet, r, 6, text(r));
		}
		const saved = await workbookToBuffer(wb);
		const xlsx = new ExcelJS.Workbook();
		await xlsx.xlsx.load(saved as unknown as ExcelJS.Buffer);
		const rt = xlsx.getWorksheet("__dx_runtime__");
		const chunks: string[] = [];
		rt?.eachRow((row, r) => {
			if (r > 1) chunks.push(String(row.getCell(1).value ?? ""));
		});
		const state = JSON.parse(chunks.join("")) as {
			inputs: { sheet: string; rows: string }[];
		};
		const textChars = 2000 * text(1000).length;
		// As escaped JSON (\uXXXX per Japanese character) it would be about six times the text.
		expect(state.inputs[0]?.sheet).toBe(SHEET);
		expect(state.inputs[0]?.rows.length).toBeLessThan(textChars / 4);
		const back = await load(saved);
		expect(back.fileEdits).toBeUndefined();
	});
});
