/**
 * SPEC 11 KPIs through the bundle: the DX office lists indicators in the KPI sheet, 新年度 makes
 * KPI_R6, each department types its 実績値 (as people type numbers), only into its own rows;
 * 全行を検証, 集計 and `kpi` in the summary JSON are checked against a recount written here, and
 * 設定 KPI実績を必須にする decides whether a missing 実績値 is reminded.
 */
import { describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../src/domain";
import { renderReport, type SummaryJson } from "../../src/local/cli/report";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { PROTECTED_MESSAGE } from "../../src/local/runtime/spreadsheet";
import {
	enterRatings,
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import {
	KPI_BUCKETS as BUCKETS,
	type Indicator,
	kpiRecount,
} from "../support/kpi-recount";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

const INDICATORS: Indicator[] = [
	{
		no: "1",
		department: "DX推進室",
		name: "電子申請の手続数",
		kind: "アウトプット",
		unit: "件",
		base: 0,
		target: 1000,
		typed: "１，２００",
		meant: 1200,
	},
	{
		no: "1",
		department: "DX推進室",
		name: "オンライン申請率",
		kind: "アウトカム",
		unit: "%",
		base: 10,
		target: 60,
		typed: "52.5%",
		meant: 52.5,
	},
	{
		no: "4",
		department: "市民課",
		name: "窓口の待ち時間",
		kind: "アウトカム",
		unit: "分",
		base: 30,
		target: 10,
		typed: "20分",
		meant: 20,
	},
	{
		no: "5",
		department: "市民課",
		name: "出張申請の受付数",
		kind: "アウトプット",
		unit: "人",
		base: 100,
		target: 200,
		typed: "△5",
		meant: -5,
	},
	{
		no: "9",
		department: "広報秘書課",
		name: "LINE登録者数",
		kind: "アウトカム",
		unit: "人",
		base: 0,
		target: 10000,
		typed: "たくさん",
		meant: null,
	},
	{
		no: "16",
		department: "税務課",
		name: "電子納税の件数",
		kind: "アウトプット",
		unit: "件",
		base: 0,
		target: 500,
		typed: "",
		meant: null,
	},
];

const KPI_SHEET = [
	["取組No", "指標名", "種別", "単位", "基準値", "目標値", "目標年度"],
	...INDICATORS.map((k) => [
		k.no,
		k.name,
		k.kind,
		k.unit,
		k.base,
		k.target,
		"R8",
	]),
];

const recount = () => kpiRecount(INDICATORS);

/** 令和6年度 opened with the KPI sheet filled in; every department rates its initiatives. */
function kpiSeason(): LocalRuntime {
	const rt = openedSampleBook({
		now: () => new Date("2025-05-23T09:00:00+09:00"),
	});
	setSettings(rt, DX, { 対象年度: "R6", 回答期限: "2025-05-30" });
	pasteTable(rt, DX, SHEET_NAMES.kpis, KPI_SHEET);
	expectOk(rt.runMenu("openFiscalYear", DX));
	enterRatings(rt, "評価_R6", loadSamplePlan().ratings, sampleDepartmentEmail);
	return rt;
}

function kpiRow(rt: LocalRuntime, k: Indicator): number {
	return (
		rowsOf(rt, "KPI_R6").findIndex(
			(r) => String(r[0]) === k.no && r[3] === k.name,
		) + 1
	);
}

function typeActuals(rt: LocalRuntime): void {
	for (const k of INDICATORS)
		if (k.typed !== "")
			paste(
				rt,
				sampleDepartmentEmail(k.department),
				"KPI_R6",
				kpiRow(rt, k),
				10,
				[[k.typed]],
			);
}

describe("a season with KPIs", () => {
	it("makes KPI_R6 from the KPI sheet, one row per indicator beside its base and target", () => {
		const rt = kpiSeason();
		const sheet = rowsOf(rt, "KPI_R6");
		expect(sheet[0]).toEqual([
			"取組No",
			"取組名",
			"担当課",
			"指標名",
			"種別",
			"単位",
			"基準値",
			"目標値",
			"目標年度",
			"実績値",
			"達成率",
			"状態",
			"入力者",
			"更新日時",
		]);
		expect(
			sheet.slice(1).map((r) => [String(r[0]), r[3], r[6], r[7], r[8], r[11]]),
		).toEqual(
			// In the entry sheet's order: by department (担当課 sheet order), then plan order.
			[...INDICATORS]
				.sort(
					(a, b) =>
						rowsOf(rt, "評価_R6").findIndex((r) => String(r[0]) === a.no) -
						rowsOf(rt, "評価_R6").findIndex((r) => String(r[0]) === b.no),
				)
				.map((k) => [k.no, k.name, k.base, k.target, "令和8年度", "未入力"]),
		);
	});

	it("validates 実績値 as typed, only in the department's own rows", () => {
		const rt = kpiSeason();
		typeActuals(rt);
		const at = (k: Indicator, col: number) =>
			rowsOf(rt, "KPI_R6")[kpiRow(rt, k) - 1]?.[col];
		const [a, b, c, d, e, f] = INDICATORS as [
			Indicator,
			Indicator,
			Indicator,
			Indicator,
			Indicator,
			Indicator,
		];
		expect(at(a, 9)).toBe("１，２００");
		expect([at(a, 10), at(a, 11)]).toEqual([1.2, "入力済"]);
		expect(at(b, 10) as number).toBeCloseTo(0.85, 12);
		expect(at(c, 10)).toBe(0.5);
		expect(at(d, 10) as number).toBeCloseTo(-1.05, 12);
		expect(at(e, 11)).toBe(
			"要修正：実績値は数値で入力してください（例: 1,234、12.5、12.5%）（入力値: 「たくさん」）",
		);
		expect(at(f, 11)).toBe("未入力");
		expect(at(a, 12)).toBe(sampleDepartmentEmail("DX推進室"));
		// 市民課 cannot type 税務課's 実績値, nor its own 目標値.
		expect(() =>
			paste(rt, sampleDepartmentEmail("市民課"), "KPI_R6", kpiRow(rt, f), 10, [
				["1"],
			]),
		).toThrow(PROTECTED_MESSAGE);
		expect(() =>
			paste(rt, sampleDepartmentEmail("市民課"), "KPI_R6", kpiRow(rt, c), 8, [
				["1"],
			]),
		).toThrow(PROTECTED_MESSAGE);
		const validated = expectOk(rt.runMenu("validateAll", DX));
		expect(validated.kpi).toEqual({ done: 4, blank: 1, fix: 1 });
		expect(String(validated.message)).toContain(
			"KPIの実績値：入力済 4件、未入力 1件、要修正 1件。",
		);
		expect(String(validated.message)).toContain(
			`取組No「9」要修正：指標「LINE登録者数」：実績値は数値で入力してください`,
		);
		// The indicator is listed with the rows to fix (validate --json rows), cell on KPI_R6.
		expect(validated.rows).toContainEqual(
			expect.objectContaining({
				no: "9",
				cell: `KPI_R6!J${kpiRow(rt, e)}`,
				reason: expect.stringMatching(
					/^指標「LINE登録者数」：実績値は数値で入力してください/,
				),
			}),
		);
	});

	it("tallies 達成率 by bucket and 種別 in 集計 and the JSON, matching a recount", () => {
		const rt = kpiSeason();
		typeActuals(rt);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const kpi = (built.summary as { kpi: Record<string, unknown> }).kpi;
		const want = recount();
		expect(kpi).toEqual({
			...want.total,
			byKind: { output: want.output, outcome: want.outcome },
			labels: {
				ge100: "100%以上",
				ge80: "80%以上",
				ge50: "50%以上",
				lt50: "50%未満",
				missing: "未入力",
			},
		});
		const sheet = rowsOf(rt, SHEET_NAMES.summary);
		const title = sheet.findIndex(
			(r) => r[0] === "5. KPIの達成状況（指標ベース）",
		);
		expect(title).toBeGreaterThan(0);
		expect(sheet.slice(title + 1, title + 8).map((r) => r.slice(0, 4))).toEqual(
			[
				["達成率", "アウトプット", "アウトカム", "合計"],
				...["100%以上", "80%以上", "50%以上", "50%未満", "未入力"].map(
					(label, i) => {
						const key = BUCKETS[i] as (typeof BUCKETS)[number];
						return [
							label,
							want.output[key],
							want.outcome[key],
							want.total[key],
						];
					},
				),
				[
					"合計",
					want.output.indicators,
					want.outcome.indicators,
					want.total.indicators,
				],
			],
		);
		expect(
			sheet.some((r) => r[0] === "6. グラフ（基本方針別の評価の分布）"),
		).toBe(true);
		expect(sheetModel(rt, SHEET_NAMES.summary).charts).toHaveLength(1);
		// The same table in the offline HTML report and in 報告資料.
		const html = renderReport(built.summary as SummaryJson);
		expect(html).toContain("KPIの達成状況（指標ベース）");
		expect(html).toContain(
			`<tr class="sum"><td class="text">合計</td><td class="num">${want.output.indicators}</td><td class="num">${want.outcome.indicators}</td><td class="num">${want.total.indicators}</td></tr>`,
		);
		const report = expectOk(rt.runMenu("buildReport", DX)).report as {
			evaluation: { kpi: { table: { rows: Array<{ cells: unknown[] }> } } };
		};
		expect(report.evaluation.kpi.table.rows.map((r) => r.cells)).toEqual(
			sheet.slice(title + 2, title + 8).map((r) => r.slice(0, 4)),
		);
	});

	it("reminds the departments of missing 実績値 only when 設定 KPI実績を必須にする is はい", () => {
		const rt = kpiSeason();
		typeActuals(rt);
		const unreported = () =>
			(
				expectOk(rt.runMenu("buildSummary", DX)).summary as {
					unreported: Array<{
						name: string;
						missing: Array<{ no: string; status: string }>;
					}>;
				}
			).unreported;
		const planned = () =>
			expectOk(rt.runMenu("previewReminders", DX)).planned as Array<{
				department: string;
				missing: number;
			}>;
		expect(unreported()).toEqual([]);
		expect(planned()).toEqual([]);
		setSettings(rt, DX, { KPI実績を必須にする: "はい" });
		expect(unreported()).toEqual([
			{
				name: "広報秘書課",
				missing: [
					{
						no: "9",
						name: expect.any(String),
						status: "KPIの実績値が未入力です（LINE登録者数）",
					},
				],
			},
			{
				name: "税務課",
				missing: [
					{
						no: "16",
						name: expect.any(String),
						status: "KPIの実績値が未入力です（電子納税の件数）",
					},
				],
			},
		]);
		expect(planned().map((p) => [p.department, p.missing])).toEqual([
			["広報秘書課", 1],
			["税務課", 1],
		]);
	});

	it("makes KPI_R6 at the next 全行を検証 when the indicators come after the year was opened", () => {
		const rt = openedSampleBook({
			now: () => new Date("2025-05-23T09:00:00+09:00"),
		});
		setSettings(rt, DX, { 対象年度: "R6", 回答期限: "2025-05-30" });
		expectOk(rt.runMenu("openFiscalYear", DX));
		expect(rt.workbook.sheets.map((s) => s.name)).not.toContain("KPI_R6");
		pasteTable(rt, DX, SHEET_NAMES.kpis, KPI_SHEET);
		const validated = expectOk(rt.runMenu("validateAll", DX));
		expect(String(validated.message)).toContain(
			"KPIの実績値を入力するシート「KPI_R6」を作成しました",
		);
		expect(validated.kpi).toEqual({ done: 0, blank: 6, fix: 0 });
		typeActuals(rt);
		expect(expectOk(rt.runMenu("validateAll", DX)).kpi).toEqual({
			done: 4,
			blank: 1,
			fix: 1,
		});
	});

	it("refuses to open the year while the KPI sheet has a problem, naming its row", () => {
		const rt = openedSampleBook();
		setSettings(rt, DX, { 対象年度: "R6" });
		pasteTable(rt, DX, SHEET_NAMES.kpis, [
			...KPI_SHEET,
			["999", "存在しない取組の指標", "アウトプット", "件", 0, 10, ""],
		]);
		const refused = rt.runMenu("openFiscalYear", DX) as {
			ok: boolean;
			message: string;
		};
		expect(refused.ok).toBe(false);
		expect(refused.message).toContain(
			"KPI シート 8行目: 取組No「999」は取組シートにありません",
		);
		expect(rt.workbook.sheets.map((s) => s.name)).not.toContain("評価_R6");
	});

	it("is locked with the year by 年度を締める", () => {
		const rt = kpiSeason();
		const k = INDICATORS[0] as Indicator;
		expectOk(rt.runMenu("closeFiscalYear", DX));
		expect(() =>
			paste(
				rt,
				sampleDepartmentEmail(k.department),
				"KPI_R6",
				kpiRow(rt, k),
				10,
				[["1"]],
			),
		).toThrow(PROTECTED_MESSAGE);
	});
});
