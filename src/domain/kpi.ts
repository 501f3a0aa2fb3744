/**
 * KPIs (SPEC 11): the KPI sheet (取組No | 指標名 | 種別 | 単位 | 基準値 | 目標値 | 目標年度) and the
 * year's KPI entry sheet (`KPI_R6`), one row per indicator, where each department types the
 * 実績値 of its own indicators; 達成率 = (実績 − 基準) / (目標 − 基準) and its buckets.
 *
 * Decision (SPEC allows one 実績値 column per indicator in the entry sheet, or a KPI entry sheet):
 * a sheet of its own. An initiative has any number of indicators, each with its own unit, base and
 * target shown beside the input, and the rating sheet keeps its fixed layout (other programs and
 * the edit trigger find its columns by position).
 */
import { initiativeKey } from "./codes";
import {
	fiscalYearLabel,
	fiscalYearShort,
	parseFiscalYear,
} from "./fiscal-year";
import { KPI_HEADERS, SHEET_NAMES } from "./layout";
import type { Plan } from "./plan";
import { type Problem, problem } from "./problems";
import { STATUS_BLANK, STATUS_DONE, STATUS_FIX_PREFIX } from "./ratings";
import { cellAt, locateTable } from "./table";
import {
	cellString,
	isBlank,
	quoteInput,
	removeSpaces,
	splitList,
	toHalfWidth,
	trimAll,
} from "./text";

const KPI_KINDS = ["アウトプット", "アウトカム"] as const;
type KpiKind = (typeof KPI_KINDS)[number];

export interface Kpi {
	/** 取組No as in the KPI sheet. */
	no: string;
	indicator: string;
	kind: KpiKind;
	unit: string;
	base: number;
	target: number;
	targetYear: number | null;
}

export const KPI_ENTRY_HEADERS = [
	"取組No",
	"取組名",
	"担当課",
	"指標名",
	"種別",
	"単位",
	"基準値",
	"目標値",
	"目標年度",
	"実績値",
	"達成率",
	"状態",
	"入力者",
	"更新日時",
] as const;

/** 0-based columns of the KPI entry sheet as the product creates it. */
export const KPI_ENTRY_COL = {
	no: 0,
	name: 1,
	departments: 2,
	indicator: 3,
	kind: 4,
	unit: 5,
	base: 6,
	target: 7,
	targetYear: 8,
	actual: 9,
	rate: 10,
	status: 11,
	editor: 12,
	updatedAt: 13,
} as const;

export const KPI_ENTRY_WIDTH = KPI_ENTRY_HEADERS.length;

/** 2024 → `KPI_R6` */
export function kpiSheetName(fiscalYear: number): string {
	return `KPI_${fiscalYearShort(fiscalYear)}`;
}

/** `KPI_R6` → 2024; any other name → null. */
export function parseKpiSheetName(name: string): number | null {
	const m = /^KPI_(R\d{1,3})$/.exec(trimAll(toHalfWidth(name)));
	if (!m) return null;
	const year = parseFiscalYear(m[1]);
	return year.ok ? year.year : null;
}

export type ParsedNumber =
	| { ok: true; value: number | null }
	| { ok: false; reason: string };

const NUMBER_HINT = "数値で入力してください（例: 1,234、12.5、12.5%）";

function isPercentUnit(unit: string): boolean {
	return /^[%％]$/.test(removeSpaces(unit)) || unit.includes("パーセント");
}

/**
 * A number as people type it: full-width digits, `1,234`, `12.5`, a sign or `△`/`▲` for minus
 * (Japanese accounts write △100), the indicator's unit after it (`120件`), and `%` for an
 * indicator in %. `12.5%` is 12.5 (the unit), not 0.125. Blank → null.
 */
export function parseKpiNumber(
	input: unknown,
	unit: string,
	what = "実績値",
): ParsedNumber {
	if (isBlank(input)) return { ok: true, value: null };
	if (typeof input === "number")
		return Number.isFinite(input)
			? { ok: true, value: input }
			: { ok: false, reason: `${what}を${NUMBER_HINT}` };
	const bad = (detail = NUMBER_HINT): ParsedNumber => ({
		ok: false,
		reason: `${what}は${detail}（入力値: ${quoteInput(input)}）`,
	});
	if (typeof input !== "string") return bad();
	let s = removeSpaces(toHalfWidth(input)).replace(/[−－ー]/g, "-");
	const u = removeSpaces(toHalfWidth(unit));
	if (u !== "" && s.endsWith(u) && s.length > u.length)
		s = s.slice(0, -u.length);
	if (s.endsWith("%")) {
		if (!isPercentUnit(unit))
			return bad(
				`単位が「${unit || "なし"}」の指標です。%を付けずに数値で入力してください`,
			);
		s = s.slice(0, -1);
	}
	let sign = 1;
	if (/^[△▲]/.test(s)) {
		sign = -1;
		s = s.slice(1);
	}
	if (
		!/^[+-]?(\d{1,3}(,\d{3})+|\d+|\d*\.\d+|\d{1,3}(,\d{3})+\.\d+|\d+\.\d*)$/.test(
			s,
		)
	)
		return bad();
	const value = sign * Number(s.replace(/,/g, ""));
	return Number.isFinite(value) ? { ok: true, value } : bad();
}

