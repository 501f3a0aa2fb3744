/**
 * The demo's HTML report as people open it: rendered by headless Chromium (Debian `chromium`)
 * at a phone's 390 px and a desktop's 1280 px, and printed to A4 PDF. The numbers are read
 * from the rendered page and compared with `summary --json` of the same workbook.
 *
 * Chromium absent: skipped with a message, or failed when DX_REQUIRE_PROGRAMS=1 (CI). Page
 * fill of the PDF is measured with pdftotext (poppler-utils) when it is installed.
 */
import { spawnSync } from "node:child_process";
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATINGS } from "../../src/domain/ratings";
import type { SummaryCounts, SummaryJson } from "../../src/local/cli/report";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { CLI_PATH, ensureBuilt, ROOT } from "../support/bundle";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";

const CHROMIUM = "/usr/bin/chromium";
// No network, no profile of the user's, no first-run or update work.
const CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
];
const present = !noteMissing(
	"report-chromium",
	existsSync(CHROMIUM) ? [] : [CHROMIUM],
	"chromium",
);

/** The rows of every table of one class, as the page shows them (text of each cell). */
function tableRows(page: Page, className: string): Promise<string[][]> {
	return page.$$eval(`table.${className} tr`, (rows) =>
		rows.map((r) =>
			[...r.querySelectorAll("th, td")].map((c) => c.textContent ?? ""),
		),
	);
}

const countsOf = (c: SummaryCounts) =>
	[c.A, c.B, c.C, c.D, c.unrated, c.total].map(String);

interface Rect {
	width: number;
	height: number;
	left: number;
	right: number;
}
// The page's globals inside page.evaluate, declared here (module scope) because the project
// compiles without the DOM library.
declare const window: {
	innerWidth: number;
	getComputedStyle(element: unknown): { fontSize: string };
};
declare const document: {
	documentElement: { scrollWidth: number };
	querySelectorAll(selector: string): ArrayLike<{
		getBoundingClientRect(): Rect;
	}>;
};

/** The height of each row header of `table.className`, in lines of its own font size. */
function rowHeaderLines(page: Page, className: string): Promise<number[]> {
	return page.evaluate(
		(selector) =>
			Array.from(document.querySelectorAll(selector)).map(
				(cell) =>
					cell.getBoundingClientRect().height /
					Number.parseFloat(window.getComputedStyle(cell).fontSize),
			),
		`table.${className} th[scope="row"]`,
	);
}

/** What the page measures at one width: overflow, and boxes that stick out of the viewport. */
function layoutAt(page: Page) {
	return page.evaluate(() => {
		const outside = (selector: string) =>
			Array.from(document.querySelectorAll(selector))
				.map((e) => e.getBoundingClientRect())
				.filter(
					(r) => r.width <= 0 || r.left < 0 || r.right > window.innerWidth,
				).length;
		return {
			scrollWidth: document.documentElement.scrollWidth,
			innerWidth: window.innerWidth,
			charts: document.querySelectorAll("svg.chart").length,
			chartsOutside: outside("svg.chart"),
			legendsOutside: outside("ul.legend li"),
			boxesOutside: outside(".table-box"),
		};
	});
}

function cli(cwd: string, ...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd,
		encoding: "utf8",
	});
	if (r.status !== 0) throw new Error(`dx-progress ${args[0]}: ${r.stderr}`);
	return r.stdout;
}

/** Lowest text on each page as a share of the page height (pdftotext -bbox), or null. */
function pageFill(pdf: string): number[] | null {
	const r = spawnSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
	if (r.error || r.status !== 0) return null;
	return r.stdout
		.split("<page ")
		.slice(1)
		.map((page) => {
			const height = Number(page.match(/height="([\d.]+)"/)?.[1] ?? 1);
			const bottoms = [...page.matchAll(/yMax="([\d.]+)"/g)].map((m) =>
				Number(m[1]),
			);
			return Math.max(0, ...bottoms) / height;
		});
}

