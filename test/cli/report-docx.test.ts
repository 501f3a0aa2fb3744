/**
 * `dx-progress report` (SPEC 10) as a user runs it, and the Word and HTML files it writes, read
 * back: the .docx's XML (JSZip + htmlparser2) and the HTML (htmlparser2), every number of the
 * table against `summary --json`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	defaultPlanInfoRows,
	initiativeKey,
	parsePlanInfo,
	RATINGS,
	readEntryRows,
	reportDocument,
	tally,
} from "../../src/domain";
import { renderReportDocx } from "../../src/local/cli/report-docx";
import { loadSamplePlan, sampleEntrySheetValues } from "../../src/sample";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { CLI_PATH } from "../support/bundle";
import { makeDemoBook } from "../support/demo-book";
import { type DocxBody, readDocx } from "../support/docx-read";

interface Counts {
	A: number;
	B: number;
	C: number;
	D: number;
	total: number;
}
interface Summary {
	policies: Array<Counts & { name: string }>;
	total: Counts;
	abShare: number;
}

let demo: { dir: string; book: string };
let summary: Summary;

function cli(...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd: demo.dir,
		encoding: "utf8",
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const digest = (file: string) =>
	createHash("sha256").update(readFileSync(file)).digest("hex");

/** The SPEC 1 table as the tally has it: header, A–D, 合計. */
function expectedTable(): string[][] {
	const cols = [...summary.policies, summary.total];
	return [
		["評価区分", ...summary.policies.map((p) => p.name), "合計"],
		...RATINGS.map((r) => [r.option, ...cols.map((c) => String(c[r.code]))]),
		["合計", ...cols.map((c) => String(c.total))],
	];
}

beforeAll(() => {
	demo = makeDemoBook();
	const json = cli("summary", demo.book, "--json");
	summary = JSON.parse(json.stdout) as Summary;
}, WORKFLOW_BUDGET_MS);
afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

