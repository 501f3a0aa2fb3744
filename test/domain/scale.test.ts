/**
 * SPEC 11: the rating scale as data (評価区分 sheet). Parsing the sheet, reading 評価 cells on a
 * ◎○△ scale with 対象外 statuses, the tally and its share, the JSON, and what a change of scale
 * does to ratings already entered.
 */
import { describe, expect, it } from "vitest";
import {
	abShareOf,
	countsJson,
	DEFAULT_SCALE,
	defaultScaleRows,
	followingScale,
	needsReason,
	type Plan,
	parsePlan,
	parseRating,
	parseScale,
	policyTableRows,
	ratingHelp,
	readEntryRows,
	reNote,
	rowStatus,
	type Scale,
	sameScale,
	scaleFromJson,
	scaleToJson,
	strandedRows,
	tally,
	toSummaryJson,
} from "../../src/domain";
import { tables } from "./helpers";

const HEADER = ["コード", "表示", "集計区分", "並び順"];

function scaleFrom(rows: unknown[][]): Scale {
	const r = parseScale([HEADER, ...rows]);
	if (!r.scale) throw new Error(JSON.stringify(r.problems));
	return r.scale;
}

const MARKS = scaleFrom([
	["△", "遅れている", "評価", 3],
	["◎", "計画以上に進んだ", "上位", 1],
	["〇", "計画どおり進んだ", "上位", 2],
	["完了", "", "対象外", 4],
	["中止", "中止・休止", "対象外", 5],
]);

describe("the 評価区分 sheet", () => {
	it("defaults to the seed's A–D, which is the scale the product always had", () => {
		const r = parseScale(defaultScaleRows());
		expect(r.problems).toEqual([]);
		expect(r.scale && sameScale(r.scale, DEFAULT_SCALE)).toBe(true);
		expect(defaultScaleRows()).toEqual([
			HEADER,
			["A", "順調に進んだ", "上位", "1"],
			["B", "まずまず進んだ", "上位", "2"],
			["C", "あまり進まなかった", "評価", "3"],
			["D", "進まなかった", "評価", "4"],
		]);
		expect(ratingHelp(DEFAULT_SCALE)).toBe(
			"A 順調に進んだ／B まずまず進んだ／C あまり進まなかった／D 進まなかった から選んでください。C・D の場合は「評価理由・課題」も入力してください。",
		);
	});

	it("orders grades by 並び順, spells marks one way, and makes the options", () => {
		expect(MARKS.grades.map((g) => [g.code, g.option, g.group])).toEqual([
			["◎", "◎ 計画以上に進んだ", "上位"],
			["○", "○ 計画どおり進んだ", "上位"],
			["△", "△ 遅れている", "評価"],
			["完了", "完了", "対象外"],
			["中止", "中止 中止・休止", "対象外"],
		]);
	});

	it("reports every problem with its row and gives no scale", () => {
		const r = parseScale([
			HEADER,
			["", "空", "上位", 1],
			["total", "", "評価", 2],
			["X", "", "よい", 3],
			["Y", "", "評価", "三"],
			["○", "よい", "評価", 5],
			["〇", "", "評価", 6],
			["Z", "よい", "評価", 7],
		]);
		expect(r.scale).toBeNull();
		expect(r.problems.map((p) => [p.row, p.message])).toEqual([
			[2, "コードが空欄です（A、◎ のように入力してください）"],
			[3, "コード「total」は使えません（別のコードにしてください）"],
			[
				4,
				"コード「X」の集計区分「よい」は 上位・評価・対象外 のいずれかを入力してください",
			],
			[5, "コード「Y」の並び順は数字で入力してください"],
			[
				7,
				"コード「○」または表示が6行目（○）と重なっています（同じ入力を2つの評価区分に使えません）",
			],
			[
				8,
				"コード「Z」または表示が6行目（○）と重なっています（同じ入力を2つの評価区分に使えません）",
			],
			[
				null,
				"集計区分「上位」の評価区分が1つもありません（割合の計算に使います）",
			],
		]);
	});
});

