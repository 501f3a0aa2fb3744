/**
 * The 報告資料 as one self-contained HTML5 document: the dialog of 報告資料を作成 in Google and
 * `report --html` offline. Inline CSS and inline SVG charts (src/domain/svg.ts, the one chart
 * renderer), no external resources; the only script is the dialog's optional print button.
 * Every string of the document is escaped.
 */
import type { ReportDocument, ReportTable } from "./report-document";
import { barLegendHtml, FONT_STACK, stackedBarChart } from "./svg";
import { escapeHtml } from "./text";

export interface ReportHtmlOptions {
	/** 作成日時 as shown (`2024/06/03 09:30`). */
	generatedAt?: string;
	/** 元データ (the workbook's name). */
	source?: string;
	/** A 印刷 button (the Google dialog; hidden when printed). */
	printButton?: boolean;
}

/** Mincho for the text, as such reports are printed; each OS's own first, Noto on Linux. */
const MINCHO_STACK =
	"'Yu Mincho','YuMincho','游明朝','Hiragino Mincho ProN','MS PMincho','MS Mincho','Noto Serif CJK JP','Noto Serif JP',serif";

const esc = (v: unknown): string => escapeHtml(String(v ?? ""));

/** Line breaks inside a paragraph kept as <br>. */
const lines = (text: string): string => text.split("\n").map(esc).join("<br>");

