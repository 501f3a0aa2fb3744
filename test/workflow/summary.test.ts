/**
 * 集計 beyond the FY2023 table: master problems refuse clearly, earlier years are compared, and
 * a failure at any service call leaves either the old summary or a complete new one.
 */
import { describe, expect, it } from "vitest";
import { DATE_TIME_FORMAT, RATINGS, SHEET_NAMES } from "../../src/domain";
import { chartSeries } from "../../src/local/runtime/spreadsheet/chart";
import { enterSampleRatings } from "../../src/local/sample-book";
import {
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import { SWEEP_BUDGET_MS } from "../support/budgets";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

describe("opening a year with a broken master", () => {
	it("refuses, listing every problem with its sheet and row, and creates nothing", () => {
		const rt = openedSampleBook();
		setSettings(rt, DX, { 対象年度: "R6" });
		const rows = loadSamplePlan().initiativeRows.map((r) => [...r]);
		rows[3] = ["2", "重複した番号の取組", "DX推進室", "I-1"];
		rows[5] = ["5", "存在しない施策の取組", "DX推進室", "IV-9"];
		rows[7] = ["7", "担当課のない取組", "", "I-2"];
		pasteTable(rt, DX, SHEET_NAMES.initiatives, rows);
		const result = rt.runMenu("openFiscalYear", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain("取組 シート 4行目");
		expect(result.message).toContain("IV-9");
		expect(result.message).toContain("取組 シート 8行目");
		expect(rt.workbook.sheets.map((s) => s.name)).not.toContain("評価_R6");
		const alert = rt.state.ui.filter((e) => e.kind === "alert").at(-1);
		expect(alert?.message).toBe(result.message);
	});

	it("refuses to create a year that exists", () => {
		const rt = openedSampleBook();
		const result = rt.runMenu("openFiscalYear", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result).toMatchObject({ ok: false });
		expect(result.message).toContain("評価_R5」はすでにあります");
	});
});

describe("year over year", () => {
	it("compares A+B share and counts per policy with the earlier entry sheet", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		setSettings(rt, DX, { 対象年度: "R6" });
		expectOk(rt.runMenu("openFiscalYear", DX));
		// 令和6年度: only the first two initiatives rated so far.
		paste(rt, DX, "評価_R6", 2, 6, [["A"], ["B"]]);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const summary = built.summary as {
			years: Array<{ fiscalYear: number; total: { total: number; A: number } }>;
		};
		expect(summary.years.map((y) => y.fiscalYear)).toEqual([2023, 2024]);
		expect(summary.years[0]?.total).toMatchObject({ A: 65, total: 92 });
		const sheet = rowsOf(rt, SHEET_NAMES.summary);
		const header = sheet.findIndex((r) => r[0] === "年度");
		expect(sheet[header]?.slice(0, 9)).toEqual([
			"年度",
			"基本方針",
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"合計",
			"A+B の割合",
		]);
		const r5total = sheet.find((r) => r[0] === "令和5年度" && r[1] === "合計");
		expect(r5total?.slice(2, 8)).toEqual([65, 24, 3, 0, 0, 92]);
		const r6total = sheet.find((r) => r[0] === "令和6年度" && r[1] === "合計");
		expect(r6total?.[7]).toBe(92);
		expect(sheet[0]?.[0]).toBe("令和6年度 進捗度評価集計（具体的取組ベース）");
	});
});

describe("a summary interrupted at any service call", () => {
	it("leaves the previous summary or a complete new one, never a mix, and a rerun completes", {
		timeout: SWEEP_BUDGET_MS,
	}, () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-06-03T09:00:00+09:00"),
		});
		enterSampleRatings(rt);
		expectOk(rt.runMenu("buildSummary", DX));
		const complete = JSON.stringify(rowsOf(rt, SHEET_NAMES.summary).slice(2));
		rt.calls.reset();
		rt.runMenu("buildSummary", DX);
		const callsPerRun = rt.calls.total;
		expect(callsPerRun).toBeGreaterThan(20);
		// Change one rating so that the new summary differs from the old one.
		paste(rt, "dx@city-kameyama.example", "評価_R5", 2, 6, [["B"]]);
		expectOk(rt.runMenu("buildSummary", DX));
		const changed = JSON.stringify(rowsOf(rt, SHEET_NAMES.summary).slice(2));
		expect(changed).not.toBe(complete);
		paste(rt, "dx@city-kameyama.example", "評価_R5", 2, 6, [["A"]]);
		for (let k = 1; k <= callsPerRun; k++) {
			rt.calls.reset();
			rt.calls.failAtCall(k);
			try {
				rt.runMenu("buildSummary", DX);
			} catch {
				// The injected fault surfaces as a script error, as it would in Apps Script.
			}
			rt.calls.clearFault();
			const names = rt.workbook.sheets.map((s) => s.name);
			const summaries = names.filter((n) => n === SHEET_NAMES.summary);
			expect(summaries.length, `k=${k}`).toBeLessThanOrEqual(1);
			if (summaries.length === 1) {
				const now = JSON.stringify(rowsOf(rt, SHEET_NAMES.summary).slice(2));
				expect([complete, changed], `k=${k}`).toContain(now);
			} else {
				expect(names, `k=${k}`).toContain("集計（旧）");
			}
			expectOk(rt.runMenu("buildSummary", DX));
			expect(
				JSON.stringify(rowsOf(rt, SHEET_NAMES.summary).slice(2)),
				`k=${k}`,
			).toBe(complete);
			expect(
				rt.workbook.sheets
					.filter((s) => s.name.startsWith(SHEET_NAMES.summary))
					.map((s) => s.name),
			).toEqual([SHEET_NAMES.summary]);
			expect(sheetModel(rt, SHEET_NAMES.summary).charts).toHaveLength(1);
		}
	});
});

