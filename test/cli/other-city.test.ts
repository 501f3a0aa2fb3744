/**
 * SPEC 10 and 11 on the command line, on another city's second year (test/support/other-city.ts,
 * saved as .xlsx): `summary --json` has `counts` per code of the city's scale (no A–D keys), `kpi`
 * per bucket, `years` on each year's own scale and `lastYearChange`, all against the recounts;
 * `summary` prints the table on the scale; `report` writes the .docx and the HTML with the city's
 * title, the table on ◎○△, 年度別の推移, the KPI table, （再掲） and the departments' text intact.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkbookModel } from "../../src/local/runtime/model";
import { saveWorkbook } from "../../src/local/runtime/xlsx";
import { openSampleYear } from "../../src/local/sample-book";
import { loadSamplePlan } from "../../src/sample";
import { SAMPLE_DX_OFFICE } from "../../src/sample/departments";
import { cli } from "../support/answer-forms";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt, newRuntime } from "../support/bundle";
import { type DocxBody, readDocx } from "../support/docx-read";
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

type Counts = {
	counts: Record<string, number>;
	unrated: number;
	total: number;
};
interface Summary {
	policies: Array<Counts & { code: string; name: string }>;
	total: Counts;
	abShare: number;
	scale: { grades: Array<{ code: string; group: string }>; shareLabel: string };
	kpi: Record<string, unknown>;
	years: Array<{ fiscalYear: number; total: Record<string, unknown> }>;
	lastYearChange: {
		fiscalYear: number;
		total: { counts: Record<string, number | null>; unrated: number };
	};
}

const { plan } = loadSamplePlan();
const columns = [...plan.policies.map((p) => p.code), "合計"];
let dir: string;
let expected: Map<string, Record<string, number>>;
let summary: Summary;

beforeAll(async () => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-other-city-"));
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: SAMPLE_DX_OFFICE }),
	});
	openSampleYear(rt, SAMPLE_DX_OFFICE);
	expected = recount(buildOtherCitySeason(rt, SAMPLE_DX_OFFICE).meant);
	await saveWorkbook(rt.workbook, join(dir, "book.xlsx"));
	const r = cli(dir, "summary", "book.xlsx", "--json");
	expect(r.stderr).toBe("");
	summary = JSON.parse(r.stdout) as Summary;
}, WORKFLOW_BUDGET_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SPEC 1 table on the city's scale, as text, from the recount. */
function expectedTable(): string[][] {
	const count = (code: string) =>
		columns.map((c) => String(expected.get(c)?.[code] ?? 0));
	return [
		["評価区分", ...plan.policies.map((p) => p.name), "合計"],
		...OPTIONS.map((o, k) => [o, ...count(CODES[k] ?? "")]),
		["未評価", ...count("unrated")],
		["合計", ...count("total")],
	];
}

function expectedKpiTable(): string[][] {
	const want = kpiRecount();
	const labels = ["100%以上", "80%以上", "50%以上", "50%未満", "未入力"];
	return [
		["達成率", "アウトプット", "アウトカム", "合計"],
		...KPI_BUCKETS.map((b, i) =>
			[labels[i] ?? "", want.output[b], want.outcome[b], want.total[b]].map(
				String,
			),
		),
		[
			"合計",
			want.output.indicators,
			want.outcome.indicators,
			want.total.indicators,
		].map(String),
	];
}

describe("summary --json on another city's scale, with KPIs and a year before", () => {
	it("has counts per code in the scale's order and no A–D keys", () => {
		for (const p of summary.policies) {
			const want = expected.get(p.code) ?? {};
			expect(Object.keys(p.counts), p.code).toEqual(CODES);
			expect(p.counts).toEqual(
				Object.fromEntries(CODES.map((c) => [c, want[c] ?? 0])),
			);
			expect([p.unrated, p.total]).toEqual([want.unrated ?? 0, want.total]);
			expect(p).not.toHaveProperty("A");
		}
		const total = expected.get("合計") ?? {};
		expect(summary.total.counts).toEqual(
			Object.fromEntries(CODES.map((c) => [c, total[c] ?? 0])),
		);
		expect(summary.abShare).toBeCloseTo(topShare(total), 12);
		expect(summary.scale.grades.map((g) => [g.code, g.group])).toEqual([
			["◎", "上位"],
			["○", "上位"],
			["△", "評価"],
			["完了", "対象外"],
			["中止", "対象外"],
		]);
		expect(summary.scale.shareLabel).toBe("◎+○ の割合");
	});

	it("has kpi per bucket and 種別 as recounted", () => {
		const want = kpiRecount();
		expect(summary.kpi).toEqual({
			...want.total,
			byKind: { output: want.output, outcome: want.outcome },
			labels: {
				ge100: "100%以上",
				ge80: "80%以上",
				ge50: "50%以上",
				lt50: "50%未満",
				missing: "未入力",
			},
		});
	});

	it("keeps 令和5年度 on A–D in years, and 増減 only where both years have the code", () => {
		expect(summary.years.map((y) => y.fiscalYear)).toEqual([2023, 2024]);
		expect(summary.years[0]?.total).toMatchObject({
			A: 65,
			B: 24,
			C: 3,
			D: 0,
			unrated: 0,
			total: 92,
		});
		expect(summary.lastYearChange.fiscalYear).toBe(2023);
		expect(summary.lastYearChange.total.counts).toEqual(
			Object.fromEntries(CODES.map((c) => [c, null])),
		);
		expect(summary.lastYearChange.total.unrated).toBe(
			expected.get("合計")?.unrated,
		);
	});

	it("prints the table on the scale without --json", () => {
		const r = cli(dir, "summary", "book.xlsx");
		expect(r.code).toBe(0);
		const lines = r.stdout.split("\n");
		for (const row of expectedTable().slice(1)) {
			const line = lines.find((l) => l.startsWith(`${row[0]} `));
			expect(line?.trim().split(/\s+/).slice(-4), row[0]).toEqual(row.slice(1));
		}
		expect(lines.some((l) => l.startsWith("◎+○ の割合"))).toBe(true);
		expect(lines.some((l) => l.startsWith("A 順調に進んだ"))).toBe(false);
	});
});

