/**
 * The 集計 sheet as one block of values plus the formats and chart that go with it (SPEC 2,
 * 集計 1–5). Pure: the adapter writes `values` with one setValues and each format with one call.
 */

import { tokyoDateTimeText } from "./calendar";
import { fiscalYearLabel } from "./fiscal-year";
import { KPI_NOTE, type KpiTally, kpiTableRows } from "./kpi";
import { DATE_TIME_FORMAT } from "./layout";
import { type RatingCode, scaleCodes, shareLabel } from "./ratings";
import {
	abShareOf,
	type Counts,
	countOf,
	measureTableRows,
	policyTableRows,
	reNote,
	summaryTitle,
	type Tally,
} from "./tally";
import { bookTextWidth } from "./text";

export interface YearTally {
	fiscalYear: number;
	tally: Tally;
}

interface GridBox {
	/** 1-based */
	row: number;
	col: number;
	numRows: number;
	numCols: number;
}

export interface SummaryLayout {
	values: Array<Array<string | number | Date>>;
	width: number;
	/** Per cell: number formats, bold, backgrounds (same shape as values). */
	numberFormats: string[][];
	fontWeights: Array<Array<"bold" | "normal">>;
	backgrounds: Array<Array<string | null>>;
	/** Numbers, and the headers of columns holding numbers, right-aligned. */
	alignments: Array<Array<"right" | null>>;
	/** The A–D rows × policy columns (with headers) the stacked chart is drawn from. */
	chartSource: GridBox;
	/** Where the chart is anchored (1-based row, column). */
	chartAnchor: { row: number; col: number };
	columnWidths: number[];
}

const SECTION_BG = "#d9e2f3";
const HEADER_BG = "#bdd7ee";
const TOTAL_BG = "#f2f2f2";
const PERCENT = "0.0%";

type Row = Array<string | number | Date | null>;

interface Builder {
	rows: Row[];
	kinds: Array<
		"title" | "section" | "header" | "total" | "body" | "blank" | "note"
	>;
	percentCells: Array<[number, number]>;
	dateCells: Array<[number, number]>;
	/** Other number formats: row, column, format. */
	formatCells: Array<[number, number, string]>;
}

function push(b: Builder, row: Row, kind: Builder["kinds"][number]): number {
	b.rows.push(row);
	b.kinds.push(kind);
	return b.rows.length; // 1-based row just written
}

/** What 集計 shows beyond the ratings: the year's KPIs (null when it has none). */
export interface SummaryExtras {
	kpi?: KpiTally | null;
}

