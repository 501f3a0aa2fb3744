/**
 * The 報告資料 (SPEC 10) as plain data, structured like the seed's 第1: 1 計画の概要, 2 取組実績の
 * 要点 (per basic policy, one row per measure), 3 進捗度評価. Built once from the master, the 計画
 * sheet and the tally; the HTML dialog in Google, the HTML file and the Word file offline all
 * render this same object, so they cannot disagree. Every string is printable text (control
 * characters removed): the renderers only escape it.
 */
import { initiativeKey } from "./codes";
import { fiscalYearLabel } from "./fiscal-year";
import { KPI_NOTE, type KpiTally, kpiTableRows } from "./kpi";
import { initiativeMeasureCodes, type Plan, type Policy } from "./plan";
import type { PlanInfo } from "./plan-info";
import { codesOf, scaleCodes } from "./ratings";
import { type YearTally, yearComparison } from "./summary-layout";
import { gradeFillKey } from "./svg";
import {
	abShareOf,
	type Counts,
	countOf,
	formatPercent,
	reNote,
	type Tally,
} from "./tally";

interface ReportTableRow {
	cells: Array<string | number>;
	/** A 合計 row (bold). */
	total?: boolean;
}

export interface ReportTable {
	header: string[];
	rows: ReportTableRow[];
}

export interface ReportChart {
	/** Unique in the document, `[A-Za-z0-9_-]`. */
	id: string;
	/** `I 行政サービスのDX` */
	title: string;
	/** `21件、A+B 95.2%` */
	caption: string;
	/** A–D in order, then 未評価 when there is any: `{key, label, value}` as the chart takes it. */
	segments: Array<{ key: string; label: string; value: number }>;
}

interface AchievementItem {
	no: string;
	name: string;
	/** Each starts with ■; line breaks inside are kept (`\n`). */
	paragraphs: string[];
	/** Placed under another measure first (shown with （再掲）). */
	repeat: boolean;
	/** No 主な取組実績 was entered: the paragraph says so. */
	missing: boolean;
}

interface MeasureHighlight {
	code: string;
	/** `①行政手続のオンライン化の推進` */
	label: string;
	/** The union of its initiatives' 担当課, in first-seen order. */
	departments: string[];
	items: AchievementItem[];
}

interface PolicyHighlight {
	code: string;
	/** `I 行政サービスのDX` (the table's 基本方針 cell) */
	label: string;
	/** `（1）行政サービスのDX` */
	heading: string;
	measures: MeasureHighlight[];
}

interface OverviewPolicy {
	code: string;
	/** `I 行政サービスのDX` */
	label: string;
	/** The 計画 sheet's 基本方針の説明 ("" when none). */
	text: string;
	/** `①行政手続のオンライン化の推進`, … */
	measures: string[];
}

export interface ReportDocument {
	fiscalYear: number;
	/** `令和5年度` */
	label: string;
	/** `亀山市行政DX推進計画の進捗状況について` */
	title: string;
	/** `令和5年度実績` */
	subtitle: string;
	overview: {
		heading: string;
		/** Numbered sub-sections: `(1) 計画の位置付け` with its paragraphs, … */
		sections: Array<{ heading: string; paragraphs: string[] }>;
		basicIdea: string;
		basicIdeaText: string;
		policies: OverviewPolicy[];
		counts: { policies: number; measures: number; initiatives: number };
	};
	highlights: {
		heading: string;
		header: string[];
		policies: PolicyHighlight[];
	};
	evaluation: {
		heading: string;
		sentence: string;
		tableTitle: string;
		/** The SPEC 1 table: 評価区分 | each policy | 合計; A–D (未評価 when any), 合計. */
		table: ReportTable;
		note: string;
		charts: ReportChart[];
		/** Year over year, when earlier years' entry sheets exist. */
		years: { heading: string; table: ReportTable } | null;
		/** KPIs by 達成率 bucket and 種別 (SPEC 11), when the year has indicators. */
		kpi: { heading: string; table: ReportTable; note: string } | null;
	};
}

export interface ReportInput {
	plan: Plan;
	info: PlanInfo;
	fiscalYear: number;
	tally: Tally;
	/** 主な取組実績 of the year by initiativeKey(取組No). */
	achievements: ReadonlyMap<string, string>;
	/** Every year's tally up to the target year (the target year included). */
	years: readonly YearTally[];
	/** The year's KPIs; null or absent when it has none. */
	kpi?: KpiTally | null;
}

const HIGHLIGHT_HEADER = ["基本方針", "重点施策", "担当課", "主な取組実績"];
const DEFAULT_PLAN_NAME = "行政DX推進計画";

