/**
 * SPEC 12, through the bundle: code that runs with the DX office's authority is out of the
 * departments' reach. Every editor of a spreadsheet can open and change the script bound to it
 * (guides/bound), so the script lives in a control spreadsheet shared with the DX office only and
 * works on the shared spreadsheet through SpreadsheetApp.openById; its edit trigger is made for the
 * shared spreadsheet (TriggerBuilder.forSpreadsheet).
 */
import { describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	SEED_DEPARTMENT_NAMES,
	SHEET_NAMES,
} from "../../src/domain";
import {
	connectShared,
	newControlWorkbook,
} from "../../src/local/control-deployment";
import { getCell, newWorkbookModel } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { paste, pasteTable, sheetModel } from "../../src/local/workbook-ops";
import {
	sampleDepartmentEmail,
	sampleDepartmentRows,
} from "../../src/sample/departments";
import { newRuntime } from "../support/bundle";
import { DX, openedSampleBook, rowOf } from "./helpers";

const SHEET = "評価_R5";
const DEPARTMENTS = SEED_DEPARTMENT_NAMES.map(sampleDepartmentEmail);

function result(value: unknown): { ok: boolean; message: string } {
	return value as { ok: boolean; message: string };
}

/** 初期設定 and the 担当課 pasted in a project bound to the shared spreadsheet itself. */
function boundToSharedBook(): LocalRuntime {
	const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
	rt.runMenu("setupWorkbook", DX);
	pasteTable(
		rt,
		DX,
		SHEET_NAMES.departments,
		sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
	);
	return rt;
}

describe("deployment: the code runs from the DX office's control spreadsheet", () => {
	it("no department can edit the project that owns the triggers, and their edits are still validated by it", () => {
		const rt = openedSampleBook();
		rt.workbook.editors.push(...DEPARTMENTS);
		expect(rt.state.triggers.map((t) => t.owner)).toEqual([DX, DX]);
		const codeEditors = rt.projectEditors().map((e) => e.toLowerCase());
		for (const d of DEPARTMENTS) expect(codeEditors).not.toContain(d);
		// The edit trigger is the shared spreadsheet's, not the control spreadsheet's.
		const edit = rt.state.triggers.find((t) => t.eventType === "ON_EDIT");
		expect(edit?.sourceId).toBe(rt.workbook.id);

		const row = rowOf(rt, "市民課");
		paste(
			rt,
			sampleDepartmentEmail("市民課"),
			SHEET,
			row,
			ENTRY_COL.rating + 1,
			[["ａ"]],
		);
		const sheet = sheetModel(rt, SHEET);
		expect(getCell(sheet, row - 1, ENTRY_COL.rating)).toBe("A 順調に進んだ");
		expect(getCell(sheet, row - 1, ENTRY_COL.status)).toBe("入力済");
		// The menu lives in the control spreadsheet, the data in the shared one.
		expect(rt.state.container?.sheets.map((s) => s.name)).toEqual(["シート1"]);
		expect(rt.workbook.sheets.map((s) => s.name)).toContain(SHEET);
	});

	it("a script bound to the shared spreadsheet refuses トリガーを設定 once a department shares the file", () => {
		const rt = boundToSharedBook();
		rt.workbook.editors.push(sampleDepartmentEmail("市民課"));
		const refused = result(rt.runMenu("installTriggers", DX));
		expect(refused.ok).toBe(false);
		expect(refused.message).toContain(sampleDepartmentEmail("市民課"));
		expect(refused.message).toContain("管理用スプレッドシート");
		expect(rt.state.triggers).toEqual([]);
	});

	it("a control spreadsheet shared with a department refuses トリガーを設定", () => {
		const control = newControlWorkbook(DX);
		const rt = newRuntime({
			workbook: newWorkbookModel({ owner: DX }),
			container: control,
		});
		connectShared(rt, DX);
		rt.runMenu("setupWorkbook", DX);
		rt.shareControl(sampleDepartmentEmail("税務課"));
		const refused = result(rt.runMenu("installTriggers", DX));
		expect(refused.ok).toBe(false);
		expect(refused.message).toContain(
			"管理用スプレッドシート「DX進捗管理（DX推進室専用）」",
		);
		expect(rt.state.triggers).toEqual([]);
	});

	it("connecting refuses a text that is not a URL, the control spreadsheet itself and a file the account cannot open", () => {
		const control = newControlWorkbook(DX);
		const rt = newRuntime({
			workbook: newWorkbookModel({ owner: "someone-else@city.example.jp" }),
			container: control,
		});
		const attempt = (text: string) => {
			rt.state.uiReplies = [{ button: "OK", text }];
			return result(rt.runMenu("connectSharedSpreadsheet", DX));
		};
		expect(attempt("共有スプレッドシート").message).toContain(
			"URLとして読み取れません",
		);
		expect(
			attempt(`https://docs.google.com/spreadsheets/d/${control.id}/edit`)
				.message,
		).toContain("管理用です");
		const foreign = attempt(
			`https://docs.google.com/spreadsheets/d/${rt.workbook.id}/edit#gid=0`,
		);
		expect(foreign.ok).toBe(false);
		expect(foreign.message).toContain("開けません");
		// Not connected: the menu still works on the control spreadsheet itself, never elsewhere.
		rt.workbook.editors.push(DX);
		expect(
			attempt(`https://docs.google.com/spreadsheets/d/${rt.workbook.id}/edit`)
				.ok,
		).toBe(true);
	});
});
