/**
 * Contract tests: strings a script writes are parsed as if typed into Sheets, for the
 * spreadsheet's locale and time zone (ja_JP, Asia/Tokyo unless said otherwise).
 * - https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
 *   ("If it begins with '=' it is interpreted as a formula")
 * - https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption (USER_ENTERED:
 *   "strings may be converted to numbers, dates, etc. … as when entering text … via the UI")
 * - https://support.google.com/docs/answer/3093039 (DATEVALUE: the date forms "normally
 *   autoconverted when entered" "may depend on region and language settings")
 * - https://support.google.com/docs/answer/3094285 (TO_TEXT: "equivalent to prefixing a number
 *   with an apostrophe")
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keepText } from "../../../src/domain";
import { fixture } from "./helpers";

const NOW = new Date("2024-05-20T09:00:00+09:00");

function sheetAt(now = NOW, locale = "ja_JP") {
	const f = fixture();
	f.state.now = () => now;
	f.wb.locale = locale;
	return f.sheet;
}

/** What one string written with setValue reads back as, and the cell's number format. */
function written(text: string, now = NOW, locale = "ja_JP") {
	const sheet = sheetAt(now, locale);
	const cell = sheet.getRange("A1").setValue(text);
	return { value: cell.getValue(), format: cell.getNumberFormat() };
}

function tokyo(iso: string): Date {
	return new Date(`${iso}+09:00`);
}

describe("Range.setValue parses numbers like typed input", () => {
	// https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption
	it.each([
		["001", 1],
		["-12", -12],
		["+3", 3],
		["1.5", 1.5],
		[".5", 0.5],
		["1e3", 1000],
		["1,234", 1234],
		["1,234.5", 1234.5],
		// Our reading: grouping is lenient (see typed-input.ts).
		["7,3,1,0", 7310],
		[" 42 ", 42],
	])("%j → %j", (text, value) => {
		expect(written(text).value).toBe(value);
	});

	it("gives grouped input a grouping format and percentages a percent format", () => {
		expect(written("1,234")).toEqual({ value: 1234, format: "#,##0" });
		expect(written("12%")).toEqual({ value: 0.12, format: "0%" });
		expect(written("12.5%")).toEqual({ value: 0.125, format: "0.00%" });
	});

	it.each(["1-1-1", "I-1-1", "1,", ",1", "1.2.3", "12a", "--1", "¥100"])(
		"keeps %j as text",
		(text) => {
			expect(written(text).value).toBe(text);
		},
	);
});

describe("Range.setValue parses booleans like typed input", () => {
	it.each([
		["TRUE", true],
		["true", true],
		["False", false],
	])("%j → %j", (text, value) => {
		expect(written(text).value).toBe(value);
	});
});

describe("Range.setValue parses dates in the spreadsheet's locale and time zone", () => {
	// https://support.google.com/docs/answer/3093039
	it("reads y/m/d and y-m-d (ja_JP) as midnight in the spreadsheet's zone, with a date format", () => {
		expect(written("2024/5/31")).toEqual({
			value: tokyo("2024-05-31T00:00:00"),
			format: "yyyy/mm/dd",
		});
		expect(written("2024-05-31").value).toEqual(tokyo("2024-05-31T00:00:00"));
	});

	it("reads a date with a time as that wall-clock time", () => {
		expect(written("2024/5/31 9:00")).toEqual({
			value: tokyo("2024-05-31T09:00:00"),
			format: "yyyy/mm/dd h:mm:ss",
		});
	});

	// Decision (typed-input.ts): a month and day without a year is that day of the current year.
	it("reads 1-1 and 1/1 as January 1 of the current year (ja_JP: month then day)", () => {
		expect(written("1-1").value).toEqual(tokyo("2024-01-01T00:00:00"));
		expect(written("1/1").value).toEqual(tokyo("2024-01-01T00:00:00"));
		expect(written("12-31", tokyo("2025-02-01T00:00:00")).value).toEqual(
			tokyo("2025-12-31T00:00:00"),
		);
	});

	it("follows the locale's order: en_US reads m/d/y, en_GB d/m/y", () => {
		expect(written("5/31/2024", NOW, "en_US").value).toEqual(
			tokyo("2024-05-31T00:00:00"),
		);
		expect(written("31/5/2024", NOW, "en_GB").value).toEqual(
			tokyo("2024-05-31T00:00:00"),
		);
		expect(written("31/5/2024").value).toBe("31/5/2024");
	});

	it.each(["2024/2/30", "13/1", "1-32", "2024/5/31 25:00", "24/5/31"])(
		"keeps the impossible or unsupported date %j as text",
		(text) => {
			expect(written(text).value).toBe(text);
		},
	);

	it("sets the format of a General cell, keeps any other number format of the cell", () => {
		const general = sheetAt().getRange("B1").setNumberFormat("General");
		expect(general.setValue("12%").getNumberFormat()).toBe("0%");
		const sheet = sheetAt();
		const cell = sheet.getRange("A1").setNumberFormat("yyyy-mm-dd");
		cell.setValue("2024/5/31");
		expect(cell.getNumberFormat()).toBe("yyyy-mm-dd");
		expect(cell.getDisplayValue()).toBe("2024-05-31");
	});
});

describe("Text stays text", () => {
	// https://support.google.com/docs/answer/3094285
	it("a leading apostrophe keeps the rest as text and is not part of the value", () => {
		const sheet = sheetAt();
		const values = [
			["'001", "'1-1", "'7,3,1,0", "'TRUE", "'2024/5/31", "'12%"],
		];
		sheet.getRange("A1:F1").setValues(values);
		expect(sheet.getRange("A1:F1").getValues()).toEqual([
			["001", "1-1", "7,3,1,0", "TRUE", "2024/5/31", "12%"],
		]);
		expect(sheet.getRange("A1").getNumberFormat()).not.toBe("0%");
	});

	// https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#NumberFormatType
	// (TEXT: "Text formatting"); "@" is the plain text format of Format > Number.
	it("a cell formatted as plain text '@' keeps what is written", () => {
		const sheet = sheetAt();
		const block = sheet.getRange("A1:F1").setNumberFormat("@");
		block.setValues([["001", "1-1", "7,3,1,0", "TRUE", "2024/5/31", "12%"]]);
		expect(block.getValues()).toEqual([
			["001", "1-1", "7,3,1,0", "TRUE", "2024/5/31", "12%"],
		]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
	it("appendRow and RangeList.setValue parse like setValue; '=' is a formula", () => {
		const sheet = sheetAt();
		sheet.appendRow(["001", "=A2", "'=A2"]);
		sheet.getRangeList(["D1", "E1"]).setValue("2024/5/31");
		expect(sheet.getRange("A1:E1").getValues()).toEqual([
			[
				1,
				"",
				"=A2",
				tokyo("2024-05-31T00:00:00"),
				tokyo("2024-05-31T00:00:00"),
			],
		]);
		expect(sheet.getRange("B1").getFormula()).toBe("=A2");
	});
});

describe("the product's keepText against this parser", () => {
	// Whatever the string, what the product writes through keepText reads back as that string.
	it("setValue(keepText(s)) reads back s, for strings made of the characters that parse", () => {
		const sheet = sheetAt();
		const cell = sheet.getRange("A1");
		const chars = [..."0123456789+-.,/%: eE'=@TtRrUuFfAaLlSs１"];
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }),
				(parts) => {
					const text = parts.join("");
					cell.setValue(keepText(text));
					expect(cell.getValue()).toBe(text);
				},
			),
			{ numRuns: 2000 },
		);
	});
});
