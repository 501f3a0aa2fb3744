/**
 * SPEC 10 and 11 together through the bundle, in the Google deployment: another city's second
 * year (test/support/other-city.ts: its own 計画 sheet, ◎○△ with 完了/中止, KPIs, 令和5年度 on A–D
 * before it). 報告資料を作成's document and dialog follow the city's plan, scale and indicators,
 * with 年度別の推移 and the KPI table, every number checked against the recounts; the reminders
 * name the scale's options and the missing 実績値.
 */
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { ReportDocument, ReportTable } from "../../src/domain";
import { loadSamplePlan } from "../../src/sample";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { KPI_BUCKETS } from "../support/kpi-recount";
import {
	buildOtherCitySeason,
	CITY,
	CODES,
	HOSTILE,
	kpiRecount,
	OPTIONS,
	recount,
	topShare,
} from "../support/other-city";
import { DX, expectOk, openedSampleBook } from "./helpers";

const rt = openedSampleBook({
	now: () => new Date("2025-05-23T09:00:00+09:00"),
});
const { meant } = buildOtherCitySeason(rt, DX);
const expected = recount(meant);
const { plan } = loadSamplePlan();
const columns = [...plan.policies.map((p) => p.code), "合計"];
const shown = rt.state.ui.length;
const doc = expectOk(rt.runMenu("buildReport", DX)).report as ReportDocument;
const dialog = parseDocument(rt.state.ui.slice(shown).at(-1)?.message ?? "");

/** The cell texts of the dialog's table of class `name`, header row first. */
function dialogTable(name: string): string[][] {
	const table = DomUtils.findOne(
		(e) => e.name === "table" && e.attribs.class === name,
		dialog.children,
	);
	if (!table) throw new Error(`no table.${name} in the dialog`);
	return DomUtils.findAll((e) => e.name === "tr", [table]).map((tr) =>
		DomUtils.findAll((e) => e.name === "th" || e.name === "td", [tr]).map((c) =>
			DomUtils.textContent(c),
		),
	);
}

const asText = (t: ReportTable) => [
	t.header,
	...t.rows.map((r) => r.cells.map(String)),
];

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

