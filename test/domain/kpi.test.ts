/**
 * SPEC 11 KPIs: the KPI sheet, 実績値 as people type numbers, 達成率 and its buckets.
 */
import { describe, expect, it } from "vitest";
import {
	achievementRate,
	KPI_ENTRY_HEADERS,
	kpiBucket,
	kpiEntryValues,
	kpiJson,
	kpiSheetName,
	kpiTableRows,
	kpiTally,
	parseKpiNumber,
	parseKpiSheetName,
	parseKpis,
	parsePlan,
	readKpiRows,
	validateKpiRow,
} from "../../src/domain";
import { tables } from "./helpers";

const HEADER = [
	"取組No",
	"指標名",
	"種別",
	"単位",
	"基準値",
	"目標値",
	"目標年度",
];

function plan() {
	const r = parsePlan(
		tables([
			["1", "電子申請", "DX推進室", "I-1"],
			["2", "窓口", "市民課", "I-2"],
		]),
	);
	if (!r.plan) throw new Error(JSON.stringify(r.problems));
	return r.plan;
}

describe("実績値 as typed", () => {
	const accepted: Array<[unknown, string, number]> = [
		["1234", "件", 1234],
		["１，２３４", "件", 1234],
		["1,234.5", "件", 1234.5],
		[" 12.5 ", "%", 12.5],
		["12.5%", "%", 12.5],
		["１２．５％", "％", 12.5],
		["120件", "件", 120],
		["△5", "件", -5],
		["-3", "人", -3],
		[42, "件", 42],
		[".5", "件", 0.5],
	];
	for (const [input, unit, value] of accepted) {
		it(`reads ${JSON.stringify(input)} (${unit}) as ${value}`, () => {
			expect(parseKpiNumber(input, unit)).toEqual({ ok: true, value });
		});
	}

	it("reads blank as not entered and refuses text with a reason", () => {
		expect(parseKpiNumber("  ", "件")).toEqual({ ok: true, value: null });
		expect(parseKpiNumber("約100", "件")).toEqual({
			ok: false,
			reason:
				"実績値は数値で入力してください（例: 1,234、12.5、12.5%）（入力値: 「約100」）",
		});
		expect(parseKpiNumber("12,34", "件")).toMatchObject({ ok: false });
		expect(parseKpiNumber(true, "件")).toMatchObject({ ok: false });
		expect(parseKpiNumber("50%", "件")).toEqual({
			ok: false,
			reason:
				"実績値は単位が「件」の指標です。%を付けずに数値で入力してください（入力値: 「50%」）",
		});
	});
});

describe("達成率 and its buckets", () => {
	it("is (実績 − 基準) / (目標 − 基準), for decreasing targets too", () => {
		expect(achievementRate(0, 200, 160)).toBe(0.8);
		expect(achievementRate(1000, 500, 750)).toBe(0.5);
		expect(achievementRate(10, 10, 12)).toBeNull();
		expect(
			[1.2, 1, 0.8, 0.7999999, 0.5, 0.49, -0.1, null].map(kpiBucket),
		).toEqual([
			"ge100",
			"ge100",
			"ge80",
			"ge50",
			"ge50",
			"lt50",
			"lt50",
			"missing",
		]);
	});
});

describe("the KPI sheet", () => {
	it("reads indicators and reports every problem with its row", () => {
		const r = parseKpis(
			[
				HEADER,
				["1", "電子申請件数", "アウトプット", "件", "0", "1,000", "R8"],
				["2", "待ち時間", "アウトカム指標", "分", 30, 10, ""],
				["9", "不明", "アウトプット", "件", 0, 1, ""],
				["1", "電子申請件数", "アウトプット", "件", 0, 5, ""],
				["2", "満足度", "成果", "%", "50%", "50", ""],
				["2", "", "アウトカム", "", "x", "", "来年"],
			],
			plan(),
		);
		expect(r.kpis).toEqual([
			{
				no: "1",
				indicator: "電子申請件数",
				kind: "アウトプット",
				unit: "件",
				base: 0,
				target: 1000,
				targetYear: 2026,
			},
			{
				no: "2",
				indicator: "待ち時間",
				kind: "アウトカム",
				unit: "分",
				base: 30,
				target: 10,
				targetYear: null,
			},
		]);
		expect(r.problems.map((p) => [p.row, p.message])).toEqual([
			[4, "取組No「9」は取組シートにありません"],
			[5, "取組No「1」の指標「電子申請件数」が重複しています（2行目と同じ）"],
			[
				6,
				"種別「成果」は「アウトプット」または「アウトカム」を入力してください",
			],
			[6, "目標値が基準値と同じため、達成率を計算できません"],
			[7, "指標名が空欄です"],
			[
				7,
				"基準値は数値で入力してください（例: 1,234、12.5、12.5%）（入力値: 「x」）",
			],
			[7, "目標値が空欄です"],
			[
				7,
				"目標年度「来年」を読み取れません（R8・令和8年度・2026 のように入力してください）",
			],
		]);
		expect(parseKpis([], plan())).toEqual({ kpis: [], problems: [] });
	});

	it("makes the year's KPI sheet, checks rows and tallies them by bucket and 種別", () => {
		const { kpis } = parseKpis(
			[
				HEADER,
				["1", "電子申請件数", "アウトプット", "件", 0, 1000, "R8"],
				["1", "利用率", "アウトカム", "%", 10, 60, ""],
				["2", "待ち時間", "アウトカム", "分", 30, 10, ""],
			],
			plan(),
		);
		const values = kpiEntryValues(plan(), kpis);
		expect(values[0]).toEqual([...KPI_ENTRY_HEADERS]);
		expect(values[1]?.slice(0, 9)).toEqual([
			"1",
			"電子申請",
			"DX推進室",
			"電子申請件数",
			"アウトプット",
			"件",
			0,
			1000,
			"令和8年度",
		]);
		expect(kpiSheetName(2024)).toBe("KPI_R6");
		expect(parseKpiSheetName("KPI_R6")).toBe(2024);
		expect(parseKpiSheetName("評価_R6")).toBeNull();
		// 実績値: 800 件 (80%), 利用率 blank, 待ち時間 12 分 (90%).
		const typed = values.map((r, i) =>
			i === 0
				? r
				: [...r.slice(0, 9), ["800", "", "12分"][i - 1], ...r.slice(10)],
		);
		expect(validateKpiRow(typed[1] ?? [])).toMatchObject({
			status: "入力済",
			rate: 0.8,
		});
		expect(validateKpiRow(typed[2] ?? [])).toMatchObject({
			status: "未入力",
			rate: "",
		});
		const rows = readKpiRows(typed);
		const t = kpiTally(rows);
		expect(t.total).toEqual({
			ge100: 0,
			ge80: 2,
			ge50: 0,
			lt50: 0,
			missing: 1,
			indicators: 3,
		});
		expect([...t.missing]).toEqual([["1", ["利用率"]]]);
		expect(kpiTableRows(t)).toEqual([
			["達成率", "アウトプット", "アウトカム", "合計"],
			["100%以上", 0, 0, 0],
			["80%以上", 1, 1, 2],
			["50%以上", 0, 0, 0],
			["50%未満", 0, 0, 0],
			["未入力", 0, 1, 1],
			["合計", 1, 2, 3],
		]);
		expect(kpiJson(t)).toMatchObject({
			ge80: 2,
			missing: 1,
			indicators: 3,
			byKind: { output: { ge80: 1 }, outcome: { ge80: 1, missing: 1 } },
		});
		expect(kpiJson(kpiTally([]))).toBeNull();
	});
});
