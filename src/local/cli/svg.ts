/**
 * Inline SVG charts for the offline HTML report, built as strings (no DOM, no libraries).
 *
 * Every piece of text that reaches the markup goes through `escapeHtml`, titles and attributes
 * included, because names come from the workbook. Element ids are made from the caller's `id`
 * after reducing it to `[A-Za-z0-9_-]`, so a workbook value can never break out of an attribute.
 * Colours run from dark (A) to light (D) so the charts stay readable printed in greyscale; 未評価
 * is hatched.
 */
import { formatPercent } from "../../domain/tally";
import { escapeHtml, textWidth } from "../../domain/text";

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
}

/** Fills per rating, dark → light (luminance decreasing A → D). */
export const RATING_FILLS: Readonly<Record<string, string>> = {
	A: "#08306b",
	B: "#2f6eb0",
	C: "#8fbfe0",
	D: "#dbe9f6",
	unrated: "#ffffff",
};

/** Text colour readable on each fill. */
const TEXT_ON_FILL: Readonly<Record<string, string>> = {
	A: "#ffffff",
	B: "#ffffff",
	C: "#000000",
	D: "#000000",
	unrated: "#000000",
};

const FONT =
	"'Hiragino Kaku Gothic ProN','Hiragino Sans','Yu Gothic','Meiryo','Noto Sans CJK JP',sans-serif";

/** Attribute-safe id fragment. */
export function safeId(id: string): string {
	const cleaned = id.replace(/[^A-Za-z0-9_-]/g, "_");
	return /^[A-Za-z]/.test(cleaned) ? cleaned : `c${cleaned}`;
}

/** Coordinates with at most two decimals and no `-0`. */
export function num(n: number): string {
	if (!Number.isFinite(n)) return "0";
	const r = Math.round(n * 100) / 100;
	return String(r === 0 ? 0 : r);
}

