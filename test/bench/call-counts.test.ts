/**
 * Issue 6: the operations people wait for make a number of spreadsheet calls that does not grow
 * with the number of rows. The benchmark's scenario runs on 100 and 2,000 initiatives with the
 * same 20 departments and 2 fiscal years, and every operation must make exactly the same
 * spreadsheet calls, method by method, on both. Counts only, never times.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { OpResult } from "../../src/local/bench/measure";
import {
	type BenchSize,
	runScenario,
	type ScenarioResult,
} from "../../src/local/bench/scenario";
import { SETUP_BUDGET_MS } from "../support/budgets";
import { bundleCode, manifest } from "../support/bundle";

const DEPARTMENTS = 20;
const YEARS = 2;
const small: BenchSize = {
	initiatives: 100,
	departments: DEPARTMENTS,
	years: YEARS,
};
const large: BenchSize = { ...small, initiatives: 2_000 };

let smallRun: ScenarioResult;
let largeRun: ScenarioResult;
/** The large workbook again, with the measured paste 1,000 rows long. */
let bigPasteRun: ScenarioResult;

function op(result: ScenarioResult, name: string): OpResult {
	const found = result.ops.find((o) => o.op === name);
	if (!found) throw new Error(`no ${name} in the scenario`);
	return found;
}

/**
 * Growing a sheet's grid (Sheet.insertRowsAfter, at most once per write) depends on whether a
 * block crosses the grid's end, not on how many rows it has: compared apart.
 */
function withoutGridGrowth(calls: Record<string, number>) {
	const { "Sheet.insertRowsAfter": grow = 0, ...rest } = byLabelBounded(calls);
	return { rest, grow };
}

/**
 * Canonicalised 評価 labels are written with one RangeList per distinct label: 0–4 pairs of
 * calls depending on which labels were typed, never on the number of rows. Checked as "at most
 * 4" and then left out of the exact comparison.
 */
function byLabelBounded(calls: Record<string, number>): Record<string, number> {
	const {
		"Sheet.getRangeList": lists = 0,
		"RangeList.setValue": sets = 0,
		...rest
	} = calls;
	expect(lists).toBeLessThanOrEqual(4);
	expect(sets).toBe(lists);
	return rest;
}

beforeAll(() => {
	const bundle = { code: bundleCode(), manifest: manifest() };
	// The same measured paste (80 rows) on both sizes, so only the sheet size differs.
	smallRun = runScenario(bundle, small, { pasteRows: 80 });
	largeRun = runScenario(bundle, large, { pasteRows: 80 });
	bigPasteRun = runScenario(bundle, large, { pasteRows: 1_000 });
}, SETUP_BUDGET_MS);

describe("spreadsheet calls do not grow with rows (100 vs 2,000 initiatives with a KPI sheet of 1 indicator per 2 initiatives, same departments)", () => {
	for (const name of [
		"edit",
		"kpiEdit",
		"paste",
		"validateAll",
		"buildSummary",
		"dailyJob",
	]) {
		it(name, () => {
			const a = op(smallRun, name);
			const b = op(largeRun, name);
			expect(byLabelBounded(b.spreadsheetByMethod)).toEqual(
				byLabelBounded(a.spreadsheetByMethod),
			);
		});
	}

	it("openFiscalYear: the same calls apart from growing the new sheet's grid once", () => {
		const a = withoutGridGrowth(
			op(smallRun, "openFiscalYear").spreadsheetByMethod,
		);
		const b = withoutGridGrowth(
			op(largeRun, "openFiscalYear").spreadsheetByMethod,
		);
		expect(b.rest).toEqual(a.rest);
		expect(b.grow).toBeLessThanOrEqual(1);
	});

	it("a 1,000-row paste makes the calls of a single-cell edit", () => {
		const one = withoutGridGrowth(op(bigPasteRun, "edit").spreadsheetByMethod);
		const paste = op(bigPasteRun, "paste");
		expect(paste.detail).toMatch(/^1,000 rows/);
		const many = withoutGridGrowth(paste.spreadsheetByMethod);
		expect(many.rest).toEqual(one.rest);
		// 変更履歴 may need its grid grown once for 1,000 new log rows.
		expect(many.grow).toBeLessThanOrEqual(1);
	});

	it("dailyJob: one mail per department plus the digest, on both sizes", () => {
		for (const run of [smallRun, largeRun]) {
			const daily = op(run, "dailyJob");
			expect(daily.mails).toBe(DEPARTMENTS + 1);
			expect(daily.otherByMethod["MailApp.sendEmail"]).toBe(DEPARTMENTS + 1);
		}
		expect(op(largeRun, "dailyJob").otherByMethod).toEqual(
			op(smallRun, "dailyJob").otherByMethod,
		);
	});
});
