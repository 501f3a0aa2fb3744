/** A workbook taken through the rating cycle by the bundle, as the DX office and departments would. */

import { ENTRY_COL } from "../../src/domain";
import { newControlWorkbook } from "../../src/local/control-deployment";
import { newWorkbookModel } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { openSampleYear } from "../../src/local/sample-book";
import { sheetModel } from "../../src/local/workbook-ops";
import { SAMPLE_DX_OFFICE } from "../../src/sample/departments";
import { newRuntime } from "../support/bundle";

export const DX = SAMPLE_DX_OFFICE;

/**
 * setup → master pasted → 設定 → triggers → 評価_R5 opened (no ratings yet), deployed as in
 * Google: the script bound to the DX office's control spreadsheet (SPEC 12).
 */
export function openedSampleBook(
	options: { now?: () => Date } = {},
): LocalRuntime {
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: DX }),
		container: newControlWorkbook(DX),
		...(options.now ? { now: options.now } : {}),
	});
	openSampleYear(rt, DX);
	return rt;
}

export function expectOk(result: unknown): Record<string, unknown> {
	const r = result as { ok?: boolean; message?: string } | undefined;
	if (r?.ok !== true)
		throw new Error(`action failed: ${r?.message ?? JSON.stringify(result)}`);
	return r as Record<string, unknown>;
}

/** The values of a sheet as rows. */
export function rowsOf(rt: LocalRuntime, name: string): unknown[][] {
	return sheetModel(rt, name).values.map((r) => [...r]);
}

/** The 1-based row of the first initiative of `department` in an entry sheet (0 when none). */
export function rowOf(
	rt: LocalRuntime,
	department: string,
	sheet = "評価_R5",
): number {
	return (
		sheetModel(rt, sheet).values.findIndex(
			(r) => r[ENTRY_COL.departments] === department,
		) + 1
	);
}
