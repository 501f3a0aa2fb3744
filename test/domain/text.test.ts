import { describe, expect, it } from "vitest";
import {
	cellText,
	circledToDigits,
	collapseSpaces,
	escapeHtml,
	initiativeKey,
	keepText,
	keepTextRows,
	nameKey,
	normalizeDepartmentName,
	normalizeHyphens,
	parseMeasureCode,
	parsePolicyCode,
	parseRoman,
	quoteInput,
	romanCharsToAscii,
	splitList,
	toHalfWidth,
	toRoman,
	trimAll,
} from "../../src/domain";

describe("text normalisation", () => {
	it("makes full-width ASCII and the ideographic space half-width", () => {
		expect(toHalfWidth("Ａ０ｚ＠．－　Ｚ")).toBe("A0z@.- Z");
		expect(toHalfWidth("漢字カナ")).toBe("漢字カナ");
	});
	it("trims ideographic and zero-width spaces", () => {
		expect(trimAll("\u3000 a b\u3000\u200b")).toBe("a b");
		expect(collapseSpaces(" a \u3000 b ")).toBe("a b");
	});
	it("splits lists on , 、 ， and newlines, not on spaces", () => {
		expect(
			splitList("DX推進室、市民課,図書館，税務課\n総務課\r\n会計課"),
		).toEqual(["DX推進室", "市民課", "図書館", "税務課", "総務課", "会計課"]);
		expect(splitList("DX 推進室")).toEqual(["DX 推進室"]);
		expect(splitList(" 、 ,")).toEqual([]);
	});
	it("reads Roman numerals in every form", () => {
		expect(parseRoman("III")).toBe(3);
		expect(parseRoman("Ⅲ")).toBe(3);
		expect(parseRoman("ＩＩ")).toBe(2);
		expect(parseRoman("iv")).toBe(4);
		expect(parseRoman("IIII")).toBeNull();
		expect(parseRoman("A")).toBeNull();
		expect(toRoman(12)).toBe("XII");
		expect(romanCharsToAscii("Ⅻ")).toBe("XII");
	});
	it("turns circled numbers into digits", () => {
		expect(circledToDigits("①⑩⑳")).toBe("11020");
	});
	it("turns hyphen look-alikes into -", () => {
		expect(normalizeHyphens("I－1‐2−3ー4")).toBe("I-1-2-3-4");
	});
	it("compares names without spaces, width or case", () => {
		expect(nameKey("ＤＸ 推進室")).toBe(nameKey("dx推進室"));
		expect(normalizeDepartmentName("広報 秘書課")).toBe("広報秘書課");
		expect(normalizeDepartmentName("ＤＸ　推進室")).toBe("DX推進室");
	});
	it("shows cell values as people read them", () => {
		expect(cellText(2023)).toBe("2023");
		expect(cellText(true)).toBe("TRUE");
		expect(cellText(new Date("2024-05-30T15:00:00Z"))).toBe("2024/5/31");
		expect(cellText(null)).toBe("");
		expect(quoteInput("あ".repeat(40))).toBe(
			`「${"あ".repeat(30)}…（40文字）」`,
		);
	});
	// https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption (strings written
	// are parsed as if typed); https://support.google.com/docs/answer/3094285 (the apostrophe).
	it("keepText prefixes an apostrophe to text that Sheets would evaluate or re-parse", () => {
		for (const risky of [
			"=SUM(A1:A3)",
			"+81",
			"-2+3",
			"@user",
			" =1",
			"001",
			"1-1",
			"7,3,1,0",
			"2024/5/31",
			"12%",
			".5",
			"'quoted",
			"(1)",
			"¥100",
			"＝1",
			"１２３",
			"TRUE",
			"false",
			" True ",
		])
			expect(keepText(risky), risky).toBe(`'${risky}`);
		for (const plain of ["順調", "a=b", "I-1-1", "Truee", "市民課", ""])
			expect(keepText(plain), plain).toBe(plain);
		expect(keepText(42)).toBe(42);
		const at = new Date(0);
		expect(keepTextRows([["001", 1, at]])).toEqual([["'001", 1, at]]);
	});
	it("escapes HTML", () => {
		expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
			"&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;",
		);
	});
});

describe("codes", () => {
	it("reads policy codes", () => {
		for (const s of ["I", "Ⅰ", "Ｉ", "i", "1"])
			expect(parsePolicyCode(s), s).toBe("I");
		for (const s of ["III", "Ⅲ", "ＩＩＩ", "3"])
			expect(parsePolicyCode(s), s).toBe("III");
		expect(parsePolicyCode("行政")).toBeNull();
		expect(parsePolicyCode("")).toBeNull();
	});
	it("reads measure codes in the accepted variants", () => {
		for (const s of [
			"I-1",
			"I-①",
			"Ⅰ－①",
			"Ｉ－１",
			"i-1",
			"I①",
			"I-(1)",
			"1-1",
			"I‐1",
			"I−1",
			"Iー1",
			" I - 1 ",
		]) {
			expect(parseMeasureCode(s)?.code, s).toBe("I-1");
		}
		expect(parseMeasureCode("Ⅱ－⑫")).toEqual({
			code: "II-12",
			policyCode: "II",
			number: 12,
		});
		expect(parseMeasureCode("III-6")?.code).toBe("III-6");
		for (const s of ["11", "I", "I-0", "X-", "行政-1", "I-1-1"])
			expect(parseMeasureCode(s), s).toBeNull();
	});
	it("keys initiative numbers like a spreadsheet would store them", () => {
		expect(initiativeKey("001")).toBe("1");
		expect(initiativeKey(1)).toBe("1");
		expect(initiativeKey("１２")).toBe("12");
		expect(initiativeKey("i－1－1")).toBe("I-1-1");
	});
});