function fillOf(key: string, patternId: string): string {
	if (key === "unrated") return `url(#${patternId})`;
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
		`font-family="${escapeHtml(FONT)}">` +
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
	const id = safeId(options.id);
	const patternId = `${id}-hatch`;
	const segments = options.segments;
	const total = segments.reduce((s, x) => s + Math.max(0, x.value), 0);
	const margin = 8;
	const barX = margin;
	const barY = 30;
	const barH = 34;
	const barW = width - margin * 2;

	const legendCols = 2;
	const legendTop = barY + barH + 14;
	const legendRowH = 20;
	const legendRows = Math.ceil(segments.length / legendCols);
	const height = legendTop + legendRows * legendRowH + 4;

	const ariaParts = segments.map(
		(s) => `${s.label} ${countText(s.value, total)}`,
	);
	const aria = `${options.title}：${ariaParts.join("、")}、合計 ${total}件`;

	let out = open(
		width,
		height,
		`${id}-title`,
		options.title,
		aria,
		"chart bar",
	);
	out += `<defs>${hatchPattern(patternId)}</defs>`;
	out += `<text x="${barX}" y="20" font-size="14" font-weight="bold" fill="#000000">${escapeHtml(options.title)}</text>`;

	if (total === 0) {
		out +=
			`<rect x="${barX}" y="${barY}" width="${num(barW)}" height="${barH}" fill="#ffffff" stroke="#999999" stroke-dasharray="4 3"/>` +
			`<text x="${num(barX + barW / 2)}" y="${num(barY + barH / 2 + 5)}" font-size="13" text-anchor="middle" fill="#333333">評価対象なし</text>`;
	} else {
		let x = barX;
		out += `<g class="segments">`;
		for (const s of segments) {
			const value = Math.max(0, s.value);
			if (value === 0) continue;
			const w = (value / total) * barW;
			const fill = fillOf(s.key, patternId);
			out +=
				`<rect x="${num(x)}" y="${barY}" width="${num(w)}" height="${barH}" fill="${fill}" stroke="#ffffff" stroke-width="1" ` +
				`data-key="${escapeHtml(s.key)}" data-value="${value}">` +
				`<title>${escapeHtml(`${s.label} ${countText(value, total)}`)}</title></rect>`;
			const label = String(value);
			if (textWidth(label, 13) + 6 <= w) {
				const color = TEXT_ON_FILL[s.key] ?? "#000000";
				const bg =
					s.key === "unrated"
						? ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`
						: "";
				out += `<text x="${num(x + w / 2)}" y="${num(barY + barH / 2 + 5)}" font-size="13" font-weight="bold" text-anchor="middle" fill="${color}"${bg}>${label}</text>`;
			}
			x += w;
		}
		out += "</g>";
		out += `<rect x="${barX}" y="${barY}" width="${num(barW)}" height="${barH}" fill="none" stroke="#333333" stroke-width="1"/>`;
	}

	const colW = barW / legendCols;
	out += `<g class="legend" font-size="12">`;
	segments.forEach((s, i) => {
		const col = i % legendCols;
		const row = Math.floor(i / legendCols);
		const lx = barX + col * colW;
		const ly = legendTop + row * legendRowH;
		out +=
			`<rect x="${num(lx)}" y="${num(ly)}" width="12" height="12" fill="${fillOf(s.key, patternId)}" stroke="#333333" stroke-width="0.5"/>` +
			`<text x="${num(lx + 18)}" y="${num(ly + 11)}" fill="#000000">${escapeHtml(`${s.label}：${countText(Math.max(0, s.value), total)}`)}</text>`;
	});
	out += "</g></svg>";
	return out;
}

const LINE_STYLES: ReadonlyArray<{
	stroke: string;
	dash: string;
	marker: "circle" | "square" | "triangle" | "diamond";
}> = [
	{ stroke: "#2f6eb0", dash: "6 3", marker: "square" },
	{ stroke: "#555555", dash: "2 3", marker: "triangle" },
	{ stroke: "#6a9fcf", dash: "9 3 2 3", marker: "diamond" },
	{ stroke: "#888888", dash: "4 4", marker: "circle" },
];

function marker(
	kind: "circle" | "square" | "triangle" | "diamond",
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

/**
 * A small line chart of shares (0–1) over categories (fiscal years). The y axis runs from the
 * 10 % step below the lowest value to 100 %. Null values break the line. Emphasised series are
 * solid and dark with their values labelled; others are dashed with distinct markers.
 */
export function lineChart(options: LineChartOptions): string {
	const width = options.width ?? 640;
	const id = safeId(options.id);
	const cats = options.categories;
	const left = 52;
	const right = 20;
	const top = 34;
	const plotH = 170;
	const legendTop = top + plotH + 36;
	const legendRowH = 18;
	const legendCols = 2;
	const legendRows = Math.ceil(options.series.length / legendCols);
	const height = legendTop + legendRows * legendRowH + 6;
	const plotW = width - left - right;

	const values = options.series.flatMap((s) =>
		s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
	);
	const min = values.length > 0 ? Math.min(...values) : 0;
	const lo = Math.max(0, Math.min(0.9, Math.floor((min - 0.02) * 10) / 10));
	const hi = 1;
	const yOf = (v: number) =>
		top + plotH - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotH;
	const step = cats.length > 0 ? plotW / cats.length : plotW;
	const xOf = (i: number) => left + step * (i + 0.5);

	const aria = `${options.title}：${options.series
		.map(
			(s) =>
				`${s.label} ${cats
					.map((c, i) => `${c} ${formatPercent(s.values[i] ?? null)}`)
					.join("、")}`,
		)
		.join("／")}`;

	let out = open(
		width,
		height,
		`${id}-title`,
		options.title,
		aria,
		"chart line",
	);
	out += `<text x="8" y="20" font-size="14" font-weight="bold" fill="#000000">${escapeHtml(options.title)}</text>`;

	// Grid and y axis.
	out += `<g class="axis" font-size="11" fill="#333333">`;
	for (let t = Math.round(lo * 10); t <= 10; t++) {
		const v = t / 10;
		const y = yOf(v);
		out +=
			`<line x1="${left}" y1="${num(y)}" x2="${num(left + plotW)}" y2="${num(y)}" stroke="#dddddd" stroke-width="1"/>` +
			`<text x="${left - 6}" y="${num(y + 4)}" text-anchor="end">${t * 10}%</text>`;
	}
	out += `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333333"/>`;
	out += `<line x1="${left}" y1="${top + plotH}" x2="${num(left + plotW)}" y2="${top + plotH}" stroke="#333333"/>`;
	cats.forEach((c, i) => {
		out += `<text x="${num(xOf(i))}" y="${top + plotH + 18}" text-anchor="middle">${escapeHtml(c)}</text>`;
	});
	out += "</g>";

	let styleIndex = 0;
	const styles = options.series.map((s) => {
		if (s.emphasis)
			return {
				stroke: "#08306b",
				dash: "",
				marker: "circle" as const,
				width: 3,
			};
		const st = LINE_STYLES[styleIndex++ % LINE_STYLES.length] ?? {
			stroke: "#555555",
			dash: "",
			marker: "circle" as const,
		};
		return { ...st, width: 2 };
	});

	options.series.forEach((s, si) => {
		const st = styles[si];
		if (!st) return;
		out += `<g class="series" data-key="${escapeHtml(s.key)}"><title>${escapeHtml(s.label)}</title>`;
		// Polyline runs between nulls.
		let run: string[] = [];
		const flush = () => {
			if (run.length > 1) {
				out += `<polyline points="${run.join(" ")}" fill="none" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>`;
			}
			run = [];
		};
		cats.forEach((_, i) => {
			const v = s.values[i];
			if (v === null || v === undefined || !Number.isFinite(v)) {
				flush();
				return;
			}
			run.push(`${num(xOf(i))},${num(yOf(v))}`);
		});
		flush();
		cats.forEach((c, i) => {
			const v = s.values[i];
			if (v === null || v === undefined || !Number.isFinite(v)) return;
			out += `<g data-value="${Math.round(v * 10000) / 10000}">${marker(st.marker, xOf(i), yOf(v), st.stroke)}<title>${escapeHtml(`${s.label} ${c}：${formatPercent(v)}`)}</title></g>`;
			if (s.emphasis) {
				out += `<text x="${num(xOf(i))}" y="${num(yOf(v) - 9)}" font-size="11" font-weight="bold" text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="3" paint-order="stroke">${formatPercent(v)}</text>`;
			}
		});
		out += "</g>";
	});

	// Legend.
	const colW = (width - 16) / legendCols;
	out += `<g class="legend" font-size="12">`;
	options.series.forEach((s, i) => {
		const st = styles[i];
		if (!st) return;
		const lx = 8 + (i % legendCols) * colW;
		const ly = legendTop + Math.floor(i / legendCols) * legendRowH;
		out +=
			`<line x1="${num(lx)}" y1="${num(ly + 6)}" x2="${num(lx + 28)}" y2="${num(ly + 6)}" stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>` +
			marker(st.marker, lx + 14, ly + 6, st.stroke) +
			`<text x="${num(lx + 36)}" y="${num(ly + 10)}" fill="#000000">${escapeHtml(s.label)}</text>`;
	});
	out += "</g></svg>";
	return out;
}
