/**
 * Inline SVG charts for the offline HTML report, built as strings (no DOM, no libraries).
 *
 * Every piece of text that reaches the markup goes through `escapeHtml`, titles and attributes
 * included, because names come from the workbook. Element ids are made from the caller's `id`
 * after reducing it to `[A-Za-z0-9_-]`, so a workbook value can never break out of an attribute.
 * Colours run from dark (A) to light (D) so the charts stay readable printed in greyscale; 未評価
 * is hatched.
 */
import { formatPercent } from "./tally";
import { escapeHtml, textWidth } from "./text";

/** One category of a stacked bar: `A` … `D` or `unrated`. */
export interface BarSegment {
	key: string;
	/** Legend text, e.g. `A 順調に進んだ`. */
	label: string;
	value: number;
}

export interface StackedBarOptions {
	/** Unique within the document; used for element ids (sanitised). */
	id: string;
	/** Heading drawn above the bar and used as the accessible name. */
	title: string;
	segments: readonly BarSegment[];
	/** Overall width in SVG units (default 640). */
	width?: number;
	/**
	 * Draw the heading and the legend inside the SVG (default true, for a picture on its own).
	 * The HTML report sets false and shows them as HTML text, which stays readable when the
	 * SVG is scaled down to a phone's width.
	 */
	legend?: boolean;
	/** With the legend, draw the heading too (default true); false when the caption is text beside it. */
	heading?: boolean;
}

export interface LineSeries {
	key: string;
	label: string;
	/** One value (0–1) per category; null where the series has no value. */
	values: ReadonlyArray<number | null>;
	/** Drawn thicker and darker (the 合計 line). */
	emphasis?: boolean;
}

export interface LineChartOptions {
	id: string;
	title: string;
	/** X-axis labels, e.g. `令和4年度`. */
	categories: readonly string[];
	series: readonly LineSeries[];
	width?: number;
	/** As in StackedBarOptions. */
	legend?: boolean;
}

/**
 * Fills per rating, dark → light (luminance decreasing A → D); another scale's grades by their
 * place, `g0` … `g7` (blues, then greys for the statuses that usually come last).
 */
const RATING_FILLS: Readonly<Record<string, string>> = {
	A: "#08306b",
	B: "#2f6eb0",
	C: "#8fbfe0",
	D: "#dbe9f6",
	g0: "#08306b",
	g1: "#2f6eb0",
	g2: "#8fbfe0",
	g3: "#dbe9f6",
	g4: "#525252",
	g5: "#969696",
	g6: "#cccccc",
	g7: "#f0f0f0",
	unrated: "#ffffff",
};

/** A grade's key in RATING_FILLS: its code on the seed's A–D, else its place (`g0`, `g1`, …). */
export function gradeFillKey(codes: readonly string[], code: string): string {
	return codes.join() === "A,B,C,D" ? code : `g${codes.indexOf(code)}`;
}

/** Text colour readable on each fill. */
const TEXT_ON_FILL: Readonly<Record<string, string>> = {
	A: "#ffffff",
	B: "#ffffff",
	C: "#000000",
	D: "#000000",
	g0: "#ffffff",
	g1: "#ffffff",
	g4: "#ffffff",
	unrated: "#000000",
};

/**
 * The Japanese font stack of the report and its charts: macOS, then Windows (BIZ UDPGothic ships
 * with Windows 10 and later, Meiryo with every supported Windows), then Linux/LibreOffice (Noto).
 */
export const FONT_STACK =
	"'Hiragino Kaku Gothic ProN','Hiragino Sans','BIZ UDPGothic','Yu Gothic','YuGothic',Meiryo,'Noto Sans CJK JP','Noto Sans JP',sans-serif";

/** Attribute-safe id fragment. */
function safeId(id: string): string {
	const cleaned = id.replace(/[^A-Za-z0-9_-]/g, "_");
	return /^[A-Za-z]/.test(cleaned) ? cleaned : `c${cleaned}`;
}

/** Coordinates with at most two decimals and no `-0`. */
function num(n: number): string {
	if (!Number.isFinite(n)) return "0";
	const r = Math.round(n * 100) / 100;
	return String(r === 0 ? 0 : r);
}

/** Kept apart from `url(`: Code.js's check reads `(#name` as private-member syntax. */
const FRAGMENT = "#";

function fillOf(key: string, patternId: string): string {
	if (key === "unrated") return `url(${FRAGMENT}${patternId})`;
	return RATING_FILLS[key] ?? "#999999";
}

function hatchPattern(patternId: string): string {
	return (
		`<pattern id="${patternId}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="#ffffff"/>` +
		`<line x1="0" y1="0" x2="0" y2="6" stroke="#666666" stroke-width="2"/>` +
		"</pattern>"
	);
}

