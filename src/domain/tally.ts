/**
 * Tallying a fiscal year's ratings: by basic policy (an initiative counts once per distinct
 * policy among its measures — 再掲), by measure (once per measure), by department (progress of
 * reporting), and the departments still to remind.
 */
import { initiativeKey } from "./codes";
import type { RatingInput } from "./entry";
import { fiscalYearLabel } from "./fiscal-year";
import { kpiMissingText } from "./kpi";
import { initiativeMeasureCodes, type Plan, policyResolver } from "./plan";
import { type Problem, problem } from "./problems";
import {
	codesOf,
	DEFAULT_SCALE,
	GRADE_GROUPS,
	type RatingCode,
	type RowStatus,
	rowStatus,
	type Scale,
	scaleCodes,
	scaleOf,
	shareLabel,
} from "./ratings";

/**
 * Counts per code of the scale — own properties named by the code (`A`…`D`, `◎`, `完了`; read
 * them with countOf) — plus 未評価 and 合計. A code never collides with the other fields of the
 * objects that carry counts (RESERVED_CODES are refused by the 評価区分 sheet).
 */
export interface Counts {
	[code: string]: number | string;
	/** Blank or invalid 評価. */
	unrated: number;
	total: number;
}

/** Field names of counting objects and JSON, never a scale's code. */
export const RESERVED_CODES: readonly string[] = [
	"unrated",
	"total",
	"code",
	"name",
	"policyCode",
	"counts",
	"__proto__",
];

export interface PolicyTally extends Counts {
	code: string;
	name: string;
}

interface MeasureTally extends Counts {
	code: string;
	policyCode: string;
	name: string;
}

interface DepartmentProgress {
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

interface InitiativeResult {
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
	/** The scale the year was rated on. */
	scale: Scale;
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
	/** The headline share of total (abShareOf); null when nothing is graded. */
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

export function emptyCounts(scale: Scale = DEFAULT_SCALE): Counts {
	// The codes first, then 未評価 and 合計, as the tables and the JSON list them.
	const codes: Record<string, number> = {};
	for (const code of scaleCodes(scale)) codes[code] = 0;
	return { ...codes, unrated: 0, total: 0 };
}

/** Counts, or their JSON (`summary --json`: the codes under `counts`, A–D also on their own). */
export interface CountSource {
	readonly unrated: number;
	readonly total: number;
}

/** The count of one code (0 when absent). */
export function countOf(counts: CountSource, code: RatingCode): number {
	const own = (counts as unknown as Record<string, unknown>)[code];
	if (typeof own === "number") return own;
	const nested = (counts as { counts?: Record<string, unknown> }).counts?.[
		code
	];
	return typeof nested === "number" ? nested : 0;
}

export function addCount(counts: Counts, code: RatingCode | null): void {
	if (code === null) counts.unrated++;
	else counts[code] = countOf(counts, code) + 1;
	counts.total++;
}

export function sumCounts(
	list: readonly Counts[],
	scale: Scale = DEFAULT_SCALE,
): Counts {
	const out = emptyCounts(scale);
	for (const c of list) {
		for (const code of scaleCodes(scale))
			out[code] = countOf(out, code) + countOf(c, code);
		out.unrated += c.unrated;
		out.total += c.total;
	}
	return out;
}

/**
 * The headline share: the 上位 codes (A+B) over 合計, 未評価 included in the denominator (the
 * seed's way) and 対象外 (完了, 中止: not graded) left out of it; null when that is 0.
 */
export function abShareOf(
	counts: CountSource,
	scale: Scale = DEFAULT_SCALE,
): number | null {
	const sum = (codes: RatingCode[]) =>
		codes.reduce((n, code) => n + countOf(counts, code), 0);
	const denominator = counts.total - sum(codesOf(scale, "対象外"));
	return denominator === 0 ? null : sum(codesOf(scale, "上位")) / denominator;
}

export interface TallyOptions {
	/** The scale of the year (default: the seed's A–D). */
	scale?: Scale;
	/**
	 * When 設定 KPI実績を必須にする is はい: initiativeKey → its indicators without a valid 実績値.
	 * Such an initiative is not reported, whatever its rating.
	 */
	kpiMissing?: ReadonlyMap<string, readonly string[]>;
}

/** What a department still owes for one initiative: its 状態, and the KPIs it lacks. */
function missingStatus(
	r: InitiativeResult,
	kpis: readonly string[] | undefined,
): string | null {
	if (!kpis || kpis.length === 0)
		return r.status.reported ? null : r.status.text;
	const kpi = kpiMissingText(kpis);
	return r.status.reported ? kpi : `${r.status.text}／${kpi}`;
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
	options: TallyOptions = {},
): Tally {
	const scale = options.scale ?? DEFAULT_SCALE;
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
		...emptyCounts(scale),
	}));
	const measures: MeasureTally[] = plan.measures.map((m) => ({
		code: m.code,
		policyCode: m.policyCode,
		name: m.name,
		...emptyCounts(scale),
	}));
	const policyIndex = new Map(policies.map((p, i) => [p.code, i]));
	const measureIndex = new Map(measures.map((m, i) => [m.code, i]));
	const distinct = emptyCounts(scale);
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
				scale,
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

	const total = sumCounts(policies, scale);
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
		const missing = mine.flatMap((r) => {
			const status = missingStatus(
				r,
				options.kpiMissing?.get(initiativeKey(r.no)),
			);
			return status === null ? [] : [{ no: r.no, name: r.name, status }];
		});
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
		scale,
		policies,
		measures,
		total,
		distinct,
		initiatives: plan.initiatives.length,
		gross: total.total,
		extraPlacements: total.total - distinct.total,
		abShare: abShareOf(total, scale),
		departments,
		unreported,
		results,
		problems,
	};
}

