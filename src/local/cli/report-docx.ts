/**
 * The 報告資料 as a Word document (`report --docx`), from the same ReportDocument as the HTML:
 * A4 portrait, Mincho text and Gothic headings, real headings (Word's 見出し styles, so the
 * navigation pane and a table of contents work), real tables (header rows repeated on each page,
 * the 基本方針 cell merged down its measures) and the charts as PNG pictures drawn from the same
 * SVG as the HTML (svg.ts → resvg). The docx library writes the XML and escapes every text.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	HeadingLevel,
	ImageRun,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
} from "docx";
import type {
	ReportChart,
	ReportDocument,
	ReportTable,
} from "../../domain/report-document";
import { stackedBarChart } from "../../domain/svg";
import { svgPicture } from "../runtime/xlsx/chart-picture";

/** Word's Japanese fonts (Windows 8.1 and later, Office 2016 and later). */
export const REPORT_FONTS = { text: "游明朝", heading: "游ゴシック" } as const;

/** A4 in twips, 20 mm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
/** Half-points: 10 pt. */
const TABLE_SIZE = 20;
/** The header row of counts tables: 9 pt, so policy names stay on one line. */
const HEADER_SIZE = 18;
/** Picture width in pixels (96 dpi): about 150 mm. */
const CHART_PX = 560;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name });

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: border, bottom: border, left: border, right: border };

/** One paragraph; line breaks inside the text become Word line breaks. */
function para(
	text: string,
	options: {
		bold?: boolean;
		italic?: boolean;
		indent?: boolean;
		center?: boolean;
	} = {},
): Paragraph {
	return new Paragraph({
		children: text.split("\n").map(
			(line, i) =>
				new TextRun({
					text: line,
					...(i > 0 ? { break: 1 } : {}),
					...(options.bold ? { bold: true } : {}),
					...(options.italic ? { italics: true } : {}),
				}),
		),
		...(options.indent ? { indent: { firstLine: 210 } } : {}),
		...(options.center ? { alignment: AlignmentType.CENTER } : {}),
		spacing: { after: 80 },
	});
}

function heading(text: string, level: 1 | 2 | 3 | 4): Paragraph {
	const levels = [
		HeadingLevel.HEADING_1,
		HeadingLevel.HEADING_2,
		HeadingLevel.HEADING_3,
		HeadingLevel.HEADING_4,
	] as const;
	return new Paragraph({
		heading: levels[level - 1],
		keepNext: true,
		children: [new TextRun({ text })],
	});
}

function cell(
	children: Paragraph[],
	width: number,
	options: { header?: boolean; rowSpan?: number } = {},
): TableCell {
	return new TableCell({
		children,
		width: { size: width, type: WidthType.DXA },
		borders,
		...(options.header ? { shading: { fill: "E7EEF7" } } : {}),
		...(options.rowSpan && options.rowSpan > 1
			? { rowSpan: options.rowSpan }
			: {}),
	});
}

/** Counts tables are set a little smaller (10 pt) so 9-letter policy names fit their column. */
function cellText(
	value: string | number,
	bold = false,
	right = false,
	size?: number,
): Paragraph {
	return new Paragraph({
		children: [
			new TextRun({
				text: String(value),
				...(bold ? { bold: true } : {}),
				...(size ? { size } : {}),
			}),
		],
		...(right ? { alignment: AlignmentType.RIGHT } : {}),
	});
}

/** A counts table: first column labels, the others right-aligned. */
function countsTable(t: ReportTable): Table {
	const first = Math.round(CONTENT * 0.25);
	const rest = Math.floor((CONTENT - first) / Math.max(1, t.header.length - 1));
	const widths = t.header.map((_, i) => (i === 0 ? first : rest));
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: t.header.map((h, i) =>
			cell([cellText(h, true, i > 0, HEADER_SIZE)], widths[i] ?? rest, {
				header: true,
			}),
		),
	});
	const rows = t.rows.map(
		(r) =>
			new TableRow({
				cantSplit: true,
				children: r.cells.map((c, i) =>
					cell(
						[
							cellText(
								c,
								r.total === true,
								i > 0 && (typeof c === "number" || /%$/.test(String(c))),
								TABLE_SIZE,
							),
						],
						widths[i] ?? rest,
					),
				),
			}),
	);
	return new Table({
		rows: [header, ...rows],
		columnWidths: widths,
		width: { size: CONTENT, type: WidthType.DXA },
		margins: { left: 60, right: 60 },
	});
}