function open(
	width: number,
	height: number,
	titleId: string,
	title: string,
	ariaLabel: string,
	className: string,
): string {
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" class="${className}" role="img" ` +
		`aria-label="${escapeHtml(ariaLabel)}" ` +
		`width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" ` +
		`font-family="${escapeHtml(FONT_STACK)}">` +
		`<title id="${titleId}">${escapeHtml(title)}</title>`
	);
}

/** `17件（81.0%）` */
function countText(value: number, total: number): string {
	return `${value}件（${formatPercent(total > 0 ? value / total : null)}）`;
}

/**
 * One horizontal stacked bar (A–D, plus whatever other segments are given) with the count inside
 * each segment wide enough for it, and a legend with count and percentage of every segment.
 * Zero-valued segments get no rect but keep their legend entry. Each segment rect carries
 * `data-key` and `data-value`; its width is value / total × bar width.
 */
export function stackedBarChart(options: StackedBarOptions): string {
	const width = options.width ?? 640;
	const withLegend = options.legend ?? true;
	const withHeading = withLegend && (options.heading ?? true);
	const id = safeId(options.id);
	const patternId = `${id}-hatch`;
	const segments = options.segments;
	const total = segments.reduce((s, x) => s + Math.max(0, x.value), 0);
	const bar = { x: 8, y: withHeading ? 30 : 2, w: width - 16, h: 34 };
	const legendTop = bar.y + bar.h + 14;
	const legendRows = Math.ceil(segments.length / 2);
	const height = withLegend
		? legendTop + legendRows * 20 + 4
		: bar.y + bar.h + 2;

	const aria = `${options.title}：${barLegendItems(segments)
		.map((s) => s.text)
		.join("、")}、合計 ${total}件`;
	let out = open(
		width,
		height,
		`${id}-title`,
		options.title,
		aria,
		"chart bar",
	);
	out += `<defs>${hatchPattern(patternId)}</defs>`;
	if (withHeading)
		out += `<text x="${bar.x}" y="20" font-size="14" font-weight="bold" fill="#000000">${escapeHtml(options.title)}</text>`;
	out +=
		total === 0
			? `<rect x="${bar.x}" y="${bar.y}" width="${num(bar.w)}" height="${bar.h}" fill="#ffffff" stroke="#999999" stroke-dasharray="4 3"/>` +
				`<text x="${num(bar.x + bar.w / 2)}" y="${num(bar.y + bar.h / 2 + 5)}" font-size="13" text-anchor="middle" fill="#333333">評価対象なし</text>`
			: barSegments(segments, total, bar, patternId);
	if (withLegend)
		out += barLegend(segments, bar.x, legendTop, bar.w, patternId);
	return `${out}</svg>`;
}

interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

function barSegments(
	segments: readonly BarSegment[],
	total: number,
	bar: Box,
	patternId: string,
): string {
	let x = bar.x;
	let out = `<g class="segments">`;
	for (const s of segments) {
		const value = Math.max(0, s.value);
		if (value === 0) continue;
		const w = (value / total) * bar.w;
		out +=
			`<rect x="${num(x)}" y="${bar.y}" width="${num(w)}" height="${bar.h}" fill="${fillOf(s.key, patternId)}" stroke="#ffffff" stroke-width="1" ` +
			`data-key="${escapeHtml(s.key)}" data-value="${value}">` +
			`<title>${escapeHtml(`${s.label} ${countText(value, total)}`)}</title></rect>`;
		const label = String(value);
		if (textWidth(label, 13) + 6 <= w) {
			const color = TEXT_ON_FILL[s.key] ?? "#000000";
			const halo =
				s.key === "unrated"
					? ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`
					: "";
			out += `<text x="${num(x + w / 2)}" y="${num(bar.y + bar.h / 2 + 5)}" font-size="13" font-weight="bold" text-anchor="middle" fill="${color}"${halo}>${label}</text>`;
		}
		x += w;
	}
	return `${out}</g><rect x="${bar.x}" y="${bar.y}" width="${num(bar.w)}" height="${bar.h}" fill="none" stroke="#333333" stroke-width="1"/>`;
}

function barLegend(
	segments: readonly BarSegment[],
	left: number,
	top: number,
	width: number,
	patternId: string,
): string {
	const colW = width / 2;
	const items = barLegendItems(segments);
	let out = `<g class="legend" font-size="12">`;
	items.forEach((s, i) => {
		const lx = left + (i % 2) * colW;
		const ly = top + Math.floor(i / 2) * 20;
		out +=
			`<rect x="${num(lx)}" y="${num(ly)}" width="12" height="12" fill="${fillOf(s.key, patternId)}" stroke="#333333" stroke-width="0.5"/>` +
			`<text x="${num(lx + 18)}" y="${num(ly + 11)}" fill="#000000">${escapeHtml(s.text)}</text>`;
	});
	return `${out}</g>`;
}

/**
 * The legend of a stacked bar as HTML (`<ul class="legend">`), for pages that draw the chart
 * without its SVG legend: readable text that wraps on a phone.
 */
export function barLegendHtml(segments: readonly BarSegment[]): string {
	const items = barLegendItems(segments)
		.map((item) => {
			const fill =
				item.key === "unrated"
					? `class="swatch unrated"`
					: `class="swatch" style="background:${RATING_FILLS[item.key] ?? "#999999"}"`;
			return `<li><span ${fill}></span>${escapeHtml(item.text)}</li>`;
		})
		.join("");
	return `<ul class="legend">${items}</ul>`;
}

