import {
	newSheetModel,
	newWorkbookModel,
	type WorkbookModel,
} from "../../../src/local/runtime/model";
import {
	LocalSpreadsheet,
	LocalSpreadsheetApp,
} from "../../../src/local/runtime/spreadsheet";
import {
	createRuntimeState,
	type RuntimeState,
	SCOPES,
} from "../../../src/local/runtime/state";

export const OWNER = "dx-office@example.lg.jp";
export const DEPT = "kikaku@example.lg.jp";
export const OTHER = "zeimu@example.lg.jp";

export interface Fixture {
	state: RuntimeState;
	wb: WorkbookModel;
	app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
	ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
	sheet: GoogleAppsScript.Spreadsheet.Sheet;
}

/** A workbook owned by the DX office with one sheet "Sheet1", shared with two departments. */
export function fixture(
	options: { owner?: string; scopes?: string[] } = {},
): Fixture {
	const wb = newWorkbookModel({ owner: options.owner ?? OWNER, id: "abc123" });
	wb.editors.push(DEPT, OTHER);
	wb.sheets.push(newSheetModel(wb, "Sheet1"));
	const state = createRuntimeState({
		workbook: wb,
		scopes: options.scopes ?? [
			SCOPES.spreadsheetsCurrentOnly,
			SCOPES.containerUi,
		],
	});
	const app = new LocalSpreadsheetApp(
		state,
	) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
	const ss = new LocalSpreadsheet(
		state,
		wb,
	) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
	const sheet = ss.getSheetByName(
		"Sheet1",
	) as GoogleAppsScript.Spreadsheet.Sheet;
	return { state, wb, app, ss, sheet };
}

/** Runs `fn` with the script's effective (and active) user set to `user`. */
export function runAs<T>(state: RuntimeState, user: string, fn: () => T): T {
	const saved = { ...state.exec };
	state.exec.activeUser = user;
	state.exec.effectiveUser = user;
	try {
		return fn();
	} finally {
		state.exec = saved;
	}
}
