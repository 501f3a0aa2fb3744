/**
 * Contract tests: each behaviour is the one Google documents for the real service (the page is
 * cited above each test). Pages are under https://developers.google.com/apps-script/reference/.
 */
import { describe, expect, it } from "vitest";
import { chartSeries } from "../../../src/local/runtime/spreadsheet/chart";
import { SCOPES } from "../../../src/local/runtime/state";
import { fixture } from "./helpers";

const OUTSIDE =
	"The coordinates of the range are outside the dimensions of the sheet.";

describe("Sheet.getRange", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
	it("is 1-based: (row, column, numRows, numColumns) and A1 notation name the same cells", () => {
		const { sheet } = fixture();
		expect(sheet.getRange(1, 1).getA1Notation()).toBe("A1");
		const r = sheet.getRange(2, 3, 2, 4);
		expect(r.getA1Notation()).toBe("C2:F3");
		expect([
			r.getRow(),
			r.getColumn(),
			r.getNumRows(),
			r.getNumColumns(),
		]).toEqual([2, 3, 2, 4]);
		expect([r.getLastRow(), r.getLastColumn()]).toEqual([3, 6]);
		const a = sheet.getRange("C2:F3");
		expect([
			a.getRow(),
			a.getColumn(),
			a.getNumRows(),
			a.getNumColumns(),
		]).toEqual([2, 3, 2, 4]);
		expect(sheet.getRange("$B$5").getA1Notation()).toBe("B5");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
	it("throws when the range is outside the sheet's grid (row/column 0 or past 1000 × 26)", () => {
		const { sheet } = fixture();
		expect(() => sheet.getRange(0, 1)).toThrow(OUTSIDE);
		expect(() => sheet.getRange(1, 0)).toThrow(OUTSIDE);
		expect(() => sheet.getRange(1001, 1)).toThrow(OUTSIDE);
		expect(() => sheet.getRange(1, 27)).toThrow(OUTSIDE);
		expect(() => sheet.getRange(999, 1, 3, 1)).toThrow(OUTSIDE);
		expect(() => sheet.getRange("A1001")).toThrow(OUTSIDE);
		expect(sheet.getRange(1000, 26).getA1Notation()).toBe("Z1000");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
	it("throws when numRows or numColumns is below 1", () => {
		const { sheet } = fixture();
		expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(
			"The number of rows in the range must be at least 1.",
		);
		expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
			"The number of columns in the range must be at least 1.",
		);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getRange(String)
	it("Spreadsheet.getRange accepts a sheet-qualified A1 reference, quoted names included", () => {
		const { ss } = fixture();
		const s = ss.insertSheet("評価 R5");
		ss.getRange("'評価 R5'!B2").setValue("x");
		expect(s.getRange("B2").getValue()).toBe("x");
		expect(() => ss.getRange("Nope!A1")).toThrow("Range not found");
	});
});

describe("Range.getValues / setValues", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
	it("returns rows × columns of Number, Boolean, Date or String, with '' for empty cells", () => {
		const { sheet } = fixture();
		const d = new Date("2024-05-31T00:00:00+09:00");
		sheet.getRange(1, 1, 1, 4).setValues([[1.5, true, d, "text"]]);
		const v = sheet.getRange(1, 1, 2, 5).getValues();
		expect(v).toHaveLength(2);
		expect(v.every((row) => row.length === 5)).toBe(true);
		expect(v[0]).toEqual([1.5, true, d, "text", ""]);
		expect(v[0]?.[2]).toBeInstanceOf(Date);
		expect(v[1]).toEqual(["", "", "", "", ""]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
	it("returns copies: mutating the result (rows or Dates) does not change the sheet", () => {
		const { sheet } = fixture();
		sheet.getRange(1, 1, 1, 2).setValues([["a", new Date(2024, 0, 1)]]);
		const v = sheet.getRange(1, 1, 1, 2).getValues();
		(v[0] as unknown[])[0] = "changed";
		const copied = (v[0] as unknown[])[1] as Date;
		expect(copied).toBeInstanceOf(Date);
		copied.setFullYear(1999);
		const again = sheet.getRange(1, 1, 1, 2).getValues();
		expect(again[0]?.[0]).toBe("a");
		expect(((again[0] as unknown[])[1] as Date).getFullYear()).toBe(2024);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
	it("keeps a Date written by setValues independent of the caller's object", () => {
		const { sheet } = fixture();
		const d = new Date(2024, 0, 1);
		sheet.getRange("A1").setValues([[d]]);
		d.setFullYear(2000);
		expect((sheet.getRange("A1").getValue() as Date).getFullYear()).toBe(2024);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
	it("throws when the data's dimensions differ from the range's, before writing anything", () => {
		const { sheet } = fixture();
		sheet.getRange(1, 1, 2, 2).setValues([
			[1, 2],
			[3, 4],
		]);
		expect(() => sheet.getRange(1, 1, 2, 2).setValues([[9, 9]])).toThrow(
			"The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
		);
		expect(() =>
			sheet.getRange(1, 1, 2, 2).setValues([
				[9, 9],
				[9, 9, 9],
			]),
		).toThrow(
			"The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.",
		);
		expect(sheet.getRange(1, 1, 2, 2).getValues()).toEqual([
			[1, 2],
			[3, 4],
		]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
	it("sets every cell of a multi-cell range with setValue", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:B2").setValue("x");
		expect(sheet.getRange("A1:B2").getValues()).toEqual([
			["x", "x"],
			["x", "x"],
		]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
	// ("If it begins with '=' it is interpreted as a formula.")
	it("stores a string starting with '=' as a formula, never evaluated (value '')", () => {
		const { sheet } = fixture();
		sheet.getRange("A1").setValue(2);
		sheet.getRange("B1").setValue("=A1*2");
		sheet.getRange("C1:C2").setValues([['=HYPERLINK("http://x")'], ["ok"]]);
		expect(sheet.getRange("B1").getFormula()).toBe("=A1*2");
		expect(sheet.getRange("B1").getValue()).toBe("");
		expect(sheet.getRange("C1:C2").getFormulas()).toEqual([
			['=HYPERLINK("http://x")'],
			[""],
		]);
		// Overwriting with a plain value drops the formula.
		sheet.getRange("B1").setValue("plain");
		expect(sheet.getRange("B1").getFormula()).toBe("");
		expect(sheet.getRange("B1").getValue()).toBe("plain");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
	// A leading apostrophe makes the input text, as when typed into Sheets (the escape the product
	// uses for user-supplied strings, SPEC §6).
	it("stores a string starting with an apostrophe as the text after it, not a formula", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:A2").setValues([["'=cmd|' /C calc'!A0"], ["'+81"]]);
		expect(sheet.getRange("A1:A2").getValues()).toEqual([
			["=cmd|' /C calc'!A0"],
			["+81"],
		]);
		expect(sheet.getRange("A1").getFormula()).toBe("");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)
	// Strings are parsed like typed input: "007" becomes the number 7 unless the cell is plain text.
	it("parses numeric and boolean strings like typed input, except in '@' (plain text) cells", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:C1").setValues([["007", "TRUE", "I-1"]]);
		expect(sheet.getRange("A1:C1").getValues()).toEqual([[7, true, "I-1"]]);
		sheet.getRange("D1").setNumberFormat("@");
		sheet.getRange("D1").setValue("007");
		expect(sheet.getRange("D1").getValue()).toBe("007");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
	it("keeps numbers, booleans and Dates by type; undefined and null become ''", () => {
		const { sheet } = fixture();
		const d = new Date(2024, 4, 31);
		sheet.getRange(1, 1, 1, 5).setValues([[0, false, d, null, undefined]]);
		const v = sheet.getRange(1, 1, 1, 5).getValues()[0] as unknown[];
		expect(v[0]).toBe(0);
		expect(v[1]).toBe(false);
		expect((v[2] as Date).getTime()).toBe(d.getTime());
		expect(v.slice(3)).toEqual(["", ""]);
	});
});

describe("Sheet extent", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()
	it("getLastRow/getLastColumn give the last row/column with content (formulas count)", () => {
		const { sheet } = fixture();
		expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
		sheet.getRange("C5").setValue("x");
		sheet.getRange("B7").setFormula("=1");
		expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
		sheet.getRange("C5").clearContent();
		sheet.getRange("B7").clearContent();
		expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange()
	it("getDataRange spans A1 to the last row and column with content, at least A1", () => {
		const { sheet } = fixture();
		expect(sheet.getDataRange().getA1Notation()).toBe("A1");
		sheet.getRange("D3").setValue(1);
		expect(sheet.getDataRange().getA1Notation()).toBe("A1:D3");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
	it("appendRow writes after the last row with content in one call, growing the grid", () => {
		const { sheet } = fixture();
		sheet.getRange(1000, 1).setValue("last");
		sheet.appendRow(["a", "=A1", 3]);
		expect(sheet.getMaxRows()).toBe(1001);
		expect(sheet.getRange(1001, 1, 1, 3).getValues()).toEqual([["a", "", 3]]);
		expect(sheet.getRange(1001, 2).getFormula()).toBe("=A1");
	});
});

describe("Spreadsheet", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String)
	it("insertSheet makes a 1000 × 26 sheet and refuses a taken name", () => {
		const { ss } = fixture();
		const s = ss.insertSheet("設定");
		expect([s.getMaxRows(), s.getMaxColumns()]).toEqual([1000, 26]);
		expect(() => ss.insertSheet("設定")).toThrow(
			'A sheet with the name "設定" already exists. Please enter another name.',
		);
		expect(() => ss.insertSheet("Sheet1").setName("設定")).toThrow(
			/already exists/,
		);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer)
	it("insertSheet(name, index) puts the sheet at the 0-based index", () => {
		const { ss } = fixture();
		ss.insertSheet("B");
		const first = ss.insertSheet("A", 0);
		expect(ss.getSheets().map((s) => s.getName())).toEqual([
			"A",
			"Sheet1",
			"B",
		]);
		expect(first.getIndex()).toBe(1);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetByName(String)
	it("getSheetByName returns null for a missing sheet", () => {
		const { ss } = fixture();
		expect(ss.getSheetByName("無い")).toBeNull();
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#deleteSheet(Sheet)
	it("deleteSheet removes a sheet but never the last visible one", () => {
		const { ss, sheet } = fixture();
		const other = ss.insertSheet("x");
		ss.deleteSheet(other);
		expect(ss.getSheetByName("x")).toBeNull();
		expect(() => ss.deleteSheet(sheet)).toThrow();
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getUrl()
	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number)
	it("getUrl is the edit URL; toast is recorded for the UI with how long it stays", () => {
		const { ss, state } = fixture();
		expect(ss.getUrl()).toBe(
			"https://docs.google.com/spreadsheets/d/abc123/edit",
		);
		expect(ss.getId()).toBe("abc123");
		expect(ss.getSpreadsheetTimeZone()).toBe("Asia/Tokyo");
		ss.toast("集計しました", "DX進捗管理", 10);
		expect(state.ui.at(-1)).toEqual({
			kind: "toast",
			title: "DX進捗管理",
			message: "集計しました",
			seconds: 10,
		});
		ss.toast("既定", "t", null);
		expect(state.ui.at(-1)?.seconds).toBe(5);
		ss.toast("既定");
		expect(state.ui.at(-1)).toMatchObject({ title: "", seconds: 5 });
		ss.toast("閉じるまで", "t", -1);
		expect(state.ui.at(-1)?.seconds).toBeNull();
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner()
	it("getOwner and getEditors return Users with getEmail", () => {
		const { ss } = fixture();
		expect(ss.getOwner()?.getEmail()).toBe("dx-office@example.lg.jp");
		expect(ss.getEditors().map((u) => u.getEmail())).toContain(
			"kikaku@example.lg.jp",
		);
		expect(String(ss.getOwner())).toBe("User");
	});

	// https://developers.google.com/apps-script/concepts/scopes
	it("every SpreadsheetApp access needs the spreadsheets.currentonly scope", () => {
		const { app, state } = fixture();
		state.scopes = [SCOPES.sendMail];
		expect(() => app.getActiveSpreadsheet()).toThrow(
			/spreadsheets\.currentonly/,
		);
		expect(() => app.newDataValidation()).toThrow(/permission/);
		const full = fixture({ scopes: [SCOPES.spreadsheets] });
		expect(full.app.getActive().getName()).toBe("DX進捗管理");
	});

	it("toString gives the Apps Script class names the runtime counts calls by", () => {
		const { app, ss, sheet } = fixture();
		const range = sheet.getRange("A1");
		expect([
			String(app),
			String(ss),
			String(sheet),
			String(range),
			String(range.protect()),
		]).toEqual([
			"SpreadsheetApp",
			"Spreadsheet",
			"Sheet",
			"Range",
			"Protection",
		]);
		expect(
			String(app.newDataValidation().requireValueInList(["a"]).build()),
		).toBe("DataValidation");
	});
});

describe("Rows and columns", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRow(Integer)
	it("deleteRow shifts values, notes, formats, validations and protections up", () => {
		const { app, sheet } = fixture();
		sheet.getRange("A1:A3").setValues([["r1"], ["r2"], ["r3"]]);
		sheet.getRange("A3").setNote("note").setBackground("#ff0000");
		sheet
			.getRange("B3")
			.setDataValidation(
				app.newDataValidation().requireValueInList(["x"]).build(),
			);
		sheet.getRange("A3:B3").protect().setDescription("p");
		sheet.deleteRow(2);
		expect(sheet.getMaxRows()).toBe(999);
		expect(sheet.getRange("A1:A3").getValues()).toEqual([["r1"], ["r3"], [""]]);
		expect(sheet.getRange("A2").getNote()).toBe("note");
		expect(sheet.getRange("A2").getBackground()).toBe("#ff0000");
		expect(
			sheet.getRange("B2").getDataValidation()?.getCriteriaValues(),
		).toEqual([["x"], true]);
		expect(sheet.getRange("B3").getDataValidation()).toBeNull();
		const p = sheet.getProtections(app.ProtectionType.RANGE)[0];
		expect(p?.getRange().getA1Notation()).toBe("A2:B2");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)
	it("insertRowsAfter moves what is below down and grows the grid", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:A2").setValues([["a"], ["b"]]);
		sheet.insertRowsAfter(1, 2);
		expect(sheet.getMaxRows()).toBe(1002);
		expect(sheet.getRange("A1:A4").getValues()).toEqual([
			["a"],
			[""],
			[""],
			["b"],
		]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteColumns(Integer,Integer)
	it("deleteColumns shifts the cells to the right leftwards", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:D1").setValues([["a", "b", "c", "d"]]);
		sheet.deleteColumns(2, 2);
		expect(sheet.getMaxColumns()).toBe(24);
		expect(sheet.getRange("A1:C1").getValues()).toEqual([["a", "d", ""]]);
		expect(() => sheet.deleteColumns(24, 2)).toThrow(
			"Those columns are out of bounds.",
		);
	});
});

describe("Formats and display", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()
	it("getDisplayValues shows Dates in the spreadsheet time zone and applies number formats", () => {
		const { sheet } = fixture();
		sheet
			.getRange("A1:C1")
			.setValues([[new Date("2024-05-31T00:00:00+09:00"), 0.9673, true]]);
		sheet.getRange("B1").setNumberFormat("0.0%");
		expect(sheet.getRange("A1:C1").getDisplayValues()).toEqual([
			["2024/05/31", "96.7%", "TRUE"],
		]);
		sheet.getRange("A1").setNumberFormat("yyyy-mm-dd hh:mm");
		expect(sheet.getRange("A1").getDisplayValue()).toBe("2024-05-31 00:00");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
	it("backgrounds, font weights and notes are per cell; null resets", () => {
		const { sheet } = fixture();
		const r = sheet.getRange("A1:B1");
		r.setBackground("#fff2cc").setFontWeight("bold").setNote("n");
		expect(r.getBackgrounds()).toEqual([["#fff2cc", "#fff2cc"]]);
		expect(r.getFontWeights()).toEqual([["bold", "bold"]]);
		expect(r.getNotes()).toEqual([["n", "n"]]);
		sheet.getRange("B1").setBackground(null).setFontWeight(null).clearNote();
		expect(r.getBackgrounds()).toEqual([["#fff2cc", "#ffffff"]]);
		expect(r.getFontWeights()).toEqual([["bold", "normal"]]);
		expect(r.getNotes()).toEqual([["n", ""]]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setFontFamily(String)
	it("font families are per cell, kept with the other font attributes; null resets to Arial", () => {
		const { sheet } = fixture();
		const r = sheet.getRange("A1:B2");
		expect(r.getFontFamily()).toBe("Arial");
		r.setFontWeight("bold").setFontFamily("BIZ UDPGothic");
		expect(r.getFontFamilies()).toEqual([
			["BIZ UDPGothic", "BIZ UDPGothic"],
			["BIZ UDPGothic", "BIZ UDPGothic"],
		]);
		expect(r.getFontWeights()[1]).toEqual(["bold", "bold"]);
		sheet.getRange("B2").setFontFamily(null);
		sheet.getRange("A2:B2").setFontFamilies([["Meiryo", null]]);
		expect(r.getFontFamilies()).toEqual([
			["BIZ UDPGothic", "BIZ UDPGothic"],
			["Meiryo", "Arial"],
		]);
		expect(sheet.getRange("B2").getFontWeight()).toBe("bold");
		expect(() => r.setFontFamilies([["Arial"]])).toThrow();
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#merge()
	it("merge keeps the top-left value; isPartOfMerge/breakApart", () => {
		const { sheet } = fixture();
		sheet.getRange("A1:B1").setValues([["title", "x"]]);
		sheet.getRange("A1:C1").merge();
		expect(sheet.getRange("A1:B1").getValues()).toEqual([["title", ""]]);
		expect(sheet.getRange("C1").isPartOfMerge()).toBe(true);
		expect(() => sheet.getRange("A1:B1").breakApart()).toThrow(/merged range/);
		sheet.getRange("A1:C1").breakApart();
		expect(sheet.getRange("C1").isPartOfMerge()).toBe(false);
	});
});

describe("Data validation", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireValueInList(String)
	// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
	it("requireValueInList shows a dropdown by default and allows invalid input by default", () => {
		const { app, sheet } = fixture();
		const rule = app
			.newDataValidation()
			.requireValueInList(["A", "B"])
			.setHelpText("選択")
			.build();
		expect(rule.getCriteriaType()).toBe(
			app.DataValidationCriteria.VALUE_IN_LIST,
		);
		expect(rule.getCriteriaValues()).toEqual([["A", "B"], true]);
		expect(rule.getAllowInvalid()).toBe(true);
		expect(rule.getHelpText()).toBe("選択");
		const strict = rule.copy().setAllowInvalid(false).build();
		expect(strict.getAllowInvalid()).toBe(false);
		expect(strict.getCriteriaValues()).toEqual([["A", "B"], true]);
		sheet.getRange("A1:A3").setDataValidation(strict);
		const rules = sheet.getRange("A1:B2").getDataValidations();
		expect(
			rules.map((row) => row.map((r) => (r ? r.getAllowInvalid() : null))),
		).toEqual([
			[false, null],
			[false, null],
		]);
		sheet.getRange("A2").clearDataValidations();
		expect(sheet.getRange("A2").getDataValidation()).toBeNull();
		expect(sheet.getRange("A3").getDataValidation()).not.toBeNull();
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
	it("script writes are not rejected by validation (only the UI rejects)", () => {
		const { app, sheet } = fixture();
		sheet
			.getRange("A1")
			.setDataValidation(
				app
					.newDataValidation()
					.requireValueInList(["A"])
					.setAllowInvalid(false)
					.build(),
			);
		sheet.getRange("A1").setValue("Z");
		expect(sheet.getRange("A1").getValue()).toBe("Z");
	});
});

describe("Conditional formats", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)
	it("setConditionalFormatRules replaces all of the sheet's rules", () => {
		const { app, sheet } = fixture();
		const r1 = app
			.newConditionalFormatRule()
			.whenTextStartsWith("要修正")
			.setBackground("#f4cccc")
			.setRanges([sheet.getRange("A2:K100")])
			.build();
		const r2 = app
			.newConditionalFormatRule()
			.whenFormulaSatisfied('=$F2=""')
			.setBold(true)
			.setRanges([sheet.getRange("F2:F100")])
			.build();
		sheet.setConditionalFormatRules([r1, r2]);
		expect(sheet.getConditionalFormatRules()).toHaveLength(2);
		sheet.setConditionalFormatRules([r2]);
		const rules = sheet.getConditionalFormatRules();
		expect(rules).toHaveLength(1);
		expect(rules[0]?.getBooleanCondition()?.getCriteriaType()).toBe(
			app.BooleanCriteria.CUSTOM_FORMULA,
		);
		expect(rules[0]?.getRanges().map((r) => r.getA1Notation())).toEqual([
			"F2:F100",
		]);
	});
});

describe("Charts", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#modify()
	it("a chart is in the sheet only after insertChart; changes need updateChart", () => {
		const { sheet } = fixture();
		const chart = sheet
			.newChart()
			.asColumnChart()
			.setStacked()
			.addRange(sheet.getRange("A1:D4"))
			.setPosition(6, 1, 0, 0)
			.setOption("title", "基本方針別")
			.build();
		expect(sheet.getCharts()).toHaveLength(0);
		expect(chart.getChartId()).toBeNull();
		sheet.insertChart(chart);
		const [inserted] = sheet.getCharts();
		expect(inserted?.getChartId()).not.toBeNull();
		expect(inserted?.getContainerInfo().getAnchorRow()).toBe(6);
		const modified = inserted
			?.modify()
			.setOption("title", "更新")
			.build() as GoogleAppsScript.Spreadsheet.EmbeddedChart;
		expect(sheet.getCharts()[0]?.getOptions().get("title")).toBe("基本方針別");
		sheet.updateChart(modified);
		expect(sheet.getCharts()[0]?.getOptions().get("title")).toBe("更新");
		sheet.removeChart(modified);
		expect(sheet.getCharts()).toHaveLength(0);
	});
});

describe("Chart data and documented chart API", () => {
	const table = [
		["評価", "方針I", "方針II"],
		["A", 5, 7],
		["B", 2, 1],
	];
	function withTable() {
		const f = fixture();
		f.sheet.getRange("A1:C3").setValues(table);
		return { ...f, model: f.wb.sheets[0] as (typeof f.wb.sheets)[number] };
	}

	// Google Charts bar chart "Data Format": column 0 the categories, columns 1…N the series;
	// embedded-chart-builder#setTransposeRowsAndColumns switches rows and columns.
	it("maps the first column to the domain and each further column to a series, rows when transposed", () => {
		const { sheet, model } = withTable();
		for (const transpose of [false, true]) {
			sheet.insertChart(
				sheet
					.newChart()
					.asBarChart()
					.addRange(sheet.getRange("A1:C3"))
					.setTransposeRowsAndColumns(transpose)
					.setNumHeaders(1)
					.build(),
			);
		}
		const [plain, transposed] = model.charts.map((c) => chartSeries(model, c));
		expect(plain).toEqual({
			domain: { a1: "A2:A3", labels: ["A", "B"] },
			series: [
				{ label: "方針I", a1: "B2:B3", values: [5, 2] },
				{ label: "方針II", a1: "C2:C3", values: [7, 1] },
			],
		});
		expect(transposed).toEqual({
			domain: { a1: "B1:C1", labels: ["方針I", "方針II"] },
			series: [
				{ label: "A", a1: "B2:C2", values: [5, 7] },
				{ label: "B", a1: "B3:C3", values: [2, 1] },
			],
		});
	});

	// embedded-chart-builder#setOption: "See the available options for this chart" (Google Charts
	// configuration options of the type); the Sheets-internal useFirstColumnAsDomain is not one.
	it("refuses options that are not documented for the chart type", () => {
		const { sheet } = withTable();
		const bar = () => sheet.newChart().asBarChart();
		expect(() => bar().setOption("useFirstColumnAsDomain", false)).toThrow(
			/not a documented configuration option/,
		);
		expect(() => bar().setOption("pieHole", 0.4)).toThrow();
		expect(() => bar().setOption("legend.position", "bottom")).not.toThrow();
		expect(() =>
			sheet.newChart().asPieChart().setOption("pieHole", 0.4),
		).not.toThrow();
	});

	// embedded-chart-builder, embedded-pie-chart-builder: no setStacked/setTitle on those classes;
	// addRange is documented to return the generic EmbeddedChartBuilder.
	it("refuses builder methods that are not on the documented class", () => {
		const { sheet } = withTable();
		const generic = sheet.newChart() as unknown as {
			setTitle(t: string): void;
		};
		expect(() => generic.setTitle("x")).toThrow(TypeError);
		const pie = sheet.newChart().asPieChart() as unknown as {
			setStacked(): void;
		};
		expect(() => pie.setStacked()).toThrow(TypeError);
		const afterRange = sheet
			.newChart()
			.asBarChart()
			.addRange(sheet.getRange("A1:C3")) as unknown as { setStacked(): void };
		expect(() => afterRange.setStacked()).toThrow(TypeError);
		expect(() =>
			sheet.newChart().asBarChart().setStacked().setTitle("t"),
		).not.toThrow();
	});
});
