/**
 * `npm run render`: the demo workbook as LibreOffice prints it. Converts the workbook to PDF and
 * writes every page of each named sheet as a PNG (the page footer names the sheet).
 *
 *   node dist-local/render.mjs BOOK.xlsx OUT_DIR [SHEET …]   (default sheets: 集計 評価_R5)
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { convertWithLibreOffice, pagesOfSheet, pageToPng } from "./libreoffice";

function main(argv: string[]): void {
	const [book, outDir, ...names] = argv;
	if (!book || !outDir) {
		process.stderr.write("使い方: render.mjs BOOK.xlsx OUT_DIR [シート名 …]\n");
		process.exit(2);
	}
	const sheets = names.length > 0 ? names : ["集計", "評価_R5"];
	const out = resolve(outDir);
	mkdirSync(out, { recursive: true });
	const pdf = convertWithLibreOffice(resolve(book), "pdf", out);
	for (const sheet of sheets) {
		const pages = pagesOfSheet(pdf, sheet);
		if (pages.length === 0) {
			process.stderr.write(
				`シート「${sheet}」のページが見つかりません: ${pdf}\n`,
			);
			process.exitCode = 1;
			continue;
		}
		pages.forEach((page, n) => {
			const png = pageToPng(pdf, page, join(out, `${sheet}-${n + 1}`));
			process.stdout.write(
				`${sheet} ${n + 1}/${pages.length}ページ → ${png}\n`,
			);
		});
	}
}

main(process.argv.slice(2));
