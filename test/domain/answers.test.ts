/** SPEC 9: deciding each input cell of a returned 照会 file against what was sent and the book. */
import { describe, expect, it } from "vitest";
import {
	answerChanged,
	decideCell,
	ENTRY_COL,
	sameAnswer,
} from "../../src/domain";

const R = ENTRY_COL.rating;
const T = ENTRY_COL.achievement;

describe("sameAnswer", () => {
	it("compares ratings by their canonical label, text by its lines, numbers and times as a round trip keeps them", () => {
		expect(sameAnswer("ａ", "A 順調に進んだ", R)).toBe(true);
		expect(sameAnswer(" b ", "B", R)).toBe(true);
		expect(sameAnswer("a", "b", R)).toBe(false);
		// Only the rating column is canonicalised.
		expect(sameAnswer("a", "A 順調に進んだ", T)).toBe(false);
		expect(sameAnswer("1行目\r\n2行目", "1行目\n2行目", T)).toBe(true);
		expect(sameAnswer(0.952380952380952, 0.9523809523809523, T)).toBe(true);
		expect(sameAnswer(1, 2, T)).toBe(false);
		const t = new Date("2025-05-20T10:00:00.500+09:00");
		expect(sameAnswer(t, new Date(t.getTime() + 999), T)).toBe(true);
		expect(sameAnswer(t, new Date(t.getTime() + 1000), T)).toBe(false);
		expect(sameAnswer("", undefined, T)).toBe(true);
	});
});

describe("decideCell", () => {
	it("takes what only the file changed", () => {
		expect(decideCell("", "b", "", R)).toBe("take");
		expect(decideCell("A 順調に進んだ", "", "A 順調に進んだ", R)).toBe("take");
	});

	it("leaves what the file did not change, or already agrees with the book", () => {
		expect(decideCell("", "", "C あまり進まなかった", R)).toBe("same");
		expect(decideCell("", "b", "B まずまず進んだ", R)).toBe("same");
	});

	it("calls it a conflict when the book changed it after the split to something else", () => {
		expect(decideCell("", "b", "A 順調に進んだ", R)).toBe("conflict");
		expect(decideCell("旧", "ファイル", "ブック", T)).toBe("conflict");
	});
});

describe("answerChanged", () => {
	it("is true when any of the three input cells changed", () => {
		const row = { row: 2, no: "1", sent: ["", "", ""], answer: ["", "", ""] };
		expect(answerChanged(row)).toBe(false);
		expect(answerChanged({ ...row, answer: ["", "", "理由"] })).toBe(true);
		expect(
			answerChanged({
				...row,
				sent: ["A 順調に進んだ", "", ""],
				answer: ["a", "", ""],
			}),
		).toBe(false);
	});
});
