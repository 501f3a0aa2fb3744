/**
 * Tallying a fiscal year's ratings: by basic policy (an initiative counts once per distinct
 * policy among its measures — 再掲), by measure (once per measure), by department (progress of
 * reporting), and the departments still to remind.
 */
import { initiativeKey } from "./codes";
import type { RatingInput } from "./entry";
import { fiscalYearLabel } from "./fiscal-year";
import { initiativeMeasureCodes, type Plan, policyResolver } from "./plan";
import { type Problem, problem } from "./problems";
import { RATINGS, type RatingCode, type RowStatus, rowStatus } from "./ratings";

export interface Counts {
	A: number;
	B: number;
	C: number;
	D: number;
	/** Blank or invalid 評価. */
	unrated: number;
	total: number;
}

export interface PolicyTally extends Counts {
	code: string;
	name: string;
}

export interface MeasureTally extends Counts {
	code: string;
	policyCode: string;
	name: string;
}

export interface DepartmentProgress {
	name: string;
	/** 対象: initiatives the department rates. */
	target: number;
	/** 入力済 */
	done: number;
	/** 未入力 */
	blank: number;
	/** 要修正 */
	fix: number;
	/** 進捗率 = 入力済 / 対象 (0–1). */
	progress: number;
	/** 最終更新: the latest 更新日時 of its rows, null when none. */
	lastUpdated: Date | null;
}

export interface MissingInitiative {
	no: string;
	name: string;
	/** 状態 text: `未入力` or `要修正：…`. */
	status: string;
}

export interface UnreportedDepartment {
	name: string;
	emails: string[];
	headEmails: string[];
	target: number;
	missing: MissingInitiative[];
}

export interface InitiativeResult {
	no: string;
	name: string;
	code: RatingCode | null;
	status: RowStatus;
	policies: string[];
	measures: string[];
	departments: string[];
	updatedAt: Date | null;
}

export interface Tally {
	policies: PolicyTally[];
	measures: MeasureTally[];
	/** Sum over policies (gross: 再掲 counted in each of its policies). */
	total: Counts;
	/** Each initiative once. */
	distinct: Counts;
	/** Number of initiatives (distinct). */
	initiatives: number;
	/** total.total */
	gross: number;
	/** gross − distinct: the 再掲 placements beyond each initiative's first policy. */
	extraPlacements: number;
	/** (A + B) / total.total, 未評価 included in the denominator (the seed's way); null if 0. */
	abShare: number | null;
	departments: DepartmentProgress[];
	unreported: UnreportedDepartment[];
	/** Per initiative, plan order. */
	results: InitiativeResult[];
	/** Rows of the sheet that the plan does not know, initiatives missing from the sheet, …. */
	problems: Problem[];
}

/** What the tally needs of an entry row (EntryRow satisfies it). */
export interface TallyEntry extends RatingInput {
	no: string;
	updatedAt?: Date | null;
	row?: number;
	/** The row's status when already computed (readEntryRows does): not computed again. */
	status?: RowStatus;
}

export function emptyCounts(): Counts {
	return { A: 0, B: 0, C: 0, D: 0, unrated: 0, total: 0 };
}

export function addCount(counts: Counts, code: RatingCode | null): void {
	if (code === null) counts.unrated++;
	else counts[code]++;
	counts.total++;
}

export function sumCounts(list: readonly Counts[]): Counts {
	const out = emptyCounts();
	for (const c of list) {
		out.A += c.A;
		out.B += c.B;
		out.C += c.C;
		out.D += c.D;
		out.unrated += c.unrated;
		out.total += c.total;
	}
	return out;
}

/** (A+B)/total, null when total is 0. */
export function abShareOf(counts: Counts): number | null {
	return counts.total === 0 ? null : (counts.A + counts.B) / counts.total;
}

/**
 * Tallies the entry rows of a year against the plan. Initiatives of the plan without a row count
 * as 未評価 (and unreported); rows whose 取組No the plan does not know are left out (reported in
 * `problems`). A C/D without its reason counts as C/D while its departments stay unreported.
 */