export function summaryLayout(
	current: YearTally,
	years: readonly YearTally[],
	now: Date,
	extras: SummaryExtras = {},
): SummaryLayout {
	const t = current.tally;
	const b: Builder = {
		rows: [],
		kinds: [],
		percentCells: [],
		dateCells: [],
		formatCells: [],
	};
	push(b, [summaryTitle(current.fiscalYear)], "title");
	push(
		b,
		[
			`作成日時：${tokyoDateTimeText(now)}　具体的取組 ${t.initiatives}件（基本方針別の延べ ${t.gross}件）`,
		],
		"note",
	);
	push(b, [], "blank");

	push(b, ["1. 基本方針別の評価（具体的取組ベース）"], "section");
	const policyRows = policyTableRows(t);
	let chartHeaderRow = 0;
	policyRows.forEach((r, i) => {
		const last = i === policyRows.length - 1;
		const kind =
			i === 0 ? "header" : r[0] === "合計" || last ? "total" : "body";
		const at = push(b, r, kind);
		if (i === 0) chartHeaderRow = at;
		if (last)
			for (let c = 1; c < r.length; c++) b.percentCells.push([at, c + 1]);
	});
	push(b, [reNote(t)], "note");
	push(b, [], "blank");

	push(b, ["2. 重点施策別の評価"], "section");
	measureTableRows(t).forEach((r, i) => {
		push(b, r, i === 0 ? "header" : "body");
	});
	push(b, [], "blank");

	departmentBlock(b, t);
	push(b, ["4. 年度比較（基本方針別）"], "section");
	if (years.length <= 1) {
		push(b, ["比較できる前年度以前の評価シートがありません。"], "note");
	} else yearRows(b, years);
	const change = lastYearChange(current, years);
	if (change) changeRows(b, current, change);
	push(b, [], "blank");
	// Sections are numbered as shown: the chart is 5 without KPIs, 6 after them.
	let section = 5;
	if (extras.kpi && extras.kpi.total.indicators > 0)
		kpiBlock(b, extras.kpi, section++);
	const chartTitleRow = push(
		b,
		[`${section}. グラフ（基本方針別の評価の分布）`],
		"section",
	);

	const width = Math.max(
		9,
		t.policies.length + 2,
		...b.rows.map((r) => r.length),
	);
	const values = b.rows.map((r) => {
		const out: Array<string | number | Date> = r.map((v) =>
			v === null || v === undefined ? "" : v,
		);
		while (out.length < width) out.push("");
		return out;
	});
	const numberFormats = values.map((r) => r.map(() => "General"));
	for (const [r, c] of b.percentCells) setCell(numberFormats, r, c, PERCENT);
	for (const [r, c] of b.dateCells)
		setCell(numberFormats, r, c, DATE_TIME_FORMAT);
	for (const [r, c, f] of b.formatCells) setCell(numberFormats, r, c, f);
	const fontWeights = b.kinds.map((k) =>
		new Array<"bold" | "normal">(width).fill(
			k === "title" || k === "section" || k === "header" || k === "total"
				? "bold"
				: "normal",
		),
	);
	const backgrounds = b.kinds.map((k) =>
		new Array<string | null>(width).fill(
			k === "section"
				? SECTION_BG
				: k === "header"
					? HEADER_BG
					: k === "total"
						? TOTAL_BG
						: null,
		),
	);
	return {
		values,
		width,
		numberFormats,
		fontWeights,
		backgrounds,
		alignments: alignments(values, b.kinds),
		chartSource: {
			row: chartHeaderRow,
			col: 1,
			numRows: 1 + t.scale.grades.length,
			numCols: 1 + t.policies.length,
		},
		chartAnchor: { row: chartTitleRow + 1, col: 1 },
		columnWidths: fittedWidths(values, b.kinds, MIN_WIDTHS),
	};
}

function departmentBlock(b: Builder, t: Tally): void {
	push(b, ["3. 担当課別の入力状況"], "section");
	push(
		b,
		["課名", "対象", "入力済", "未入力", "要修正", "進捗率", "最終更新"],
		"header",
	);
	for (const d of t.departments) {
		const at = push(
			b,
			[
				d.name,
				d.target,
				d.done,
				d.blank,
				d.fix,
				d.progress,
				d.lastUpdated ?? "",
			],
			"body",
		);
		b.percentCells.push([at, 6]);
		if (d.lastUpdated) b.dateCells.push([at, 7]);
	}
	push(b, [], "blank");
}

/** KPIs: the indicators by 達成率 bucket and 種別. */
function kpiBlock(b: Builder, kpi: KpiTally, section: number): void {
	push(b, [`${section}. KPIの達成状況（指標ベース）`], "section");
	kpiTableRows(kpi).forEach((r, i, all) => {
		push(b, r, i === 0 ? "header" : i === all.length - 1 ? "total" : "body");
	});
	push(b, [KPI_NOTE], "note");
	push(b, [], "blank");
}

export interface YearComparison {
	/** 年度 | 基本方針 | each code | 未評価 | 合計 | the share's label. */
	header: string[];
	rows: Array<{
		/** 年度 | 基本方針 | counts (`－` for a code the year's scale lacks) | 未評価 | 合計. */
		cells: Array<string | number>;
		/** The year's own share (abShareOf on its scale). */
		share: number | null;
		/** The 合計 row of its year. */
		total: boolean;
	}>;
}

