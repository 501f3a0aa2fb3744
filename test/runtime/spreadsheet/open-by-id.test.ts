/**
 * A project bound to one spreadsheet working on another (SPEC 12's control spreadsheet):
 * reference/spreadsheet/spreadsheet-app#getActive() is the container, #openById(String) opens
 * another file the account may open and needs the full spreadsheets scope (concepts/scopes:
 * spreadsheets.currentonly covers only the file the script is bound to); an installable edit
 * trigger fires for the spreadsheet it was made for (reference/script/trigger-builder#forSpreadsheet).
 */
import { describe, expect, it } from "vitest";
import {
	newSheetModel,
	newWorkbookModel,
} from "../../../src/local/runtime/model";
import { LocalSpreadsheetApp } from "../../../src/local/runtime/spreadsheet";
import { createRuntimeState, SCOPES } from "../../../src/local/runtime/state";
import { newRuntime } from "../../support/bundle";
import { OWNER } from "./helpers";

function twoFiles(scopes: string[]) {
	const shared = newWorkbookModel({ owner: OWNER, id: "shared-id-0001" });
	shared.sheets.push(newSheetModel(shared, "評価"));
	const control = newWorkbookModel({ owner: OWNER, id: "control-id-0001" });
	control.sheets.push(newSheetModel(control, "シート1"));
	const state = createRuntimeState({
		workbook: shared,
		container: control,
		scopes,
	});
	const app = new LocalSpreadsheetApp(state);
	return { shared, control, state, app };
}

describe("SpreadsheetApp.openById from a project bound to another spreadsheet", () => {
	it("getActive is the container; openById reaches the shared file with its own owner and sheets", () => {
		const { app, control, shared } = twoFiles([SCOPES.spreadsheets]);
		expect(app.getActive().getId()).toBe(control.id);
		const opened = app.openById(shared.id);
		expect(opened.getId()).toBe(shared.id);
		expect(opened.getSheetByName("評価")).not.toBeNull();
		expect(app.getActive().getSheetByName("評価")).toBeNull();
		expect(opened.getSheetByName("評価")?.getParent().getId()).toBe(shared.id);
	});

	it("needs the full spreadsheets scope: currentonly is refused", () => {
		const { app, shared } = twoFiles([SCOPES.spreadsheetsCurrentOnly]);
		expect(app.getActive().getId()).toBe("control-id-0001");
		expect(() => app.openById(shared.id)).toThrow(
			/You do not have permission to call SpreadsheetApp\.openById\. Required permissions: https:\/\/www\.googleapis\.com\/auth\/spreadsheets$/,
		);
	});

	it("a file the effective user may not open, or an unknown id, throws", () => {
		const { app, shared, state } = twoFiles([SCOPES.spreadsheets]);
		state.exec = { ...state.exec, effectiveUser: "dept@example.lg.jp" };
		expect(() => app.openById(shared.id)).toThrow(
			/permission to access the requested document/,
		);
		shared.editors.push("dept@example.lg.jp");
		expect(app.openById(shared.id).getId()).toBe(shared.id);
		expect(() => app.openById("no-such-file")).toThrow(/permission to access/);
	});

	it("a protection on the shared file follows that file's owner, not the container's", () => {
		const { app, shared, state } = twoFiles([SCOPES.spreadsheets]);
		shared.owner = "shared-owner@example.lg.jp";
		state.exec = { ...state.exec, effectiveUser: OWNER };
		shared.editors.push(OWNER);
		const sheet = app.openById(shared.id).getSheetByName("評価");
		const p = sheet?.protect();
		p?.removeEditors(p.getEditors());
		expect(p?.getEditors().map((u) => u.getEmail())).toEqual([
			"shared-owner@example.lg.jp",
			OWNER,
		]);
	});
});

describe("edit triggers belong to one spreadsheet", () => {
	it("a user edit fires only the triggers made for the edited file, with e.source that file", () => {
		const shared = newWorkbookModel({ owner: OWNER, id: "shared-id-0001" });
		shared.sheets.push(newSheetModel(shared, "評価"));
		shared.editors.push("dept@example.lg.jp");
		const rt = newRuntime({
			workbook: shared,
			code: "function f(e){ e.range.offset(0,1).setValue(e.source.getId()); }",
		});
		rt.state.triggers.push(
			{
				uid: "1",
				handlerFunction: "f",
				eventType: "ON_EDIT",
				owner: OWNER,
				sourceId: "shared-id-0001",
			},
			{
				uid: "2",
				handlerFunction: "missing",
				eventType: "ON_EDIT",
				owner: OWNER,
				sourceId: "other-file",
			},
		);
		rt.edit("dept@example.lg.jp", "評価", "A1", [["x"]]);
		expect(shared.sheets[0]?.values[0]).toEqual(["x", "shared-id-0001"]);
	});
});
