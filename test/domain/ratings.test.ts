import { describe, expect, it } from "vitest";
import {
	canonicalRatingCell,
	parseRating,
	RATING_OPTIONS,
	REASON_REQUIRED,
	rowStatus,
} from "../../src/domain";

describe("parseRating", () => {
	const accepted: Array<[unknown, string]> = [
		["A", "A"],
		["a", "A"],
		["ａ", "A"],
		["Ｂ", "B"],
		[" b ", "B"],
		["\u3000c\u3000", "C"],
		["D", "D"],
		["順調に進んだ", "A"],
		["まずまず進んだ", "B"],
		["あまり進まなかった", "C"],
		["進まなかった", "D"],
		["A 順調に進んだ", "A"],
		["Ｃ　あまり進まなかった", "C"],
		["A順調に進んだ", "A"],
		["d 進まなかった", "D"],
		["B：まずまず進んだ", "B"],
		["A（順調に進んだ）", "A"],
		["順調に進んだ。", "A"],
	];
	for (const [input, code] of accepted) {
		it(`accepts ${JSON.stringify(input)} as ${code}`, () => {
			const r = parseRating(input);
			expect(r).toMatchObject({ ok: true, code });
		});
	}
	it("returns the canonical label and option", () => {
		expect(parseRating("ｂ")).toEqual({
			ok: true,
			code: "B",
			label: "まずまず進んだ",
			option: "B まずまず進んだ",
		});
		expect(RATING_OPTIONS).toEqual([
			"A 順調に進んだ",
			"B まずまず進んだ",
			"C あまり進まなかった",
			"D 進まなかった",
		]);
		expect(canonicalRatingCell(" ａ ")).toBe("A 順調に進んだ");
		expect(canonicalRatingCell("E")).toBe("E");
	});
	it("reads blank as no rating", () => {
		for (const v of ["", "  ", "\u3000", null, undefined])
			expect(parseRating(v)).toEqual({ ok: true, code: null });
	});
	it("rejects anything else with a Japanese reason echoing the input", () => {
		expect(parseRating("E")).toEqual({
			ok: false,
			reason: "評価は A・B・C・D のいずれかを選んでください（入力値: 「E」）",
		});
		expect(parseRating("A まずまず進んだ")).toMatchObject({ ok: false });
	});
});

describe("rowStatus", () => {
	it("is 未入力 for an empty row", () => {
		expect(rowStatus("", "", "")).toMatchObject({
			kind: "blank",
			text: "未入力",
			reported: false,
		});
	});
	it("is 入力済 for A/B without a reason and C/D with one", () => {
		expect(rowStatus("A", "", "")).toMatchObject({
			kind: "done",
			text: "入力済",
			reported: true,
		});
		expect(rowStatus("b", "実績", "")).toMatchObject({
			text: "入力済",
			reported: true,
		});
		expect(rowStatus("C", "", "理由")).toMatchObject({
			text: "入力済",
			reported: true,
		});
		expect(rowStatus("D 進まなかった", "", "理由")).toMatchObject({
			reported: true,
		});
	});
	it("asks for the reason on C/D", () => {
		const s = rowStatus("C", "実績", " ");
		expect(s.text).toBe(`要修正：${REASON_REQUIRED}`);
		expect(s.text).toBe(
			"要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
		);
		expect(s.reported).toBe(false);
		expect(s.rating).toMatchObject({ ok: true, code: "C" });
	});
	it("flags text without a rating (decision: 要修正, not 未入力)", () => {
		expect(rowStatus("", "実績だけ", "")).toMatchObject({
			kind: "fix",
			reported: false,
		});
		expect(rowStatus("", "", "理由だけ").text).toMatch(
			/^要修正：評価が未入力です/,
		);
	});
	it("shows the rating problem as the status", () => {
		expect(rowStatus("E", "", "").text).toBe(
			"要修正：評価は A・B・C・D のいずれかを選んでください（入力値: 「E」）",
		);
	});
});
