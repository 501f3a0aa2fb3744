import { describe, expect, it } from "vitest";
import { lineChart, stackedBarChart } from "../../src/domain/svg";
import {
	formatTokyoDateTime,
	renderReport,
	type SummaryJson,
} from "../../src/local/cli/report";

function counts(A: number, B: number, C: number, D: number, unrated = 0) {
	return { A, B, C, D, unrated, total: A + B + C + D + unrated };
}

/** The seed's FY2023 table (SPEC 1). */
function fy2023(): SummaryJson {
	return {
		fiscalYear: 2023,
		label: "令和5年度",
		policies: [
			{ code: "I", name: "行政サービスのDX", ...counts(17, 3, 1, 0) },
			{ code: "II", name: "行政経営のDX", ...counts(40, 12, 2, 0) },
			{ code: "III", name: "市民・地域のDX", ...counts(8, 9, 0, 0) },
		],
		total: counts(65, 24, 3, 0),
		initiatives: 85,
		abShare: 89 / 92,
		gross: 92,
		extraPlacements: 7,
		distinct: counts(60, 22, 3, 0),
		measures: [
			{
				code: "I-1",
				policyCode: "I",
				name: "行かない窓口",
				...counts(3, 1, 0, 0),
			},
			{
				code: "II-9",
				policyCode: "II",
				name: "オープンデータ & <推進>",
				...counts(2, 0, 1, 0, 1),
			},
		],
		departments: [
			{
				name: "DX推進室",
				target: 10,
				done: 10,
				blank: 0,
				fix: 0,
				progress: 1,
				lastUpdated: "2024-05-31T05:05:00.000Z",
			},
			{
				name: "<script>alert(1)</script>",
				target: 3,
				done: 1,
				blank: 1,
				fix: 1,
				progress: 1 / 3,
				lastUpdated: null,
			},
		],
		unreported: [
			{
				name: "<script>alert(1)</script>",
				missing: [
					{ no: "12", name: '"onmouseover="x', status: "未入力" },
					{ no: "13", name: "公共施設予約", status: "要修正：評価理由を入力" },
				],
			},
		],
	};
}

/** Text content of each cell of each <tr> inside the first element matching `open`. */
function tableCells(html: string, tableClass: string): string[][] {
	const start = html.indexOf(`<table class="${tableClass}"`);
	expect(start).toBeGreaterThanOrEqual(0);
	const end = html.indexOf("</table>", start);
	const table = html.slice(start, end);
	return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
		[...(m[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
			(c[1] ?? "").replace(/<[^>]+>/g, ""),
		),
	);
}

const VOID = new Set(["meta", "br", "hr", "img", "link", "input", "col"]);

/** Checks that every non-void open tag has its matching close tag, properly nested. */
function assertBalanced(html: string): void {
	const stack: string[] = [];
	const body = html.replace(/<!DOCTYPE[^>]*>/i, "");
	for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g)) {
		const [, closing, rawName, , selfClosing] = m;
		const name = (rawName ?? "").toLowerCase();
		if (closing) {
			const top = stack.pop();
			expect(top, `closing </${name}> at ${m.index}`).toBe(name);
		} else if (!selfClosing && !VOID.has(name)) {
			stack.push(name);
		}
	}
	expect(stack).toEqual([]);
}

/**
 * Attribute names of every start tag, parsed strictly (double-quoted values only). Fails when a
 * `<letter` starts something that is not such a tag, i.e. when markup leaked in.
 */