describe("report on another city's book", () => {
	let docx: DocxBody;
	let html: ReturnType<typeof parseDocument>;

	beforeAll(async () => {
		const r = cli(
			dir,
			"report",
			"book.xlsx",
			"--docx",
			"r.docx",
			"--html",
			"r.html",
		);
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		docx = await readDocx(readFileSync(join(dir, "r.docx")));
		html = parseDocument(readFileSync(join(dir, "r.html"), "utf8"));
	}, WORKFLOW_BUDGET_MS);

	function htmlTable(name: string): string[][] {
		const table = DomUtils.findOne(
			(e) => e.name === "table" && e.attribs.class === name,
			html.children,
		);
		if (!table) throw new Error(`no table.${name}`);
		return DomUtils.findAll((e) => e.name === "tr", [table]).map((tr) =>
			DomUtils.findAll((e) => e.name === "th" || e.name === "td", [tr]).map(
				(c) => DomUtils.textContent(c),
			),
		);
	}

	it("is titled and headed by the city's own 計画 sheet", () => {
		expect(docx.headings[0]).toEqual([
			"Heading1",
			`${CITY.name}の進捗状況について`,
		]);
		expect(docx.headings).toContainEqual(["Heading2", `1 ${CITY.name}の概要`]);
		expect(docx.headings).toContainEqual([
			"Heading3",
			`（2）計画期間 ${CITY.period}`,
		]);
		expect(docx.paragraphs).toContain(CITY.policyII);
		expect(DomUtils.textContent(html)).toContain(CITY.policyII);
	});

	it("has the table on ◎○△ with every number as recounted, in Word and HTML", () => {
		expect(docx.tables.find((t) => t[0]?.[0] === "評価区分")).toEqual(
			expectedTable(),
		);
		expect(htmlTable("counts")).toEqual(expectedTable());
		expect(docx.paragraphs.join("\n")).toContain(
			"◎（計画以上に進んだ）、○（計画どおり進んだ）を合わせて、全体の",
		);
		const media = Object.keys(
			(docx as DocxBody & { zip: import("jszip") }).zip.files,
		).filter((f) => /^word\/media\/.+\.png$/.test(f));
		expect(media).toHaveLength(plan.policies.length);
	});

	it("has 年度別の推移 with both years and the KPI table, in Word and HTML", () => {
		const years = docx.tables.find((t) => t[0]?.[0] === "年度");
		expect(years?.[0]).toEqual([
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
		expect(years?.slice(1).map((r) => r.slice(0, 2))).toEqual(
			["令和5年度", "令和6年度"].flatMap((y) =>
				[...plan.policies.map((p) => p.name), "合計"].map((n) => [y, n]),
			),
		);
		expect(years?.[4]?.slice(2)).toEqual([
			"－",
			"－",
			"－",
			"－",
			"－",
			"65",
			"24",
			"3",
			"0",
			"0",
			"92",
			"96.7%",
		]);
		expect(htmlTable("years")).toEqual(years);
		expect(docx.tables.find((t) => t[0]?.[0] === "達成率")).toEqual(
			expectedKpiTable(),
		);
		expect(htmlTable("kpi")).toEqual(expectedKpiTable());
	});

	it("keeps the departments' text, （再掲） and the initiative without text", () => {
		const cells = docx.tables
			.filter(
				(t) => t[0]?.join("|") === "基本方針|重点施策|担当課|主な取組実績",
			)
			.flatMap((t) => t.slice(1).map((r) => r.at(-1) ?? ""));
		const all = cells.join("\n");
		const name = plan.initiatives.find((i) => i.no === "2")?.name;
		expect(all).toContain(
			`■取組No 2「${name}」の主な取組実績は記入されていません。`,
		);
		expect(all).toContain(
			`■（再掲）取組No 2「${name}」の主な取組実績は記入されていません。`,
		);
		expect(all).toContain(`■${HOSTILE}`);
		expect(all).toContain("■令和6年度の実績1\n・内訳1");
		expect(docx.xml).not.toContain("<b>");
	});
});
