import { describe, expect, it } from "vitest";
import {
	formatPercent,
	measureTableRows,
	type Plan,
	parsePlan,
	reNote,
	summaryTitle,
	tally,
	toSummaryJson,
} from "../../src/domain";
import { tables } from "./helpers";

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

describe("tally", () => {
	const entries = [
		{ no: "1", rating: "A", updatedAt: new Date("2024-05-02T00:00:00Z") },
		{ no: "2", rating: "b" },
		{ no: "3", rating: "C", reason: "" },
		{ no: "4", rating: "E" },
		// 5 has no row at all; 99 is unknown.
		{ no: "99", rating: "A", row: 9 },
	];

	it("counts an initiative once per distinct policy and once per measure", () => {
		const t = tally(plan(), entries, "評価_R5");
		expect(
			t.policies.map((p) => [p.code, p.A, p.B, p.C, p.D, p.unrated, p.total]),
		).toEqual([
			["I", 0, 1, 1, 0, 1, 3],
			["II", 1, 0, 1, 0, 1, 3],
			["III", 1, 0, 0, 0, 2, 3],
		]);
		expect(t.total).toEqual({ A: 2, B: 1, C: 2, D: 0, unrated: 4, total: 9 });
		expect(t.distinct).toEqual({
			A: 1,
			B: 1,
			C: 1,
			D: 0,
			unrated: 2,
			total: 5,
		});
		expect(t.initiatives).toBe(5);
		expect(t.gross).toBe(9);
		expect(t.extraPlacements).toBe(4);
		expect(t.abShare).toBeCloseTo(3 / 9);
		const byCode = new Map(t.measures.map((m) => [m.code, m.total]));
		expect(byCode.get("I-3")).toBe(1);
		expect(byCode.get("I-6")).toBe(1);
		expect(byCode.get("I-2")).toBe(0);
		expect(measureTableRows(t)[0]).toEqual([
			"重点施策",
			"名称",
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"計",
		]);
	});

	it("reports department progress and the departments to remind", () => {
		const t = tally(plan(), entries);
		expect(
			t.departments.map((d) => [
				d.name,
				d.target,
				d.done,
				d.blank,
				d.fix,
				d.progress,
			]),
		).toEqual([
			["DX推進室", 2, 1, 1, 0, 0.5],
			["広報秘書課", 1, 1, 0, 0, 1],
			["図書館", 1, 0, 0, 1, 0],
			["会計課", 1, 0, 0, 1, 0],
			["財務課", 1, 0, 0, 1, 0],
		]);
		expect(t.departments[0]?.lastUpdated?.toISOString()).toBe(
			"2024-05-02T00:00:00.000Z",
		);
		expect(
			t.unreported.map((u) => [
				u.name,
				u.missing.map((m) => `${m.no} ${m.name} ${m.status}`),
			]),
		).toEqual([
			["DX推進室", ["5 三方針 未入力"]],
			[
				"図書館",
				[
					"4 図書館 要修正：評価は A・B・C・D のいずれかを選んでください（入力値: 「E」）",
				],
			],
			[
				"会計課",
				[
					"3 公共料金 要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
				],
			],
			[
				"財務課",
				[
					"3 公共料金 要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
				],
			],
		]);
		expect(t.unreported[0]?.emails).toEqual(["dept1@city.example.jp"]);
		expect(t.problems.map((p) => [p.row, p.message])).toEqual([
			[9, "取組No「99」は取組シートにありません（集計に含めません）"],
			[null, "取組No「5」の行が評価シートにありません（未評価として数えます）"],
		]);
	});

	it("produces the summary JSON, title, note and percentages", () => {
		const t = tally(plan(), entries);
		const json = toSummaryJson(2024, t);
		expect(json).toMatchObject({
			fiscalYear: 2024,
			label: "令和6年度",
			total: { A: 2, B: 1, C: 2, D: 0, unrated: 4, total: 9 },
			initiatives: 5,
			gross: 9,
			extraPlacements: 4,
		});
		expect(JSON.parse(JSON.stringify(json))).toEqual(json);
		expect(summaryTitle(2023)).toBe(
			"令和5年度 進捗度評価集計（具体的取組ベース）",
		);
		expect(reNote(t)).toBe(
			"※複数の基本方針に位置付けた取組（再掲）が含まれているため、合計数（9）は、具体的取組の総数（5）を上回る（再掲 4件）。",
		);
		expect(formatPercent(89 / 92)).toBe("96.7%");
		expect(formatPercent(null)).toBe("－");
	});

	it("handles an empty year", () => {
		const t = tally(
			{ policies: [], measures: [], departments: [], initiatives: [] },
			[],
		);
		expect(t.abShare).toBeNull();
		expect(t.gross).toBe(0);
	});
});