describe("評価 cells on a ◎○△ scale with 完了・中止", () => {
	const accepted: Array<[unknown, string]> = [
		["◎", "◎"],
		["〇", "○"],
		["◯", "○"],
		["○", "○"],
		[" ○ ", "○"],
		["\u3000△\u3000", "△"],
		["▵", "△"],
		["計画どおり進んだ", "○"],
		["〇 計画どおり進んだ", "○"],
		["○：計画どおり進んだ", "○"],
		["◎（計画以上に進んだ）", "◎"],
		["完了", "完了"],
		["完了。", "完了"],
		["中止・休止", "中止"],
		["中止 中止・休止", "中止"],
	];
	for (const [input, code] of accepted) {
		it(`accepts ${JSON.stringify(input)} as ${code}`, () => {
			expect(parseRating(input, MARKS)).toMatchObject({ ok: true, code });
		});
	}

	it("refuses other codes and a code with another grade's label", () => {
		expect(parseRating("A", MARKS)).toEqual({
			ok: false,
			reason:
				"評価は ◎・○・△・完了・中止 のいずれかを選んでください（入力値: 「A」）",
		});
		expect(parseRating("◎ 遅れている", MARKS)).toEqual({
			ok: false,
			reason:
				"評価の記号（◎）と説明（遅れている）が一致しません。評価は ◎・○・△・完了・中止 のいずれかを選んでください（入力値: 「◎ 遅れている」）",
		});
	});

	it("asks for the reason on the graded codes below the top (△), not on 完了", () => {
		expect(needsReason("△", MARKS)).toBe(true);
		expect(needsReason("○", MARKS)).toBe(false);
		expect(needsReason("完了", MARKS)).toBe(false);
		expect(rowStatus("△", "実績", "", MARKS).text).toBe(
			"要修正：評価が△の場合は「評価理由・課題」を入力してください",
		);
		expect(rowStatus("完了", "", "", MARKS)).toMatchObject({
			kind: "done",
			reported: true,
		});
	});
});

function plan(): Plan {
	const r = parsePlan(
		tables([
			["1", "オープンデータ", "DX推進室", "II-9、III-2"],
			["2", "LINE", "広報秘書課", "I-3、I-6"],
			["3", "公共料金", "会計課、財務課", "I-5、II-7"],
			["4", "図書館", "図書館", "III-4"],
			["5", "三方針", "DX推進室", "I-1、II-1、III-1"],
		]),
	);
	if (!r.plan) throw new Error(JSON.stringify(r.problems));
	return r.plan;
}

