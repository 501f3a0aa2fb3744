/**
 * The offline HTML report (`dx-progress summary BOOK.xlsx --html FILE`, and the demo): one
 * self-contained UTF-8 HTML5 document with inline CSS and inline SVG charts, no scripts and no
 * external resources. On screen it fits any width down to a phone's 390 px (tables scroll inside
 * their own box, charts scale, legends are HTML text); printed it fills A4 pages without
 * near-empty ones.
 *
 * Input is the object `summary --json` prints (`toSummaryJson` in src/domain/tally.ts), so the
 * report can also be rebuilt from a saved JSON file. Every string that comes from the workbook
 * is HTML-escaped.
 */

import { tokyoDateTimeText } from "../../domain/calendar";
import { KPI_NOTE } from "../../domain/kpi";
import {
	codesOf,
	type RatingCode,
	type Scale,
	scaleCodes,
	shareLabel,
} from "../../domain/ratings";
import {
	type BarSegment,
	barLegendHtml,
	FONT_STACK,
	gradeFillKey,
	type LineSeries,
	lineChart,
	lineLegendItems,
	stackedBarChart,
} from "../../domain/svg";
import {
	abShareOf,
	countOf,
	formatPercent,
	scaleOfSummary,
} from "../../domain/tally";
import { escapeHtml } from "../../domain/text";

/** Counts as `summary --json` gives them: per code under `counts` (A–D also on their own). */
export interface SummaryCounts {
	A?: number;
	B?: number;
	C?: number;
	D?: number;
	counts?: Record<string, number>;
	unrated: number;
	total: number;
}

interface SummaryPolicy extends SummaryCounts {
	code: string;
	name: string;
}

interface SummaryMeasure extends SummaryCounts {
	code: string;
	policyCode: string;
	name: string;
}

interface SummaryDepartment {
	name: string;
	target: number;
	done: number;
	blank: number;
	fix: number;
	/** 0–1 */
	progress: number;
	/** ISO date-time, null when none of its rows was ever updated. */
	lastUpdated: string | null;
}

interface SummaryUnreported {
	name: string;
	missing: Array<{ no: string; name: string; status: string }>;
}

interface SummaryYear {
	fiscalYear: number;
	label: string;
	policies: SummaryPolicy[];
	total: SummaryCounts;
	abShare: number | null;
	/** The year's own scale (scaleJson). */
	scale?: unknown;
}

/** The object `summary --json` prints (see `toSummaryJson`). */
export interface SummaryJson {
	fiscalYear: number;
	label: string;
	policies: SummaryPolicy[];
	total: SummaryCounts;
	initiatives: number;
	abShare: number | null;
	gross: number;
	extraPlacements: number;
	distinct: SummaryCounts;
	measures: SummaryMeasure[];
	departments: SummaryDepartment[];
	unreported: SummaryUnreported[];
	/** Earlier (and this) fiscal years, when their entry sheets exist. */
	years?: SummaryYear[];
	/** The rating scale (scaleJson); the seed's A–D when absent. */
	scale?: unknown;
	/** KPIs by bucket (kpiJson), null without indicators. */
	kpi?: SummaryKpi | null;
	/** 増減 against last year (lastYearChangeJson), null without last year's sheet. */
	lastYearChange?: SummaryChange | null;
}

type KpiBuckets = Record<string, number>;

interface SummaryKpi extends KpiBuckets {
	indicators: number;
}

interface SummaryCountsChange {
	counts: Record<string, number | null>;
	unrated: number;
	total: number;
	share: number | null;
}

interface SummaryChange {
	label: string;
	policies: Array<SummaryCountsChange & { code: string; name: string }>;
	total: SummaryCountsChange;
}

export interface ReportOptions {
	/** Shown as 作成日時 (Asia/Tokyo); omitted when not given, so output is deterministic. */
	generatedAt?: Date;
	/** Shown as 元データ (e.g. the .xlsx file name). */
	workbookName?: string;
}

const esc = (value: unknown): string => escapeHtml(String(value ?? ""));

/** Integers as they are; anything else non-numeric as `－`. */
function n(value: unknown): string {
	return typeof value === "number" && Number.isFinite(value)
		? String(value)
		: "－";
}

/** `2024/05/31 14:05` in Asia/Tokyo (UTC+9, no daylight saving). Unparsable: as given. */
export function formatTokyoDateTime(value: Date | string | null): string {
	if (value === null || value === "") return "－";
	const d = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(d.getTime())) return String(value);
	return tokyoDateTimeText(d);
}

