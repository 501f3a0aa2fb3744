/**
 * SPEC 11, last year beside this year, through the bundle: 令和6年度's entry sheet shows 令和5年度's
 * 評価 and 主な取組実績 beside the input, read-only; 集計 and the JSON show 増減 per grade and
 * policy against last year, checked against a recount written here.
 */
import { describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	ENTRY_HEADERS,
	LAST_YEAR_COL,
	SHEET_NAMES,
} from "../../src/domain";
import { renderReport, type SummaryJson } from "../../src/local/cli/report";
import { cellKey } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { PROTECTED_MESSAGE } from "../../src/local/runtime/spreadsheet";
import { enterSampleRatings } from "../../src/local/sample-book";
import {
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

/** 令和5年度 rated as the sample, 令和6年度 opened from it. */
function secondYear(): LocalRuntime {
	const rt = openedSampleBook({
		now: () => new Date("2025-06-02T09:00:00+09:00"),
	});
	enterSampleRatings(rt);
	setSettings(rt, DX, { 対象年度: "R6" });
	expectOk(rt.runMenu("openFiscalYear", DX));
	return rt;
}

const row = (rt: LocalRuntime, sheet: string, no: string) =>
	rowsOf(rt, sheet).find((r) => String(r[ENTRY_COL.no]) === no) ?? [];

describe("last year beside this year", () => {
	it("shows each initiative's 令和5年度 評価 and 主な取組実績 after the fixed columns", () => {
		const rt = secondYear();
		const header = rowsOf(rt, "評価_R6")[0];
		expect(header).toEqual([
			...ENTRY_HEADERS,
			"前年度の評価",
			"前年度の主な取組実績",
		]);
		for (const i of loadSamplePlan().plan.initiatives) {
			const before = row(rt, "評価_R5", i.no);
			const now = row(rt, "評価_R6", i.no);
			expect(now[LAST_YEAR_COL.rating], i.no).toBe(before[ENTRY_COL.rating]);
			expect(now[LAST_YEAR_COL.achievement], i.no).toBe(
				before[ENTRY_COL.achievement],
			);
			expect(now[ENTRY_COL.rating]).toBe("");
		}
		// 令和5年度 had no year before it: no such columns.
		expect(rowsOf(rt, "評価_R5")[0]).toEqual([...ENTRY_HEADERS]);
	});

	it("is read-only for departments, and their input is validated as before", () => {
		const rt = secondYear();
		const at = rowsOf(rt, "評価_R6").findIndex((r) => r[4] === "市民課") + 1;
		const user = sampleDepartmentEmail("市民課");
		expect(() =>
			paste(rt, user, "評価_R6", at, LAST_YEAR_COL.rating + 1, [["D"]]),
		).toThrow(PROTECTED_MESSAGE);
		paste(rt, user, "評価_R6", at, ENTRY_COL.rating + 1, [["c", "", ""]]);
		const r = rowsOf(rt, "評価_R6")[at - 1] ?? [];
		expect(r[ENTRY_COL.rating]).toBe("C あまり進まなかった");
		expect(r[ENTRY_COL.status]).toBe(
			"要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
		);
		expectOk(rt.runMenu("validateAll", DX));
	});

	it("fills the columns for an initiative added to 取組 later (blank: it had no last year)", () => {
		const rt = secondYear();
		const rows = loadSamplePlan().initiativeRows.map((r) => [...r]);
		rows.push(["86", "新しい取組", "市民課", "I-2"]);
		pasteTable(rt, DX, SHEET_NAMES.initiatives, rows);
		const validated = expectOk(rt.runMenu("validateAll", DX));
		expect(validated.rowsAdded).toEqual(["86"]);
		const added = row(rt, "評価_R6", "86");
		expect(added).toHaveLength(ENTRY_HEADERS.length + 2);
		expect(added.slice(LAST_YEAR_COL.rating)).toEqual(["", ""]);
		expect(added[ENTRY_COL.status]).toBe("未入力");
	});

	it("shows 増減 per grade and policy against last year in 集計 and the JSON", () => {
		const rt = secondYear();
		// 令和6年度: every initiative rated one grade lower than last year (D stays D).
		const lower: Record<string, string> = { A: "B", B: "C", C: "D", D: "D" };
		const plan = loadSamplePlan().plan;
		const r5 = new Map(
			plan.initiatives.map((i) => [
				i.no,
				String(row(rt, "評価_R5", i.no)[ENTRY_COL.rating]).slice(0, 1),
			]),
		);
		const r6 = new Map([...r5].map(([no, g]) => [no, lower[g] ?? g]));
		for (const [r, line] of rowsOf(rt, "評価_R6").entries()) {
			if (r === 0) continue;
			const code = r6.get(String(line[ENTRY_COL.no]));
			const dept = String(line[ENTRY_COL.departments]).split("、")[0] ?? "";
			paste(rt, sampleDepartmentEmail(dept), "評価_R6", r + 1, 6, [
				[code ?? "", "", "理由"],
			]);
		}
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const change = (
			built.summary as {
				lastYearChange: {
					fiscalYear: number;
					policies: Array<{
						code: string;
						counts: Record<string, number>;
						total: number;
						share: number;
					}>;
					total: { counts: Record<string, number>; share: number };
				};
			}
		).lastYearChange;
		expect(change.fiscalYear).toBe(2023);
		// The recount: placements per policy and grade in each year, from the plan.
		const count = (ratings: Map<string, string>, policy: string | null) => {
			const out: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
			for (const i of plan.initiatives) {
				const policies = new Set(i.measures.map((m) => m.split("-")[0]));
				for (const p of policies)
					if (policy === null || p === policy)
						out[ratings.get(i.no) ?? ""] =
							(out[ratings.get(i.no) ?? ""] ?? 0) + 1;
			}
			return out;
		};
		const diff = (policy: string | null) => {
			const a = count(r6, policy);
			const b = count(r5, policy);
			return Object.fromEntries(
				["A", "B", "C", "D"].map((g) => [g, (a[g] ?? 0) - (b[g] ?? 0)]),
			);
		};
		const share = (policy: string | null) => {
			const a = count(r6, policy);
			const b = count(r5, policy);
			const total = (c: Record<string, number>) =>
				Object.values(c).reduce((x, y) => x + y, 0);
			return (
				((a.A ?? 0) + (a.B ?? 0)) / total(a) -
				((b.A ?? 0) + (b.B ?? 0)) / total(b)
			);
		};
		for (const p of change.policies) {
			expect(p.counts, p.code).toEqual(diff(p.code));
			expect(p.total).toBe(0);
			expect(p.share).toBeCloseTo(share(p.code), 12);
		}
		expect(change.total.counts).toEqual(diff(null));
		expect(change.total.share).toBeCloseTo(share(null), 12);

		const sheet = rowsOf(rt, SHEET_NAMES.summary);
		const title = sheet.findIndex(
			(r) => r[0] === "前年度からの増減（令和5年度 → 令和6年度）",
		);
		expect(title).toBeGreaterThan(0);
		expect(sheet[title + 1]?.slice(0, 8)).toEqual([
			"基本方針",
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"合計",
			"A+B の割合（増減）",
		]);
		const totalRow = sheet[title + 2 + change.policies.length];
		const want = diff(null);
		expect(totalRow?.slice(0, 7)).toEqual([
			"合計",
			want.A,
			want.B,
			want.C,
			want.D,
			0,
			0,
		]);
		expect(totalRow?.[7]).toBe(Math.round(share(null) * 1000) / 10);
		// Shown as +n / −n and in points.
		const formatAt = (col: number) =>
			sheetModel(rt, SHEET_NAMES.summary).formats.get(
				cellKey(title + 2 + change.policies.length, col),
			)?.numberFormat;
		expect(formatAt(1)).toBe("+0;-0;0");
		const html = renderReport(built.summary as SummaryJson);
		expect(html).toContain("前年度からの増減（令和5年度 → 令和6年度）");
		const signed = (v: number) => (v > 0 ? `+${v}` : String(v));
		expect(html).toContain(
			`<tr class="sum"><td class="text">合計</td>${[want.A, want.B, want.C, want.D, 0, 0].map((v) => `<td class="num">${signed(v ?? 0)}</td>`).join("")}`,
		);
		expect(formatAt(7)).toBe('+0.0"ポイント";-0.0"ポイント";0.0"ポイント"');
	});

	it("has no 増減 without last year's sheet", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		expect(
			(built.summary as { lastYearChange: unknown }).lastYearChange,
		).toBeNull();
		expect(
			rowsOf(rt, SHEET_NAMES.summary).some((r) =>
				String(r[0]).startsWith("前年度からの増減"),
			),
		).toBe(false);
	});
});
