/**
 * The built dist/Code.js as Apps Script receives it: one plain script whose entry points are
 * top-level function declarations, loadable in a context that has only Apps Script's globals.
 */
import { execFileSync } from "node:child_process";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { MENU_ITEMS, MENU_TITLE } from "../../src/gas/menu";
import {
	bundleCode,
	CODE_PATH,
	DX_OFFICE,
	newRuntime,
} from "../support/bundle";

/** SPEC 3: every function a menu item or trigger names, and the command line's own (SPEC 9). */
const ENTRY_POINTS = [
	"onOpen",
	"handleEdit",
	"dailyJob",
	"setupWorkbook",
	"openFiscalYear",
	"validateAll",
	"buildSummary",
	// SPEC 10: 報告資料を作成.
	"buildReport",
	"previewReminders",
	"sendRemindersNow",
	"installTriggers",
	"closeFiscalYear",
	// SPEC 12: the control spreadsheet's one-time connection to the shared spreadsheet.
	"connectSharedSpreadsheet",
	// SPEC 9: the command line's collect hands the checked 回答 files to the bundle.
	"importAnswers",
	// SPEC 9, offline only: the command line's trace of edits made directly in the .xlsx.
	"recordFileEdits",
];

describe("dist/Code.js", () => {
	const code = bundleCode();

	it("is a script node --check accepts", () => {
		expect(() =>
			execFileSync(process.execPath, ["--check", CODE_PATH]),
		).not.toThrow();
	});

	it("has no module syntax, Node APIs or timers", () => {
		expect(code).not.toMatch(/^\s*(import|export)\s/m);
		expect(code).not.toMatch(/\brequire\s*\(/);
		expect(code).not.toMatch(/\bprocess\.(env|argv|exit)/);
		expect(code).not.toMatch(/\b(setTimeout|setInterval|setImmediate)\s*\(/);
	});

	it("keeps Japanese readable (UTF-8 output, not \\u escapes)", () => {
		expect(code).toContain(MENU_TITLE);
		for (const item of MENU_ITEMS)
			if (item) expect(code).toContain(`"${item.caption}"`);
		// With esbuild's default ASCII charset the title would read "DX\\u9032\\u6357\\u7BA1\\u7406".
		expect(code).not.toMatch(/\\u9032\\u6357/i);
	});

	it("has no class field or private member syntax (lowered for Apps Script's V8)", () => {
		expect(code).not.toMatch(/^\s*static\s+[\w$]+\s*(=|;)/m);
		expect(code).not.toMatch(/(^|[\s.(])#[A-Za-z_$][\w$]*/m);
	});

	it.each(ENTRY_POINTS)("declares %s as a top-level function", (name) => {
		expect(code).toMatch(new RegExp(`^function ${name}\\(`, "m"));
	});

	it("declares exactly the entry points the entry file exports", () => {
		const declared = [...code.matchAll(/^function ([\w$]+)\(/gm)]
			.map((m) => m[1])
			.sort();
		expect(declared).toEqual([...ENTRY_POINTS].sort());
	});

	it("loads in an empty context (no globals touched at load time)", () => {
		const context = vm.createContext({});
		vm.runInContext(code, context);
		for (const name of ENTRY_POINTS)
			expect(typeof context[name]).toBe("function");
	});

	it("fails loudly when it reaches for Node (no require/process in the runtime's context)", () => {
		const rt = newRuntime({
			code: `${code}\nfunction probe() { return [typeof require, typeof process, typeof setTimeout, typeof SpreadsheetApp]; }`,
		});
		expect(
			rt.run("probe", [], {
				activeUser: DX_OFFICE,
				effectiveUser: DX_OFFICE,
				authMode: "FULL",
				kind: "direct",
			}),
		).toEqual(["undefined", "undefined", "undefined", "object"]);
	});
});

describe("onOpen through the local runtime", () => {
	it("builds the DX進捗管理 menu with every SPEC 3 item, as a simple trigger", () => {
		const rt = newRuntime();
		rt.open(DX_OFFICE);
		const menus = rt.state.ui.filter((e) => e.kind === "menu");
		expect(menus).toHaveLength(1);
		expect(menus[0]?.title).toBe(MENU_TITLE);
		expect(menus[0]?.items).toEqual(MENU_ITEMS);
		expect(rt.state.exec.authMode).toBe("LIMITED");
	});

	it("every menu item names a function the bundle declares", () => {
		const code = bundleCode();
		for (const item of MENU_ITEMS) {
			if (item)
				expect(code).toMatch(
					new RegExp(`^function ${item.functionName}\\(`, "m"),
				);
		}
	});
});