/** The default scale's codes: `summary --json` keeps them as keys of their own (SPEC 8). */
function hasDefaultCodes(scale: Scale): boolean {
	return scaleCodes(scale).join(",") === "A,B,C,D";
}

/**
 * Counts as JSON: `A`…`D` as keys of their own on a scale of those codes (the SPEC 8 shape),
 * `unrated`, `total`, and always `counts: {code: n}` in the scale's order.
 */
export function countsJson(c: Counts, scale: Scale): Record<string, unknown> {
	const counts: Record<string, number> = {};
	for (const code of scaleCodes(scale)) counts[code] = countOf(c, code);
	return {
		...(hasDefaultCodes(scale) ? counts : {}),
		unrated: c.unrated,
		total: c.total,
		counts: { ...counts },
	};
}

/** The scale as `summary --json` states it: each grade in order, and the share's label. */
function scaleJson(scale: Scale): Record<string, unknown> {
	return {
		grades: scale.grades.map((g) => ({
			code: g.code,
			label: g.label,
			option: g.option,
			group: g.group,
		})),
		shareLabel: shareLabel(scale),
	};
}

/** The scale a `summary --json` object states (scaleJson); the seed's A–D when it states none. */
export function scaleOfSummary(json: { scale?: unknown }): Scale {
	const grades = (json.scale as { grades?: unknown } | undefined)?.grades;
	if (!Array.isArray(grades) || grades.length === 0) return DEFAULT_SCALE;
	return scaleOf(
		grades.map((g: { code?: unknown; label?: unknown; group?: unknown }) => ({
			code: String(g.code ?? ""),
			label: String(g.label ?? ""),
			group: GRADE_GROUPS.find((x) => x === g.group) ?? "評価",
		})),
	);
}

/**
 * The object `summary --json` prints (SPEC 8). The first keys are the contract
 * (fiscalYear, label, policies, total, initiatives, abShare); the others are extra.
 */
export function toSummaryJson(
	fiscalYear: number,
	t: Tally,
): Record<string, unknown> {
	const counts = (c: Counts) => countsJson(c, t.scale);
	return {
		fiscalYear,
		label: fiscalYearLabel(fiscalYear),
		policies: t.policies.map((p) => ({
			code: p.code,
			name: p.name,
			...counts(p),
		})),
		total: counts(t.total),
		initiatives: t.initiatives,
		abShare: t.abShare,
		gross: t.gross,
		extraPlacements: t.extraPlacements,
		distinct: counts(t.distinct),
		measures: t.measures.map((m) => ({
			code: m.code,
			policyCode: m.policyCode,
			name: m.name,
			...counts(m),
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
		scale: scaleJson(t.scale),
	};
}

/** `令和5年度 進捗度評価集計（具体的取組ベース）` */
export function summaryTitle(fiscalYear: number): string {
	return `${fiscalYearLabel(fiscalYear)} 進捗度評価集計（具体的取組ベース）`;
}

/**
 * The policy table of the 集計 sheet (SPEC 2, 集計 1): header, a row per grade of the scale
 * (`A 順調に進んだ` …), 未評価, 合計, and the share (`A+B の割合`) as fractions (format them as
 * percentages; null where a column has nothing graded).
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
	for (const g of t.scale.grades)
		rows.push([g.option, ...cols.map((c) => countOf(c, g.code))]);
	rows.push(["未評価", ...cols.map((c) => c.unrated)]);
	rows.push(["合計", ...cols.map((c) => c.total)]);
	rows.push([shareLabel(t.scale), ...cols.map((c) => abShareOf(c, t.scale))]);
	return rows;
}

/** The measure table (集計 2): 重点施策 | 名称 | A | B | C | D (the scale's codes) | 未評価 | 計. */
export function measureTableRows(t: Tally): Array<Array<string | number>> {
	const codes = scaleCodes(t.scale);
	return [
		["重点施策", "名称", ...codes, "未評価", "計"],
		...t.measures.map((m) => [
			m.code,
			m.name,
			...codes.map((code) => countOf(m, code)),
			m.unrated,
			m.total,
		]),
	];
}

/** The note under the policy table, with the actual numbers. */
export function reNote(t: Tally): string {
	const note =
		t.extraPlacements === 0
			? `※複数の基本方針に位置付けた取組（再掲）はないため、合計数（${t.gross}）は具体的取組の総数（${t.initiatives}）と一致する。`
			: `※複数の基本方針に位置付けた取組（再掲）が含まれているため、合計数（${t.gross}）は、具体的取組の総数（${t.initiatives}）を上回る（再掲 ${t.extraPlacements}件）。`;
	const excluded = codesOf(t.scale, "対象外");
	if (excluded.length === 0) return note;
	return `${note}${shareLabel(t.scale)}は、${excluded.join("・")}（対象外）を除いた件数に対する割合。`;
}

/** 0.9673… → `96.7%` (one decimal, like the office writes it); null → `－`. */
export function formatPercent(share: number | null, digits = 1): string {
	if (share === null) return "－";
	return `${(Math.round(share * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)}%`;
}