/** 1 → ①, … 50 → ㊿; beyond that `(51)`. */
export function circledNumber(n: number): string {
	if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
	if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
	if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
	return `(${n})`;
}

// C0 and C1 controls but tab and line feed; carriage returns become line feeds. XML 1.0 (Word)
// cannot hold them, and in HTML they are invisible.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
	return text.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/**
 * 主な取組実績 as ■ paragraphs: a line starting with ■ starts a new one; other lines (bullets
 * such as `・交付率…`) stay inside the paragraph as line breaks. Blank lines are dropped.
 */
export function achievementParagraphs(text: string): string[] {
	const paragraphs: string[][] = [];
	for (const raw of printable(text).split("\n")) {
		const line = raw.replace(/\s+$/, "");
		if (line.trim() === "") continue;
		const last = paragraphs[paragraphs.length - 1];
		if (line.trimStart().startsWith("■") || !last) paragraphs.push([line]);
		else last.push(line);
	}
	return paragraphs.map((lines) => {
		const first = (lines[0] ?? "").trimStart();
		lines[0] = first.startsWith("■") ? first : `■${first}`;
		return lines.join("\n");
	});
}

function measureLabel(number: number, name: string): string {
	return `${circledNumber(number)}${name}`;
}

function achievementItem(
	initiative: Plan["initiatives"][number],
	text: string,
	repeat: boolean,
): AchievementItem {
	const paragraphs = achievementParagraphs(text);
	const missing = paragraphs.length === 0;
	if (missing)
		paragraphs.push(
			`■取組No ${initiative.no}「${initiative.name}」の主な取組実績は記入されていません。`,
		);
	if (repeat) paragraphs[0] = `■（再掲）${(paragraphs[0] ?? "").slice(1)}`;
	return {
		no: initiative.no,
		name: initiative.name,
		paragraphs,
		repeat,
		missing,
	};
}

function highlights(input: ReportInput): PolicyHighlight[] {
	const { plan } = input;
	return plan.policies.map((policy, i) => ({
		code: policy.code,
		label: `${policy.code} ${policy.name}`,
		heading: `（${i + 1}）${policy.name}`,
		measures: plan.measures
			.filter((m) => m.policyCode === policy.code)
			.map((m) => {
				const departments: string[] = [];
				const items: AchievementItem[] = [];
				for (const initiative of plan.initiatives) {
					const codes = initiativeMeasureCodes(initiative);
					if (!codes.includes(m.code)) continue;
					for (const d of initiative.departments)
						if (!departments.includes(d)) departments.push(d);
					const text =
						input.achievements.get(initiativeKey(initiative.no)) ?? "";
					items.push(achievementItem(initiative, text, codes[0] !== m.code));
				}
				return {
					code: m.code,
					label: measureLabel(m.number, m.name),
					departments,
					items,
				};
			}),
	}));
}

function overview(
	input: ReportInput,
	name: string,
): ReportDocument["overview"] {
	const { plan, info } = input;
	const counts = {
		policies: plan.policies.length,
		measures: plan.measures.length,
		initiatives: plan.initiatives.length,
	};
	const names = plan.policies.map((p) => `「${p.name}」`).join("");
	const skeleton = [
		`${info.basicIdea ? "次に掲げる基本理念の下、" : ""}${names}の${counts.policies}つの基本方針と、それに基づく${counts.measures}の重点施策を位置付けています。`,
		`また、重点施策の具現化に向け、${counts.initiatives}の具体的な取組を掲げた実施計画を策定しています。`,
	];
	const sections: Array<{ title: string; paragraphs: string[] }> = [];
	if (info.position)
		sections.push({ title: "計画の位置付け", paragraphs: [info.position] });
	if (info.period)
		sections.push({ title: `計画期間 ${info.period}`, paragraphs: [] });
	sections.push({ title: "計画の骨格", paragraphs: skeleton });
	return {
		heading: `1 ${name}の概要`,
		sections: sections.map((s, i) => ({
			heading: `（${i + 1}）${s.title}`,
			paragraphs: s.paragraphs,
		})),
		basicIdea: info.basicIdea,
		basicIdeaText: info.basicIdeaText,
		policies: plan.policies.map((p: Policy) => ({
			code: p.code,
			label: `${p.code} ${p.name}`,
			text: info.policyTexts[p.code] ?? "",
			measures: plan.measures
				.filter((m) => m.policyCode === p.code)
				.map((m) => measureLabel(m.number, m.name)),
		})),
		counts,
	};
}