/** The legend entries of a stacked bar, `A 順調に進んだ：17件（81.0%）`, zero-valued ones included. */
function barLegendItems(
	segments: readonly BarSegment[],
): Array<{ key: string; text: string }> {
	const total = segments.reduce((s, x) => s + Math.max(0, x.value), 0);
	return segments.map((s) => ({
		key: s.key,
		text: `${s.label}：${countText(Math.max(0, s.value), total)}`,
	}));
}

interface LineStyle {
	stroke: string;
	dash: string;
	marker: "circle" | "square" | "triangle" | "diamond";
	width: number;
}

const LINE_STYLES: readonly LineStyle[] = [
	{ stroke: "#2f6eb0", dash: "6 3", marker: "square", width: 2 },
	{ stroke: "#555555", dash: "2 3", marker: "triangle", width: 2 },
	{ stroke: "#6a9fcf", dash: "9 3 2 3", marker: "diamond", width: 2 },
	{ stroke: "#888888", dash: "4 4", marker: "circle", width: 2 },
];

const EMPHASIS_STYLE: LineStyle = {
	stroke: "#08306b",
	dash: "",
	marker: "circle",
	width: 3,
};

/** Emphasised series solid and dark; the others take the dashed styles in turn. */
function lineStyles(series: readonly LineSeries[]): LineStyle[] {
	let next = 0;
	return series.map((s) =>
		s.emphasis
			? EMPHASIS_STYLE
			: (LINE_STYLES[next++ % LINE_STYLES.length] ?? EMPHASIS_STYLE),
	);
}

function marker(
	kind: LineStyle["marker"],
	x: number,
	y: number,
	color: string,
): string {
	const r = 4;
	switch (kind) {
		case "circle":
			return `<circle cx="${num(x)}" cy="${num(y)}" r="${r}" fill="${color}"/>`;
		case "square":
			return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${r * 2}" height="${r * 2}" fill="${color}"/>`;
		case "triangle":
			return `<polygon points="${num(x)},${num(y - r - 1)} ${num(x + r + 1)},${num(y + r)} ${num(x - r - 1)},${num(y + r)}" fill="${color}"/>`;
		case "diamond":
			return `<polygon points="${num(x)},${num(y - r - 1)} ${num(x + r + 1)},${num(y)} ${num(x)},${num(y + r + 1)} ${num(x - r - 1)},${num(y)}" fill="${color}"/>`;
	}
}

/** A legend key: a 28-unit stretch of the series' line with its marker in the middle. */
function lineKey(st: LineStyle, x: number, y: number): string {
	return (
		`<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + 28)}" y2="${num(y)}" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>` +
		marker(st.marker, x + 14, y, st.stroke)
	);
}

/**
 * The legend entries of a line chart for an HTML legend: each series' label and its key as a
 * small SVG of its own, drawn exactly as in the chart.
 */
export function lineLegendItems(
	series: readonly LineSeries[],
): Array<{ key: string; label: string; swatch: string }> {
	const styles = lineStyles(series);
	return series.map((s, i) => ({
		key: s.key,
		label: s.label,
		swatch: `<svg xmlns="http://www.w3.org/2000/svg" class="key" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true">${lineKey(styles[i] ?? EMPHASIS_STYLE, 2, 6)}</svg>`,
	}));
}

interface Plot {
	left: number;
	top: number;
	w: number;
	h: number;
	lo: number;
	xOf: (i: number) => number;
	yOf: (v: number) => number;
}

const isValue = (v: number | null | undefined): v is number =>
	v !== null && v !== undefined && Number.isFinite(v);

/** The y axis runs from the 10 % step below the lowest value to 100 %. */
function plotOf(options: LineChartOptions, width: number, top: number): Plot {
	const left = 52;
	const w = width - left - 20;
	const h = 170;
	const values = options.series.flatMap((s) => s.values.filter(isValue));
	const min = values.length > 0 ? Math.min(...values) : 0;
	const lo = Math.max(0, Math.min(0.9, Math.floor((min - 0.02) * 10) / 10));
	const count = options.categories.length;
	const step = count > 0 ? w / count : w;
	return {
		left,
		top,
		w,
		h,
		lo,
		xOf: (i) => left + step * (i + 0.5),
		yOf: (v) => top + h - ((Math.min(1, Math.max(lo, v)) - lo) / (1 - lo)) * h,
	};
}