export function tally(
	plan: Plan,
	entries: readonly TallyEntry[],
	sheet = "評価",
): Tally {
	const problems: Problem[] = [];
	const byKey = new Map<string, TallyEntry>();
	const entryKeys = entries.map((e) => initiativeKey(e.no));
	entries.forEach((e, i) => {
		const key = entryKeys[i] as string;
		if (!byKey.has(key)) byKey.set(key, e);
	});
	const planKeys = new Set(plan.initiatives.map((i) => initiativeKey(i.no)));
	for (const [i, e] of entries.entries()) {
		if (!planKeys.has(entryKeys[i] as string)) {
			problems.push(
				problem(
					sheet,
					e.row ?? null,
					`取組No「${e.no}」は取組シートにありません（集計に含めません）`,
					"warning",
				),
			);
		}
	}

	const policies: PolicyTally[] = plan.policies.map((p) => ({
		code: p.code,
		name: p.name,
		...emptyCounts(),
	}));
	const measures: MeasureTally[] = plan.measures.map((m) => ({
		code: m.code,
		policyCode: m.policyCode,
		name: m.name,
		...emptyCounts(),
	}));
	const policyIndex = new Map(policies.map((p, i) => [p.code, i]));
	const measureIndex = new Map(measures.map((m, i) => [m.code, i]));
	const distinct = emptyCounts();
	const results: InitiativeResult[] = [];
	const policiesOf = policyResolver(plan);

	for (const initiative of plan.initiatives) {
		const entry = byKey.get(initiativeKey(initiative.no));
		if (!entry) {
			problems.push(
				problem(
					sheet,
					null,
					`取組No「${initiative.no}」の行が評価シートにありません（未評価として数えます）`,
					"warning",
				),
			);
		}
		const status =
			entry?.status ??
			rowStatus(
				entry?.rating ?? "",
				entry?.achievement ?? "",
				entry?.reason ?? "",
			);
		const code = status.rating.ok ? status.rating.code : null;
		const policyCodes = policiesOf(initiative);
		const measureCodes = initiativeMeasureCodes(initiative);
		for (const pc of policyCodes) {
			const idx = policyIndex.get(pc);
			if (idx !== undefined) addCount(policies[idx] as Counts, code);
		}
		for (const mc of measureCodes) {
			const idx = measureIndex.get(mc);
			if (idx !== undefined) addCount(measures[idx] as Counts, code);
		}
		addCount(distinct, code);
		results.push({
			no: initiative.no,
			name: initiative.name,
			code,
			status,
			policies: policyCodes,
			measures: measureCodes,
			departments: initiative.departments,
			updatedAt: entry?.updatedAt ?? null,
		});
	}

	const total = sumCounts(policies);
	const departments: DepartmentProgress[] = [];
	const unreported: UnreportedDepartment[] = [];
	// One pass over the results, not one per department (50,000 initiatives × 500 departments).
	const byDepartment = new Map<string, InitiativeResult[]>();
	for (const r of results) {
		for (const name of new Set(r.departments)) {
			const list = byDepartment.get(name);
			if (list) list.push(r);
			else byDepartment.set(name, [r]);
		}
	}
	for (const dept of plan.departments) {
		const mine = byDepartment.get(dept.name) ?? [];
		if (mine.length === 0) continue;
		let lastUpdated: Date | null = null;
		for (const r of mine) {
			if (
				r.updatedAt &&
				(!lastUpdated || r.updatedAt.getTime() > lastUpdated.getTime())
			) {
				lastUpdated = r.updatedAt;
			}
		}
		const done = mine.filter((r) => r.status.kind === "done").length;
		departments.push({
			name: dept.name,
			target: mine.length,
			done,
			blank: mine.filter((r) => r.status.kind === "blank").length,
			fix: mine.filter((r) => r.status.kind === "fix").length,
			progress: done / mine.length,
			lastUpdated,
		});
		const missing = mine
			.filter((r) => !r.status.reported)
			.map((r) => ({ no: r.no, name: r.name, status: r.status.text }));
		if (missing.length > 0) {
			unreported.push({
				name: dept.name,
				emails: [...dept.emails],
				headEmails: [...dept.headEmails],
				target: mine.length,
				missing,
			});
		}
	}

	return {
		policies,
		measures,
		total,
		distinct,
		initiatives: plan.initiatives.length,
		gross: total.total,
		extraPlacements: total.total - distinct.total,
		abShare: abShareOf(total),
		departments,
		unreported,
		results,
		problems,
	};
}

