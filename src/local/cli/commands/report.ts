/**
 * `report BOOK.xlsx --docx FILE [--html FILE] [--force]`: the 報告資料 (SPEC 10) as Word and/or
 * HTML, from 報告資料を作成 run in the local runtime (the same document model as the Google
 * dialog). The book is only read, never saved, so it is opened in withBook's mode "read": no
 * lock, and a report may be made while another command writes the book (it shows the book as
 * last saved; saves replace the file in one rename). The outputs go through the output guard,
 * checked before the book is read: neither may name the book or its lock or journal, nor each
 * other, nor replace an existing file without --force.
 */
import { basename } from "node:path";
import type { ReportDocument } from "../../../domain/report-document";
import { renderReportHtml } from "../../../domain/report-html";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import { outputFile, writeOutput } from "../output-guard";
import { renderReportDocx } from "../report-docx";
import type { CliIo } from "../run";
import { CliError } from "../usage";

interface ReportFiles {
	docx?: string;
	html?: string;
}

/**
 * Writes the 報告資料 of an outcome of buildReport (the demo uses it too) into files checked by
 * outputFile; `force` replaces an existing file.
 */
export async function writeReportFiles(
	outcome: Record<string, unknown>,
	files: ReportFiles,
	source: string,
	force: boolean,
): Promise<void> {
	const doc = outcome.report as ReportDocument;
	const generatedAt = String(outcome.generatedAt ?? "");
	if (files.docx)
		writeOutput(
			files.docx,
			await renderReportDocx(doc, [
				`元データ：${source}　作成日時：${generatedAt}`,
			]),
			force,
		);
	if (files.html)
		writeOutput(
			files.html,
			renderReportHtml(doc, { source, generatedAt }),
			force,
		);
}

/** --docx and --html, each checked by the output guard, and not the same file twice. */
function checkedFiles(
	docx: string | undefined,
	html: string | undefined,
	book: string,
	force: boolean,
): ReportFiles {
	const guard = { books: [book], force };
	const files: ReportFiles = {};
	if (docx) files.docx = outputFile(docx, "--docx", guard);
	if (html)
		files.html = outputFile(html, "--html", {
			...guard,
			others: docx ? [{ option: "--docx", file: docx }] : [],
		});
	return files;
}

export async function reportCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, {
		docx: "value",
		html: "value",
		force: "boolean",
	});
	const path = bookPath(args, "report");
	const docx = stringFlag(args, "docx");
	const html = stringFlag(args, "html");
	if (!docx && !html)
		throw new CliError(
			"使い方: dx-progress report BOOK.xlsx --docx FILE [--html FILE]（出力先を指定してください）",
		);
	if (docx && !/\.docx$/i.test(docx))
		throw new CliError(`--docx には .docx ファイルを指定してください: ${docx}`);
	const force = args.flags.has("force");
	const files = checkedFiles(docx, html, path, force);
	const outcome = await withBook(
		path,
		{ command: "report", mode: "read" },
		({ workbook }) => runAction(runtimeFor(workbook), "buildReport"),
	);
	await writeReportFiles(outcome, files, basename(path), force);
	const label = (outcome.report as ReportDocument).label;
	io.stdout(`${label}の報告資料を書き出しました。\n`);
	for (const f of [docx, html]) if (f) io.stdout(`報告資料: ${f}\n`);
	return 0;
}
