/**
 * userEdit: a person typing or pasting in the Sheets UI (not a script).
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setAllowInvalid(Boolean)
 * https://developers.google.com/apps-script/guides/triggers/events (value/oldValue for one cell)
 */
import { describe, expect, it } from "vitest";
import {
	PROTECTED_MESSAGE,
	userEdit,
} from "../../../src/local/runtime/spreadsheet";
import { DEPT, fixture } from "./helpers";

const LABELS = [
	"A 順調に進んだ",
	"B まずまず進んだ",
	"C あまり進まなかった",
	"D 進まなかった",
];

describe("userEdit", () => {
	// data-validation-builder#setAllowInvalid(Boolean): false rejects the input entirely.
	it("rejects a typed value outside a rejecting list rule and leaves the cell unchanged", () => {
		const f = fixture();
		f.sheet
			.getRange("F2:F10")
			.setDataValidation(
				f.app
					.newDataValidation()
					.requireValueInList(LABELS)
					.setAllowInvalid(false)
					.setHelpText("A〜Dを選択")
					.build(),
			);
		expect(() => userEdit(f.state, "Sheet1", "F2", [["E"]], DEPT)).toThrow(
			"A〜Dを選択",
		);
		expect(f.sheet.getRange("F2").getValue()).toBe("");
		const ok = userEdit(f.state, "Sheet1", "F2", [["A 順調に進んだ"]], DEPT);
		expect(ok).toEqual({
			rect: { row: 1, col: 5, numRows: 1, numCols: 1 },
			value: "A 順調に進んだ",
		});
	});

	// setAllowInvalid: "The default for a new data validation rule is true" (warn only).
	it("writes an invalid value under a warning-only rule", () => {
		const f = fixture();
		f.sheet
			.getRange("F2")
			.setDataValidation(
				f.app.newDataValidation().requireValueInList(LABELS).build(),
			);
		userEdit(f.state, "Sheet1", "F2", [["ａ"]], DEPT);
		expect(f.sheet.getRange("F2").getValue()).toBe("ａ");
	});

	// Our decision: multi-cell pastes are not checked against list rules.
	it("lets a multi-cell paste through a rejecting rule and reports no value/oldValue", () => {
		const f = fixture();
		f.sheet
			.getRange("F2:F3")
			.setDataValidation(
				f.app
					.newDataValidation()
					.requireValueInList(LABELS)
					.setAllowInvalid(false)
					.build(),
			);
		const r = userEdit(f.state, "Sheet1", "F2", [["x"], ["y"]], DEPT);
		expect(r).toEqual({ rect: { row: 1, col: 5, numRows: 2, numCols: 1 } });
		expect(f.sheet.getRange("F2:F3").getValues()).toEqual([["x"], ["y"]]);
	});

	// reference/spreadsheet/protection: the UI refuses edits to protected cells.
	it("refuses an edit to a protected cell for a user who is not an editor", () => {
		const f = fixture();
		const p = f.sheet.getRange("A2:E10").protect();
		p.removeEditors(p.getEditors());
		p.setDomainEdit(false);
		expect(() => userEdit(f.state, "Sheet1", "B2", [["x"]], DEPT)).toThrow(
			PROTECTED_MESSAGE,
		);
		expect(() => userEdit(f.state, "Sheet1", "E2", [["x", "y"]], DEPT)).toThrow(
			PROTECTED_MESSAGE,
		);
		expect(f.sheet.getRange("F2").getValue()).toBe("");
	});

	// guides/triggers/events: oldValue only for a single cell, undefined when it was empty.
	it("returns oldValue (undefined for an empty cell) and the new value of a single cell", () => {
		const f = fixture();
		const first = userEdit(f.state, "Sheet1", "G2", [["実績"]], DEPT);
		expect(first.oldValue).toBeUndefined();
		expect(first.value).toBe("実績");
		const second = userEdit(f.state, "Sheet1", "G2", [[""]], DEPT);
		expect(second.oldValue).toBe("実績");
		expect(second.value).toBeUndefined();
	});

	it("makes '=…' a formula, keeps '…' as text, and does not guess number types", () => {
		const f = fixture();
		userEdit(f.state, "Sheet1", "A1:C1", [["=1+1", "'=1+1", "5"]], DEPT);
		expect(f.sheet.getRange("A1").getFormula()).toBe("=1+1");
		expect(f.sheet.getRange("A1:C1").getValues()).toEqual([["", "=1+1", "5"]]);
	});
});
