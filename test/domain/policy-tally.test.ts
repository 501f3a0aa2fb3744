import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	entrySheetValues,
	initiativesFromEntryRows,
	policyTally,
	readEntryRows,
	tally,
} from "../../src/domain";
import { loadSamplePlan } from "../../src/sample";
import { PROPERTY_BUDGET_MS } from "../support/budgets";

function fullTally(values: unknown[][]) {
	const { plan } = loadSamplePlan();
	const read = readEntryRows(values, "評価_R4");
	return tally(
		{ ...plan, initiatives: initiativesFromEntryRows(read.rows) },
		read.rows,
		"評価_R4",
	);
}

describe("policyTally (earlier years)", () => {
	it("counts the sample like the full tally", () => {
		const { plan, ratings } = loadSamplePlan();
		const values = entrySheetValues(plan, { ratings });
		const quick = policyTally(plan, values);
		const full = fullTally(values);
		expect(quick?.policies).toEqual(full.policies);
		expect(quick?.total).toMatchObject({ A: 65, B: 24, C: 3, D: 0, total: 92 });
		expect(quick?.distinct).toEqual(full.distinct);
		expect(quick?.initiatives).toBe(85);
	});

	it("agrees with the full tally on odd sheets: blanks, repeats, bad ratings and codes", {
		timeout: PROPERTY_BUDGET_MS,
	}, () => {
		const { plan, ratings } = loadSamplePlan();
		const base = entrySheetValues(plan, { ratings });
		const cells = fc.constantFrom<unknown>(
			"A",
			"ｂ",
			" c ",
			"D 進まなかった",
			"E",
			"",
			3,
			true,
			"順調に進んだ",
			"=A1",
		);
		const measures = fc.constantFrom(
			"I-1",
			"I-1、II-2",
			"Ⅲ－①",
			"IV-9",
			"",
			"II-3,III-2",
			"I-2、I-2",
		);
		const numbers = fc.constantFrom<unknown>(
			"1",
			"001",
			1,
			"",
			"85",
			"X-1",
			"２",
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(numbers, measures, cells), { maxLength: 40 }),
				(extra) => {
					const values = base.map((r) => [...r]);
					for (const [no, m, rating] of extra) {
						const row = new Array<unknown>(11).fill("");
						row[ENTRY_COL.no] = no;
						row[ENTRY_COL.measures] = m;
						row[ENTRY_COL.rating] = rating;
						values.splice(1 + (values.length % 7), 0, row);
					}
					const quick = policyTally(plan, values);
					const full = fullTally(values);
					expect(quick?.policies).toEqual(full.policies);
					expect(quick?.distinct).toEqual(full.distinct);
					expect(quick?.initiatives).toBe(full.initiatives);
				},
			),
			{ numRuns: 200 },
		);
	});

	it("declines a sheet whose header is not the product's", () => {
		const { plan } = loadSamplePlan();
		expect(policyTally(plan, [["No", "名前"]])).toBeNull();
	});
});