function lineAxes(p: Plot, categories: readonly string[]): string {
	let out = `<g class="axis" font-size="11" fill="#333333">`;
	for (let t = Math.round(p.lo * 10); t <= 10; t++) {
		const y = p.yOf(t / 10);
		out +=
			`<line x1="${p.left}" y1="${num(y)}" x2="${num(p.left + p.w)}" y2="${num(y)}" stroke="#dddddd" stroke-width="1"/>` +
			`<text x="${p.left - 6}" y="${num(y + 4)}" text-anchor="end">${t * 10}%</text>`;
	}
	const bottom = p.top + p.h;
	out += `<line x1="${p.left}" y1="${p.top}" x2="${p.left}" y2="${bottom}" stroke="#333333"/>`;
	out += `<line x1="${p.left}" y1="${bottom}" x2="${num(p.left + p.w)}" y2="${bottom}" stroke="#333333"/>`;
	categories.forEach((c, i) => {
		out += `<text x="${num(p.xOf(i))}" y="${bottom + 18}" text-anchor="middle">${escapeHtml(c)}</text>`;
	});
	return `${out}</g>`;
}

/** One series: polylines between nulls, a marker per value, value labels when emphasised. */
function lineSeries(
	s: LineSeries,
	st: LineStyle,
	p: Plot,
	categories: readonly string[],
): string {
	let out = `<g class="series" data-key="${escapeHtml(s.key)}"><title>${escapeHtml(s.label)}</title>`;
	let run: string[] = [];
	const flush = () => {
		if (run.length > 1)
			out += `<polyline points="${run.join(" ")}" fill="none" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>`;
		run = [];
	};
	categories.forEach((_, i) => {
		const v = s.values[i];
		if (isValue(v)) run.push(`${num(p.xOf(i))},${num(p.yOf(v))}`);
		else flush();
	});
	flush();
	categories.forEach((c, i) => {
		const v = s.values[i];
		if (!isValue(v)) return;
		const x = p.xOf(i);
		const y = p.yOf(v);
		out += `<g data-value="${Math.round(v * 10000) / 10000}">${marker(st.marker, x, y, st.stroke)}<title>${escapeHtml(`${s.label} ${c}：${formatPercent(v)}`)}</title></g>`;
		if (s.emphasis)
			out += `<text x="${num(x)}" y="${num(y - 9)}" font-size="11" font-weight="bold" text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">${formatPercent(v)}</text>`;
	});
	return `${out}</g>`;
}

/**
 * A small line chart of shares (0–1) over categories (fiscal years). Null values break the
 * line. Emphasised series are solid and dark with their values labelled; others are dashed with
 * distinct markers.
 */
export function lineChart(options: LineChartOptions): string {
	const width = options.width ?? 640;
	const withLegend = options.legend ?? true;
	const id = safeId(options.id);
	const cats = options.categories;
	const p = plotOf(options, width, withLegend ? 34 : 18);
	const legendTop = p.top + p.h + 36;
	const legendRows = Math.ceil(options.series.length / 2);
	const height = withLegend
		? legendTop + legendRows * 18 + 6
		: p.top + p.h + 26;
	const aria = `${options.title}：${options.series
		.map(
			(s) =>
				`${s.label} ${cats
					.map((c, i) => `${c} ${formatPercent(s.values[i] ?? null)}`)
					.join("、")}`,
		)
		.join("／")}`;
	const styles = lineStyles(options.series);

	let out = open(
		width,
		height,
		`${id}-title`,
		options.title,
		aria,
		"chart line",
	);
	if (withLegend)
		out += `<text x="8" y="20" font-size="14" font-weight="bold" fill="#000000">${escapeHtml(options.title)}</text>`;
	out += lineAxes(p, cats);
	options.series.forEach((s, i) => {
		out += lineSeries(s, styles[i] ?? EMPHASIS_STYLE, p, cats);
	});
	if (withLegend) {
		const colW = (width - 16) / 2;
		out += `<g class="legend" font-size="12">`;
		options.series.forEach((s, i) => {
			const lx = 8 + (i % 2) * colW;
			const ly = legendTop + Math.floor(i / 2) * 18;
			out += `${lineKey(styles[i] ?? EMPHASIS_STYLE, lx, ly + 6)}<text x="${num(lx + 36)}" y="${num(ly + 10)}" fill="#000000">${escapeHtml(s.label)}</text>`;
		});
		out += "</g>";
	}
	return `${out}</svg>`;
}