/** (実績 − 基準) / (目標 − 基準), rounded off float noise; null when target equals base. */
export function achievementRate(
	base: number,
	target: number,
	actual: number,
): number | null {
	if (target === base) return null;
	return Math.round(((actual - base) / (target - base)) * 1e9) / 1e9;
}

const KPI_BUCKETS = [
	{ key: "ge100", label: "100%以上", min: 1 },
	{ key: "ge80", label: "80%以上", min: 0.8 },
	{ key: "ge50", label: "50%以上", min: 0.5 },
	{ key: "lt50", label: "50%未満", min: Number.NEGATIVE_INFINITY },
	{ key: "missing", label: "未入力", min: Number.NaN },
] as const;
export type KpiBucketKey = (typeof KPI_BUCKETS)[number]["key"];

/** The bucket of a 達成率; null (no valid 実績値) → 未入力. */
export function kpiBucket(rate: number | null): KpiBucketKey {
	if (rate === null) return "missing";
	for (const b of KPI_BUCKETS) if (rate >= b.min) return b.key;
	return "lt50";
}

function parseKind(value: unknown): KpiKind | null {
	const s = removeSpaces(toHalfWidth(cellString(value)))
		.replace(/指標$/, "")
		.toLowerCase();
	if (s === "アウトプット" || s === "output") return "アウトプット";
	if (s === "アウトカム" || s === "outcome") return "アウトカム";
	return null;
}

const K = SHEET_NAMES.kpis;

/** One KPI row → the indicator, or the reasons it cannot be used. */
function readKpi(
	get: (
		key: "no" | "indicator" | "kind" | "unit" | "base" | "target" | "year",
	) => unknown,
	known: ReadonlySet<string> | null,
): { kpi: Kpi | null; errors: string[] } {
	const errors: string[] = [];
	const no = cellString(get("no"));
	const indicator = cellString(get("indicator"));
	const unit = cellString(get("unit"));
	if (no === "") errors.push("取組Noが空欄です");
	else if (known && !known.has(initiativeKey(no)))
		errors.push(`取組No「${no}」は取組シートにありません`);
	if (indicator === "") errors.push("指標名が空欄です");
	const kind = parseKind(get("kind"));
	if (!kind)
		errors.push(
			`種別${quoteInput(get("kind"))}は「アウトプット」または「アウトカム」を入力してください`,
		);
	const base = parseKpiNumber(get("base"), unit, "基準値");
	const target = parseKpiNumber(get("target"), unit, "目標値");
	for (const [label, p] of [
		["基準値", base],
		["目標値", target],
	] as const) {
		if (!p.ok) errors.push(p.reason);
		else if (p.value === null) errors.push(`${label}が空欄です`);
	}
	const year = parseFiscalYear(get("year"));
	if (!year.ok)
		errors.push(
			`目標年度${quoteInput(get("year"))}を読み取れません（R8・令和8年度・2026 のように入力してください）`,
		);
	const b = base.ok ? base.value : null;
	const t = target.ok ? target.value : null;
	if (b !== null && t !== null && b === t)
		errors.push("目標値が基準値と同じため、達成率を計算できません");
	if (errors.length > 0 || !kind || b === null || t === null)
		return { kpi: null, errors };
	return {
		kpi: {
			no,
			indicator,
			kind,
			unit,
			base: b,
			target: t,
			targetYear: year.ok ? year.year : null,
		},
		errors,
	};
}

/**
 * Parses the KPI sheet. Every problem names its row; a row with a problem is left out (the
 * others are used). `plan` (when given) checks that each 取組No exists. The same 指標名 twice for
 * one initiative is refused.
 */
