/**
 * The per-policy counts of an earlier year, for the year-over-year block of 集計: the same
 * counting as tally() (an initiative once per distinct policy of its measures, 未評価 for a blank
 * or invalid 評価, the first row of a repeated 取組No), reading only 取組No, 重点施策 and 評価 of
 * the year's own sheet. Several years of 50,000 rows each are counted without building the
 * per-initiative results the target year needs.
 */
import { initiativeKey, parseMeasureCode } from "./codes";
import { ENTRY_COL, ENTRY_HEADERS } from "./entry";
import { type Plan, policyResolver } from "./plan";
import {
	DEFAULT_SCALE,
	parseRating,
	type RatingCode,
	type Scale,
} from "./ratings";
import {
	abShareOf,
	addCount,
	type Counts,
	emptyCounts,
	type PolicyTally,
	sumCounts,
	type Tally,
} from "./tally";
import { cellString, splitList } from "./text";

/**
 * A Tally with the policy counts only (measures, departments and results left empty); null when
 * the sheet's header is not the product's fixed layout (then use readEntryRows + tally).
 */
export function policyTally(
	plan: Plan,
	values: readonly (readonly unknown[])[],
	scale: Scale = DEFAULT_SCALE,
): Tally | null {
	const policies: PolicyTally[] = plan.policies.map((p) => ({
		code: p.code,
		name: p.name,
		...emptyCounts(scale),
	}));
	const index = new Map(policies.map((p, i) => [p.code, i]));
	const resolve = policyResolver(plan);
	const policiesOfCell = new Map<unknown, string[]>();
	const codeOfRating = new Map<unknown, RatingCode | null>();
	const distinct: Counts = emptyCounts(scale);
	const seen = new Set<string>();
	const header = values[0] ?? [];
	// 取組No … 評価 are all it reads (the caller may pass only those columns).
	const fixedLayout = ENTRY_HEADERS.slice(0, ENTRY_COL.rating + 1).every(
		(h, c) => cellString(header[c]) === h,
	);
	if (!fixedLayout) return null;
	for (let r = 1; r < values.length; r++) {
		const row = values[r] ?? [];
		const raw = row[ENTRY_COL.no];
		const no = typeof raw === "number" ? String(raw) : cellString(raw);
		if (no === "") continue;
		const key = initiativeKey(no);
		if (seen.has(key)) continue;
		seen.add(key);
		const measuresCell = row[ENTRY_COL.measures];
		let codes = policiesOfCell.get(measuresCell);
		if (!codes) {
			const measuresText = cellString(measuresCell);
			const measures = splitList(measuresText)
				.map((m) => parseMeasureCode(m)?.code)
				.filter((c): c is string => c !== undefined);
			codes = resolve({ no, name: "", departments: [], measures });
			policiesOfCell.set(measuresCell, codes);
		}
		const rating = row[ENTRY_COL.rating];
		let code = codeOfRating.get(rating);
		if (code === undefined) {
			const parsed = parseRating(rating, scale);
			code = parsed.ok ? parsed.code : null;
			if (typeof rating === "string" || rating === undefined)
				codeOfRating.set(rating, code);
		}
		for (const pc of codes) {
			const i = index.get(pc);
			if (i !== undefined) addCount(policies[i] as Counts, code);
		}
		addCount(distinct, code);
	}
	const total = sumCounts(policies, scale);
	return {
		scale,
		policies,
		measures: [],
		total,
		distinct,
		initiatives: seen.size,
		gross: total.total,
		extraPlacements: total.total - distinct.total,
		abShare: abShareOf(total, scale),
		departments: [],
		unreported: [],
		results: [],
		problems: [],
	};
}