function attributeNames(html: string): string[] {
	const names: string[] = [];
	const body = html.replace(/<!DOCTYPE[^>]*>/i, "");
	const starts = body.match(/<[a-zA-Z]/g) ?? [];
	const tags = [
		...body.matchAll(/<[a-zA-Z][\w-]*((?:\s+[\w:-]+(?:="[^"<]*")?)*)\s*\/?>/g),
	];
	expect(tags.length).toBe(starts.length);
	for (const t of tags)
		for (const a of (t[1] ?? "").matchAll(/\s+([\w:-]+)(?:="[^"]*")?/g))
			names.push((a[1] ?? "").toLowerCase());
	return names;
}

/** The <svg>…</svg> fragments of a document. */
function svgs(html: string): string[] {
	return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

function segments(svg: string) {
	return [
		...svg.matchAll(
			/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*data-key="([^"]+)" data-value="(\d+)"/g,
		),
	].map((m) => ({
		x: Number(m[1]),
		width: Number(m[2]),
		key: m[3],
		value: Number(m[4]),
	}));
}

describe("renderReport", () => {
	const html = renderReport(fy2023(), {
		generatedAt: new Date("2024-06-01T00:30:00Z"),
		workbookName: "進捗<評価>.xlsx",
	});

	it("is a Japanese HTML5 document titled from the label", () => {
		expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
		expect(html).toContain('<html lang="ja">');
		expect(html).toContain('<meta charset="utf-8">');
		expect(html).toContain(
			"<title>令和5年度 進捗度評価集計（具体的取組ベース）</title>",
		);
		expect(html).toContain(
			"<h1>令和5年度 進捗度評価集計（具体的取組ベース）</h1>",
		);
		expect(html).toContain("@page { size: A4;");
		expect(html).toContain("元データ：進捗&lt;評価&gt;.xlsx");
		expect(html).toContain("作成日時：2024/06/01 09:30");
	});

	it("reproduces the seed's policy table cell by cell", () => {
		expect(tableCells(html, "policy-table")).toEqual([
			[
				"評価区分",
				"行政サービスのDX",
				"行政経営のDX",
				"市民・地域のDX",
				"合計",
			],
			["A 順調に進んだ", "17", "40", "8", "65"],
			["B まずまず進んだ", "3", "12", "9", "24"],
			["C あまり進まなかった", "1", "2", "0", "3"],
			["D 進まなかった", "0", "0", "0", "0"],
			["未評価", "0", "0", "0", "0"],
			["合計", "21", "54", "17", "92"],
			["A+B の割合", "95.2%", "96.3%", "100.0%", "96.7%"],
		]);
	});

	it("writes the 再掲 note with the actual numbers", () => {
		expect(html).toContain(
			"※複数の基本方針に位置付けた取組（再掲）が含まれているため、合計数（92）は、具体的取組の総数（85）を上回る（再掲 7件）。",
		);
		const none = renderReport({
			...fy2023(),
			gross: 85,
			extraPlacements: 0,
		});
		expect(none).not.toContain("再掲 ");
		expect(none).toContain("合計数（85）は具体的取組の総数（85）と一致する");
	});

	it("draws one accessible stacked bar per policy, widths proportional to counts", () => {
		const figures = [
			...html.matchAll(
				/<figure class="chart policy-chart"[^>]*>([\s\S]*?)<\/figure>/g,
			),
		].map((m) => m[1] ?? "");
		expect(figures).toHaveLength(3);
		const expected = [
			{ A: 17, B: 3, C: 1 },
			{ A: 40, B: 12, C: 2 },
			{ A: 8, B: 9 },
		];
		figures.forEach((fig, i) => {
			expect(svgs(fig)).toHaveLength(1);
			expect(fig).toMatch(/<svg [^>]*role="img"[^>]*aria-label="[^"]+"/);
			expect(fig).toMatch(/<svg[^>]*>\s*<title[^>]*>[^<]+<\/title>/);
			const segs = segments(fig);
			const want = expected[i] ?? {};
			expect(Object.fromEntries(segs.map((s) => [s.key, s.value]))).toEqual(
				want,
			);
			const total = segs.reduce((s, x) => s + x.value, 0);
			const barWidth = segs.reduce((s, x) => s + x.width, 0);
			expect(barWidth).toBeCloseTo(464, 1); // the report's 480-unit chart, 8 each side
			let x = segs[0]?.x ?? 0;
			for (const s of segs) {
				expect(s.width).toBeCloseTo((s.value / total) * barWidth, 1);
				expect(s.x).toBeCloseTo(x, 1);
				x += s.width;
			}
			// Legend: every rating, with count and percentage, zero included.
			for (const label of [
				"A 順調に進んだ",
				"B まずまず進んだ",
				"D 進まなかった",
			])
				expect(fig).toContain(label);
			expect(fig).toContain("D 進まなかった：0件（0.0%）");
		});
		expect(figures[0]).toContain("A 順調に進んだ：17件（81.0%）");
		expect(figures[0]).toContain("C あまり進まなかった：1件（4.8%）");
		expect(figures[2]).toContain("B まずまず進んだ：9件（52.9%）");
		expect(figures[0]).not.toContain("未評価");
	});

	it("uses fills that get lighter from A to D (greyscale-safe)", () => {
		const fig = svgs(html)[1] ?? "";
		const lum = (key: string) => {
			const m = fig.match(
				new RegExp(`fill="#([0-9a-f]{6})"[^>]*data-key="${key}"`),
			);
			const hex = m?.[1] ?? "000000";
			const [r, g, b] = [0, 2, 4].map((i) =>
				Number.parseInt(hex.slice(i, i + 2), 16),
			);
			return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
		};
		expect(lum("A")).toBeLessThan(lum("B"));
		expect(lum("B")).toBeLessThan(lum("C"));
		// D has no segment in FY2023; check the legend swatch order via the exported chart.
		const all = stackedBarChart({
			id: "x",
			title: "t",
			segments: ["A", "B", "C", "D"].map((k) => ({
				key: k,
				label: k,
				value: 1,
			})),
		});
		const fills = segments(all).map(
			(s) =>
				all.match(
					new RegExp(`fill="(#[0-9a-f]{6})"[^>]*data-key="${s.key}"`),
				)?.[1],
		);
		expect(new Set(fills).size).toBe(4);
	});

	it("shows 未評価 as a segment only when there are some", () => {
		const s = fy2023();
		s.policies[0] = {
			code: "I",
			name: "行政サービスのDX",
			...counts(17, 3, 1, 0, 4),
		};
		const out = renderReport(s);
		const fig = svgs(out)[0] ?? "";
		const segs = segments(fig);
		expect(segs.map((x) => x.key)).toEqual(["A", "B", "C", "unrated"]);
		expect(fig).toContain("未評価：4件（16.0%）");
		const w = Object.fromEntries(segs.map((x) => [x.key, x.width]));
		expect((w.unrated ?? 0) / (w.A ?? 1)).toBeCloseTo(4 / 17, 3);
	});

	it("handles a policy with nothing to rate", () => {
		const svg = stackedBarChart({
			id: "empty",
			title: "空",
			segments: [{ key: "A", label: "A", value: 0 }],
		});
		expect(segments(svg)).toEqual([]);
		expect(svg).toContain("評価対象なし");
		expect(svg).not.toContain("NaN");
	});

	it("lists measures, departments and missing initiatives", () => {
		expect(tableCells(html, "measure-table")).toEqual([
			["重点施策", "名称", "A", "B", "C", "D", "未評価", "計"],
			["I-1", "行かない窓口", "3", "1", "0", "0", "0", "4"],
			[
				"II-9",
				"オープンデータ &amp; &lt;推進&gt;",
				"2",
				"0",
				"1",
				"0",
				"1",
				"4",
			],
		]);
		expect(tableCells(html, "department-table")).toEqual([
			["課名", "対象", "入力済", "未入力", "要修正", "進捗率", "最終更新"],
			["DX推進室", "10", "10", "0", "0", "100.0%", "2024/05/31 14:05"],
			[
				"&lt;script&gt;alert(1)&lt;/script&gt;",
				"3",
				"1",
				"1",
				"1",
				"33.3%",
				"－",
			],
		]);
		expect(tableCells(html, "missing-table")).toEqual([
			["取組No", "取組名", "状態"],
			["12", "&quot;onmouseover=&quot;x", "未入力"],
			["13", "公共施設予約", "要修正：評価理由を入力"],
		]);
		const ok = renderReport({ ...fy2023(), unreported: [] });
		expect(ok).toContain("すべての担当課が回答済みです。");
	});

	it("formats date-times in Asia/Tokyo", () => {
		expect(formatTokyoDateTime("2024-05-31T05:05:00.000Z")).toBe(
			"2024/05/31 14:05",
		);
		expect(formatTokyoDateTime("2024-03-31T15:00:00Z")).toBe(
			"2024/04/01 00:00",
		);
		expect(formatTokyoDateTime(null)).toBe("－");
	});

	it("escapes every workbook string, in HTML and in SVG text and attributes", () => {
		expect(html).not.toContain("<script>alert(1)</script>");
		expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
		expect(html).not.toContain('"onmouseover="x');
		expect(attributeNames(html).filter((a) => a.startsWith("on"))).toEqual([]);
		expect(html).toContain("&quot;onmouseover=&quot;x");

		const s = fy2023();
		const evil = `<img src=x onerror="a('1')">&`;
		const escaped = "&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;";
		s.label = `令和5年度${evil}`;
		s.policies[1] = { code: `II"><b>`, name: evil, ...counts(40, 12, 2, 0) };
		s.years = [
			{
				fiscalYear: 2023,
				label: evil,
				policies: s.policies,
				total: s.total,
				abShare: s.abShare,
			},
		];
		const out = renderReport(s, { workbookName: evil });
		expect(out).not.toContain("<img");
		expect(out).not.toContain("<b>");
		expect(attributeNames(out).filter((a) => a.startsWith("on"))).toEqual([]);
		expect(out).toContain(escaped);
		// Inside the SVG: the title element, the aria-label attribute and the legend text.
		const svg = svgs(out)[1] ?? "";
		expect(svg).toMatch(/aria-label="[^"]*&lt;img src=x onerror=&quot;/);
		expect(svg).toContain(
			`<title id="policy-1-title">II&quot;&gt;&lt;b&gt; ${escaped}`,
		);
		assertBalanced(out);
	});

	it("is laid out for a phone and for A4 paper", () => {
		// Every table in its own sideways-scrolling box; charts scale with the page.
		const tables = html.match(/<table[\s>]/g) ?? [];
		const boxed = html.match(/<div class="table-box[^"]*"><table[\s>]/g) ?? [];
		expect(boxed.length).toBe(tables.length);
		expect(html).toContain(".table-box { overflow-x: auto;");
		expect(html).toContain(
			"svg.chart { display: block; width: 100%; height: auto; }",
		);
		for (const svg of svgs(html))
			expect(svg).toMatch(/viewBox="0 0 [\d.]+ [\d.]+"/);
		expect(html).toContain("@media print");
		expect(html).toContain(
			"figure.chart { margin: 0 0 4mm; break-inside: avoid;",
		);
		expect(html).not.toContain("break-before: page");
		expect(html).toMatch(
			/body \{ font-family: 'Hiragino Kaku Gothic ProN',[^;]*Meiryo,[^;]*'Noto Sans CJK JP'/,
		);
	});

	it("puts the chart legends in HTML, the SVG keeps its own when drawn alone", () => {
		const fig =
			html.match(/<figure class="chart policy-chart"[\s\S]*?<\/figure>/)?.[0] ??
			"";
		expect(fig).toContain(
			"<figcaption>I 行政サービスのDX（21件、A+B 95.2%）</figcaption>",
		);
		expect(fig).toMatch(
			/<ul class="legend"><li><span class="swatch" style="background:#08306b"><\/span>A 順調に進んだ：17件（81.0%）<\/li>/,
		);
		expect(svgs(fig)[0]).not.toContain('class="legend"');
		const alone = stackedBarChart({
			id: "alone",
			title: "単独",
			segments: [{ key: "A", label: "A 順調に進んだ", value: 2 }],
		});
		expect(alone).toContain('<g class="legend"');
		expect(alone).toContain("A 順調に進んだ：2件（100.0%）");
	});

	it("is self-contained: no scripts, no external resources", () => {
		expect(html.toLowerCase()).not.toContain("<script");
		expect(html).not.toMatch(/\ssrc\s*=/i);
		expect(html).not.toMatch(/href\s*=\s*["']?(https?:)?\/\//i);
		expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
		expect(html).not.toContain("@import");
		expect(html).not.toContain("<link");
		const attrs = attributeNames(html);
		expect(attrs.filter((a) => a.startsWith("on"))).toEqual([]);
		expect(attrs).not.toContain("src");
	});

	it("is well-formed: every <svg> closed, tags balanced", () => {
		const open = html.match(/<svg[\s>]/g) ?? [];
		const close = html.match(/<\/svg>/g) ?? [];
		expect(open.length).toBe(4); // three policies + the total
		expect(close.length).toBe(open.length);
		assertBalanced(html);
		expect(html).not.toContain("NaN");
		expect(html).not.toContain("undefined");
	});

	it("adds year over year only when summary.years is present", () => {
		expect(html).not.toContain("年度別の推移");
		const s = fy2023();
		s.years = [
			{
				fiscalYear: 2023,
				label: "令和5年度",
				policies: s.policies,
				total: s.total,
				abShare: s.abShare,
			},
			{
				fiscalYear: 2022,
				label: "令和4年度",
				policies: [
					{ code: "I", name: "行政サービスのDX", ...counts(10, 5, 5, 1) },
					{ code: "II", name: "行政経営のDX", ...counts(30, 10, 10, 4) },
					{ code: "III", name: "市民・地域のDX", ...counts(5, 5, 5, 2) },
				],
				total: counts(45, 20, 20, 7),
				abShare: 65 / 92,
			},
		];
		const out = renderReport(s);
		expect(out).toContain("年度別の推移");
		assertBalanced(out);
		const rows = tableCells(out, "years-table");
		expect(rows[0]).toEqual([
			"年度",
			"基本方針",
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"合計",
			"A+B の割合",
		]);
		// Oldest first.
		expect(rows[1]).toEqual([
			"令和4年度",
			"行政サービスのDX",
			"10",
			"5",
			"5",
			"1",
			"0",
			"21",
			"71.4%",
		]);
		expect(rows[4]).toEqual([
			"令和4年度",
			"合計",
			"45",
			"20",
			"20",
			"7",
			"0",
			"92",
			"70.7%",
		]);
		expect(rows[8]).toEqual([
			"令和5年度",
			"合計",
			"65",
			"24",
			"3",
			"0",
			"0",
			"92",
			"96.7%",
		]);
		const chart = svgs(out).find((x) => x.includes("A+B の割合の推移")) ?? "";
		expect(chart).toMatch(/role="img"/);
		const total = chart.slice(
			chart.indexOf('<g class="series" data-key="total">'),
			chart.indexOf('<g class="legend"'),
		);
		expect(total).toContain("70.7%");
		expect(total).toContain("96.7%");
		expect(chart.indexOf("令和4年度")).toBeLessThan(chart.indexOf("令和5年度"));
	});
});

describe("lineChart", () => {
	it("puts higher shares higher and breaks lines at nulls", () => {
		const svg = lineChart({
			id: "t",
			title: "推移",
			categories: ["R3", "R4", "R5"],
			series: [{ key: "a", label: "a", values: [0.5, null, 1] }],
		});
		expect(svg).not.toContain("<polyline"); // no two consecutive points
		const ys = [
			...svg.matchAll(
				/<g data-value="([\d.]+)"><circle cx="[\d.]+" cy="([\d.]+)"/g,
			),
		].map((m) => [Number(m[1]), Number(m[2])]);
		// Non-emphasised series use non-circle markers; use an emphasised one instead.
		expect(ys).toEqual([]);
		const svg2 = lineChart({
			id: "t",
			title: "推移",
			categories: ["R3", "R4"],
			series: [{ key: "a", label: "a", values: [0.5, 0.9], emphasis: true }],
		});
		const pts = [
			...svg2.matchAll(
				/<g data-value="([\d.]+)"><circle cx="[\d.]+" cy="([\d.]+)"/g,
			),
		].map((m) => [Number(m[1]), Number(m[2])]);
		expect(pts).toHaveLength(2);
		expect(pts[1]?.[1]).toBeLessThan(pts[0]?.[1] ?? 0);
		expect(svg2).toContain("<polyline");
	});
});

describe("svg escaping", () => {
	const evil = `<x a="1">&'`;
	const escaped = "&lt;x a=&quot;1&quot;&gt;&amp;&#39;";
	it("escapes titles, labels and keys of both charts", () => {
		const bar = stackedBarChart({
			id: `"><x>`,
			title: evil,
			segments: [
				{ key: evil, label: evil, value: 2 },
				{ key: "A", label: evil, value: 1 },
			],
		});
		const line = lineChart({
			id: evil,
			title: evil,
			categories: [evil],
			series: [{ key: evil, label: evil, values: [0.5] }],
		});
		for (const svg of [bar, line]) {
			expect(svg).not.toContain("<x");
			expect(svg).not.toContain('a="1"');
			expect(svg).toContain(escaped);
			assertBalanced(svg);
			attributeNames(svg);
		}
		expect(bar).toContain(
			`<text x="26" y="89" fill="#000000">${escaped}：2件（66.7%）</text>`,
		);
	});
});
