/** A workbook taken through the rating cycle by the bundle, as the DX office and departments would. */
import { SEED_DEPARTMENT_NAMES, SHEET_NAMES } from "../../src/domain";
import { newWorkbookModel } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import {
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentRows,
} from "../../src/sample/departments";
import { newRuntime } from "../support/bundle";

export const DX = SAMPLE_DX_OFFICE;

/** setup → master pasted → 設定 → triggers → 評価_R5 opened (no ratings yet). */
export function openedSampleBook(
	options: { now?: () => Date } = {},
): LocalRuntime {
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: DX }),
		...(options.now ? { now: options.now } : {}),
	});
	rt.open(DX);
	expectOk(rt.runMenu("setupWorkbook", DX));
	const sample = loadSamplePlan();
	pasteTable(rt, DX, SHEET_NAMES.initiatives, sample.initiativeRows);
	pasteTable(
		rt,
		DX,
		SHEET_NAMES.departments,
		sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
	);
	setSettings(rt, DX, {
		対象年度: "R5",
		回答期限: "2024-05-31",
		DX推進室メール: DX,
	});
	expectOk(rt.runMenu("installTriggers", DX));
	expectOk(rt.runMenu("openFiscalYear", DX));
	return rt;
}

export function expectOk(result: unknown): Record<string, unknown> {
	const r = result as { ok?: boolean; message?: string };
	if (!r || r.ok !== true)
		throw new Error(`action failed: ${r?.message ?? JSON.stringify(result)}`);
	return r as Record<string, unknown>;
}

/** The values of a sheet as rows (trailing empty cells kept as ''). */
export function rowsOf(rt: LocalRuntime, name: string): unknown[][] {
	return sheetModel(rt, name).values.map((r) => [...r]);
}
