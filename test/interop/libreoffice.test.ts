/**
 * The saved demo workbook in the real program: LibreOffice headless converts it to .xlsx (its
 * own writer) and to PDF. The .xlsx LibreOffice wrote is inspected with exceljs (the chart
 * picture on 集計, protections, conditional formats, page setup) and loaded back by the runtime
 * with every value intact. Skipped with a note when `soffice` is missing, unless
 * DX_REQUIRE_PROGRAMS=1 (CI), where a missing program fails.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOOK_FONT } from "../../src/domain";
import {
	convertWithLibreOffice,
	findProgram,
	pagesOfSheet,
	pdfFonts,
	pdfPageCount,
	printedTextSize,
} from "../../src/local/office/libreoffice";
import { loadWorkbook } from "../../src/local/runtime/xlsx";
import { SAMPLE_DEADLINE } from "../../src/local/sample-book";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { makeDemoBook } from "../support/demo-book";
import { editWithLibreOffice, hasPythonUno } from "../support/libreoffice-edit";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";

/** LibreOffice writes numbers with 15 significant digits (0.9523809523809523 → 0.952380952380952). */
function to15(row: unknown[]): unknown[] {
	return row.map((v) =>
		typeof v === "number" ? Number(v.toPrecision(15)) : v,
	);
}

const PROGRAMS = ["soffice", "pdfinfo", "pdftotext", "pdftoppm", "pdffonts"];
const missing = [
	...PROGRAMS.filter((p) => findProgram(p) === undefined),
	...(hasPythonUno() ? [] : ["python3-uno"]),
];
noteMissing(
	"LibreOffice interop tests",
	missing,
	"libreoffice-calc-nogui poppler-utils python3-uno",
);

describe("programs the interop tests need", () => {
	it.runIf(PROGRAMS_REQUIRED)("are installed (DX_REQUIRE_PROGRAMS=1)", () => {
		expect(missing).toEqual([]);
	});
});

