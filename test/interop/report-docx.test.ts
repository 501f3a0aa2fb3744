/**
 * The 報告資料 (.docx) in the real program: LibreOffice Writer headless converts the demo's
 * report.docx, and one full of hostile text, to PDF; pdftotext finds the headings and every
 * number of the SPEC 1 table. Skipped with a note when LibreOffice Writer or poppler is missing,
 * unless DX_REQUIRE_PROGRAMS=1 (CI), where a missing program fails.
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	defaultPlanInfoRows,
	initiativeKey,
	parsePlanInfo,
	readEntryRows,
	reportDocument,
	tally,
} from "../../src/domain";
import { renderReportDocx } from "../../src/local/cli/report-docx";
import {
	convertWithLibreOffice,
	findProgram,
	pdfPageCount,
} from "../../src/local/office/libreoffice";
import { loadSamplePlan, sampleEntrySheetValues } from "../../src/sample";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { makeDemoBook } from "../support/demo-book";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";

/** Debian's Writer module: `soffice` alone (libreoffice-calc-nogui) cannot open a .docx. */
const WRITER = "/usr/lib/libreoffice/program/libswlo.so";
const missing = [
	...["soffice", "pdfinfo", "pdftotext"].filter(
		(p) => findProgram(p) === undefined,
	),
	...(existsSync(WRITER) ? [] : ["libreoffice-writer"]),
];
noteMissing(
	"報告資料 LibreOffice tests",
	missing,
	"libreoffice-writer-nogui poppler-utils",
);

function pdfText(pdf: string): string {
	return spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" })
		.stdout;
}

describe("programs the 報告資料 interop tests need", () => {
	it.runIf(PROGRAMS_REQUIRED)("are installed (DX_REQUIRE_PROGRAMS=1)", () => {
		expect(missing).toEqual([]);
	});
});

describe.skipIf(missing.length > 0)(
	"the 報告資料 in LibreOffice Writer",
	() => {
		let demo: { dir: string; book: string };
		let text: string;
		let pages: number;

		beforeAll(() => {
			demo = makeDemoBook();
			const out = join(demo.dir, "pdf");
			mkdirSync(out);
			const pdf = convertWithLibreOffice(
				join(demo.dir, "report.docx"),
				"pdf",
				out,
			);
			pages = pdfPageCount(pdf);
			text = pdfText(pdf);
		}, WORKFLOW_BUDGET_MS);
		afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

		it("converts to a PDF with the headings, the sentence and the table's numbers", () => {
			expect(pages).toBeGreaterThan(3);
			// pdftotext puts spaces between Latin and Japanese letters (Writer's autospacing).
			const flat = text.replace(/\s+/g, "");
			for (const heading of [
				"亀山市行政DX推進計画の進捗状況について",
				"1 亀山市行政DX推進計画の概要",
				"2 取組実績の要点",
				"3 進捗度評価",
			])
				expect(flat).toContain(heading.replace(/\s+/g, ""));
			expect(flat).toContain("全体の96.7%");
			// Each row of the SPEC 1 table, its numbers in order on one line.
			const rows: Array<[string, number[]]> = [
				["A 順調に進んだ", [17, 40, 8, 65]],
				["B まずまず進んだ", [3, 12, 9, 24]],
				["C あまり進まなかった", [1, 2, 0, 3]],
				["D 進まなかった", [0, 0, 0, 0]],
			];
			for (const [label, numbers] of rows) {
				const line =
					text
						.split("\n")
						.find((l) =>
							new RegExp(`^\\s*${label}(\\s+\\d+){4}\\s*$`).test(l),
						) ?? "";
				expect(line.trim().split(/\s+/).slice(-4).map(Number), label).toEqual(
					numbers,
				);
			}
			const total = text
				.split("\n")
				.find((l) => /^\s*合計(\s+\d+){4}\s*$/.test(l));
			expect(total?.trim().split(/\s+/).slice(1).map(Number)).toEqual([
				21, 54, 17, 92,
			]);
		});

		it(
			"opens a document full of hostile and long text",
			async () => {
				const { plan } = loadSamplePlan();
				const rows = readEntryRows(sampleEntrySheetValues()).rows;
				const t = tally(plan, rows);
				const doc = reportDocument({
					plan,
					info: parsePlanInfo(defaultPlanInfoRows()),
					fiscalYear: 2023,
					tally: t,
					achievements: new Map([
						[initiativeKey("1"), '<w:p>&amp; =HYPERLINK("x")\u0007 <script>'],
						[initiativeKey("4"), `■${"長文".repeat(2000)}\n・末尾の箇条書き`],
					]),
					years: [{ fiscalYear: 2023, tally: t }],
				});
				const file = join(demo.dir, "hostile.docx");
				writeFileSync(file, await renderReportDocx(doc));
				const out = join(demo.dir, "hostile-pdf");
				mkdirSync(out);
				const hostile = pdfText(convertWithLibreOffice(file, "pdf", out));
				expect(hostile).toContain('<w:p>&amp; =HYPERLINK("x") <script>');
				expect(hostile).toContain("・末尾の箇条書き");
			},
			WORKFLOW_BUDGET_MS,
		);
	},
);
