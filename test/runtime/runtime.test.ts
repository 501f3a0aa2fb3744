/**
 * LocalRuntime: how the script is run — contexts, triggers, users, call counting, faults.
 * Uses small inline scripts so each behaviour is pinned independently of the product bundle.
 */
import { describe, expect, it } from "vitest";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
} from "../../src/local/runtime/model";
import { FILE_READ_ONLY_MESSAGE } from "../../src/local/runtime/spreadsheet/access";
import type { ExecutionContext } from "../../src/local/runtime/state";
import { DX_OFFICE, newRuntime } from "../support/bundle";

const DEPT = "shimin@city.kameyama.lg.jp";
const OTHER = "zeimu@city.kameyama.lg.jp";
const direct: ExecutionContext = {
	activeUser: DX_OFFICE,
	effectiveUser: DX_OFFICE,
	authMode: "FULL",
	kind: "direct",
};

function workbook() {
	const wb = newWorkbookModel({ owner: DX_OFFICE });
	wb.editors.push(DEPT, OTHER);
	const sheet = newSheetModel(wb, "評価_R5");
	wb.sheets.push(sheet);
	setCell(sheet, 0, 0, "取組No");
	setCell(sheet, 1, 0, 1);
	setCell(sheet, 1, 1, new Date("2024-05-31T00:00:00+09:00"));
	return wb;
}

const SCRIPT = `
var seen = [];
function installEdit() { ScriptApp.newTrigger("logEdit").forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function installDaily() { ScriptApp.newTrigger("daily").timeBased().atHour(9).everyDays(1).inTimezone("Asia/Tokyo").create(); }
function logEdit(e) {
  var props = PropertiesService.getScriptProperties();
  var n = Number(props.getProperty("edits") || "0") + 1;
  props.setProperty("edits", String(n));
  props.setProperty("last", JSON.stringify({ a1: e.range.getA1Notation(), value: e.value, oldValue: e.oldValue,
    hasValue: "value" in e, user: e.user.getEmail(), effective: Session.getEffectiveUser().getEmail(), auth: String(e.authMode) }));
}
function daily() { PropertiesService.getScriptProperties().setProperty("daily", Session.getEffectiveUser().getEmail()); }
function mailFromOpen() { MailApp.sendEmail("a@example.jp", "s", "b"); }
function writeBySscript() { SpreadsheetApp.getActive().getSheetByName("評価_R5").getRange("C2").setValue("script"); }
function realmCheck() {
  var v = SpreadsheetApp.getActive().getSheetByName("評価_R5").getRange("A2:B2").getValues();
  return [Array.isArray(v), v instanceof Array, v[0][1] instanceof Date, typeof v[0][0]];
}
function catchFault() {
  try { SpreadsheetApp.getActive().getSheetByName("評価_R5").getRange("A1").getValue(); return "no fault"; }
  catch (e) { return [e instanceof Error, e.message]; }
}
function outside() { SpreadsheetApp.getActive().getSheetByName("評価_R5").getRange(0, 1); }
`;

