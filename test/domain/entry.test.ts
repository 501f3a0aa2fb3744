import { describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	ENTRY_HEADERS,
	entryRowsFromPlan,
	entrySheetValues,
	initiativesFromEntryRows,
	type Plan,
	parsePlan,
	readEntryRows,
} from "../../src/domain";
import { tables } from "./helpers";

function plan(): Plan {
	const r = parsePlan(
		tables([
			["1", "オープンデータの拡充", "DX推進室", "II-9、III-2"],
			["2", '=HYPERLINK("x")', "広報秘書課、市民課", "I-3、I-6"],
			["3", "図書館Wi-Fi", "図書館", "III-4"],
		]),
	);
	if (!r.plan) throw new Error(JSON.stringify(r.problems));
	return r.plan;
}

describe("entry sheet", () => {
	it("has the SPEC headers in order", () => {
		expect(ENTRY_HEADERS).toEqual([
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
		]);
		expect(ENTRY_HEADERS[ENTRY_COL.rating]).toBe("評価");
		expect(ENTRY_HEADERS[ENTRY_COL.updatedAt]).toBe("更新日時");
	});

	it("pre-fills rows from the plan in display form, as meant (the adapter writes them with keepTextRows)", () => {
		expect(entryRowsFromPlan(plan())).toEqual([
			[
				"1",
				"II 行政経営のDX、III 市民・地域のDX",
				"II-9、III-2",
				"オープンデータの拡充",
				"DX推進室",
				"",
				"",
				"",
				"未入力",
				"",
				"",
			],
			[
				"2",
				"I 行政サービスのDX",
				"I-3、I-6",
				'=HYPERLINK("x")',
				"広報秘書課、市民課",
				"",
				"",
				"",
				"未入力",
				"",
				"",
			],
			[
				"3",
				"III 市民・地域のDX",
				"III-4",
				"図書館Wi-Fi",
				"図書館",
				"",
				"",
				"",
				"未入力",
				"",
				"",
			],
		]);
	});

	it("fills given ratings in canonical form with their status", () => {
		const rows = entryRowsFromPlan(plan(), {
			ratings: new Map([
				["1", { rating: "ａ", achievement: "実績" }],
				["2", { rating: "C" }],
				["3", { rating: "E" }],
			]),
		});
		expect(rows.map((r) => [r[ENTRY_COL.rating], r[ENTRY_COL.status]])).toEqual(
			[
				["A 順調に進んだ", "入力済"],
				[
					"C あまり進まなかった",
					"要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
				],
				[
					"E",
					"要修正：評価は A・B・C・D のいずれかを選んでください（入力値: 「E」）",
				],
			],
		);
	});

	it("reads rows back by header, whatever the column order", () => {
		const values = entrySheetValues(plan());
		// Move 評価 to the end and fill a rating.
		const moved = values.map((r) => {
			const copy = [...r];
			const [rating] = copy.splice(ENTRY_COL.rating, 1);
			copy.push(rating);
			return copy;
		});
		const second = moved[1] as unknown[];
		second[second.length - 1] = " b ";
		(moved[3] as unknown[])[ENTRY_COL.updatedAt - 1] = new Date(
			"2024-05-01T01:00:00Z",
		);
		moved.push(["", "", "", "", "", "", "", "", "", ""]);
		const read = readEntryRows(moved, "評価_R5");
		expect(read.problems).toEqual([]);
		expect(read.rows.map((r) => [r.row, r.no, r.status.text])).toEqual([
			[2, "1", "入力済"],
			[3, "2", "未入力"],
			[4, "3", "未入力"],
		]);
		expect(read.rows[0]?.measureCodes).toEqual(["II-9", "III-2"]);
		expect(read.rows[1]?.departments).toEqual(["広報秘書課", "市民課"]);
		expect(read.rows[2]?.updatedAt?.toISOString()).toBe(
			"2024-05-01T01:00:00.000Z",
		);
		expect(initiativesFromEntryRows(read.rows)[0]).toEqual({
			no: "1",
			name: "オープンデータの拡充",
			departments: ["DX推進室"],
			measures: ["II-9", "III-2"],
		});
	});

	it("reports a missing header, duplicates and orphan input", () => {
		const noRating = readEntryRows(
			[ENTRY_HEADERS.filter((h) => h !== "評価")],
			"評価_R5",
		);
		expect(noRating.cols).toBeNull();
		expect(noRating.problems[0]?.message).toMatch(
			/^見出し「評価」が見つかりません/,
		);
		const values = [
			[...ENTRY_HEADERS],
			["1", "", "", "", "", "A", "", "", "", "", ""],
			["1", "", "", "", "", "B", "", "", "", "", ""],
			["", "", "", "", "", "C", "", "", "", "", ""],
		];
		const read = readEntryRows(values, "評価_R5");
		expect(read.rows).toHaveLength(1);
		expect(read.problems.map((p) => [p.row, p.message])).toEqual([
			[3, "取組No「1」が重複しています（2行目を使います）"],
			[4, "取組Noが空欄の行に入力があります（集計に含めません）"],
		]);
	});
});
