import { describe, expect, it } from "vitest";
import {
	achievementParagraphs,
	circledNumber,
	defaultPlanInfoRows,
	initiativeKey,
	missingPlanInfoRows,
	parsePlanInfo,
	policyTextItem,
	printable,
	type ReportDocument,
	readEntryRows,
	reportDocument,
	tally,
} from "../../src/domain";
import { renderReportHtml } from "../../src/domain/report-html";
import { loadSamplePlan, sampleEntrySheetValues } from "../../src/sample";

/** The sample's FY2023 report; `edit` may change the achievements first. */
function sampleReport(
	edit: (achievements: Map<string, string>) => void = () => {},
): ReportDocument {
	const { plan } = loadSamplePlan();
	const rows = readEntryRows(sampleEntrySheetValues()).rows;
	const t = tally(plan, rows);
	const achievements = new Map(
		rows.map((r) => [initiativeKey(r.no), r.achievement]),
	);
	edit(achievements);
	return reportDocument({
		plan,
		info: parsePlanInfo(defaultPlanInfoRows()),
		fiscalYear: 2023,
		tally: t,
		achievements,
		years: [{ fiscalYear: 2023, tally: t }],
	});
}

describe("the 計画 sheet", () => {
	it("seeds the plan's name, period, basic idea and each policy's description", () => {
		const info = parsePlanInfo(defaultPlanInfoRows());
		expect(info.name).toBe("亀山市行政DX推進計画");
		expect(info.period).toBe("令和4～8年度（5年間）");
		expect(info.basicIdea).toContain("利用者中心の行政サービスへ変革します");
		expect(Object.keys(info.policyTexts)).toEqual(["I", "II", "III"]);
	});

	it("reads policy items in any numeral form, keeps line breaks, first row wins", () => {
		const info = parsePlanInfo([
			["項目", "値"],
			["計画名", " 〇〇市DX計画 "],
			["計画名", "二つ目"],
			["基本方針の説明（Ⅱ）", "一行目\n二行目"],
			["基本方針の説明(ｉｉｉ)", "三"],
		]);
		expect(info.name).toBe("〇〇市DX計画");
		expect(info.policyTexts).toEqual({ II: "一行目\n二行目", III: "三" });
	});

	it("lists only the items an older sheet lacks, each policy on its own", () => {
		const rows = defaultPlanInfoRows().filter(
			(r) => r[0] !== "基本理念" && r[0] !== policyTextItem("II"),
		);
		expect(missingPlanInfoRows(rows).map((r) => r[0])).toEqual([
			"基本理念",
			"基本方針の説明（II）",
		]);
		expect(missingPlanInfoRows(defaultPlanInfoRows())).toEqual([]);
	});
});

describe("text of 主な取組実績", () => {
	it("splits at ■ lines, keeps other lines and bullets inside the paragraph", () => {
		expect(
			achievementParagraphs(
				"■一つ目\r\n・交付率 86.49%\n\n■二つ目\n  - 箇条書き\n",
			),
		).toEqual(["■一つ目\n・交付率 86.49%", "■二つ目\n  - 箇条書き"]);
		expect(achievementParagraphs("書き出しに■なし")).toEqual([
			"■書き出しに■なし",
		]);
		expect(achievementParagraphs(" \n ")).toEqual([]);
	});

	it("removes control characters but tab and line feed", () => {
		expect(printable("a\u0000b\u0007c\u001bd\te\r\nf\u0085")).toBe(
			"abcd\te\nf",
		);
	});

	it("numbers measures ① … ㊿", () => {
		expect([1, 20, 21, 35, 36, 50, 51].map(circledNumber)).toEqual([
			"①",
			"⑳",
			"㉑",
			"㉟",
			"㊱",
			"㊿",
			"(51)",
		]);
	});
});