describe("LocalRuntime", () => {
	it("runs each execution in a context with Apps Script's globals and the script's own realm", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		expect(rt.run("realmCheck", [], direct)).toEqual([
			true,
			true,
			true,
			"number",
		]);
	});

	it("rethrows the script's errors with Apps Script's message (ranges are 1-based)", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		expect(() => rt.run("outside", [], direct)).toThrow(
			/coordinates|outside|at least 1/i,
		);
		expect(() => rt.run("nope", [], direct)).toThrow(
			"Script function not found: nope",
		);
	});

	it("refuses MailApp in a simple trigger (AuthMode LIMITED)", () => {
		// guides/triggers#restrictions: simple triggers cannot access services that require authorization.
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		expect(() =>
			rt.run("mailFromOpen", [], {
				activeUser: "",
				effectiveUser: DX_OFFICE,
				authMode: "LIMITED",
				kind: "simple-trigger",
			}),
		).toThrow(/permission/);
		expect(rt.state.mail.outbox).toHaveLength(0);
	});

	it("fires installable edit triggers as their creator, with value/oldValue only for one cell", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.runMenu("installEdit", DX_OFFICE);
		rt.edit(DEPT, "評価_R5", "C2", [["A"]]);
		let last = JSON.parse(rt.state.properties.script.get("last") ?? "{}");
		expect(last).toMatchObject({
			a1: "C2",
			value: "A",
			hasValue: true,
			user: DEPT,
			effective: DX_OFFICE,
			auth: "FULL",
		});
		expect(last.oldValue).toBeUndefined(); // the cell was empty (guides/triggers/events)
		rt.edit(DEPT, "評価_R5", "C2", [["B"]]);
		last = JSON.parse(rt.state.properties.script.get("last") ?? "{}");
		expect(last).toMatchObject({ value: "B", oldValue: "A" });
		rt.edit(DEPT, "評価_R5", "C2:D3", [
			["A", "x"],
			["B", "y"],
		]);
		last = JSON.parse(rt.state.properties.script.get("last") ?? "{}");
		expect(last).toMatchObject({ a1: "C2:D3", hasValue: false });
		expect(rt.state.properties.script.get("edits")).toBe("3");
	});

	it("never fires edit triggers for script writes", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.runMenu("installEdit", DX_OFFICE);
		rt.runMenu("writeBySscript", DX_OFFICE);
		expect(rt.state.properties.script.get("edits")).toBeUndefined();
	});

	it("hides the editor's address when the domain does not reveal it", () => {
		const rt = newRuntime({
			workbook: workbook(),
			code: SCRIPT,
			revealUsers: "never",
		});
		rt.runMenu("installEdit", DX_OFFICE);
		rt.edit(DEPT, "評価_R5", "C2", [["A"]]);
		expect(
			JSON.parse(rt.state.properties.script.get("last") ?? "{}").user,
		).toBe("");
	});

	// reference/base/user#getEmail(): the restrictions "generally do not apply if the developer …
	// belongs to the same Google Workspace domain as the user".
	it.each([
		["shimin@city.kameyama.lg.jp", "shimin@city.kameyama.lg.jp"],
		["staff@other-city.example", ""],
		["someone@gmail.com", ""],
	])(
		"by default names %s to the trigger only within the owner's domain",
		(editor, seen) => {
			const wb = workbook();
			wb.editors.push(editor);
			const rt = newRuntime({ workbook: wb, code: SCRIPT });
			rt.runMenu("installEdit", DX_OFFICE);
			rt.edit(editor, "評価_R5", "C2", [["A"]]);
			expect(
				JSON.parse(rt.state.properties.script.get("last") ?? "{}").user,
			).toBe(seen);
		},
	);

	it("refuses every change by an account the file is not shared with", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.runMenu("installEdit", DX_OFFICE);
		expect(() =>
			rt.edit("visitor@city.kameyama.lg.jp", "評価_R5", "C2", [["A"]]),
		).toThrow(FILE_READ_ONLY_MESSAGE);
		expect(rt.state.properties.script.get("edits")).toBeUndefined();
		rt.share("team@city.kameyama.lg.jp");
		const member = newRuntime({
			workbook: rt.workbook,
			code: SCRIPT,
			groups: { "team@city.kameyama.lg.jp": ["visitor@city.kameyama.lg.jp"] },
		});
		member.edit("visitor@city.kameyama.lg.jp", "評価_R5", "C2", [["A"]]);
		expect(rt.workbook.sheets[0]?.values[1]?.[2]).toBe("A");
	});

	it("refuses a user's edit of a protected cell as Sheets does, and fires nothing", () => {
		const wb = workbook();
		const sheet = wb.sheets[0];
		if (!sheet) throw new Error("no sheet");
		sheet.protections.push({
			id: 99,
			rect: { row: 1, col: 2, numRows: 1, numCols: 1 },
			description: "税務課",
			warningOnly: false,
			editors: [DX_OFFICE, OTHER],
			domainEdit: false,
			unprotected: [],
		});
		const rt = newRuntime({ workbook: wb, code: SCRIPT });
		rt.runMenu("installEdit", DX_OFFICE);
		expect(() => rt.edit(DEPT, "評価_R5", "C2", [["A"]])).toThrow(
			/protected cell/,
		);
		expect(rt.state.properties.script.get("edits")).toBeUndefined();
		rt.edit(OTHER, "評価_R5", "C2", [["A"]]);
		expect(rt.state.properties.script.get("edits")).toBe("1");
	});

	it("runs a daily trigger in its hour only, as the account that installed it", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.runMenu("installDaily", DX_OFFICE);
		expect(rt.runTimeTriggers(new Date("2024-05-27T08:30:00+09:00"))).toBe(0);
		expect(rt.runTimeTriggers(new Date("2024-05-27T09:10:00+09:00"))).toBe(1);
		expect(rt.state.properties.script.get("daily")).toBe(DX_OFFICE);
	});

	it("counts every service call by Class.method", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.run("realmCheck", [], direct);
		expect(rt.calls.snapshot()).toEqual({
			"SpreadsheetApp.getActive": 1,
			"Spreadsheet.getSheetByName": 1,
			"Sheet.getRange": 1,
			"Range.getValues": 1,
		});
	});

	it("injects a fault at the k-th call, thrown inside the script as its own Error", () => {
		const rt = newRuntime({ workbook: workbook(), code: SCRIPT });
		rt.calls.failAtCall(3);
		const [isError, message] = rt.run("catchFault", [], direct) as [
			boolean,
			string,
		];
		expect(isError).toBe(true);
		expect(message).toMatch(/injected fault at call 3, Sheet\.getRange/);
		expect(rt.run("catchFault", [], direct)).toBe("no fault");
	});
});

describe("the simulated clock", () => {
	it("gives the script new Date() and Date.now() from the runtime's clock, still real Dates", () => {
		const at = new Date("2024-05-31T00:30:00Z");
		const rt = newRuntime({
			workbook: workbook(),
			code: "function t() { var d = new Date(); return [d.getTime(), Date.now(), d instanceof Date, new Date(0).getTime(), typeof Date()]; }",
			now: () => at,
		});
		expect(rt.run("t", [], direct)).toEqual([
			at.getTime(),
			at.getTime(),
			true,
			0,
			"string",
		]);
	});
});