/**
 * 年度比較 (集計 and 報告資料): a row per policy and year with its counts. The columns are the codes
 * of every year's scale (this year's first), so a year rated on another scale keeps its own
 * counts; its share is that of its own scale.
 */
export function yearComparison(years: readonly YearTally[]): YearComparison {
	const codes: RatingCode[] = [];
	for (const y of [...years].reverse())
		for (const code of scaleCodes(y.tally.scale))
			if (!codes.includes(code)) codes.push(code);
	const labels = new Set(years.map((y) => shareLabel(y.tally.scale)));
	const share =
		labels.size === 1 ? [...labels][0] : "上位区分の割合（各年度の評価区分）";
	const rows: YearComparison["rows"] = [];
	for (const y of years) {
		const own = new Set(scaleCodes(y.tally.scale));
		const cols: Array<[string, Counts]> = [
			...y.tally.policies.map((p): [string, Counts] => [p.name, p]),
			["合計", y.tally.total],
		];
		for (const [name, c] of cols)
			rows.push({
				cells: [
					fiscalYearLabel(y.fiscalYear),
					name,
					...codes.map((code) => (own.has(code) ? countOf(c, code) : "－")),
					c.unrated,
					c.total,
				],
				share: abShareOf(c, y.tally.scale),
				total: name === "合計",
			});
	}
	return {
		header: ["年度", "基本方針", ...codes, "未評価", "合計", share ?? ""],
		rows,
	};
}

function yearRows(b: Builder, years: readonly YearTally[]): void {
	const table = yearComparison(years);
	push(b, table.header, "header");
	for (const r of table.rows) {
		const at = push(b, [...r.cells, r.share], r.total ? "total" : "body");
		b.percentCells.push([at, r.cells.length + 1]);
	}
}

/** The change of one count object from last year: per code (null where last year's scale lacks it). */
interface CountsChange {
	counts: Record<string, number | null>;
	unrated: number;
	total: number;
	/** The share this year minus last year's (a fraction), null where either has none. */
	share: number | null;
}

/** 増減 against last year (SPEC 11), per policy and in total, on this year's codes. */
export interface LastYearChange {
	/** Last year (the fiscal year compared against). */
	fiscalYear: number;
	policies: Array<{ code: string; name: string } & CountsChange>;
	total: CountsChange;
}

/** This year against the year before it, when that year's entry sheet exists; else null. */
export function lastYearChange(
	current: YearTally,
	years: readonly YearTally[],
): LastYearChange | null {
	const last = years.find((y) => y.fiscalYear === current.fiscalYear - 1);
	if (!last) return null;
	const now = current.tally;
	const before = last.tally;
	const lastCodes = new Set(scaleCodes(before.scale));
	const change = (a: Counts, b: Counts | undefined): CountsChange => {
		const counts: Record<string, number | null> = {};
		for (const code of scaleCodes(now.scale))
			counts[code] =
				b && lastCodes.has(code) ? countOf(a, code) - countOf(b, code) : null;
		const shareNow = abShareOf(a, now.scale);
		const shareBefore = b ? abShareOf(b, before.scale) : null;
		return {
			counts,
			unrated: a.unrated - (b?.unrated ?? 0),
			total: a.total - (b?.total ?? 0),
			share:
				shareNow === null || shareBefore === null
					? null
					: shareNow - shareBefore,
		};
	};
	return {
		fiscalYear: last.fiscalYear,
		policies: now.policies.map((p) => ({
			code: p.code,
			name: p.name,
			...change(
				p,
				before.policies.find((q) => q.code === p.code),
			),
		})),
		total: change(now.total, before.total),
	};
}

/**
 * `summary --json`'s `lastYearChange`: `{fiscalYear, label, policies: [{code, name, counts,
 * unrated, total, share}], total: {counts, unrated, total, share}}` (counts: this year minus
 * last year per code, null where last year's scale lacks the code; share: the difference of the
 * two shares, a fraction), or null without last year's sheet.
 */