describe("the sample's 報告資料", () => {
	it("計画の概要 gives the counts from the master: 3 / 24 / 85", () => {
		const doc = sampleReport();
		expect(doc.title).toBe("亀山市行政DX推進計画の進捗状況について");
		expect(doc.overview.counts).toEqual({
			policies: 3,
			measures: 24,
			initiatives: 85,
		});
		expect(doc.overview.sections.map((s) => s.heading)).toEqual([
			"（1）計画の位置付け",
			"（2）計画期間 令和4～8年度（5年間）",
			"（3）計画の骨格",
		]);
		expect(doc.overview.sections[2]?.paragraphs.join("")).toContain(
			"「行政サービスのDX」「行政経営のDX」「市民・地域のDX」の3つの基本方針と、それに基づく24の重点施策",
		);
		expect(doc.overview.policies[1]?.measures[11]).toBe(
			"⑫情報セキュリティ対策の強化",
		);
	});

	it("進捗度評価 is the seed's table, sentence and note", () => {
		const e = sampleReport().evaluation;
		expect(e.table.header).toEqual([
			"評価区分",
			"行政サービスのDX",
			"行政経営のDX",
			"市民・地域のDX",
			"合計",
		]);
		expect(e.table.rows.map((r) => r.cells)).toEqual([
			["A 順調に進んだ", 17, 40, 8, 65],
			["B まずまず進んだ", 3, 12, 9, 24],
			["C あまり進まなかった", 1, 2, 0, 3],
			["D 進まなかった", 0, 0, 0, 0],
			["合計", 21, 54, 17, 92],
		]);
		expect(e.sentence).toContain(
			"令和5年度における、それぞれの具体的な取組（実施計画ベース）に対する担当部署の進捗評価は、A（順調に進んだ）、B（まずまず進んだ）を合わせて、全体の96.7%",
		);
		expect(e.note).toContain("具体的取組の総数（85）を上回る");
		expect(e.charts.map((c) => c.title)).toEqual([
			"I 行政サービスのDX",
			"II 行政経営のDX",
			"III 市民・地域のDX",
		]);
		expect(e.charts[0]?.segments.map((s) => s.value)).toEqual([17, 3, 1, 0]);
		expect(e.years).toBeNull();
	});

	it("取組実績の要点: one row per measure, departments the union, 再掲 under both", () => {
		const doc = sampleReport();
		const service = doc.highlights.policies[0];
		expect(service?.heading).toBe("（1）行政サービスのDX");
		expect(service?.measures).toHaveLength(6);
		const online = service?.measures[0];
		expect(online?.label).toBe("①行政手続のオンライン化の推進");
		expect(online?.departments).toEqual(["DX推進室", "市民課"]);
		expect(online?.items.map((i) => i.no)).toEqual(["1", "2", "3", "4"]);
		expect(online?.items[0]?.paragraphs[0]).toMatch(/^■マイナンバーカード/);
		// No 2 is under I-1 first and II-6 second: marked only under II-6.
		const docs = doc.highlights.policies[1]?.measures.find(
			(m) => m.code === "II-6",
		);
		const repeated = docs?.items.find((i) => i.no === "2");
		expect(online?.items[1]?.repeat).toBe(false);
		expect(repeated?.repeat).toBe(true);
		expect(repeated?.paragraphs[0]).toMatch(/^■（再掲）電子申請フォーム/);
		const all = doc.highlights.policies.flatMap((p) => p.measures);
		expect(all).toHaveLength(24);
		const placements = all.reduce((n, m) => n + m.items.length, 0);
		const { plan } = loadSamplePlan();
		expect(placements).toBe(
			plan.initiatives.reduce((n, i) => n + i.measures.length, 0),
		);
	});

	it("lists an initiative without achievements as such, and keeps long texts whole", () => {
		const long = `■${"長い文章。".repeat(400)}\n・箇条書き`;
		const doc = sampleReport((a) => {
			a.set(initiativeKey("1"), "");
			a.set(initiativeKey("4"), long);
		});
		const items = doc.highlights.policies[0]?.measures[0]?.items ?? [];
		expect(items[0]?.missing).toBe(true);
		expect(items[0]?.paragraphs).toEqual([
			"■取組No 1「ぴったりサービスの利用可能手続の拡充」の主な取組実績は記入されていません。",
		]);
		expect(items[3]?.paragraphs).toEqual([long]);
	});

	it("escapes hostile text in the HTML and never drops it", () => {
		const hostile =
			'<script>alert("x")</script> & =HYPERLINK("http://evil.example","x")\u0007';
		const doc = sampleReport((a) => a.set(initiativeKey("1"), hostile));
		const html = renderReportHtml(doc);
		expect(html).not.toContain("<script>");
		expect(html).not.toContain("\u0007");
		expect(html).toContain(
			"■&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)",
		);
	});

	it("adds the year-over-year table when earlier years exist", () => {
		const { plan } = loadSamplePlan();
		const rows = readEntryRows(sampleEntrySheetValues()).rows;
		const t = tally(plan, rows);
		const doc = reportDocument({
			plan,
			info: parsePlanInfo(defaultPlanInfoRows()),
			fiscalYear: 2024,
			tally: t,
			achievements: new Map(),
			years: [
				{ fiscalYear: 2023, tally: t },
				{ fiscalYear: 2024, tally: t },
			],
		});
		const years = doc.evaluation.years;
		expect(years?.table.rows).toHaveLength(8);
		expect(years?.table.rows[3]?.cells).toEqual([
			"令和5年度",
			"合計",
			65,
			24,
			3,
			0,
			0,
			92,
			"96.7%",
		]);
	});
});
