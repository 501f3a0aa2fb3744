import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
	extraPolicyPlacements,
	formatPercent,
	policyTableRows,
	readEntryRows,
	reNote,
	SEED_DEPARTMENT_NAMES,
	SEED_MEASURES,
	tally,
	toSummaryJson,
} from "../../src/domain";
import {
	loadSamplePlan,
	SAMPLE_PLAN_CSV,
	sampleEntrySheetValues,
} from "../../src/sample";

const csvPath = fileURLToPath(
	new URL("../../src/sample/plan.csv", import.meta.url),
);
const modulePath = fileURLToPath(
	new URL("../../src/sample/plan-csv.ts", import.meta.url),
);

function renderModule(text: string): string {
	return `/**
 * The bundled sample plan (src/sample/plan.csv) as a string, so the Apps Script bundle and the
 * command line can use it without a file system. Generated from plan.csv; test/domain/sample.test.ts
 * checks that the two are identical byte for byte. After editing plan.csv, regenerate with
 *   UPDATE_SAMPLE=1 npx vitest run test/domain/sample.test.ts
 */
export const SAMPLE_PLAN_CSV: string = ${JSON.stringify(text)};
`;
}

describe("the bundled sample plan", () => {
	it("plan-csv.ts holds plan.csv byte for byte", () => {
		const text = readFileSync(csvPath, "utf8");
		if (process.env.UPDATE_SAMPLE)
			writeFileSync(modulePath, renderModule(text));
		expect(SAMPLE_PLAN_CSV).toBe(text);
	});

	it("parses without errors: 85 initiatives over all 24 measures", () => {
		const { plan, problems, ratings } = loadSamplePlan();
		expect(problems.filter((p) => p.level === "error")).toEqual([]);
		expect(plan.initiatives).toHaveLength(85);
		const used = new Set(plan.initiatives.flatMap((i) => i.measures));
		for (const m of SEED_MEASURES) expect(used.has(m.code), m.code).toBe(true);
		expect(ratings.size).toBe(85);
		const names = new Set(plan.initiatives.map((i) => i.name));
		expect(names.size).toBe(85);
		for (const d of plan.initiatives.flatMap((i) => i.departments)) {
			expect(SEED_DEPARTMENT_NAMES).toContain(d);
		}
	});

	it("has 再掲 across policies and within one policy", () => {
		const { plan } = loadSamplePlan();
		expect(extraPolicyPlacements(plan)).toBe(7);
		const line = plan.initiatives.find((i) =>
			i.name.startsWith("LINE公式アカウント"),
		);
		expect(line?.measures).toEqual(["I-3", "I-6"]);
	});

	it("tallies to the seed's FY2023 table exactly, through the entry sheet", () => {
		const { plan } = loadSamplePlan();
		const read = readEntryRows(sampleEntrySheetValues(), "評価_R5");
		expect(read.problems).toEqual([]);
		const t = tally(plan, read.rows);
		const json = toSummaryJson(2023, t);
		expect(json.fiscalYear).toBe(2023);
		expect(json.label).toBe("令和5年度");
		expect(json.policies).toEqual([
			{
				code: "I",
				name: "行政サービスのDX",
				A: 17,
				B: 3,
				C: 1,
				D: 0,
				unrated: 0,
				total: 21,
				// SPEC 11: the counts per code of the scale, always.
				counts: { A: 17, B: 3, C: 1, D: 0 },
			},
			{
				code: "II",
				name: "行政経営のDX",
				A: 40,
				B: 12,
				C: 2,
				D: 0,
				unrated: 0,
				total: 54,
				// SPEC 11: the counts per code of the scale, always.
				counts: { A: 40, B: 12, C: 2, D: 0 },
			},
			{
				code: "III",
				name: "市民・地域のDX",
				A: 8,
				B: 9,
				C: 0,
				D: 0,
				unrated: 0,
				total: 17,
				// SPEC 11: the counts per code of the scale, always.
				counts: { A: 8, B: 9, C: 0, D: 0 },
			},
		]);
		expect(json.total).toEqual({
			A: 65,
			B: 24,
			C: 3,
			D: 0,
			unrated: 0,
			total: 92,
			// SPEC 11: the counts per code of the scale, always.
			counts: { A: 65, B: 24, C: 3, D: 0 },
		});
		expect(json.initiatives).toBe(85);
		expect(json.abShare).toBeCloseTo(89 / 92, 12);
		expect(formatPercent(t.abShare)).toBe("96.7%");
		expect(t.gross - t.initiatives).toBe(t.extraPlacements);
		expect(t.extraPlacements).toBe(7);
		expect(Object.keys(json).slice(0, 6)).toEqual([
			"fiscalYear",
			"label",
			"policies",
			"total",
			"initiatives",
			"abShare",
		]);
		expect(t.unreported).toEqual([]);
		expect(t.departments.every((d) => d.progress === 1)).toBe(true);
		expect(reNote(t)).toContain(
			"合計数（92）は、具体的取組の総数（85）を上回る",
		);
		expect(policyTableRows(t)).toEqual([
			[
				"評価区分",
				"行政サービスのDX",
				"行政経営のDX",
				"市民・地域のDX",
				"合計",
			],
			["A 順調に進んだ", 17, 40, 8, 65],
			["B まずまず進んだ", 3, 12, 9, 24],
			["C あまり進まなかった", 1, 2, 0, 3],
			["D 進まなかった", 0, 0, 0, 0],
			["未評価", 0, 0, 0, 0],
			["合計", 21, 54, 17, 92],
			["A+B の割合", 20 / 21, 52 / 54, 1, 89 / 92],
		]);
		// Every measure has at least one rated initiative.
		expect(t.measures.every((m) => m.total > 0)).toBe(true);
	});

	it("every C carries its 評価理由・課題 (so every department has reported)", () => {
		const rows = readEntryRows(sampleEntrySheetValues()).rows;
		const cs = rows.filter(
			(r) => r.status.rating.ok && r.status.rating.code === "C",
		);
		expect(cs).toHaveLength(3);
		for (const r of cs) expect(r.reason).not.toBe("");
		expect(rows.every((r) => r.status.text === "入力済")).toBe(true);
	});
});