describe.runIf(present || PROGRAMS_REQUIRED)(
	"the HTML report in Chromium",
	() => {
		let dir: string;
		let context: BrowserContext | undefined;
		let page: Page;
		let summary: SummaryJson;
		const shots = join(ROOT, "out");

		beforeAll(async () => {
			if (!present)
				throw new Error(
					`DX_REQUIRE_PROGRAMS=1 but ${CHROMIUM} is not installed (apt-get install chromium)`,
				);
			ensureBuilt();
			dir = mkdtempSync(join(tmpdir(), "dx-chromium-"));
			mkdirSync(shots, { recursive: true });
			cli(dir, "demo", "--out", "demo");
			summary = JSON.parse(
				cli(dir, "summary", join("demo", "dx-progress-demo.xlsx"), "--json"),
			);
			context = await chromium.launchPersistentContext(join(dir, "profile"), {
				executablePath: CHROMIUM,
				args: CHROMIUM_ARGS,
				headless: true,
			});
			page = await context.newPage();
		}, SETUP_BUDGET_MS);
		afterAll(async () => {
			await context?.close();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}, SETUP_BUDGET_MS);

		const open = async (width: number) => {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(pathToFileURL(join(dir, "demo", "report.html")).href);
		};

		for (const width of [390, 1280]) {
			it(
				`fits ${width} px: no page overflow, charts and legends inside the viewport`,
				async () => {
					await open(width);
					await page.screenshot({
						path: join(shots, `report-${width}.png`),
						fullPage: true,
					});
					const layout = await layoutAt(page);
					expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
					expect(layout.charts).toBe(summary.policies.length + 2); // + total, + years
					expect(layout).toMatchObject({
						chartsOutside: 0,
						legendsOutside: 0,
						boxesOutside: 0,
					});
				},
				WORKFLOW_BUDGET_MS,
			);
		}

		it(
			"shows in its tables the tally of summary --json",
			async () => {
				await open(390);
				const [policyHead, ...policyRows] = await tableRows(
					page,
					"policy-table",
				);
				expect(policyHead?.slice(1, -1)).toEqual(
					summary.policies.map((p) => p.name),
				);
				const columns = [...summary.policies, summary.total];
				const policyNumbers = [
					...RATINGS.map((r) => [
						r.option,
						...columns.map((c) => String(c[r.code])),
					]),
					["未評価", ...columns.map((c) => String(c.unrated))],
					["合計", ...columns.map((c) => String(c.total))],
				];
				expect(policyRows.slice(0, policyNumbers.length)).toEqual(
					policyNumbers,
				);

				const measureRows = (await tableRows(page, "measure-table")).slice(1);
				expect(measureRows).toEqual(
					summary.measures.map((m) => [m.code, m.name, ...countsOf(m)]),
				);
				const departmentRows = (
					await tableRows(page, "department-table")
				).slice(1);
				expect(departmentRows.map((r) => r.slice(0, 5))).toEqual(
					summary.departments.map((d) =>
						[d.name, d.target, d.done, d.blank, d.fix].map(String),
					),
				);
				// The bars: one segment value per rating drawn, as counted.
				const bars = await page.$$eval("figure.policy-chart", (figures) =>
					figures.map((f) =>
						Object.fromEntries(
							[...f.querySelectorAll("rect[data-key]")].map((r) => [
								r.getAttribute("data-key"),
								Number(r.getAttribute("data-value")),
							]),
						),
					),
				);
				expect(bars).toEqual(
					summary.policies.map((p) =>
						Object.fromEntries(
							(["A", "B", "C", "D", "unrated"] as const)
								.filter((k) => (p[k] ?? 0) > 0)
								.map((k) => [k, p[k]]),
						),
					),
				);
			},
			WORKFLOW_BUDGET_MS,
		);

		for (const width of [390, 1280])
			it(
				`shows the 報告資料 (report-document.html) at ${width} px: no overflow, one chart per policy, the tally of summary --json`,
				async () => {
					await page.setViewportSize({ width, height: 900 });
					await page.goto(
						pathToFileURL(join(dir, "demo", "report-document.html")).href,
					);
					await page.screenshot({
						path: join(shots, `report-document-${width}.png`),
						fullPage: true,
					});
					const layout = await layoutAt(page);
					expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
					expect(layout).toMatchObject({
						charts: summary.policies.length,
						chartsOutside: 0,
						legendsOutside: 0,
						boxesOutside: 0,
					});
					const columns = [...summary.policies, summary.total];
					expect(await tableRows(page, "counts")).toEqual([
						["評価区分", ...summary.policies.map((p) => p.name), "合計"],
						...RATINGS.map((r) => [
							r.option,
							...columns.map((c) => String(c[r.code])),
						]),
						["合計", ...columns.map((c) => String(c.total))],
					]);
					expect(
						(await tableRows(page, "highlights")).filter((r) => r.length > 1),
					).toHaveLength(summary.measures.length + summary.policies.length);
					// 評価区分 on one line (the table scrolls in its box), not a letter per line.
					const lines = await rowHeaderLines(page, "counts");
					expect(lines).toHaveLength(RATINGS.length + 1);
					for (const l of lines) expect(l).toBeLessThan(3);
				},
				WORKFLOW_BUDGET_MS,
			);

		it(
			"prints on a few A4 pages, none of them nearly empty",
			async () => {
				await open(1280);
				const pdf = join(shots, "report.pdf");
				await page.pdf({ path: pdf, format: "A4" });
				// Chromium writes each page object uncompressed.
				const pages = (
					readFileSync(pdf, "latin1").match(/\/Type\s*\/Page\b/g) ?? []
				).length;
				expect(pages).toBeGreaterThan(0);
				expect(pages).toBeLessThanOrEqual(4);
				const fill = pageFill(pdf);
				if (fill === null) {
					console.log(
						"report-chromium: pdftotext (poppler-utils) is not installed; page fill not measured",
					);
					return;
				}
				expect(fill).toHaveLength(pages);
				// Every page but the last is used at least two thirds of the way down, the last a fifth.
				for (const share of fill.slice(0, -1))
					expect(share).toBeGreaterThan(2 / 3);
				expect(fill.at(-1)).toBeGreaterThan(1 / 5);
			},
			WORKFLOW_BUDGET_MS,
		);
	},
);
