/**
 * Protections: https://developers.google.com/apps-script/reference/spreadsheet/protection and
 * Range.protect()/Sheet.protect() on the range and sheet pages.
 */
import { describe, expect, it } from "vitest";
import {
	assertCanEdit,
	PROTECTED_MESSAGE,
} from "../../../src/local/runtime/spreadsheet";
import { FILE_READ_ONLY_MESSAGE } from "../../../src/local/runtime/spreadsheet/access";
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

describe("Google Groups and file sharing", () => {
	const GROUP = "dx-staff@example.lg.jp";
	const STAFF = "staff1@example.lg.jp";

	function groupFixture(): Fixture {
		const f = fixture();
		f.wb.editors.push(GROUP);
		f.wb.groups = { [GROUP]: [STAFF] };
		return f;
	}

	// protection (class sample): "Ensure the current user is an editor before removing others.
	// Otherwise, if the user's edit permission comes from a group, the script throws an exception
	// upon removing the group."
	it("removing the group a running member edits through throws; adding oneself first does not", () => {
		const f = groupFixture();
		runAs(f.state, STAFF, () => {
			const p = f.sheet.getRange("A1:B2").protect();
			expect(p.getEditors().map((u) => u.getEmail())).toContain(GROUP);
			expect(p.getEditors().map((u) => u.getEmail())).not.toContain(STAFF);
			expect(p.canEdit()).toBe(true);
			expect(() => p.removeEditors(p.getEditors())).toThrow(GROUP);
			expect(p.getEditors().map((u) => u.getEmail())).toContain(GROUP);
			p.addEditor(STAFF);
			p.removeEditors(p.getEditors());
			expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, STAFF]);
		});
	});

	it("a protection naming the group lets its members edit (canEdit counts membership)", () => {
		const f = groupFixture();
		const p = f.sheet.getRange("A1:B2").protect();
		lockDown(f, p);
		p.addEditor(GROUP);
		expect(runAs(f.state, STAFF, () => p.canEdit())).toBe(true);
		runAs(f.state, STAFF, () => f.sheet.getRange("A1").setValue("ok"));
		expect(runAs(f.state, DEPT, () => p.canEdit())).toBe(false);
	});

	// protection#addEditor(String): "This method does not automatically give the user permission
	// to edit the spreadsheet itself".
	it("a protection editor who is not a file editor can change nothing", () => {
		const f = fixture();
		const outsider = "outsider@example.lg.jp";
		const p = f.sheet.getRange("A1:B2").protect();
		p.addEditor(outsider);
		expect(runAs(f.state, outsider, () => p.canEdit())).toBe(false);
		expect(() =>
			runAs(f.state, outsider, () => f.sheet.getRange("A1").setValue("x")),
		).toThrow(FILE_READ_ONLY_MESSAGE);
		expect(() =>
			runAs(f.state, outsider, () => f.sheet.getRange("Z99").setValue("x")),
		).toThrow(FILE_READ_ONLY_MESSAGE);
		expect(() => runAs(f.state, outsider, () => f.ss.insertSheet("x"))).toThrow(
			FILE_READ_ONLY_MESSAGE,
		);
	});

	// spreadsheet#getEditors(): "If the user who executes the script does not have edit access to
	// the Spreadsheet, this method throws an exception." A group is listed as itself.
	it("Spreadsheet.getEditors lists the owner, accounts and groups, and needs edit access", () => {
		const f = groupFixture();
		expect(
			runAs(f.state, STAFF, () => f.ss.getEditors().map((u) => u.getEmail())),
		).toEqual([OWNER, DEPT, OTHER, GROUP]);
		expect(() =>
			runAs(f.state, "outsider@example.lg.jp", () => f.ss.getEditors()),
		).toThrow(FILE_READ_ONLY_MESSAGE);
	});
});
