/**
 * The offline cycle's files for tests (SPEC 9): a book with the sample plan's 令和5年度 opened and
 * nothing rated yet, the command line in a child process, and a department typing into its 照会
 * file (the runtime's own xlsx reader and writer standing in for Excel: the hidden state survives,
 * as it does in Excel).
 */
import { spawnSync } from "node:child_process";
import { cellString, ENTRY_COL, SHEET_NAMES } from "../../src/domain";
import {
	type CellValue,
	newWorkbookModel,
	type SheetModel,
	setCell,
	type WorkbookModel,
} from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import { openSampleYear } from "../../src/local/sample-book";
import { setSettings } from "../../src/local/workbook-ops";
import { SAMPLE_DX_OFFICE } from "../../src/sample/departments";
import { CLI_PATH, newRuntime } from "./bundle";

export const ENTRY = "評価_R5";
export const ANSWER_METHOD = "添付ファイルに入力して返信してください";

export function cli(cwd: string, ...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd,
		encoding: "utf8",
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The sample book at `path`: 令和5年度 opened, no ratings, 回答方法 set; `withoutAddress` names a
 * department whose 担当課 row has no mail address.
 */
export async function saveSampleBook(
	path: string,
	withoutAddress?: string,
): Promise<void> {
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: SAMPLE_DX_OFFICE }),
	});
	openSampleYear(rt, SAMPLE_DX_OFFICE);
	setSettings(rt, SAMPLE_DX_OFFICE, { 回答方法: ANSWER_METHOD });
	if (withoutAddress) {
		const sheet = sheetOf(rt.workbook, SHEET_NAMES.departments);
		const r = sheet.values.findIndex((row) => row[0] === withoutAddress);
		setCell(sheet, r, 1, "");
	}
	await saveWorkbook(rt.workbook, path);
}

export function sheetOf(wb: WorkbookModel, name: string): SheetModel {
	const sheet = wb.sheets.find((s) => s.name === name);
	if (!sheet) throw new Error(`no sheet ${name}`);
	return sheet;
}

/** The entry row (values) of 取組No `no`, and its 1-based sheet row. */
export function entryRow(
	wb: WorkbookModel,
	no: string,
	sheet = ENTRY,
): { row: number; values: CellValue[] } {
	const s = sheetOf(wb, sheet);
	const r = s.values.findIndex((v) => cellString(v[ENTRY_COL.no]) === no);
	if (r < 0) throw new Error(`no 取組No ${no} in ${sheet}`);
	return { row: r + 1, values: s.values[r] ?? [] };
}

export interface Typed {
	/** 取組No of the row, and the 0-based column typed into. */
	no: string;
	col: number;
	value: CellValue;
}

/** A department types into its file (found by 取組No) and saves it, as `out` or in place. */
export async function typeInto(
	file: string,
	edits: readonly Typed[],
	out = file,
): Promise<void> {
	const wb = await loadWorkbook(file);
	const sheet = sheetOf(wb, ENTRY);
	for (const e of edits)
		setCell(sheet, entryRow(wb, e.no).row - 1, e.col, e.value);
	await saveWorkbook(wb, out);
}