function highlightTable(
	doc: ReportDocument,
	policy: ReportDocument["highlights"]["policies"][number],
): Table {
	const widths = [0.13, 0.19, 0.13, 0.55].map((f) => Math.round(CONTENT * f));
	const w = (i: number) => widths[i] ?? 0;
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: doc.highlights.header.map((h, i) =>
			cell([cellText(h, true)], w(i), { header: true }),
		),
	});
	const rows = policy.measures.map((m, i) => {
		const achievements = m.items.flatMap((item) =>
			item.paragraphs.map((p) => para(p, { italic: item.missing })),
		);
		const cells = [
			cell([cellText(m.label)], w(1)),
			cell(
				m.departments.map((d) => cellText(d)),
				w(2),
			),
			cell(
				achievements.length > 0
					? achievements
					: [cellText("（具体的取組がありません）")],
				w(3),
			),
		];
		if (i === 0)
			cells.unshift(
				cell([cellText(policy.label)], w(0), {
					rowSpan: policy.measures.length,
				}),
			);
		return new TableRow({ children: cells });
	});
	return new Table({
		rows: [header, ...rows],
		columnWidths: widths,
		width: { size: CONTENT, type: WidthType.DXA },
	});
}

function chartParagraphs(chart: ReportChart): Paragraph[] {
	const picture = svgPicture(
		stackedBarChart({
			id: chart.id,
			title: chart.title,
			segments: chart.segments,
			heading: false,
		}),
	);
	const height = Math.round((picture.height / picture.width) * CHART_PX);
	return [
		new Paragraph({
			keepNext: true,
			children: [
				new TextRun({ text: `${chart.title}（${chart.caption}）`, bold: true }),
			],
		}),
		new Paragraph({
			children: [
				new ImageRun({
					type: "png",
					data: picture.png,
					transformation: { width: CHART_PX, height },
					altText: {
						name: chart.id,
						title: chart.title,
						description: chart.segments
							.map((s) => `${s.label} ${s.value}件`)
							.join("、"),
					},
				}),
			],
			spacing: { after: 160 },
		}),
	];
}

function overview(doc: ReportDocument): Array<Paragraph | Table> {
	const o = doc.overview;
	const out: Paragraph[] = [heading(o.heading, 2)];
	for (const s of o.sections) {
		out.push(heading(s.heading, 3));
		for (const p of s.paragraphs) out.push(para(p, { indent: true }));
	}
	if (o.basicIdea || o.basicIdeaText) {
		out.push(heading("基本理念", 3));
		if (o.basicIdea)
			out.push(para(`「${o.basicIdea}」`, { bold: true, center: true }));
		if (o.basicIdeaText) out.push(para(o.basicIdeaText, { indent: true }));
	}
	out.push(heading("基本方針", 3));
	for (const p of o.policies) {
		out.push(heading(p.label, 4));
		if (p.text) out.push(para(p.text, { indent: true }));
	}
	out.push(heading("重点施策", 3));
	for (const p of o.policies) {
		out.push(heading(p.label, 4));
		for (const m of p.measures) out.push(para(m));
	}
	return out;
}

function evaluation(doc: ReportDocument): Array<Paragraph | Table> {
	const e = doc.evaluation;
	const out: Array<Paragraph | Table> = [
		heading(e.heading, 2),
		para(e.sentence, { indent: true }),
		new Paragraph({
			keepNext: true,
			spacing: { before: 120 },
			children: [new TextRun({ text: e.tableTitle, bold: true })],
		}),
		countsTable(e.table),
		para(e.note),
		...e.charts.flatMap(chartParagraphs),
	];
	if (e.years)
		out.push(heading(e.years.heading, 3), countsTable(e.years.table));
	if (e.kpi)
		out.push(
			heading(e.kpi.heading, 3),
			countsTable(e.kpi.table),
			para(e.kpi.note),
		);
	return out;
}

/** The .docx bytes. `meta` (元データ, 作成日時) goes under the title when given. */
export async function renderReportDocx(
	doc: ReportDocument,
	meta: string[] = [],
): Promise<Buffer> {
	const children: Array<Paragraph | Table> = [
		heading(doc.title, 1),
		para(doc.subtitle),
		...meta.map((m) => para(m)),
		...overview(doc),
		heading(doc.highlights.heading, 2),
		...doc.highlights.policies.flatMap((p) => [
			heading(p.heading, 3),
			highlightTable(doc, p),
		]),
		...evaluation(doc),
	];
	const headingStyle = (size: number) => ({
		run: {
			font: font(REPORT_FONTS.heading),
			size,
			bold: true,
			color: "000000",
		},
		paragraph: { spacing: { before: 200, after: 100 } },
	});
	const document = new Document({
		title: `${doc.title}（${doc.subtitle}）`,
		creator: "DX進捗管理",
		styles: {
			default: {
				document: {
					run: {
						font: font(REPORT_FONTS.text),
						size: 21,
						language: { value: "ja-JP", eastAsia: "ja-JP" },
					},
				},
				heading1: headingStyle(30),
				heading2: headingStyle(26),
				heading3: headingStyle(23),
				heading4: headingStyle(21),
			},
		},
		sections: [
			{
				properties: {
					page: {
						size: { width: PAGE.width, height: PAGE.height },
						margin: {
							top: PAGE.margin,
							bottom: PAGE.margin,
							left: PAGE.margin,
							right: PAGE.margin,
						},
					},
				},
				children,
			},
		],
	});
	return Packer.toBuffer(document);
}