describe.skipIf(missing.length > 0)("the demo workbook in LibreOffice", () => {
	let demo: { dir: string; book: string };
	let lo: ExcelJS.Workbook;
	let loPath: string;
	let pdf: string;
	let zip: JSZip;

	beforeAll(async () => {
		demo = makeDemoBook();
		const xlsxDir = join(demo.dir, "libreoffice");
		mkdirSync(xlsxDir);
		loPath = convertWithLibreOffice(
			demo.book,
			"xlsx:Calc MS Excel 2007 XML",
			xlsxDir,
		);
		pdf = convertWithLibreOffice(demo.book, "pdf", demo.dir);
		lo = new ExcelJS.Workbook();
		await lo.xlsx.load(readFileSync(loPath) as unknown as ExcelJS.Buffer);
		zip = await JSZip.loadAsync(readFileSync(loPath));
	}, SETUP_BUDGET_MS * 3);
	afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

	function sheet(name: string): ExcelJS.Worksheet {
		const ws = lo.getWorksheet(name);
		if (!ws) throw new Error(`LibreOffice dropped sheet ${name}`);
		return ws;
	}

	/** The sheet's XML as LibreOffice wrote it (exceljs misreads its "true"/"false" flags). */
	async function sheetXml(name: string): Promise<string> {
		const index = lo.worksheets.findIndex((ws) => ws.name === name);
		const file = zip.file(`xl/worksheets/sheet${index + 1}.xml`);
		if (index < 0 || !file) throw new Error(`no XML for ${name}`);
		return file.async("string");
	}

	async function cellLocked(name: string, ref: string): Promise<boolean> {
		const style = new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(
			await sheetXml(name),
		)?.[1];
		const styles = (await zip.file("xl/styles.xml")?.async("string")) ?? "";
		const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? "";
		const xf = xfs.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/gs)?.[
			Number(style ?? 0)
		];
		return !/locked="(false|0)"/.test(xf ?? "");
	}

	it("keeps the 集計 chart picture", () => {
		const images = sheet("集計").getImages();
		expect(images).toHaveLength(1);
		expect(lo.getImage(Number(images[0]?.imageId)).extension).toBe("png");
	});

	it("keeps the protections: admin sheets locked, the entry sheet's inputs unlocked", async () => {
		for (const name of ["設定", "取組", "集計", "評価_R5"])
			expect(await sheetXml(name), name).toMatch(
				/<sheetProtection sheet="(true|1)"/,
			);
		expect(await cellLocked("評価_R5", "F2")).toBe(false);
		expect(await cellLocked("評価_R5", "H86")).toBe(false);
		expect(await cellLocked("評価_R5", "A2")).toBe(true);
		expect(await cellLocked("評価_R5", "I2")).toBe(true);
	});

	it("keeps the 状態 conditional formats", () => {
		const cf = (
			sheet("評価_R5") as unknown as {
				conditionalFormattings: Array<{ ref: string; rules: unknown[] }>;
			}
		).conditionalFormattings;
		const rules = cf.flatMap((c) => c.rules.map(() => c.ref));
		expect(rules).toEqual(["I2:I86", "I2:I86", "I2:I86"]);
	});

	it("keeps the page setup: A4, fit to one page wide, header row repeated, footer", () => {
		const entry = sheet("評価_R5");
		expect(entry.pageSetup.paperSize).toBe(9);
		expect(entry.pageSetup.orientation).toBe("landscape");
		expect(entry.pageSetup.fitToWidth).toBe(1);
		expect(entry.pageSetup.fitToHeight).toBe(0);
		expect(entry.pageSetup.printTitlesRow).toBe("1:1");
		expect(entry.headerFooter.oddFooter).toContain("&A");
		expect(entry.headerFooter.oddFooter).toContain("&P");
	});

	it("prints each sheet one page wide (20 pages, not 45), 集計 on 2, 計画, 評価区分 and KPI on 1", () => {
		expect(pdfPageCount(pdf)).toBeLessThanOrEqual(21);
		expect(pagesOfSheet(pdf, "集計")).toHaveLength(2);
		for (const name of ["計画", "評価区分", "KPI"])
			expect(pagesOfSheet(pdf, name), name).toHaveLength(1);
		expect(pagesOfSheet(pdf, "評価_R5").length).toBeGreaterThan(0);
	});

	it("prints 集計 and 評価_R5 at a readable size (about 9 pt) in the book's font only", () => {
		for (const name of ["集計", "評価_R5"]) {
			for (const page of pagesOfSheet(pdf, name))
				expect(printedTextSize(pdf, page), `${name} p.${page}`).toBeGreaterThan(
					8.5,
				);
		}
		// No Latin fallback (DejaVu, Liberation) for letters or digits; Noto only if BIZ UD is missing.
		const family = BOOK_FONT.replace(/ /g, "");
		for (const font of pdfFonts(pdf))
			expect(font).toMatch(new RegExp(`^(${family}|NotoSansCJK)`));
	});

	it("loads back, as saved by LibreOffice, with every value intact and the state trusted", async () => {
		const warnings: string[] = [];
		const ours = await loadWorkbook(demo.book, {
			onWarning: (m) => warnings.push(m),
		});
		const back = await loadWorkbook(loPath, {
			onWarning: (m) => warnings.push(m),
		});
		expect(warnings).toEqual([]);
		expect(back.sheets.map((s) => s.name)).toEqual(
			ours.sheets.map((s) => s.name),
		);
		for (const s of ours.sheets) {
			const b = back.sheets.find((x) => x.name === s.name);
			expect(b?.values.map(to15), s.name).toEqual(s.values.map(to15));
		}
		expect(back.runtimeExtra).toEqual(ours.runtimeExtra);
		// Each value keeps its type, not only its text: dates, numbers and number-like text.
		const settings = new Map(
			back.sheets
				.find((s) => s.name === "設定")
				?.values.map((r) => [r[0], r[1]]),
		);
		expect(settings.get("回答期限")).toEqual(SAMPLE_DEADLINE);
		expect(settings.get("催促日")).toBe("7,3,1,0");
		const entry = back.sheets.find((s) => s.name === "評価_R5")?.values ?? [];
		expect(entry.slice(1).every((r) => r[10] instanceof Date)).toBe(true);
		// 取組No as written: text that looks like a number ("1"), not the number 1.
		expect(entry[1]?.[0]).toBe("1");
	});

	it(
		"loads back a workbook edited in LibreOffice: the typed text and every other value",
		async () => {
			const edited = join(demo.dir, "edited.xlsx");
			const text = "LibreOfficeで追記した実績";
			await editWithLibreOffice(demo.book, edited, {
				sheet: "評価_R5",
				a1: "G2",
				text,
			});
			const warnings: string[] = [];
			const ours = await loadWorkbook(demo.book);
			const back = await loadWorkbook(edited, {
				onWarning: (m) => warnings.push(m),
			});
			expect(warnings).toEqual([]);
			const entry = ours.sheets.find((s) => s.name === "評価_R5");
			const row = entry?.values[1];
			if (row) row[6] = text;
			for (const s of ours.sheets) {
				const b = back.sheets.find((x) => x.name === s.name);
				expect(b?.values.map(to15), s.name).toEqual(s.values.map(to15));
			}
		},
		WORKFLOW_BUDGET_MS * 2,
	);
});
