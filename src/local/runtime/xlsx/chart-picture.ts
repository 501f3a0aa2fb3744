/**
 * An embedded chart as a PNG picture for the saved .xlsx. exceljs writes no chart parts, so the
 * chart is drawn from its model (the data in its range, read as Sheets maps ranges to series)
 * with the same SVG as the HTML report (src/domain/svg.ts), rasterised by resvg
 * (@resvg/resvg-js: prebuilt binaries inside its npm packages, no native build).
 */
import { Resvg } from "@resvg/resvg-js";
import { BOOK_FONT } from "../../../domain/layout";
import { type BarSegment, stackedBarChart } from "../../../domain/svg";
import { type ChartModel, getCell, type SheetModel } from "../model";

/** Pixels per SVG unit: the picture is drawn at twice its displayed size so it prints sharply. */
const SCALE = 2;
const CHART_WIDTH = 640;

interface Category {
	label: string;
	segments: BarSegment[];
}

function text(sheet: SheetModel, row: number, col: number): string {
	return String(getCell(sheet, row, col)).replace(/^'/, "");
}

function segmentKey(label: string): string {
	const first = label.trim().charAt(0);
	return "ABCD".includes(first) && first !== "" ? first : "unrated";
}

/**
 * Categories (the domain) and their stacked segments (the series). Transposed: the header row
 * is the domain and each further row a series labelled by its first cell; otherwise the header
 * column is the domain and each further column a series.
 */
function categories(sheet: SheetModel, chart: ChartModel): Category[] {
	const r = chart.ranges[0];
	if (!r) return [];
	const across = chart.transposed ? r.numCols : r.numRows;
	const along = chart.transposed ? r.numRows : r.numCols;
	const at = (domain: number, series: number) =>
		chart.transposed
			? { row: r.row + series, col: r.col + domain }
			: { row: r.row + domain, col: r.col + series };
	const out: Category[] = [];
	for (let d = 1; d < across; d++) {
		const head = at(d, 0);
		const segments: BarSegment[] = [];
		for (let s = 1; s < along; s++) {
			const name = at(0, s);
			const cell = at(d, s);
			const label = text(sheet, name.row, name.col);
			const value = Number(getCell(sheet, cell.row, cell.col)) || 0;
			segments.push({ key: segmentKey(label), label, value });
		}
		out.push({ label: text(sheet, head.row, head.col), segments });
	}
	return out;
}

/** The chart as one SVG document: its title, then one stacked bar per category. */
function chartSvg(sheet: SheetModel, chart: ChartModel): string {
	const parts: string[] = [];
	let y = 36;
	categories(sheet, chart).forEach((c, i) => {
		const svg = stackedBarChart({
			id: `chart-${chart.id}-${i}`,
			title: c.label,
			segments: c.segments,
			width: CHART_WIDTH,
		});
		const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0);
		parts.push(svg.replace("<svg ", `<svg y="${y}" `));
		y += height + 8;
	});
	const title = chart.title.replace(
		/[&<>"]/g,
		(ch) => `&#${ch.charCodeAt(0)};`,
	);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${y}" viewBox="0 0 ${CHART_WIDTH} ${y}">` +
		`<rect width="100%" height="100%" fill="#ffffff"/>` +
		`<text x="8" y="24" font-size="16" font-weight="bold" font-family="'${BOOK_FONT}','Noto Sans CJK JP','Meiryo','Yu Gothic',sans-serif">${title}</text>` +
		`${parts.join("")}</svg>`
	);
}

export interface ChartPicture {
	png: Buffer;
	/** Displayed size in pixels. */
	width: number;
	height: number;
}

export function chartPicture(
	sheet: SheetModel,
	chart: ChartModel,
): ChartPicture {
	return svgPicture(chartSvg(sheet, chart));
}

/** Any chart SVG of ours as a PNG (the 報告資料's Word pictures too: one chart renderer). */
export function svgPicture(svg: string): ChartPicture {
	const rendered = new Resvg(svg, {
		fitTo: { mode: "zoom", value: SCALE },
		font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans CJK JP" },
		background: "#ffffff",
	}).render();
	return {
		png: Buffer.from(rendered.asPng()),
		width: rendered.width / SCALE,
		height: rendered.height / SCALE,
	};
}