describe("report BOOK.xlsx --docx FILE --html FILE", () => {
	let docx: DocxBody & { zip: import("jszip") };
	let html: ReturnType<typeof parseDocument>;

	beforeAll(async () => {
		const before = digest(demo.book);
		const r = cli(
			"report",
			demo.book,
			"--docx",
			"out.docx",
			"--html",
			"out.html",
		);
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		expect(r.stdout).toContain("令和5年度の報告資料を書き出しました");
		expect(digest(demo.book)).toBe(before);
		docx = await readDocx(readFileSync(join(demo.dir, "out.docx")));
		html = parseDocument(readFileSync(join(demo.dir, "out.html"), "utf8"));
	}, WORKFLOW_BUDGET_MS);

	it("is A4 with Japanese fonts and Word's own heading styles", async () => {
		expect(docx.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		const styles =
			(await docx.zip.file("word/styles.xml")?.async("string")) ?? "";
		expect(styles).toContain('w:eastAsia="游明朝"');
		expect(styles).toContain('w:eastAsia="游ゴシック"');
		expect(docx.headings.filter(([s]) => s === "Heading2")).toEqual([
			["Heading2", "1 亀山市行政DX推進計画の概要"],
			["Heading2", "2 取組実績の要点"],
			["Heading2", "3 進捗度評価"],
		]);
		expect(docx.headings[0]).toEqual([
			"Heading1",
			"亀山市行政DX推進計画の進捗状況について",
		]);
		expect(docx.headings.map(([, t]) => t)).toEqual(
			expect.arrayContaining([
				"（1）行政サービスのDX",
				"（2）行政経営のDX",
				"（3）市民・地域のDX",
			]),
		);
	});

	it("has the SPEC 1 table with every number of the tally, and the share", () => {
		const counts = docx.tables.find((t) => t[0]?.[0] === "評価区分");
		expect(counts).toEqual(expectedTable());
		expect(docx.paragraphs.join("\n")).toContain(
			"A（順調に進んだ）、B（まずまず進んだ）を合わせて、全体の96.7%",
		);
		expect(docx.paragraphs.join("\n")).toContain(
			"具体的取組の総数（85）を上回る",
		);
		expect(docx.paragraphs.join("\n")).toContain(
			"3つの基本方針と、それに基づく24の重点施策",
		);
	});

	it("has one table per basic policy, one row per measure, and one chart picture per policy", async () => {
		const highlights = docx.tables.filter(
			(t) => t[0]?.join("|") === "基本方針|重点施策|担当課|主な取組実績",
		);
		expect(highlights.map((t) => t.length - 1)).toEqual([6, 12, 6]);
		const online = highlights[0]?.[1] ?? [];
		expect(online.slice(0, 3)).toEqual([
			"I 行政サービスのDX",
			"①行政手続のオンライン化の推進",
			"DX推進室\n市民課",
		]);
		expect(online[3]).toContain("■マイナンバーカードを活用したオンライン手続");
		expect(online[3]).toContain("延べ141人の利用があった");
		const media = Object.keys(docx.zip.files).filter((f) =>
			/^word\/media\/.+\.png$/.test(f),
		);
		expect(media).toHaveLength(3);
		const png = await docx.zip.file(media[0] ?? "")?.async("nodebuffer");
		expect(png?.subarray(1, 4).toString()).toBe("PNG");
	});

	it("writes the same document as HTML: tables, figures and the share", () => {
		const tables = DomUtils.findAll((e) => e.name === "table", html.children);
		const counts = tables.find((t) => t.attribs.class === "counts");
		if (!counts) throw new Error("no counts table");
		const rows = DomUtils.findAll((e) => e.name === "tr", [counts]).map((tr) =>
			DomUtils.findAll((e) => e.name === "th" || e.name === "td", [tr]).map(
				(c) => DomUtils.textContent(c),
			),
		);
		expect(rows).toEqual(expectedTable());
		expect(tables.filter((t) => t.attribs.class === "highlights")).toHaveLength(
			3,
		);
		const figures = DomUtils.findAll((e) => e.name === "figure", html.children);
		expect(
			figures.map((f) => DomUtils.findOne((e) => e.name === "svg", [f])),
		).toHaveLength(3);
		expect(DomUtils.textContent(html)).toContain("全体の96.7%");
		expect(DomUtils.findAll((e) => e.name === "script", html.children)).toEqual(
			[],
		);
	});

	it(
		"refuses to overwrite without --force, and any output naming the book",
		() => {
			const again = cli("report", demo.book, "--docx", "out.docx");
			expect(again.code).toBe(2);
			expect(again.stderr).toMatch(
				/^dx-progress: --docx の出力先 out\.docx はすでにあります（上書きしません。上書きするには --force/,
			);
			expect(
				cli("report", demo.book, "--docx", "out.docx", "--force").code,
			).toBe(0);
			const self = cli("report", demo.book, "--html", demo.book);
			expect(self.code).toBe(2);
			expect(self.stderr).toContain("--html にブック自身");
			const twice = cli(
				"report",
				demo.book,
				"--docx",
				"x.docx",
				"--html",
				"x.docx",
			);
			expect(twice.code).toBe(2);
			expect(cli("report", demo.book).code).toBe(2);
			expect(cli("report", demo.book, "--docx", "x.pdf").code).toBe(2);
		},
		WORKFLOW_BUDGET_MS,
	);

	it("demo wrote report.docx and report-document.html beside report.html", async () => {
		const demoDocx = await readDocx(
			readFileSync(join(demo.dir, "report.docx")),
		);
		expect(demoDocx.tables.find((t) => t[0]?.[0] === "評価区分")).toEqual(
			expectedTable(),
		);
		expect(
			readFileSync(join(demo.dir, "report-document.html"), "utf8"),
		).toContain("全体の96.7%");
	});
});

describe("user text in the Word file", () => {
	it("is escaped, kept whole with its line breaks, never a field", async () => {
		const { plan } = loadSamplePlan();
		const rows = readEntryRows(sampleEntrySheetValues()).rows;
		const t = tally(plan, rows);
		const hostile =
			'<script>alert("x")</script> & =HYPERLINK("http://evil.example","x")\u0007\u001b';
		const long = `■${"長い実績の文章です。".repeat(300)}\n・箇条書き一\n・箇条書き二`;
		const doc = reportDocument({
			plan,
			info: parsePlanInfo(defaultPlanInfoRows()),
			fiscalYear: 2023,
			tally: t,
			achievements: new Map([
				[initiativeKey("1"), hostile],
				[initiativeKey("4"), long],
			]),
			years: [{ fiscalYear: 2023, tally: t }],
		});
		const data = await renderReportDocx(doc);
		writeFileSync(join(demo.dir, "hostile.docx"), data);
		const read = await readDocx(data);
		// biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the XML
		expect(read.xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
		expect(read.xml).toContain("&lt;script&gt;");
		expect(read.xml).not.toContain("<script>");
		expect(read.xml).not.toMatch(/w:instrText|w:fldSimple|w:fldChar/);
		const cell = read.tables[0]?.[1]?.[3] ?? "";
		expect(cell).toContain(
			'■<script>alert("x")</script> & =HYPERLINK("http://evil.example","x")',
		);
		expect(cell).toContain(`${long}`);
		// 取組No 2 and 3 have no text in this document: listed, not dropped.
		expect(cell).toContain(
			"■取組No 2「電子申請フォーム作成ツールの活用」の主な取組実績は記入されていません。",
		);
	});
});
