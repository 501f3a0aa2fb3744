/**
 * The bundled sample: the seed's structure with 85 initiatives (再掲 included) and FY2023
 * ratings that reproduce the seed's table. Used by `demo` and by tests.
 */
import { entrySheetValues } from "../domain/entry";
import type { Plan } from "../domain/plan";
import { type PlanCsvResult, planFromCsv } from "../domain/plan-import";
import { SAMPLE_PLAN_CSV } from "./plan-csv";

export { SAMPLE_PLAN_CSV };

/** The sample parsed (plan, problems, ratings). Throws if the bundled sample is broken. */
export function loadSamplePlan(): PlanCsvResult & { plan: Plan } {
	const result = planFromCsv(SAMPLE_PLAN_CSV);
	if (!result.plan) {
		const errors = result.problems
			.filter((p) => p.level === "error")
			.map((p) => p.message);
		throw new Error(`sample plan is broken: ${errors.join(" / ")}`);
	}
	return result as PlanCsvResult & { plan: Plan };
}

/** The sample's entry sheet (header + rows) with its FY2023 ratings filled in. */
export function sampleEntrySheetValues(): unknown[][] {
	const { plan, ratings } = loadSamplePlan();
	return entrySheetValues(plan, { ratings });
}