export function parseKpis(
	values: readonly (readonly unknown[])[],
	plan: Plan | null,
): { kpis: Kpi[]; problems: Problem[] } {
	const problems: Problem[] = [];
	if (values.every((r) => r.every((c) => isBlank(c))))
		return { kpis: [], problems };
	const table = locateTable(
		K,
		values,
		[
			{
				key: "no",
				header: KPI_HEADERS[0],
				aliases: ["取組No.", "取組番号", "No"],
			},
			{
				key: "indicator",
				header: KPI_HEADERS[1],
				aliases: ["指標", "KPI", "成果指標"],
			},
			{ key: "kind", header: KPI_HEADERS[2], aliases: ["指標の種別", "区分"] },
			{ key: "unit", header: KPI_HEADERS[3], required: false },
			{ key: "base", header: KPI_HEADERS[4], aliases: ["基準"] },
			{ key: "target", header: KPI_HEADERS[5], aliases: ["目標"] },
			{ key: "year", header: KPI_HEADERS[6], required: false },
		],
		problems,
	);
	if (!table) return { kpis: [], problems };
	const known = plan
		? new Set(plan.initiatives.map((i) => initiativeKey(i.no)))
		: null;
	const kpis: Kpi[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of table.rows) {
		const { kpi, errors } = readKpi((k) => cellAt(table, cells, k), known);
		for (const e of errors) problems.push(problem(K, row, e));
		if (!kpi) continue;
		const key = `${initiativeKey(kpi.no)}\u0000${kpi.indicator}`;
		const prev = seen.get(key);
		if (prev !== undefined) {
			problems.push(
				problem(
					K,
					row,
					`取組No「${kpi.no}」の指標「${kpi.indicator}」が重複しています（${prev}行目と同じ）`,
				),
			);
			continue;
		}
		seen.set(key, row);
		kpis.push(kpi);
	}
	return { kpis, problems };
}

/**
 * The KPI entry sheet of a year (header + rows): each initiative's indicators, in the order of
 * the entry sheet (`plan` as entryOrder gives it, so a department's rows are contiguous) and of
 * the KPI sheet within an initiative. 実績値 and the script's columns start blank.
 */
export function kpiEntryValues(plan: Plan, kpis: readonly Kpi[]): unknown[][] {
	const byInitiative = new Map<string, Kpi[]>();
	for (const k of kpis) {
		const key = initiativeKey(k.no);
		byInitiative.set(key, [...(byInitiative.get(key) ?? []), k]);
	}
	const rows: unknown[][] = [[...KPI_ENTRY_HEADERS]];
	for (const i of plan.initiatives) {
		for (const k of byInitiative.get(initiativeKey(i.no)) ?? []) {
			rows.push([
				i.no,
				i.name,
				i.departments.join("、"),
				k.indicator,
				k.kind,
				k.unit,
				k.base,
				k.target,
				k.targetYear === null ? "" : fiscalYearLabel(k.targetYear),
				"",
				"",
				STATUS_BLANK,
				"",
				"",
			]);
		}
	}
	return rows;
}

/** The header row must be the product's (the edit trigger writes by position). */
export function kpiHeaderProblem(
	header: readonly unknown[],
	sheetName: string,
): string | null {
	const at = KPI_ENTRY_HEADERS.findIndex((h, c) => cellString(header[c]) !== h);
	if (at < 0) return null;
	return `「${sheetName}」シートの見出し（1行目）が変更されています。${String.fromCharCode(65 + at)}列の見出しは「${KPI_ENTRY_HEADERS[at]}」である必要があります。列を削除・移動した場合は元に戻してください。`;
}

export interface KpiVerdict {
	/** 状態: 未入力 / 入力済 / 要修正：…; "" for an empty row without 取組No. */
	status: string;
	/** 達成率 (a fraction; format as %), "" when it cannot be computed. */
	rate: number | "";
	fix: boolean;
	hasInput: boolean;
}

/** Checks one KPI entry row (fixed layout) from its own 単位, 基準値, 目標値 and 実績値. */
export function validateKpiRow(row: readonly unknown[]): KpiVerdict {
	const actualCell = row[KPI_ENTRY_COL.actual];
	const hasInput = !isBlank(actualCell);
	if (cellString(row[KPI_ENTRY_COL.no]) === "")
		return {
			status: hasInput ? `${STATUS_FIX_PREFIX}取組Noのない行です` : "",
			rate: "",
			fix: hasInput,
			hasInput,
		};
	const unit = cellString(row[KPI_ENTRY_COL.unit]);
	const actual = parseKpiNumber(actualCell, unit);
	if (!actual.ok)
		return {
			status: STATUS_FIX_PREFIX + actual.reason,
			rate: "",
			fix: true,
			hasInput,
		};
	if (actual.value === null)
		return { status: STATUS_BLANK, rate: "", fix: false, hasInput };
	const base = parseKpiNumber(row[KPI_ENTRY_COL.base], unit, "基準値");
	const target = parseKpiNumber(row[KPI_ENTRY_COL.target], unit, "目標値");
	const rate =
		base.ok && target.ok && base.value !== null && target.value !== null
			? achievementRate(base.value, target.value, actual.value)
			: null;
	if (rate === null)
		return {
			status: `${STATUS_FIX_PREFIX}基準値・目標値から達成率を計算できません（DX推進室に連絡してください）`,
			rate: "",
			fix: true,
			hasInput,
		};
	return { status: STATUS_DONE, rate, fix: false, hasInput };
}