describe("the tally on a data scale", () => {
	const entries = [
		{ no: "1", rating: "◎" },
		{ no: "2", rating: "〇" },
		{ no: "3", rating: "完了" },
		{ no: "4", rating: "△", reason: "" },
		{ no: "5", rating: "中止" },
	];

	it("counts per code, leaves 対象外 out of the share, and lists 対象外 in the note", () => {
		const t = tally(plan(), entries, "評価_R6", { scale: MARKS });
		// Placements: 1 → II, III; 2 → I; 3 → I, II; 4 → III; 5 → I, II, III.
		expect(t.total).toEqual({
			"◎": 2,
			"○": 1,
			"△": 1,
			完了: 2,
			中止: 3,
			unrated: 0,
			total: 9,
		});
		// (◎ + ○) / (合計 − 完了 − 中止) = 3 / 4.
		expect(t.abShare).toBeCloseTo(3 / 4, 12);
		expect(abShareOf(t.total, MARKS)).toBeCloseTo(0.75, 12);
		expect(policyTableRows(t).map((r) => r[0])).toEqual([
			"評価区分",
			"◎ 計画以上に進んだ",
			"○ 計画どおり進んだ",
			"△ 遅れている",
			"完了",
			"中止 中止・休止",
			"未評価",
			"合計",
			"◎+○ の割合",
		]);
		expect(reNote(t)).toContain(
			"◎+○ の割合は、完了・中止（対象外）を除いた件数に対する割合。",
		);
		// △ without its reason still counts as △, and its department stays unreported.
		expect(t.unreported.map((u) => u.name)).toEqual(["図書館"]);
	});

	it("keeps A–D keys in the JSON only for the default scale, and counts always", () => {
		const marks = toSummaryJson(
			2024,
			tally(plan(), entries, "評価_R6", { scale: MARKS }),
		);
		expect(marks.total).toEqual({
			unrated: 0,
			total: 9,
			counts: { "◎": 2, "○": 1, "△": 1, 完了: 2, 中止: 3 },
		});
		expect(marks.scale).toMatchObject({
			shareLabel: "◎+○ の割合",
			grades: [
				{ code: "◎", group: "上位" },
				{ code: "○", group: "上位" },
				{ code: "△", group: "評価" },
				{ code: "完了", group: "対象外" },
				{ code: "中止", group: "対象外" },
			],
		});
		const seed = toSummaryJson(2024, tally(plan(), [{ no: "1", rating: "a" }]));
		expect(seed.total).toEqual({
			A: 2,
			B: 0,
			C: 0,
			D: 0,
			unrated: 7,
			total: 9,
			counts: { A: 2, B: 0, C: 0, D: 0 },
		});
		expect(countsJson({ unrated: 1, total: 1 }, MARKS)).toEqual({
			unrated: 1,
			total: 1,
			counts: { "◎": 0, "○": 0, "△": 0, 完了: 0, 中止: 0 },
		});
	});
});

describe("changing the scale of a year with ratings", () => {
	const header = [
		"取組No",
		"基本方針",
		"重点施策",
		"取組名",
		"担当課",
		"評価",
		"主な取組実績",
		"評価理由・課題",
		"状態",
		"入力者",
		"更新日時",
	];
	const sheet = [
		header,
		["1", "", "I-1", "一", "市民課", "◎ 計画以上に進んだ", "", "", "", "", ""],
		["2", "", "I-1", "二", "税務課", "中止 中止・休止", "", "", "", "", ""],
		["3", "", "I-1", "三", "市民課", "", "", "", "", "", ""],
		["4", "", "I-1", "四", "市民課", "A", "", "", "", "", ""],
	];

	it("strands the rows whose code the new scale lacks, and only those", () => {
		const rows = readEntryRows(sheet, "評価_R6", MARKS).rows;
		const without = scaleFrom([
			["◎", "計画以上に進んだ", "上位", 1],
			["○", "計画どおり進んだ", "上位", 2],
			["△", "遅れている", "評価", 3],
			["完了", "", "対象外", 4],
		]);
		expect(strandedRows(rows, MARKS, without)).toEqual([
			{
				row: 3,
				no: "2",
				department: "税務課",
				value: "中止 中止・休止",
				code: "中止",
			},
		]);
		expect(strandedRows(rows, MARKS, MARKS)).toEqual([]);
	});

	it("follows a changed label: the old text still reads as that code", () => {
		const relabelled = followingScale(
			scaleFrom([
				["◎", "大きく進んだ", "上位", 1],
				["○", "計画どおり進んだ", "上位", 2],
				["△", "遅れている", "評価", 3],
				["完了", "", "対象外", 4],
				["中止", "中止・休止", "対象外", 5],
			]),
			MARKS,
		);
		expect(parseRating("◎ 計画以上に進んだ", relabelled)).toEqual({
			ok: true,
			code: "◎",
			label: "大きく進んだ",
			option: "◎ 大きく進んだ",
		});
		expect(parseRating("計画以上に進んだ", relabelled)).toMatchObject({
			code: "◎",
		});
		const stored = scaleFromJson(scaleToJson(relabelled));
		expect(stored && parseRating("◎ 計画以上に進んだ", stored)).toMatchObject({
			code: "◎",
		});
		expect(stored && sameScale(stored, relabelled)).toBe(true);
		expect(scaleFromJson("not json")).toBeNull();
	});
});