function countsJson(c: Counts): Counts {
	return { A: c.A, B: c.B, C: c.C, D: c.D, unrated: c.unrated, total: c.total };
}

/**
 * The object `summary --json` prints (SPEC 8). The first keys are the contract
 * (fiscalYear, label, policies, total, initiatives, abShare); the others are extra.
 */
export function toSummaryJson(
	fiscalYear: number,
	t: Tally,
): Record<string, unknown> {
	return {
		fiscalYear,
		label: fiscalYearLabel(fiscalYear),
		policies: t.policies.map((p) => ({
			code: p.code,
			name: p.name,
			...countsJson(p),
		})),
		total: countsJson(t.total),
		initiatives: t.initiatives,
		abShare: t.abShare,
		gross: t.gross,
		extraPlacements: t.extraPlacements,
		distinct: countsJson(t.distinct),
		measures: t.measures.map((m) => ({
			code: m.code,
			policyCode: m.policyCode,
			name: m.name,
			...countsJson(m),
		})),
		departments: t.departments.map((d) => ({
			name: d.name,
			target: d.target,
			done: d.done,
			blank: d.blank,
			fix: d.fix,
			progress: d.progress,
			lastUpdated: d.lastUpdated ? d.lastUpdated.toISOString() : null,
		})),
		unreported: t.unreported.map((u) => ({
			name: u.name,
			missing: u.missing.map((m) => ({
				no: m.no,
				name: m.name,
				status: m.status,
			})),
		})),
	};
}

/** `令和5年度 進捗度評価集計（具体的取組ベース）` */
export function summaryTitle(fiscalYear: number): string {
	return `${fiscalYearLabel(fiscalYear)} 進捗度評価集計（具体的取組ベース）`;
}

/**
 * The policy table of the 集計 sheet (SPEC 2, 集計 1): header, A–D rows, 未評価, 合計, and
 * `A+B の割合` as fractions (format them as percentages; null where a column has no rows).
 */
export function policyTableRows(
	t: Tally,
): Array<Array<string | number | null>> {
	const header: Array<string | number | null> = [
		"評価区分",
		...t.policies.map((p) => p.name),
		"合計",
	];
	const cols: Counts[] = [...t.policies, t.total];
	const rows: Array<Array<string | number | null>> = [header];
	for (const r of RATINGS) rows.push([r.option, ...cols.map((c) => c[r.code])]);
	rows.push(["未評価", ...cols.map((c) => c.unrated)]);
	rows.push(["合計", ...cols.map((c) => c.total)]);
	rows.push(["A+B の割合", ...cols.map((c) => abShareOf(c))]);
	return rows;
}

/** The measure table (集計 2): 重点施策 | 名称 | A | B | C | D | 未評価 | 計. */
export function measureTableRows(t: Tally): Array<Array<string | number>> {
	return [
		["重点施策", "名称", "A", "B", "C", "D", "未評価", "計"],
		...t.measures.map((m) => [
			m.code,
			m.name,
			m.A,
			m.B,
			m.C,
			m.D,
			m.unrated,
			m.total,
		]),
	];
}

/** The note under the policy table, with the actual numbers. */
export function reNote(t: Tally): string {
	if (t.extraPlacements === 0) {
		return `※複数の基本方針に位置付けた取組（再掲）はないため、合計数（${t.gross}）は具体的取組の総数（${t.initiatives}）と一致する。`;
	}
	return `※複数の基本方針に位置付けた取組（再掲）が含まれているため、合計数（${t.gross}）は、具体的取組の総数（${t.initiatives}）を上回る（再掲 ${t.extraPlacements}件）。`;
}

/** 0.9673… → `96.7%` (one decimal, like the office writes it); null → `－`. */
export function formatPercent(share: number | null, digits = 1): string {
	if (share === null) return "－";
	return `${(Math.round(share * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
}
