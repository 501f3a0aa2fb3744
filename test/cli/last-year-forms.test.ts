/**
 * SPEC 9 with SPEC 11: a department's 照会 file of 令和6年度 carries last year's 評価 and 主な取組実績
 * beside the input (locked, as in the book), and its answer is collected.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTRY_COL, inquiryFileName, LAST_YEAR_COL } from "../../src/domain";

import { newWorkbookModel, setCell } from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import {
	enterSampleRatings,
	openSampleYear,
} from "../../src/local/sample-book";
import { setSettings } from "../../src/local/workbook-ops";
import { SAMPLE_DX_OFFICE } from "../../src/sample/departments";
import { ANSWER_METHOD, cli, entryRow, sheetOf } from "../support/answer-forms";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt, newRuntime } from "../support/bundle";

const SHEET = "評価_R6";
let dir: string;

beforeAll(async () => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-last-year-"));
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: SAMPLE_DX_OFFICE }),
	});
	openSampleYear(rt, SAMPLE_DX_OFFICE);
	enterSampleRatings(rt);
	setSettings(rt, SAMPLE_DX_OFFICE, {
		対象年度: "R6",
		回答期限: "2025-05-30",
		回答方法: ANSWER_METHOD,
	});
	rt.runMenu("openFiscalYear", SAMPLE_DX_OFFICE);
	await saveWorkbook(rt.workbook, join(dir, "book.xlsx"));
	const r = cli(dir, "split", "book.xlsx", "--out", "forms");
	if (r.code !== 0) throw new Error(`split failed: ${r.stderr}`);
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a 照会 file of a year with last year's answers", () => {
	it("shows them locked beside the input, and its answers are taken", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const file = join(dir, "forms", inquiryFileName(2024, "市民課"));
		const form = await loadWorkbook(file);
		const book = await loadWorkbook(join(dir, "book.xlsx"));
		const sheet = sheetOf(form, SHEET);
		expect(sheet.values[0]?.slice(LAST_YEAR_COL.rating)).toEqual([
			"前年度の評価",
			"前年度の主な取組実績",
		]);
		const no = String(sheet.values[1]?.[ENTRY_COL.no]);
		const inBook = entryRow(book, no, "評価_R5").values;
		expect(sheet.values[1]?.slice(LAST_YEAR_COL.rating)).toEqual([
			inBook[ENTRY_COL.rating],
			inBook[ENTRY_COL.achievement],
		]);
		const inputs = sheet.protections[0]?.unprotected ?? [];
		expect(inputs.length).toBeGreaterThan(0);
		expect(
			inputs.every(
				(r) =>
					r.col + r.numCols <= ENTRY_COL.reason + 1 &&
					r.col >= ENTRY_COL.rating,
			),
		).toBe(true);
		setCell(sheet, 1, ENTRY_COL.rating, "b");
		await saveWorkbook(form, file);
		const r = cli(dir, "collect", "book.xlsx", file);
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		const after = await loadWorkbook(join(dir, "book.xlsx"));
		expect(entryRow(after, no, SHEET).values[ENTRY_COL.rating]).toBe(
			"B まずまず進んだ",
		);

		// A changed last-year cell is a changed locked cell: the file is refused whole.
		const again = await loadWorkbook(file);
		setCell(sheetOf(again, SHEET), 1, LAST_YEAR_COL.rating, "前年度を書き換え");
		setCell(sheetOf(again, SHEET), 1, ENTRY_COL.rating, "c");
		await saveWorkbook(again, file);
		const refused = cli(dir, "collect", "book.xlsx", file);
		expect(refused.code).toBe(1);
		expect(refused.stdout + refused.stderr).toContain("前年度の評価");
	});
});