describe("the 集計 chart as Google draws it", () => {
	it("is one stacked bar per policy (the domain), with one series per rating A–D", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-06-03T09:00:00+09:00"),
		});
		enterSampleRatings(rt);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const policies = (
			built.summary as {
				policies: Array<{
					name: string;
					A: number;
					B: number;
					C: number;
					D: number;
				}>;
			}
		).policies;
		const sheet = sheetModel(rt, SHEET_NAMES.summary);
		const [chart] = sheet.charts;
		if (!chart) throw new Error("no chart");
		expect(chart).toMatchObject({
			type: "BAR",
			stacked: true,
			transposed: true,
			numHeaders: 1,
		});
		const header = rowsOf(rt, SHEET_NAMES.summary).findIndex(
			(r) => r[0] === "評価区分",
		);
		expect(chart.ranges).toEqual([
			{ row: header, col: 0, numRows: 5, numCols: 1 + policies.length },
		]);
		const view = chartSeries(sheet, chart);
		expect(view.domain.labels).toEqual(policies.map((p) => p.name));
		expect(view.series.map((s) => s.label)).toEqual(
			RATINGS.map((r) => r.option),
		);
		expect(view.series.map((s) => s.values)).toEqual(
			RATINGS.map((r) => policies.map((p) => p[r.code])),
		);
	});
});

describe("a problem the tally does not need", () => {
	it("is a warning for 集計を作成 (still the FY2023 table) and still refuses the reminders", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		// 担当課 row 2: the first department; its address and its head's address made invalid.
		paste(rt, DX, SHEET_NAMES.departments, 2, 2, [["shimin@", "kacho＠"]]);
		setSettings(rt, DX, { 送信者名: "あ".repeat(51), 催促時刻: "25時" });
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const summary = built.summary as { total: { A: number; total: number } };
		expect(summary.total).toMatchObject({ A: 65, total: 92 });
		const message = String(built.message);
		expect(message).toContain("令和5年度の集計を作成しました");
		expect(message).toContain("集計には影響しませんが");
		expect(message).toContain("担当課 シート 2行目");
		expect(message).toContain("「shimin@」が正しくありません");
		expect(message).toContain("所属長メールアドレス「kacho@」");
		expect(message).toContain("送信者名は50文字以内");
		expect(message).toContain("催促時刻");
		expect(built.warnings).toHaveLength(4);
		const preview = rt.runMenu("previewReminders", DX) as {
			ok: boolean;
			message: string;
		};
		expect(preview.ok).toBe(false);
		expect(preview.message).toContain("催促メールを送れません");
	});

	it("a bad 対象年度 still refuses the summary, naming it", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		setSettings(rt, DX, { 対象年度: "来年" });
		const result = rt.runMenu("buildSummary", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain("集計できません");
		expect(result.message).toContain("設定 シート");
	});
});

describe("the 集計 sheet's date-times", () => {
	it("are all yyyy/mm/dd HH:mm: 作成日時 in its line, 最終更新 as a format", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-06-03T09:05:00+09:00"),
		});
		enterSampleRatings(rt);
		expectOk(rt.runMenu("buildSummary", DX));
		const sheet = sheetModel(rt, SHEET_NAMES.summary);
		expect(String(sheet.values[1]?.[0])).toMatch(
			/^作成日時：2024\/06\/03 09:05　/,
		);
		const dates = [...sheet.formats]
			.filter(([key]) => {
				const [r, c] = key.split(",").map(Number) as [number, number];
				return sheet.values[r]?.[c] instanceof Date;
			})
			.map(([, f]) => f.numberFormat);
		expect(dates.length).toBeGreaterThan(0);
		expect(new Set(dates)).toEqual(new Set([DATE_TIME_FORMAT]));
	});
});