/** The table of SPEC 1, numbers as numbers. */
function policyTable(t: Tally): ReportTable {
	const cols: Counts[] = [...t.policies, t.total];
	const rows: ReportTableRow[] = t.scale.grades.map((g) => ({
		cells: [g.option, ...cols.map((c) => countOf(c, g.code))],
	}));
	if (t.total.unrated > 0)
		rows.push({ cells: ["未評価", ...cols.map((c) => c.unrated)] });
	rows.push({ cells: ["合計", ...cols.map((c) => c.total)], total: true });
	return {
		header: ["評価区分", ...t.policies.map((p) => p.name), "合計"],
		rows,
	};
}

function evaluationSentence(label: string, t: Tally): string {
	const lead = `${label}における、それぞれの具体的な取組（実施計画ベース）に対する担当部署の進捗評価は、`;
	if (t.gross === 0) return `${lead}評価の対象となる取組がありません。`;
	const top = t.scale.grades.filter((g) => g.group === "上位");
	const ab = top.reduce((n, g) => n + countOf(t.total, g.code), 0);
	const unrated =
		t.total.unrated > 0
			? `なお、未評価の取組が延べ${t.total.unrated}件あります。`
			: "";
	const named = top
		.map((g) => (g.label ? `${g.code}（${g.label}）` : g.code))
		.join("、");
	// 対象外 (完了, 中止) are not graded: the share is of the others (abShareOf).
	const excluded = codesOf(t.scale, "対象外").reduce(
		(n, code) => n + countOf(t.total, code),
		0,
	);
	const base =
		excluded > 0
			? `対象外の${excluded}件を除く延べ${t.gross - excluded}件中${ab}件`
			: `延べ${t.gross}件中${ab}件`;
	return `${lead}${named}を合わせて、全体の${formatPercent(t.abShare)}（${base}）となっています。${unrated}`;
}

function charts(t: Tally): ReportChart[] {
	return t.policies.map((p, i) => {
		const codes = scaleCodes(t.scale);
		const segments: ReportChart["segments"] = t.scale.grades.map((g) => ({
			key: gradeFillKey(codes, g.code),
			label: g.option,
			value: countOf(p, g.code),
		}));
		if (p.unrated > 0)
			segments.push({ key: "unrated", label: "未評価", value: p.unrated });
		return {
			id: `policy-${i + 1}`,
			title: `${p.code} ${p.name}`,
			caption: `${p.total}件、${codesOf(t.scale, "上位").join("+")} ${formatPercent(abShareOf(p, t.scale))}`,
			segments,
		};
	});
}

function yearsTable(years: readonly YearTally[]): ReportTable {
	const table = yearComparison(years);
	return {
		header: table.header,
		rows: table.rows.map((r) => ({
			cells: [...r.cells, formatPercent(r.share)],
			...(r.total ? { total: true } : {}),
		})),
	};
}

function kpiSection(t: KpiTally | null): ReportDocument["evaluation"]["kpi"] {
	if (!t || t.total.indicators === 0) return null;
	const [header, ...rows] = kpiTableRows(t);
	return {
		heading: "KPIの達成状況（指標ベース）",
		table: {
			header: (header ?? []).map(String),
			rows: rows.map((cells, i) => ({
				cells,
				...(i === rows.length - 1 ? { total: true } : {}),
			})),
		},
		note: KPI_NOTE,
	};
}

/** Removes control characters from every string of the document. */
function cleaned<T>(value: T): T {
	if (typeof value === "string") return printable(value) as T;
	if (Array.isArray(value)) return value.map(cleaned) as T;
	if (value && typeof value === "object")
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, cleaned(v)]),
		) as T;
	return value;
}

export function reportDocument(input: ReportInput): ReportDocument {
	const label = fiscalYearLabel(input.fiscalYear);
	const name = input.info.name || DEFAULT_PLAN_NAME;
	const t = input.tally;
	const earlier = input.years.filter((y) => y.fiscalYear < input.fiscalYear);
	return cleaned({
		fiscalYear: input.fiscalYear,
		label,
		title: `${name}の進捗状況について`,
		subtitle: `${label}実績`,
		overview: overview(input, name),
		highlights: {
			heading: "2 取組実績の要点",
			header: HIGHLIGHT_HEADER,
			policies: highlights(input),
		},
		evaluation: {
			heading: "3 進捗度評価",
			sentence: evaluationSentence(label, t),
			tableTitle: `【${name}（具体的取組ベース） ${label}実績集計】`,
			table: policyTable(t),
			note: reNote(t),
			charts: charts(t),
			years:
				earlier.length > 0
					? {
							heading: "年度別の推移（基本方針別）",
							table: yearsTable(input.years),
						}
					: null,
			kpi: kpiSection(input.kpi ?? null),
		},
	});
}
