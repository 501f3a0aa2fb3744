/**
 * LibreOffice headless, as users' offices open the saved workbook: conversions for the interop
 * tests and `npm run render`. Each run gets its own profile (concurrent instances sharing one
 * profile wait on each other's lock) and a fontconfig file that falls back from the workbook's
 * font (BIZ UDPGothic: Debian fonts-morisawa-bizud-gothic) to Noto Sans CJK JP where it is not
 * installed, instead of a Latin font, and maps the 報告資料's 游明朝 / 游ゴシック to Noto Serif / Sans
 * CJK JP.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { BOOK_FONT } from "../../domain/layout";
import { REPORT_FONTS } from "../cli/report-docx";

/** The path of a program on PATH, or undefined. */
export function findProgram(name: string): string | undefined {
	const found = spawnSync("sh", ["-c", `command -v ${name}`], {
		encoding: "utf8",
	});
	const path = found.stdout.trim();
	return found.status === 0 && path !== "" ? path : undefined;
}

function fontConfig(dir: string): string {
	const file = join(dir, "fonts.conf");
	writeFileSync(
		file,
		`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
			`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
			`<alias binding="same"><family>${BOOK_FONT}</family><accept><family>Noto Sans CJK JP</family></accept></alias>` +
			// The 報告資料's Word fonts (report --docx).
			`<alias binding="same"><family>${REPORT_FONTS.text}</family><prefer><family>Noto Serif CJK JP</family></prefer></alias>` +
			`<alias binding="same"><family>${REPORT_FONTS.heading}</family><prefer><family>Noto Sans CJK JP</family></prefer></alias>` +
			`</fontconfig>`,
	);
	return file;
}

/**
 * Converts `input` with `soffice --headless --convert-to` (e.g. "pdf", "xlsx:Calc MS Excel 2007
 * XML") into `outDir`; returns the written file. Throws with LibreOffice's output on failure.
 */
export function convertWithLibreOffice(
	input: string,
	format: string,
	outDir: string,
): string {
	const work = mkdtempSync(join(tmpdir(), "dx-soffice-"));
	const result = spawnSync(
		"soffice",
		[
			`-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
			"--headless",
			"--norestore",
			"--convert-to",
			format,
			"--outdir",
			outDir,
			input,
		],
		{
			encoding: "utf8",
			env: { ...process.env, FONTCONFIG_FILE: fontConfig(work) },
			timeout: 300_000,
		},
	);
	const ext = format.split(":")[0] ?? format;
	const stem = basename(input, extname(input));
	const written = readdirSync(outDir).find((f) => f === `${stem}.${ext}`);
	if (result.status !== 0 || !written) {
		throw new Error(
			`LibreOffice could not convert ${input} to ${format}: ${result.stderr || result.stdout || String(result.error)}`,
		);
	}
	return join(outDir, written);
}

/** The number of pages of a PDF (pdfinfo). */
export function pdfPageCount(pdf: string): number {
	const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
	return Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1] ?? 0);
}

/** Pages of a PDF printed from `sheet`: the footer (the page's last line) starts with its name. */
export function pagesOfSheet(pdf: string, sheet: string): number[] {
	const pages = pdfPageCount(pdf);
	const out: number[] = [];
	for (let p = 1; p <= pages; p++) {
		const text = spawnSync(
			"pdftotext",
			["-f", String(p), "-l", String(p), "-layout", pdf, "-"],
			{ encoding: "utf8" },
		).stdout;
		const lines = text.split("\n").filter((l) => l.trim() !== "");
		if (lines.at(-1)?.trim().startsWith(sheet)) out.push(p);
	}
	return out;
}

/**
 * The size in points of most text on a page: the median height of its words' boxes
 * (`pdftotext -bbox`: a box is one em high, so the printed font size after scaling).
 */
export function printedTextSize(pdf: string, page: number): number {
	const html = spawnSync(
		"pdftotext",
		["-f", String(page), "-l", String(page), "-bbox", pdf, "-"],
		{ encoding: "utf8" },
	).stdout;
	const heights = [
		...html.matchAll(/<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"/g),
	]
		.map((m) => Number(m[2]) - Number(m[1]))
		.sort((a, b) => a - b);
	return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** The fonts a PDF embeds (`pdffonts`), without their subset prefix: "BIZUDPGothic-Regular". */
export function pdfFonts(pdf: string): string[] {
	const out = spawnSync("pdffonts", [pdf], { encoding: "utf8" }).stdout;
	const names = out
		.split("\n")
		.slice(2)
		.map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, "") ?? "")
		.filter((name) => name !== "");
	return [...new Set(names)].sort();
}

/** Page `page` of `pdf` as `<prefix>.png` at `dpi`. */
export function pageToPng(
	pdf: string,
	page: number,
	prefix: string,
	dpi = 80,
): string {
	const result = spawnSync(
		"pdftoppm",
		[
			"-f",
			String(page),
			"-l",
			String(page),
			"-r",
			String(dpi),
			"-png",
			"-singlefile",
			pdf,
			prefix,
		],
		{ encoding: "utf8" },
	);
	if (result.status !== 0)
		throw new Error(`pdftoppm failed on ${pdf}: ${result.stderr}`);
	return `${prefix}.png`;
}
