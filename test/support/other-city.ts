/**
 * Another city's second year, for the tests of SPEC 10 and 11 together: 令和5年度 rated on the
 * seed's A–D as the sample, then the DX office rewrites the 計画 sheet for its own city, types a
 * ◎○△ scale with 完了 and 中止 (対象外) into 評価区分 and indicators into the KPI sheet, makes
 * KPI実績を必須にする はい and opens 令和6年度; the departments rate (variants, a △ without its
 * reason, a blank, an achievement left empty, hostile text) and type their 実績値. With the recounts
 * the tests compare the product against, written here from the plan and these inputs alone.
 */
import {
	KPI_ENTRY_COL,
	KPI_HEADERS,
	kpiSheetName,
	type RatingInput,
	SHEET_NAMES,
} from "../../src/domain";
import { runActionOrThrow } from "../../src/local/run-action";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { enterSampleRatings } from "../../src/local/sample-book";
import {
	enterRatings,
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { type Indicator, kpiRecount as recountKpis } from "./kpi-recount";

export const CITY = {
	name: "〇〇市デジタル推進計画",
	period: "令和6～10年度（5年間）",
	policyII: "業務を見直し、職員が市民に向き合う時間を増やします。",
} as const;

const MARKS = [
	["コード", "表示", "集計区分", "並び順"],
	["◎", "計画以上に進んだ", "上位", 1],
	["○", "計画どおり進んだ", "上位", 2],
	["△", "遅れている", "評価", 3],
	["完了", "事業完了", "対象外", 4],
	["中止", "", "対象外", 5],
];
export const CODES = ["◎", "○", "△", "完了", "中止"];
export const OPTIONS = [
	"◎ 計画以上に進んだ",
	"○ 計画どおり進んだ",
	"△ 遅れている",
	"完了 事業完了",
	"中止",
];

/** What is typed for 取組No n (by n mod 6), and the code it means. */
const TYPED: Array<[string, string, string]> = [
	["◎", "◎", ""],
	["〇", "○", ""],
	["計画どおり進んだ", "○", ""],
	["　△　", "△", "人員が不足した"],
	["事業完了", "完了", ""],
	["中止", "中止", ""],
];

/** 主な取組実績 of No 3: markup, a formula and a bullet on its own line. */
export const HOSTILE = '<b>太字</b> & =SUM(1)\n・"箇条書き"';

export interface Season {
	inputs: Map<string, RatingInput>;
	/** The code each initiative's rating means (null: blank or invalid). */
	meant: Map<string, string | null>;
}

function season(): Season {
	const inputs = new Map<string, RatingInput>();
	const meant = new Map<string, string | null>();
	for (const i of loadSamplePlan().plan.initiatives) {
		const n = Number(i.no);
		const [rating, code, reason] = TYPED[n % TYPED.length] as [
			string,
			string,
			string,
		];
		inputs.set(i.no, {
			rating,
			achievement: `■令和6年度の実績${n}\n・内訳${n}`,
			reason,
		});
		meant.set(i.no, code);
	}
	// No 2 (under I-1 and II-6) left without achievements: listed as such under both.
	inputs.set("2", { ...(inputs.get("2") as RatingInput), achievement: "" });
	inputs.set("3", {
		...(inputs.get("3") as RatingInput),
		achievement: HOSTILE,
	});
	// A △ without its reason (counts as △, unreported) and a blank (未評価).
	inputs.set("11", { rating: "△", achievement: "実績11", reason: "" });
	meant.set("11", "△");
	inputs.delete("30");
	meant.set("30", null);
	return { inputs, meant };
}

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
		typed: "12.5%",
		meant: 12.5,
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
		no: "9",
		department: "広報秘書課",
		name: "LINE登録者数",
		kind: "アウトカム",
		unit: "人",
		base: 0,
		target: 10000,
		typed: "9000",
		meant: 9000,
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

/** The DX office's edits, the year opened, the departments' input. `rt` has 令和5年度 open. */
export function buildOtherCitySeason(rt: LocalRuntime, dx: string): Season {
	enterSampleRatings(rt);
	const plan = sheetModel(rt, SHEET_NAMES.plan).values;
	const rowOf = (item: string) => plan.findIndex((r) => r[0] === item) + 1;
	paste(rt, dx, SHEET_NAMES.plan, rowOf("計画名"), 2, [[CITY.name]]);
	paste(rt, dx, SHEET_NAMES.plan, rowOf("計画期間"), 2, [[CITY.period]]);
	paste(rt, dx, SHEET_NAMES.plan, rowOf("基本方針の説明（II）"), 2, [
		[CITY.policyII],
	]);
	setSettings(rt, dx, {
		対象年度: "R6",
		回答期限: new Date("2025-05-30T00:00:00+09:00"),
		KPI実績を必須にする: "はい",
	});
	pasteTable(rt, dx, SHEET_NAMES.scale, MARKS);
	pasteTable(rt, dx, SHEET_NAMES.kpis, [
		[...KPI_HEADERS],
		...INDICATORS.map((k) => [
			k.no,
			k.name,
			k.kind,
			k.unit,
			k.base,
			k.target,
			"R10",
		]),
	]);
	runActionOrThrow(rt, "openFiscalYear", dx);
	const s = season();
	enterRatings(rt, "評価_R6", s.inputs, sampleDepartmentEmail);
	const kpiSheet = kpiSheetName(2024);
	const kpiRows = sheetModel(rt, kpiSheet).values;
	for (const k of INDICATORS) {
		if (k.typed === "") continue;
		const row = kpiRows.findIndex(
			(r) =>
				String(r[KPI_ENTRY_COL.no]) === k.no &&
				r[KPI_ENTRY_COL.indicator] === k.name,
		);
		paste(
			rt,
			sampleDepartmentEmail(k.department),
			kpiSheet,
			row + 1,
			KPI_ENTRY_COL.actual + 1,
			[[k.typed]],
		);
	}
	return s;
}

/** Per policy code and "合計": each code's count, unrated and total, once per policy (再掲). */
export function recount(
	meant: ReadonlyMap<string, string | null>,
): Map<string, Record<string, number>> {
	const out = new Map<string, Record<string, number>>();
	const add = (key: string, code: string | null) => {
		const row = out.get(key) ?? { unrated: 0, total: 0 };
		const k = code ?? "unrated";
		row[k] = (row[k] ?? 0) + 1;
		row.total = (row.total ?? 0) + 1;
		out.set(key, row);
	};
	for (const i of loadSamplePlan().plan.initiatives) {
		const policies = new Set(i.measures.map((m) => m.split("-")[0] as string));
		for (const p of policies) {
			add(p, meant.get(i.no) ?? null);
			add("合計", meant.get(i.no) ?? null);
		}
	}
	return out;
}

/** Each indicator's bucket from its own numbers, in total and by 種別. */
export function kpiRecount(): ReturnType<typeof recountKpis> {
	return recountKpis(INDICATORS);
}

/** The share: ◎+○ over 合計 without 対象外, as the seed's A+B over 合計. */
export function topShare(row: Record<string, number>): number {
	const top = (row["◎"] ?? 0) + (row["○"] ?? 0);
	const excluded = (row.完了 ?? 0) + (row.中止 ?? 0);
	return top / ((row.total ?? 0) - excluded);
}
