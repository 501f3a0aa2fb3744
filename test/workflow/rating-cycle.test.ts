/**
 * The rating cycle end to end through dist/Code.js in the local runtime (SPEC 1–4): the DX
 * office sets up and opens FY2023, departments enter the sample's ratings, the summary
 * reproduces the seed's table.
 */
import { describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../src/domain";
import { enterSampleRatings } from "../../src/local/sample-book";
import { sheetModel } from "../../src/local/workbook-ops";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

const SEED_TABLE = [
	["評価区分", "行政サービスのDX", "行政経営のDX", "市民・地域のDX", "合計"],
	["A 順調に進んだ", 17, 40, 8, 65],
	["B まずまず進んだ", 3, 12, 9, 24],
	["C あまり進まなかった", 1, 2, 0, 3],
	["D 進まなかった", 0, 0, 0, 0],
	["未評価", 0, 0, 0, 0],
	["合計", 21, 54, 17, 92],
];

describe("the FY2023 rating cycle on the sample", () => {
	it("setup creates every SPEC 2 sheet with the seed's structure", () => {
		const rt = openedSampleBook();
		const names = rt.workbook.sheets.map((s) => s.name);
		for (const name of Object.values(SHEET_NAMES))
			expect(names).toContain(name);
		expect(names).toContain("評価_R5");
		expect(rowsOf(rt, SHEET_NAMES.policies).slice(0, 4)).toEqual([
			["コード", "名称"],
			["I", "行政サービスのDX"],
			["II", "行政経営のDX"],
			["III", "市民・地域のDX"],
		]);
		expect(rowsOf(rt, SHEET_NAMES.measures)).toHaveLength(25);
		const entry = sheetModel(rt, "評価_R5");
		expect(entry.frozenRows).toBe(1);
		expect(entry.values).toHaveLength(86);
		expect(
			entry.validations.some((v) => v.values.includes("A 順調に進んだ")),
		).toBe(true);
	});

	it("departments' pastes are validated and the summary reproduces the seed's table", () => {
		const rt = openedSampleBook();
		const pastes = enterSampleRatings(rt);
		expect(pastes).toBeGreaterThan(10);
		const entry = rowsOf(rt, "評価_R5");
		const statuses = entry.slice(1).map((r) => r[8]);
		expect(statuses.every((s) => s === "入力済")).toBe(true);
		expect(
			entry
				.slice(1)
				.every((r) => String(r[9]).endsWith("@city-kameyama.example")),
		).toBe(true);
		expect(entry.slice(1).every((r) => r[10] instanceof Date)).toBe(true);

		const validated = expectOk(rt.runMenu("validateAll", DX));
		expect(validated).toMatchObject({ done: 85, blank: 0, fix: 0 });

		const built = expectOk(rt.runMenu("buildSummary", DX));
		const summary = built.summary as Record<string, unknown>;
		expect(summary).toMatchObject({
			fiscalYear: 2023,
			label: "令和5年度",
			initiatives: 85,
			total: { A: 65, B: 24, C: 3, D: 0, unrated: 0, total: 92 },
		});
		expect(summary.abShare as number).toBeCloseTo(89 / 92, 10);

		const sheet = rowsOf(rt, SHEET_NAMES.summary);
		expect(sheet[0]?.[0]).toBe("令和5年度 進捗度評価集計（具体的取組ベース）");
		const start = sheet.findIndex((r) => r[0] === "評価区分");
		expect(sheet.slice(start, start + 7).map((r) => r.slice(0, 5))).toEqual(
			SEED_TABLE,
		);
		const share = sheet[start + 7];
		expect(share?.[0]).toBe("A+B の割合");
		expect(share?.[4] as number).toBeCloseTo(0.967, 3);
		expect(sheet[start + 8]?.[0]).toContain(
			"合計数（92）は、具体的取組の総数（85）を上回る（再掲 7件）",
		);
		expect(sheetModel(rt, SHEET_NAMES.summary).charts).toHaveLength(1);
	});

	it("rebuilding the summary gives the same sheet, and never touches the entry sheet", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		const entryBefore = JSON.stringify(rowsOf(rt, "評価_R5"));
		rt.runMenu("buildSummary", DX);
		const first = rowsOf(rt, SHEET_NAMES.summary).slice(2);
		rt.runMenu("buildSummary", DX);
		const second = rowsOf(rt, SHEET_NAMES.summary).slice(2);
		expect(second).toEqual(first);
		expect(JSON.stringify(rowsOf(rt, "評価_R5"))).toBe(entryBefore);
		expect(
			rt.workbook.sheets.filter((s) => s.name.startsWith(SHEET_NAMES.summary)),
		).toHaveLength(1);
	});
});