// Colours as rgb(): the bundle test reads `#fff` after a space as private-member syntax.
const CSS = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; }
body { font-family: ${MINCHO_STACK}; font-size: 10.5pt; line-height: 1.6; color: #000; background: white; margin: 0 auto; max-width: 180mm; padding: 12px; overflow-wrap: anywhere; }
h1, h2, h3, h4, caption, th, .table-title { font-family: ${FONT_STACK}; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
.subtitle { margin: 0 0 2mm; }
.meta { font-size: 9pt; color: #333; margin: 0 0 4mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 1.5mm; }
p.text { text-indent: 1em; }
.basic-idea { font-weight: bold; text-align: center; margin: 2mm 0; }
ul.measures { margin: 0 0 2mm; padding-left: 1.5em; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2mm; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
thead th { background: rgb(231,238,247); }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table:not(.highlights) th[scope="row"] { white-space: nowrap; }
tr.total td, tr.total th { font-weight: bold; background: rgb(242,242,242); }
table.highlights td p { text-indent: 0; margin: 0 0 1mm; }
table.highlights td p.missing { color: #444; font-style: italic; }
table.highlights col.policy { width: 13%; } table.highlights col.measure { width: 19%; }
table.highlights col.dept { width: 13%; }
table.counts { break-inside: avoid; page-break-inside: avoid; }
.table-title { font-weight: bold; margin: 3mm 0 1mm; }
.note { font-size: 9.5pt; }
figure.chart { margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-family: ${FONT_STACK}; font-weight: bold; margin: 0 0 1mm; }
svg.chart { display: block; width: 100%; max-width: 150mm; height: auto; }
ul.legend { list-style: none; margin: 1mm 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5mm 6mm; font-size: 9pt; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #333; vertical-align: -0.1em; margin-right: 0.35em; }
.swatch.unrated { background: repeating-linear-gradient(45deg, white 0 2px, rgb(102,102,102) 2px 3.5px); }
.table-box { overflow-x: auto; }
.print { font-family: ${FONT_STACK}; font-size: 11pt; padding: 4px 16px; margin: 0 0 4mm; }
@media print { body { max-width: none; padding: 0; } .print, .print-note { display: none; } .table-box { overflow: visible; } }
`;

function table(t: ReportTable, className: string): string {
	const head = `<tr>${t.header
		.map(
			(h, i) =>
				`<th scope="col"${i > 0 && className === "counts" ? ` class="num"` : ""}>${esc(h)}</th>`,
		)
		.join("")}</tr>`;
	const body = t.rows
		.map((r) => {
			const cells = r.cells
				.map((c, i) =>
					i === 0
						? `<th scope="row">${esc(c)}</th>`
						: `<td${typeof c === "number" || /%$/.test(String(c)) ? ` class="num"` : ""}>${esc(c)}</td>`,
				)
				.join("");
			return `<tr${r.total ? ` class="total"` : ""}>${cells}</tr>`;
		})
		.join("");
	return `<div class="table-box"><table class="${className}"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

function overview(doc: ReportDocument): string {
	const o = doc.overview;
	const parts = [`<h2>${esc(o.heading)}</h2>`];
	for (const s of o.sections) {
		parts.push(`<h3>${esc(s.heading)}</h3>`);
		for (const p of s.paragraphs) parts.push(`<p class="text">${lines(p)}</p>`);
	}
	if (o.basicIdea || o.basicIdeaText) {
		parts.push("<h3>基本理念</h3>");
		if (o.basicIdea)
			parts.push(`<p class="basic-idea">「${lines(o.basicIdea)}」</p>`);
		if (o.basicIdeaText)
			parts.push(`<p class="text">${lines(o.basicIdeaText)}</p>`);
	}
	parts.push("<h3>基本方針</h3>");
	for (const p of o.policies) {
		parts.push(`<h4>${esc(p.label)}</h4>`);
		if (p.text) parts.push(`<p class="text">${lines(p.text)}</p>`);
	}
	parts.push("<h3>重点施策</h3>");
	for (const p of o.policies) {
		parts.push(
			`<h4>${esc(p.label)}</h4><ul class="measures">${p.measures
				.map((m) => `<li>${esc(m)}</li>`)
				.join("")}</ul>`,
		);
	}
	return `<section id="overview">${parts.join("")}</section>`;
}

function highlightTable(
	doc: ReportDocument,
	policy: ReportDocument["highlights"]["policies"][number],
): string {
	const head = `<tr>${doc.highlights.header.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr>`;
	const span = Math.max(1, policy.measures.length);
	const rows = policy.measures.map((m, i) => {
		const items = m.items
			.flatMap((item) =>
				item.paragraphs.map(
					(p) =>
						`<p${item.missing ? ` class="missing"` : ""} data-no="${esc(item.no)}">${lines(p)}</p>`,
				),
			)
			.join("");
		const policyCell =
			i === 0 ? `<td rowspan="${span}">${esc(policy.label)}</td>` : "";
		return `<tr data-measure="${esc(m.code)}">${policyCell}<td>${esc(m.label)}</td><td>${m.departments.map(esc).join("<br>")}</td><td>${items || "<p>（具体的取組がありません）</p>"}</td></tr>`;
	});
	if (rows.length === 0)
		rows.push(
			`<tr><td>${esc(policy.label)}</td><td colspan="3">（重点施策がありません）</td></tr>`,
		);
	return `<div class="table-box"><table class="highlights" data-policy="${esc(policy.code)}"><colgroup><col class="policy"><col class="measure"><col class="dept"><col></colgroup><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function chartFigure(
	chart: ReportDocument["evaluation"]["charts"][number],
): string {
	const svg = stackedBarChart({
		id: chart.id,
		title: chart.title,
		segments: chart.segments,
		width: 480,
		legend: false,
	});
	return `<figure class="chart" id="${esc(chart.id)}"><figcaption>${esc(chart.title)}（${esc(chart.caption)}）</figcaption>${svg}${barLegendHtml(chart.segments)}</figure>`;
}

function evaluation(doc: ReportDocument): string {
	const e = doc.evaluation;
	return `<section id="evaluation"><h2>${esc(e.heading)}</h2><p class="text">${lines(e.sentence)}</p><p class="table-title">${esc(e.tableTitle)}</p>${table(e.table, "counts")}<p class="note">${esc(e.note)}</p>${e.charts.map(chartFigure).join("")}${
		e.years
			? `<h3>${esc(e.years.heading)}</h3>${table(e.years.table, "years")}`
			: ""
	}${
		e.kpi
			? `<h3>${esc(e.kpi.heading)}</h3>${table(e.kpi.table, "kpi")}<p class="note">${esc(e.kpi.note)}</p>`
			: ""
	}</section>`;
}

export function renderReportHtml(
	doc: ReportDocument,
	options: ReportHtmlOptions = {},
): string {
	const meta: string[] = [];
	if (options.source) meta.push(`元データ：${esc(options.source)}`);
	if (options.generatedAt) meta.push(`作成日時：${esc(options.generatedAt)}`);
	const print = options.printButton
		? `<button type="button" class="print" onclick="window.print()">印刷</button><p class="meta print-note">表や文章は選択してコピーし、文書作成ソフトに貼り付けることもできます。</p>`
		: "";
	const body = [
		print,
		`<h1>${esc(doc.title)}</h1>`,
		`<p class="subtitle">${esc(doc.subtitle)}</p>`,
		meta.length > 0 ? `<p class="meta">${meta.join("　")}</p>` : "",
		overview(doc),
		`<section id="highlights"><h2>${esc(doc.highlights.heading)}</h2>${doc.highlights.policies
			.map((p) => `<h3>${esc(p.heading)}</h3>${highlightTable(doc, p)}`)
			.join("")}</section>`,
		evaluation(doc),
	].join("\n");
	return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${doc.title}（${doc.subtitle}）`)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