describe("another city's 報告資料 (◎○△ with 完了/中止, KPIs, a year before)", () => {
	it("計画の概要 is the city's own 計画 sheet", () => {
		expect(doc.title).toBe(`${CITY.name}の進捗状況について`);
		expect(doc.overview.heading).toBe(`1 ${CITY.name}の概要`);
		expect(doc.overview.sections.map((s) => s.heading)).toContain(
			`（2）計画期間 ${CITY.period}`,
		);
		expect(doc.overview.policies[1]?.text).toBe(CITY.policyII);
		const h1 = DomUtils.findOne((e) => e.name === "h1", dialog.children);
		expect(h1 && DomUtils.textContent(h1)).toBe(doc.title);
	});

	it("進捗度評価: the table on the city's scale, every number as recounted, and the sentence", () => {
		const e = doc.evaluation;
		const count = (code: string) =>
			columns.map((c) => expected.get(c)?.[code] ?? 0);
		expect(e.table.header).toEqual([
			"評価区分",
			...plan.policies.map((p) => p.name),
			"合計",
		]);
		expect(e.table.rows.map((r) => r.cells)).toEqual([
			...OPTIONS.map((o, k) => [o, ...count(CODES[k] ?? "")]),
			["未評価", ...count("unrated")],
			["合計", ...count("total")],
		]);
		expect(dialogTable("counts")).toEqual(asText(e.table));
		const total = expected.get("合計") ?? {};
		const excluded = (total.完了 ?? 0) + (total.中止 ?? 0);
		const top = (total["◎"] ?? 0) + (total["○"] ?? 0);
		expect(e.sentence).toContain(
			`◎（計画以上に進んだ）、○（計画どおり進んだ）を合わせて、全体の${percent(topShare(total))}（対象外の${excluded}件を除く延べ${(total.total ?? 0) - excluded}件中${top}件）となっています。なお、未評価の取組が延べ${total.unrated}件あります。`,
		);
		expect(
			e.charts.map((c) =>
				Object.fromEntries(c.segments.map((s) => [s.label, s.value])),
			),
		).toEqual(
			plan.policies.map((p) => {
				const row = expected.get(p.code) ?? {};
				return Object.fromEntries([
					...OPTIONS.map((o, k) => [o, row[CODES[k] ?? ""] ?? 0]),
					...(row.unrated ? [["未評価", row.unrated]] : []),
				]);
			}),
		);
	});

	it("年度別の推移: 令和5年度 on A–D beside 令和6年度 on ◎○△", () => {
		const years = doc.evaluation.years;
		if (!years) throw new Error("no 年度別の推移");
		expect(years.table.header).toEqual([
			"年度",
			"基本方針",
			...CODES,
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"合計",
			"上位区分の割合（各年度の評価区分）",
		]);
		const none = CODES.map(() => "－");
		// 令和5年度: the seed's FY2023 table (SPEC 1).
		const fy2023: Array<[string, number[]]> = [
			["行政サービスのDX", [17, 3, 1, 0, 0, 21]],
			["行政経営のDX", [40, 12, 2, 0, 0, 54]],
			["市民・地域のDX", [8, 9, 0, 0, 0, 17]],
			["合計", [65, 24, 3, 0, 0, 92]],
		];
		const r6 = columns.map((c, i) => {
			const row = expected.get(c) ?? {};
			return [
				"令和6年度",
				plan.policies[i]?.name ?? "合計",
				...CODES.map((code) => row[code] ?? 0),
				"－",
				"－",
				"－",
				"－",
				row.unrated ?? 0,
				row.total ?? 0,
				percent(topShare(row)),
			];
		});
		expect(years.table.rows.map((r) => r.cells)).toEqual([
			...fy2023.map(([name, [a, b, c, d, u, t]]) => [
				"令和5年度",
				name,
				...none,
				a,
				b,
				c,
				d,
				u,
				t,
				percent(((a ?? 0) + (b ?? 0)) / (t ?? 1)),
			]),
			...r6,
		]);
		expect(dialogTable("years")).toEqual(asText(years.table));
	});

	it("KPIの達成状況: each bucket by 種別, as recounted", () => {
		const kpi = doc.evaluation.kpi;
		if (!kpi) throw new Error("no KPI section");
		const want = kpiRecount();
		const labels = ["100%以上", "80%以上", "50%以上", "50%未満", "未入力"];
		expect(kpi.table.header).toEqual([
			"達成率",
			"アウトプット",
			"アウトカム",
			"合計",
		]);
		expect(kpi.table.rows.map((r) => r.cells)).toEqual([
			...KPI_BUCKETS.map((b, i) => [
				labels[i],
				want.output[b],
				want.outcome[b],
				want.total[b],
			]),
			[
				"合計",
				want.output.indicators,
				want.outcome.indicators,
				want.total.indicators,
			],
		]);
		expect(dialogTable("kpi")).toEqual(asText(kpi.table));
	});

	it("取組実績の要点: （再掲）, an initiative without text listed under both its measures, text escaped and kept", () => {
		const measures = doc.highlights.policies.flatMap((p) => p.measures);
		const item = (measure: string, no: string) =>
			measures.find((m) => m.code === measure)?.items.find((i) => i.no === no);
		const name = plan.initiatives.find((i) => i.no === "2")?.name;
		expect(item("I-1", "2")?.paragraphs).toEqual([
			`■取組No 2「${name}」の主な取組実績は記入されていません。`,
		]);
		expect(item("II-6", "2")?.paragraphs).toEqual([
			`■（再掲）取組No 2「${name}」の主な取組実績は記入されていません。`,
		]);
		expect(item("I-1", "1")?.paragraphs).toEqual([
			"■令和6年度の実績1\n・内訳1",
		]);
		const html = rt.state.ui.slice(shown).at(-1)?.message ?? "";
		expect(html).toContain(
			"■&lt;b&gt;太字&lt;/b&gt; &amp; =SUM(1)<br>・&quot;箇条書き&quot;",
		);
		expect(html).not.toContain("<b>太字");
		const cell = DomUtils.findAll(
			(e) => e.name === "p" && e.attribs["data-no"] === "3",
			dialog.children,
		).map((p) => DomUtils.textContent(p));
		expect(cell).toContain(`■${HOSTILE.replace("\n", "")}`);
	});
});

describe("another city's reminders", () => {
	it("name the city's scale, the reason it needs, and the missing 実績値", () => {
		const before = rt.state.mail.outbox.length;
		expectOk(rt.runMenu("sendRemindersNow", DX));
		const mails = rt.state.mail.outbox
			.slice(before)
			.filter((m) => !m.subject.includes("進捗報告"));
		// 11: △ without its reason; 30: blank; 16: its indicator's 実績値 is missing.
		const owners = plan.initiatives
			.filter((i) => ["11", "16", "30"].includes(i.no))
			.flatMap((i) => i.departments);
		expect(new Set(mails.map((m) => m.to))).toEqual(
			new Set(owners.map(sampleDepartmentEmail)),
		);
		for (const m of mails) {
			expect(m.body).toContain(
				"「評価」列のプルダウンから ◎・○・△・完了・中止 を選択してください（◎ 計画以上に進んだ／○ 計画どおり進んだ／△ 遅れている／完了 事業完了／中止）。",
			);
			expect(m.body).toContain(
				"△ の場合は「評価理由・課題」の入力が必須です。",
			);
		}
		const tax = mails.find((m) => m.to === sampleDepartmentEmail("税務課"));
		expect(tax?.body).toContain(
			"・取組No 16　統一規格QRコードによる地方税の電子納税（KPIの実績値が未入力です（電子納税の件数））",
		);
	});
});