export interface KpiRow {
	/** 1-based sheet row. */
	row: number;
	no: string;
	key: string;
	departments: string[];
	indicator: string;
	kind: KpiKind | null;
	verdict: KpiVerdict;
}

/** The rows of a KPI entry sheet (fixed layout; values include the header row). */
export function readKpiRows(values: readonly (readonly unknown[])[]): KpiRow[] {
	const rows: KpiRow[] = [];
	values.forEach((cells, i) => {
		if (i === 0) return;
		const no = cellString(cells[KPI_ENTRY_COL.no]);
		if (no === "") return;
		rows.push({
			row: i + 1,
			no,
			key: initiativeKey(no),
			departments: splitList(cellString(cells[KPI_ENTRY_COL.departments])),
			indicator: cellString(cells[KPI_ENTRY_COL.indicator]),
			kind: parseKind(cells[KPI_ENTRY_COL.kind]),
			verdict: validateKpiRow(cells),
		});
	});
	return rows;
}

type KpiCounts = Record<KpiBucketKey, number> & { indicators: number };

export interface KpiTally {
	total: KpiCounts;
	byKind: Record<KpiKind, KpiCounts>;
	/** initiativeKey → the indicators without a valid 実績値 (未入力 or 要修正). */
	missing: Map<string, string[]>;
}

function emptyKpiCounts(): KpiCounts {
	return { ge100: 0, ge80: 0, ge50: 0, lt50: 0, missing: 0, indicators: 0 };
}

/** Counts the KPI rows by bucket, overall and by 種別. */
export function kpiTally(rows: readonly KpiRow[]): KpiTally {
	const total = emptyKpiCounts();
	const byKind = {
		アウトプット: emptyKpiCounts(),
		アウトカム: emptyKpiCounts(),
	};
	const missing = new Map<string, string[]>();
	for (const r of rows) {
		const rate = typeof r.verdict.rate === "number" ? r.verdict.rate : null;
		const bucket = kpiBucket(rate);
		for (const c of [total, r.kind ? byKind[r.kind] : null]) {
			if (!c) continue;
			c[bucket]++;
			c.indicators++;
		}
		if (bucket === "missing")
			missing.set(r.key, [...(missing.get(r.key) ?? []), r.indicator]);
	}
	return { total, byKind, missing };
}

/** `KPI実績値が未入力です（来庁者数、申請件数）` */
export function kpiMissingText(indicators: readonly string[]): string {
	return `KPIの実績値が未入力です（${indicators.join("、")}）`;
}

/**
 * `summary --json`'s `kpi`: the count of each bucket (`ge100` 100%以上, `ge80` 80%以上, `ge50`
 * 50%以上, `lt50` 50%未満, `missing` 未入力) and `indicators`, overall and under `byKind`
 * (`output` アウトプット, `outcome` アウトカム); null when the year has no indicators.
 */
export function kpiJson(t: KpiTally | null): Record<string, unknown> | null {
	if (!t || t.total.indicators === 0) return null;
	return {
		...t.total,
		byKind: {
			output: { ...t.byKind.アウトプット },
			outcome: { ...t.byKind.アウトカム },
		},
		labels: Object.fromEntries(KPI_BUCKETS.map((b) => [b.key, b.label])),
	};
}

/** Said under every KPI table (集計, 報告資料). */
export const KPI_NOTE =
	"※達成率 ＝（実績値 − 基準値）÷（目標値 − 基準値）。未入力は実績値が入力されていない（または数値として読めない）指標。";

/** The summary's KPI table: 達成率 | アウトプット | アウトカム | 合計, a row per bucket, then 合計. */
export function kpiTableRows(t: KpiTally): Array<Array<string | number>> {
	const cols = [t.byKind.アウトプット, t.byKind.アウトカム, t.total];
	return [
		["達成率", ...KPI_KINDS, "合計"],
		...KPI_BUCKETS.map((b) => [b.label, ...cols.map((c) => c[b.key])]),
		["合計", ...cols.map((c) => c.indicators)],
	];
}
