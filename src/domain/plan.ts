/**
 * The plan: basic policies → priority measures → initiatives, and the departments that rate them.
 * Plain data; built by parsePlan (master.ts) or planFromCsv (plan-import.ts).
 */
import { parseMeasureCode } from "./codes";

export interface Policy {
	/** Roman numeral: `I`, `II`, `III`. */
	code: string;
	name: string;
}

export interface Measure {
	/** `I-1` */
	code: string;
	/** `I` */
	policyCode: string;
	/** 1 */
	number: number;
	name: string;
}

export interface Department {
	/** Canonical name (no spaces): `DX推進室`. */
	name: string;
	emails: string[];
	/** 所属長メールアドレス */
	headEmails: string[];
}

export interface Initiative {
	/** 取組No as written in the master (`12`, `I-1-1`). */
	no: string;
	name: string;
	/** Department names (canonical), in the order typed; at least one. */
	departments: string[];
	/** Measure codes (`I-1`), in the order typed; more than one = 再掲. */
	measures: string[];
}

export interface Plan {
	policies: Policy[];
	measures: Measure[];
	departments: Department[];
	initiatives: Initiative[];
}

/** `I 行政サービスのDX` */
export function policyDisplay(policy: Policy): string {
	return `${policy.code} ${policy.name}`;
}

/**
 * The distinct policy codes of an initiative, in the plan's policy order. The policy of a measure
 * is read from the plan's measures; for a code the plan does not know, from the code's prefix.
 */
export function initiativePolicyCodes(
	plan: Plan,
	initiative: Initiative,
): string[] {
	return policyResolver(plan)(initiative);
}

const resolvers = new WeakMap<Plan, (initiative: Initiative) => string[]>();

/** initiativePolicyCodes for many initiatives: the measure → policy map is built once per plan. */
export function policyResolver(
	plan: Plan,
): (initiative: Initiative) => string[] {
	const cached = resolvers.get(plan);
	if (cached) return cached;
	const policyOfMeasure = new Map(
		plan.measures.map((m) => [m.code, m.policyCode]),
	);
	const rank = new Map(plan.policies.map((p, i) => [p.code, i]));
	// Initiatives read from the same 重点施策 text share one measures array: resolve it once.
	const byMeasures = new WeakMap<readonly string[], string[]>();
	const resolve = (initiative: Initiative): string[] => {
		const known = byMeasures.get(initiative.measures);
		if (known) return known;
		const codes = resolveCodes(initiative);
		byMeasures.set(initiative.measures, codes);
		return codes;
	};
	const resolveCodes = (initiative: Initiative): string[] => {
		const set = new Set<string>();
		for (const code of initiative.measures) {
			const p = policyOfMeasure.get(code) ?? parseMeasureCode(code)?.policyCode;
			if (p) set.add(p);
		}
		const codes = [...set];
		if (codes.length > 1)
			codes.sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
		return codes;
	};
	resolvers.set(plan, resolve);
	return resolve;
}

/** The distinct measure codes of an initiative (duplicates removed, order kept; read-only). */
export function initiativeMeasureCodes(initiative: Initiative): string[] {
	const m = initiative.measures;
	return m.length < 2 ? m : [...new Set(m)];
}

/** 再掲 placements beyond the first: Σ over initiatives of (distinct policies − 1). */
export function extraPolicyPlacements(plan: Plan): number {
	let n = 0;
	for (const i of plan.initiatives)
		n += Math.max(0, initiativePolicyCodes(plan, i).length - 1);
	return n;
}