/** `令和5年度 進捗度評価集計（具体的取組ベース）` */
function reportTitle(summary: Pick<SummaryJson, "label">): string {
	return `${summary.label} 進捗度評価集計（具体的取組ベース）`;
}

/** The note on 再掲 under the policy table (same wording as the 集計 sheet). */
function reportNote(
	summary: Pick<SummaryJson, "gross" | "initiatives" | "extraPlacements">,
): string {
	if (summary.extraPlacements === 0) {
		return `※複数の基本方針に位置付けた取組（再掲）はないため、合計数（${summary.gross}）は具体的取組の総数（${summary.initiatives}）と一致する。`;
	}
	return `※複数の基本方針に位置付けた取組（再掲）が含まれているため、合計数（${summary.gross}）は、具体的取組の総数（${summary.initiatives}）を上回る（再掲 ${summary.extraPlacements}件）。`;
}

// Long tables (measures, departments) break between rows with their header repeated; what is
// short enough to keep whole (the policy table, each chart, each unreported department) does
// not break. No section forces a new page, so a page is never left nearly empty.
const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: ${FONT_STACK}; color: #000; background: #fff; margin: 0 auto; max-width: 190mm; padding: 16px 12px; font-size: 10.5pt; line-height: 1.5; overflow-wrap: anywhere; }
h1 { font-size: 16pt; line-height: 1.3; margin: 0 0 4mm; border-bottom: 2px solid #08306b; padding-bottom: 2mm; }
h2 { font-size: 13pt; margin: 8mm 0 3mm; border-left: 5px solid #08306b; padding-left: 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
.meta { color: #333; font-size: 9pt; margin: 0 0 4mm; }
.table-box { overflow-x: auto; margin: 0 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; overflow-wrap: normal; }
th, td { border: 1px solid #555; padding: 1mm 2mm; vertical-align: top; }
thead th { background: #dbe9f6; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.key { white-space: nowrap; }
th[scope="row"] { min-width: 7em; }
td.text { min-width: 9em; }
tr.sum td, tr.sum th { font-weight: bold; background: #f2f2f2; }
tr.share td, tr.share th { font-weight: bold; }
th[scope="row"] { text-align: left; font-weight: normal; }
tr.sum th[scope="row"], tr.share th[scope="row"] { font-weight: bold; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.note { font-size: 9.5pt; margin: 1mm 0 0; }
figure.chart { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin: 0 0 1mm; }
svg.chart { display: block; width: 100%; height: auto; }
.years-chart svg.chart { max-width: 560px; }
ul.legend { list-style: none; margin: 1mm 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5mm 6mm; font-size: 9.5pt; }
ul.legend li { white-space: nowrap; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #333; vertical-align: -0.1em; margin-right: 0.35em; }
.swatch.unrated { background: repeating-linear-gradient(45deg, #fff 0 2px, #666 2px 3.5px); }
svg.key { display: inline-block; vertical-align: -0.1em; margin-right: 0.35em; }
.empty { color: #333; }
section { margin-bottom: 4mm; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.35; }
  table { font-size: 9pt; }
  th, td { padding: 0.4mm 1.5mm; }
  .table-box { overflow: visible; }
  h2 { margin-top: 5mm; }
  figure.chart { margin-bottom: 2.5mm; }
  .charts svg.chart { max-width: 150mm; }
}
`;

/** Every table sits in its own box, which scrolls sideways on a narrow screen instead of the page. */
function tableBox(className: string, inner: string, keep = false): string {
	return `<div class="table-box${keep ? " keep" : ""}"><table class="${className}">${inner}</table></div>`;
}

/** The cells of `codes`, 未評価 and 合計; `－` for a code the year's scale does not have. */
function countCells(
	c: SummaryCounts,
	codes: readonly RatingCode[],
	own: Scale,
): string {
	const has = new Set(scaleCodes(own));
	return [
		...codes.map((code) => (has.has(code) ? countOf(c, code) : null)),
		c.unrated,
		c.total,
	]
		.map((v) => `<td class="num">${n(v)}</td>`)
		.join("");
}

function codeHeaders(codes: readonly RatingCode[]): string {
	return codes
		.map((c) => `<th scope="col" class="num">${esc(c)}</th>`)
		.join("");
}

function policyTable(summary: SummaryJson): string {
	const scale = scaleOfSummary(summary);
	const cols: SummaryCounts[] = [...summary.policies, summary.total];
	const head = `<tr><th scope="col">評価区分</th>${summary.policies
		.map((p) => `<th scope="col">${esc(p.name)}</th>`)
		.join("")}<th scope="col">合計</th></tr>`;
	const row = (label: string, cells: string[], cls = "") =>
		`<tr${cls ? ` class="${cls}"` : ""}><th scope="row">${esc(label)}</th>${cells
			.map((c) => `<td class="num">${c}</td>`)
			.join("")}</tr>`;
	const rows = [
		...scale.grades.map((g) =>
			row(
				g.option,
				cols.map((c) => n(countOf(c, g.code))),
			),
		),
		row(
			"未評価",
			cols.map((c) => n(c.unrated)),
		),
		row(
			"合計",
			cols.map((c) => n(c.total)),
			"sum",
		),
		row(
			shareLabel(scale),
			cols.map((c) => esc(formatPercent(abShareOf(c, scale)))),
			"share",
		),
	];
	return tableBox(
		"policy-table",
		`<caption class="sr">基本方針別の評価区分件数</caption><thead>${head}</thead><tbody>${rows.join("")}</tbody>`,
		true,
	);
}

function segmentsOf(c: SummaryCounts, scale: Scale): BarSegment[] {
	const segments: BarSegment[] = scale.grades.map((g) => ({
		key: gradeFillKey(scaleCodes(scale), g.code),
		label: g.option,
		value: countOf(c, g.code),
	}));
	if (c.unrated > 0)
		segments.push({ key: "unrated", label: "未評価", value: c.unrated });
	return segments;
}

function barFigure(
	className: string,
	id: string,
	title: string,
	counts: SummaryCounts,
	scale: Scale,
	attrs = "",
): string {
	const segments = segmentsOf(counts, scale);
	const chart = stackedBarChart({
		id,
		title,
		segments,
		width: 480,
		legend: false,
	});
	return `<figure class="chart ${className}"${attrs}><figcaption>${esc(title)}</figcaption>${chart}${barLegendHtml(segments)}</figure>`;
}

function policyCharts(summary: SummaryJson): string {
	const scale = scaleOfSummary(summary);
	const top = codesOf(scale, "上位").join("+");
	const figures = summary.policies.map((p, i) =>
		barFigure(
			"policy-chart",
			`policy-${i}`,
			`${p.code} ${p.name}（${p.total}件、${top} ${formatPercent(abShareOf(p, scale))}）`,
			p,
			scale,
			` data-policy="${esc(p.code)}"`,
		),
	);
	const total = summary.total;
	figures.push(
		barFigure(
			"total-chart",
			"policy-total",
			`合計（${total.total}件、${top} ${formatPercent(abShareOf(total, scale))}）`,
			total,
			scale,
		),
	);
	return `<div class="charts">${figures.join("")}</div>`;
}

function measureTable(summary: SummaryJson): string {
	if (summary.measures.length === 0)
		return `<p class="empty">重点施策がありません。</p>`;
	const scale = scaleOfSummary(summary);
	const codes = scaleCodes(scale);
	const rows = summary.measures
		.map(
			(m) =>
				`<tr><td class="key">${esc(m.code)}</td><td class="text">${esc(m.name)}</td>${countCells(m, codes, scale)}</tr>`,
		)
		.join("");
	return tableBox(
		"measure-table",
		`<thead><tr><th scope="col">重点施策</th><th scope="col">名称</th>${codeHeaders(codes)}` +
			`<th scope="col" class="num">未評価</th><th scope="col" class="num">計</th></tr></thead><tbody>${rows}</tbody>`,
	);
}

function departmentTable(summary: SummaryJson): string {
	if (summary.departments.length === 0)
		return `<p class="empty">担当課がありません。</p>`;
	const rows = summary.departments
		.map(
			(d) =>
				`<tr><td class="key">${esc(d.name)}</td><td class="num">${n(d.target)}</td><td class="num">${n(d.done)}</td>` +
				`<td class="num">${n(d.blank)}</td><td class="num">${n(d.fix)}</td>` +
				`<td class="num">${esc(formatPercent(typeof d.progress === "number" ? d.progress : null))}</td>` +
				`<td class="num">${esc(formatTokyoDateTime(d.lastUpdated))}</td></tr>`,
		)
		.join("");
	return tableBox(
		"department-table",
		`<thead><tr><th scope="col">課名</th><th scope="col" class="num">対象</th>` +
			`<th scope="col" class="num">入力済</th><th scope="col" class="num">未入力</th><th scope="col" class="num">要修正</th>` +
			`<th scope="col" class="num">進捗率</th><th scope="col" class="num">最終更新</th></tr></thead><tbody>${rows}</tbody>`,
	);
}

function unreportedSection(summary: SummaryJson): string {
	if (summary.unreported.length === 0)
		return `<p class="empty">すべての担当課が回答済みです。</p>`;
	return summary.unreported
		.map(
			(u) =>
				`<div class="dept keep"><h3>${esc(u.name)}（未回答 ${u.missing.length}件）</h3>` +
				tableBox(
					"missing-table",
					`<thead><tr><th scope="col">取組No</th><th scope="col">取組名</th><th scope="col">状態</th></tr></thead><tbody>${u.missing
						.map(
							(m) =>
								`<tr><td class="key">${esc(m.no)}</td><td class="text">${esc(m.name)}</td><td class="key">${esc(m.status)}</td></tr>`,
						)
						.join("")}</tbody>`,
				) +
				"</div>",
		)
		.join("");
}

/** Each year's own scale, every year's codes (the latest year's first) and the share's label. */
function yearScales(sorted: readonly SummaryYear[]): {
	scales: Map<SummaryYear, Scale>;
	codes: RatingCode[];
	share: string;
} {
	const scales = new Map(sorted.map((y) => [y, scaleOfSummary(y)]));
	const codes = [
		...new Set([...scales.values()].reverse().flatMap((s) => scaleCodes(s))),
	];
	const labels = new Set([...scales.values()].map((s) => shareLabel(s)));
	const share =
		labels.size === 1 ? ([...labels][0] as string) : "上位区分の割合";
	return { scales, codes, share };
}

function yearsSection(years: readonly SummaryYear[]): string {
	const sorted = [...years].sort((a, b) => a.fiscalYear - b.fiscalYear);
	const { scales, codes, share } = yearScales(sorted);
	const shareOf = (y: SummaryYear, c: SummaryCounts) =>
		abShareOf(c, scales.get(y) as Scale);
	// Series keyed by policy code, in first-seen order; the name of the latest year wins.
	const policyNames = new Map<string, string>();
	for (const y of sorted)
		for (const p of y.policies) policyNames.set(p.code, p.name);
	const series: LineSeries[] = [...policyNames].map(([code, name]) => ({
		key: code,
		label: `${code} ${name}`,
		values: sorted.map((y) => {
			const p = y.policies.find((x) => x.code === code);
			return p ? shareOf(y, p) : null;
		}),
	}));
	series.push({
		key: "total",
		label: "合計",
		values: sorted.map((y) => shareOf(y, y.total)),
		emphasis: true,
	});

	const rows = sorted
		.map((y) => {
			const lines = [
				...y.policies.map(
					(p) =>
						`<tr><td class="key">${esc(y.label)}</td><td class="text">${esc(p.name)}</td>${countCells(p, codes, scales.get(y) as Scale)}<td class="num">${esc(formatPercent(shareOf(y, p)))}</td></tr>`,
				),
				`<tr class="sum"><td class="key">${esc(y.label)}</td><td class="text">合計</td>${countCells(y.total, codes, scales.get(y) as Scale)}<td class="num">${esc(formatPercent(shareOf(y, y.total)))}</td></tr>`,
			];
			return lines.join("");
		})
		.join("");
	const table = tableBox(
		"years-table",
		`<thead><tr><th scope="col">年度</th><th scope="col">基本方針</th>${codeHeaders(codes)}` +
			`<th scope="col" class="num">未評価</th><th scope="col" class="num">合計</th><th scope="col" class="num">${esc(share)}</th></tr></thead><tbody>${rows}</tbody>`,
	);
	const title = `${share}の推移`;
	const chart = lineChart({
		id: "years",
		title,
		categories: sorted.map((y) => y.label),
		series,
		width: 400,
		legend: false,
	});
	const legend = lineLegendItems(series)
		.map((item) => `<li>${item.swatch}${esc(item.label)}</li>`)
		.join("");
	return `<figure class="chart years-chart"><figcaption>${title}</figcaption>${chart}<ul class="legend">${legend}</ul></figure>${table}`;
}

const signed = (v: number | null): string =>
	v === null ? "－" : v > 0 ? `+${v}` : String(v);

/** 増減 per policy and 合計: counts as +n/−n, the share in points. */
function changeTable(summary: SummaryJson, change: SummaryChange): string {
	const scale = scaleOfSummary(summary);
	const codes = scaleCodes(scale);
	const row = (name: string, c: SummaryCountsChange, cls = "") =>
		`<tr${cls}><td class="text">${esc(name)}</td>${[
			...codes.map((code) => signed(c.counts[code] ?? null)),
			signed(c.unrated),
			signed(c.total),
			c.share === null
				? "－"
				: `${signed(Math.round(c.share * 1000) / 10)}ポイント`,
		]
			.map((v) => `<td class="num">${esc(v)}</td>`)
			.join("")}</tr>`;
	return tableBox(
		"change-table",
		`<thead><tr><th scope="col">基本方針</th>${codeHeaders(codes)}<th scope="col" class="num">未評価</th><th scope="col" class="num">合計</th><th scope="col" class="num">${esc(shareLabel(scale))}（増減）</th></tr></thead><tbody>${[
			...change.policies.map((p) => row(p.name, p)),
			row("合計", change.total, ` class="sum"`),
		].join("")}</tbody>`,
	);
}

/** KPIs: a row per 達成率 bucket, by 種別 and in total. */
function kpiTable(kpi: SummaryKpi): string {
	const byKind = (kpi as { byKind?: Record<string, KpiBuckets> }).byKind ?? {};
	const labels = (kpi as { labels?: Record<string, string> }).labels ?? {};
	const cols = [byKind.output ?? {}, byKind.outcome ?? {}, kpi as KpiBuckets];
	const rows = [
		...Object.entries(labels).map(
			([key, label]) =>
				`<tr><td class="text">${esc(label)}</td>${cols.map((c) => `<td class="num">${n(c[key])}</td>`).join("")}</tr>`,
		),
		`<tr class="sum"><td class="text">合計</td>${cols.map((c) => `<td class="num">${n(c.indicators)}</td>`).join("")}</tr>`,
	];
	return tableBox(
		"kpi-table",
		`<thead><tr><th scope="col">達成率</th><th scope="col" class="num">アウトプット</th><th scope="col" class="num">アウトカム</th><th scope="col" class="num">合計</th></tr></thead><tbody>${rows.join("")}</tbody>`,
	);
}

/**
 * Renders the report as one HTML5 document. Sections: the policy table with the 再掲 note,
 * the charts (one stacked bar per policy and one for the total), by measure, by department,
 * unreported departments with their missing initiatives, and year over year when
 * `summary.years` has entries.
 */
export function renderReport(
	summary: SummaryJson,
	options: ReportOptions = {},
): string {
	const title = reportTitle(summary);
	const meta: string[] = [];
	if (options.workbookName) meta.push(`元データ：${esc(options.workbookName)}`);
	if (options.generatedAt)
		meta.push(`作成日時：${esc(formatTokyoDateTime(options.generatedAt))}`);
	const years = summary.years ?? [];
	const body = [
		`<h1>${esc(title)}</h1>`,
		meta.length > 0 ? `<p class="meta">${meta.join("　")}</p>` : "",
		`<section id="policies"><h2>基本方針別の集計</h2>${policyTable(summary)}<p class="note">${esc(reportNote(summary))}</p></section>`,
		`<section id="charts"><h2>基本方針別の評価の分布</h2>${policyCharts(summary)}</section>`,
		`<section id="measures"><h2>重点施策別の集計</h2>${measureTable(summary)}</section>`,
		`<section id="departments"><h2>担当課別の入力状況</h2>${departmentTable(summary)}</section>`,
		`<section id="unreported"><h2>未回答の担当課と未入力の取組</h2>${unreportedSection(summary)}</section>`,
		years.length > 0
			? `<section id="years"><h2>年度別の推移</h2>${yearsSection(years)}</section>`
			: "",
		summary.lastYearChange
			? `<section id="change"><h2>前年度からの増減（${esc(summary.lastYearChange.label)} → ${esc(summary.label)}）</h2>${changeTable(summary, summary.lastYearChange)}</section>`
			: "",
		summary.kpi
			? `<section id="kpi"><h2>KPIの達成状況（指標ベース）</h2>${kpiTable(summary.kpi)}<p class="note">${esc(KPI_NOTE)}</p></section>`
			: "",
	]
		.filter((s) => s !== "")
		.join("\n");
	return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