export function lastYearChangeJson(
	change: LastYearChange | null,
): Record<string, unknown> | null {
	if (!change) return null;
	return {
		fiscalYear: change.fiscalYear,
		label: fiscalYearLabel(change.fiscalYear),
		policies: change.policies.map((p) => ({ ...p, counts: { ...p.counts } })),
		total: { ...change.total, counts: { ...change.total.counts } },
	};
}

const SIGNED = "+0;-0;0";
const POINTS = '+0.0"ポイント";-0.0"ポイント";0.0"ポイント"';

/** 前年度からの増減: a row per policy and 合計, counts as +n/−n, the share in points. */
function changeRows(
	b: Builder,
	current: YearTally,
	change: LastYearChange,
): void {
	const codes = scaleCodes(current.tally.scale);
	push(b, [], "blank");
	push(
		b,
		[
			`前年度からの増減（${fiscalYearLabel(change.fiscalYear)} → ${fiscalYearLabel(current.fiscalYear)}）`,
		],
		"note",
	);
	push(
		b,
		[
			"基本方針",
			...codes,
			"未評価",
			"合計",
			`${shareLabel(current.tally.scale)}（増減）`,
		],
		"header",
	);
	const rows: Array<[string, CountsChange]> = [
		...change.policies.map((p): [string, CountsChange] => [p.name, p]),
		["合計", change.total],
	];
	for (const [name, c] of rows) {
		const at = push(
			b,
			[
				name,
				...codes.map((code) => c.counts[code] ?? "－"),
				c.unrated,
				c.total,
				c.share === null ? "－" : Math.round(c.share * 1000) / 10,
			],
			name === "合計" ? "total" : "body",
		);
		for (let col = 2; col <= codes.length + 3; col++)
			b.formatCells.push([at, col, SIGNED]);
		b.formatCells.push([at, codes.length + 4, POINTS]);
	}
}

/** A header cell is right-aligned when the rows of its table below hold numbers in that column. */
function alignments(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	kinds: Builder["kinds"],
): Array<Array<"right" | null>> {
	const numeric = (v: unknown) => typeof v === "number" || v instanceof Date;
	const out = values.map((r) => r.map((v) => (numeric(v) ? "right" : null)));
	kinds.forEach((kind, h) => {
		if (kind !== "header") return;
		for (let r = h + 1; kinds[r] === "body" || kinds[r] === "total"; r++) {
			values[r]?.forEach((v, c) => {
				const row = out[h];
				if (row && numeric(v)) row[c] = "right";
			});
		}
	});
	return out;
}

/**
 * Narrowest widths (px); a column grows to fit its longest table cell (titles and notes overflow).
 * Column G holds 最終更新, a date-time (yyyy/mm/dd HH:mm), which is not measured as text.
 */
const MIN_WIDTHS = [140, 110, 110, 110, 80, 80, 130, 80, 110];
/** Sheets' default font size (10 pt) in pixels, and the cell's padding. */
const CELL_FONT_PX = 14;
const CELL_PADDING_PX = 12;

function fittedWidths(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	kinds: Builder["kinds"],
	minimum: readonly number[],
): number[] {
	const widths = [...minimum];
	values.forEach((row, r) => {
		const kind = kinds[r];
		if (kind !== "header" && kind !== "body" && kind !== "total") return;
		row.forEach((v, c) => {
			if (typeof v !== "string" || c >= widths.length) return;
			const px = Math.ceil(
				bookTextWidth(v.replace(/^'/, ""), CELL_FONT_PX) + CELL_PADDING_PX,
			);
			widths[c] = Math.max(widths[c] ?? 0, px);
		});
	});
	return widths;
}

function setCell(
	grid: string[][],
	row: number,
	col: number,
	value: string,
): void {
	const r = grid[row - 1];
	if (r && col - 1 < r.length) r[col - 1] = value;
}
