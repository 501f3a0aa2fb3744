/**
 * The bundled sample taken through the rating cycle by the bundle, as people would do it:
 * the DX office sets up, pastes the master and opens 令和5年度; departments paste their ratings.
 * Used by `demo` and by the tests.
 */
import { SEED_DEPARTMENT_NAMES, SHEET_NAMES } from "../domain";
import { loadSamplePlan } from "../sample";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
	sampleDepartmentRows,
} from "../sample/departments";
import { connectShared } from "./control-deployment";
import { runActionOrThrow } from "./run-action";
import type { LocalRuntime } from "./runtime/runtime";
import { enterRatings, pasteTable, setSettings } from "./workbook-ops";

export const SAMPLE_ENTRY_SHEET = "評価_R5";
/** 回答期限 as the DX office types it in Sheets (ja_JP): a date, midnight in Asia/Tokyo. */
export const SAMPLE_DEADLINE = new Date("2024-05-31T00:00:00+09:00");

/**
 * setup → master pasted → 設定 → triggers → file shared with the departments → 評価_R5 opened.
 * A runtime whose script is bound to a control spreadsheet connects the shared one first.
 */
export function openSampleYear(rt: LocalRuntime, dx = SAMPLE_DX_OFFICE): void {
	rt.open(dx);
	if (rt.state.container) connectShared(rt, dx);
	runActionOrThrow(rt, "setupWorkbook", dx);
	const sample = loadSamplePlan();
	pasteTable(rt, dx, SHEET_NAMES.initiatives, sample.initiativeRows);
	pasteTable(
		rt,
		dx,
		SHEET_NAMES.departments,
		sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
	);
	setSettings(rt, dx, {
		対象年度: "R5",
		回答期限: SAMPLE_DEADLINE,
		DX推進室メール: dx,
	});
	runActionOrThrow(rt, "installTriggers", dx);
	// The owner shares the file with the departments (Drive's 共有; README deployment step 8):
	// protections alone give no access.
	rt.share(...SEED_DEPARTMENT_NAMES.map(sampleDepartmentEmail));
	runActionOrThrow(rt, "openFiscalYear", dx);
}

/** Departments paste the sample's FY2023 ratings (all of them, or those `only` selects). */
export function enterSampleRatings(
	rt: LocalRuntime,
	only?: (department: string) => boolean,
): number {
	return enterRatings(
		rt,
		SAMPLE_ENTRY_SHEET,
		loadSamplePlan().ratings,
		sampleDepartmentEmail,
		only,
	);
}
