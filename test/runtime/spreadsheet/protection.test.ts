/**
 * Protections: https://developers.google.com/apps-script/reference/spreadsheet/protection and
 * Range.protect()/Sheet.protect() on the range and sheet pages.
 */
import { describe, expect, it } from "vitest";
import {
	assertCanEdit,
	PROTECTED_MESSAGE,
} from "../../../src/local/runtime/spreadsheet";
import { DEPT, type Fixture, fixture, OTHER, OWNER, runAs } from "./helpers";

/** Google's sample: keep only the current user (and the owner) as editors. */
function lockDown(
	f: Fixture,
	p: GoogleAppsScript.Spreadsheet.Protection,
): void {
	p.addEditor(f.state.exec.effectiveUser);
	p.removeEditors(p.getEditors());
	if (p.canDomainEdit()) p.setDomainEdit(false);
}

describe("Protection", () => {
	// https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
	// "Until the script actually changes the list of editors … the permissions mirror those of the
	// spreadsheet itself, which effectively means that the range remains unprotected."
	it("a new range protection mirrors the file's editors: still editable by them", () => {
		const f = fixture();
		const p = f.sheet.getRange("A1:B2").protect();
		expect(p.getEditors().map((u) => u.getEmail())).toEqual(
			expect.arrayContaining([OWNER, DEPT, OTHER]),
		);
		expect(runAs(f.state, DEPT, () => p.canEdit())).toBe(true);
		runAs(f.state, DEPT, () => f.sheet.getRange("A1").setValue("ok"));
		expect(f.sheet.getRange("A1").getValue()).toBe("ok");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/protection (class sample)
	it("after removeEditors(getEditors()) and setDomainEdit(false) only the owner/current user can edit", () => {
		const f = fixture();
		const p = f.sheet.getRange("A1:B2").protect().setDescription("master");
		lockDown(f, p);
		expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
		expect(p.canDomainEdit()).toBe(false);
		expect(runAs(f.state, DEPT, () => p.canEdit())).toBe(false);
		expect(() =>
			runAs(f.state, DEPT, () => f.sheet.getRange("B2").setValue("x")),
		).toThrow(PROTECTED_MESSAGE);
		expect(() =>
			runAs(f.state, DEPT, () =>
				f.sheet.getRange("A2:C3").setValues([
					[1, 2, 3],
					[4, 5, 6],
				]),
			),
		).toThrow(PROTECTED_MESSAGE);
		// Nothing was written, not even the unprotected part.
		expect(f.sheet.getRange("C2").getValue()).toBe("");
		// Outside the protected range the department can write.
		runAs(f.state, DEPT, () => f.sheet.getRange("C3").setValue("free"));
		expect(f.sheet.getRange("C3").getValue()).toBe("free");
		// The owner always can (protection#canEdit()).
		f.sheet.getRange("B2").setValue("owner");
		expect(f.sheet.getRange("B2").getValue()).toBe("owner");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditor(String)
	it("the owner and the current user cannot be removed from the editors", () => {
		const f = fixture();
		const p = runAs(f.state, DEPT, () => {
			const prot = f.sheet.getRange("A1").protect();
			prot.removeEditors([OWNER, DEPT, OTHER]);
			prot.setDomainEdit(false);
			return prot;
		});
		expect(
			p
				.getEditors()
				.map((u) => u.getEmail())
				.sort(),
		).toEqual([DEPT, OWNER].sort());
		p.addEditors([OTHER]);
		expect(runAs(f.state, OTHER, () => p.canEdit())).toBe(true);
		p.removeEditor(OTHER);
		expect(runAs(f.state, OTHER, () => p.canEdit())).toBe(false);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)
	it("a warning-only protection has no editors and does not block anyone", () => {
		const f = fixture();
		const p = f.sheet.getRange("A1").protect();
		lockDown(f, p);
		p.setWarningOnly(true);
		expect(p.isWarningOnly()).toBe(true);
		expect(p.getEditors()).toEqual([]);
		runAs(f.state, DEPT, () => f.sheet.getRange("A1").setValue("warned"));
		expect(f.sheet.getRange("A1").getValue()).toBe("warned");
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range)
	it("setUnprotectedRanges works on a sheet protection only, and leaves those cells editable", () => {
		const f = fixture();
		const rangeProtection = f.sheet.getRange("A1").protect();
		expect(() =>
			rangeProtection.setUnprotectedRanges([f.sheet.getRange("B1")]),
		).toThrow();
		const p = f.sheet.protect();
		lockDown(f, p);
		p.setUnprotectedRanges([
			f.sheet.getRange("F2:H10"),
			f.sheet.getRange("I2:I10"),
		]);
		expect(p.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual([
			"F2:H10",
			"I2:I10",
		]);
		runAs(f.state, DEPT, () => f.sheet.getRange("F2:I3").setValue("ok"));
		expect(f.sheet.getRange("I3").getValue()).toBe("ok");
		expect(() =>
			runAs(f.state, DEPT, () => f.sheet.getRange("E2:F2").setValue("no")),
		).toThrow(PROTECTED_MESSAGE);
		expect(() =>
			runAs(f.state, DEPT, () => f.sheet.getRange("F2:F11").setValue("no")),
		).toThrow(PROTECTED_MESSAGE);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
	// "If the sheet is already protected, this method returns an object representing the existing
	// protection settings."
	it("sheet.protect() on a protected sheet returns the existing protection", () => {
		const f = fixture();
		f.sheet.protect().setDescription("first");
		const again = f.sheet.protect();
		expect(again.getDescription()).toBe("first");
		expect(f.sheet.getProtections(f.app.ProtectionType.SHEET)).toHaveLength(1);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getProtections(ProtectionType)
	it("getProtections(type) lists range or sheet protections; remove() deletes one", () => {
		const f = fixture();
		f.sheet.getRange("A1").protect();
		f.sheet.getRange("B1").protect();
		f.ss.insertSheet("other").protect();
		expect(f.ss.getProtections(f.app.ProtectionType.RANGE)).toHaveLength(2);
		expect(f.ss.getProtections(f.app.ProtectionType.SHEET)).toHaveLength(1);
		const [first] = f.sheet.getProtections(f.app.ProtectionType.RANGE);
		expect(first?.getProtectionType()).toBe(f.app.ProtectionType.RANGE);
		first?.remove();
		expect(
			f.sheet
				.getProtections(f.app.ProtectionType.RANGE)
				.map((p) => p.getRange().getA1Notation()),
		).toEqual(["B1"]);
	});

	// https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)
	// Domain edit needs a Workspace domain (our rule: a gmail.com owner is a consumer file).
	it("setDomainEdit throws on a consumer-owned file; domain edit lets same-domain users edit", () => {
		const consumer = fixture({ owner: "someone@gmail.com" });
		const cp = consumer.sheet.getRange("A1").protect();
		expect(cp.canDomainEdit()).toBe(false);
		expect(() => cp.setDomainEdit(false)).toThrow(/domain/);

		const f = fixture();
		const p = f.sheet.getRange("A1").protect();
		p.removeEditors(p.getEditors());
		expect(p.canDomainEdit()).toBe(true);
		expect(runAs(f.state, DEPT, () => p.canEdit())).toBe(true);
		expect(
			runAs(f.state, "stranger@elsewhere.example", () => p.canEdit()),
		).toBe(false);
		p.setDomainEdit(false);
		expect(runAs(f.state, DEPT, () => p.canEdit())).toBe(false);
	});

	it("assertCanEdit checks a rect for a given user (owner always allowed)", () => {
		const f = fixture();
		const p = f.sheet.getRange("C3:D4").protect();
		lockDown(f, p);
		const model = f.wb.sheets[0] as (typeof f.wb.sheets)[number];
		expect(() =>
			assertCanEdit(
				f.state,
				model,
				{ row: 3, col: 3, numRows: 1, numCols: 1 },
				DEPT,
			),
		).toThrow(PROTECTED_MESSAGE);
		expect(() =>
			assertCanEdit(
				f.state,
				model,
				{ row: 0, col: 0, numRows: 2, numCols: 2 },
				DEPT,
			),
		).not.toThrow();
		expect(() =>
			assertCanEdit(
				f.state,
				model,
				{ row: 3, col: 3, numRows: 1, numCols: 1 },
				OWNER,
			),
		).not.toThrow();
	});

	it("format changes and row deletion are also refused on protected cells", () => {
		const f = fixture();
		lockDown(f, f.sheet.getRange("A2:B2").protect());
		expect(() =>
			runAs(f.state, DEPT, () =>
				f.sheet.getRange("A2").setBackground("#ff0000"),
			),
		).toThrow(PROTECTED_MESSAGE);
		expect(() => runAs(f.state, DEPT, () => f.sheet.deleteRow(2))).toThrow(
			PROTECTED_MESSAGE,
		);
		expect(() =>
			runAs(f.state, DEPT, () => f.sheet.getRange("A2").setNote("n")),
		).toThrow(PROTECTED_MESSAGE);
		expect(f.sheet.getMaxRows()).toBe(1000);
	});
});
