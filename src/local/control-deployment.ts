/**
 * The Google deployment of SPEC 12, reproduced in the local runtime: the script is bound to a
 * control spreadsheet that only the DX office can open, connected to the shared spreadsheet the
 * departments edit. Used by the demo, the benchmark and the tests.
 */
import { runActionOrThrow } from "./run-action";
import {
	newSheetModel,
	newWorkbookModel,
	type WorkbookModel,
} from "./runtime/model";
import type { LocalRuntime } from "./runtime/runtime";

/** A new control spreadsheet owned by the DX office and shared with nobody. */
export function newControlWorkbook(owner: string): WorkbookModel {
	const wb = newWorkbookModel({
		owner,
		id: "local-control-spreadsheet",
		name: "DX進捗管理（DX推進室専用）",
	});
	wb.sheets.push(newSheetModel(wb, "シート1"));
	return wb;
}

/**
 * The DX office opens the control spreadsheet and connects the shared one (共有スプレッドシートを接続),
 * unless it already is (the connection is a script property holding the shared file's id).
 */
export function connectShared(rt: LocalRuntime, dx: string): void {
	if ([...rt.state.properties.script.values()].includes(rt.workbook.id)) return;
	const url = `https://docs.google.com/spreadsheets/d/${rt.workbook.id}/edit`;
	rt.state.uiReplies = [{ button: "OK", text: url }];
	runActionOrThrow(rt, "connectSharedSpreadsheet", dx);
}
