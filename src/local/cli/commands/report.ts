/**
 * `report BOOK.xlsx --docx FILE [--html FILE] [--force]`: the 報告資料 (SPEC 10) as Word and/or
 * HTML, from 報告資料を作成 run in the local runtime (the same document model as the Google
 * dialog). The book is only read, never saved.
 */
import { existsSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { ReportDocument } from "../../../domain/report-document";
import { renderReportHtml } from "../../../domain/report-html";
import { fsErrorMessage } from "../../fs-errors";
import { bookPath, parseArgs, stringFlag } from "../args";
import { openBook, runAction, runtimeFor } from "../book-session";
import { renderReportDocx } from "../report-docx";
import type { CliIo } from "../run";
import { CliError } from "../usage";

/** The real path of a file that may not exist yet (its folder resolved). */
function realTarget(path: string): string {
	const full = resolve(path);
	try {
		return realpathSync(full);
	} catch {
		try {
			return join(realpathSync(dirname(full)), basename(full));
		} catch {
			return full;
		}
	}
}

/**
 * SPEC 9: no output may name the book or another output, nor replace an existing file without
 * --force.
 */
function checkOutputs(
	outputs: readonly string[],
	book: string,
	force: boolean,
): void {
	const seen = new Set([realTarget(book)]);
	for (const out of outputs) {
		const target = realTarget(out);
		if (seen.has(target))
			throw new CliError(
				target === realTarget(book)
					? `出力先にブック自身は指定できません: ${out}`
					: `同じ出力先が2回指定されています: ${out}`,
			);
		seen.add(target);
		if (!force && existsSync(target))
			throw new CliError(
				`出力先のファイルがすでにあります: ${out}（上書きする場合は --force を付けてください）`,
				1,
			);
	}
}

/** Temporary file beside the target, then rename: a reader never sees half a file. */
function writeAtomic(path: string, data: string | Buffer): void {
	const tmp = join(
		dirname(resolve(path)),
		`.${basename(path)}.${process.pid}.tmp`,
	);
	try {
		writeFileSync(tmp, data);
		renameSync(tmp, path);
	} catch (error) {
		throw new CliError(
			fsErrorMessage("報告資料を書き込めません", path, error, "write"),
			1,
		);
	}
}

interface ReportFiles {
	docx?: string;
	html?: string;
}

/** Writes the 報告資料 of an outcome of buildReport (the demo uses it too). */
export async function writeReportFiles(
	outcome: Record<string, unknown>,
	files: ReportFiles,
	source: string,
): Promise<void> {
	const doc = outcome.report as ReportDocument;
	const generatedAt = String(outcome.generatedAt ?? "");
	if (files.docx)
		writeAtomic(
			files.docx,
			await renderReportDocx(doc, [
				`元データ：${source}　作成日時：${generatedAt}`,
			]),
		);
	if (files.html)
		writeAtomic(files.html, renderReportHtml(doc, { source, generatedAt }));
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
	const files: ReportFiles = {};
	const docx = stringFlag(args, "docx");
	const html = stringFlag(args, "html");
	if (docx) files.docx = docx;
	if (html) files.html = html;
	if (!docx && !html)
		throw new CliError(
			"使い方: dx-progress report BOOK.xlsx --docx FILE [--html FILE]（出力先を指定してください）",
		);
	if (docx && !/\.docx$/i.test(docx))
		throw new CliError(`--docx には .docx ファイルを指定してください: ${docx}`);
	checkOutputs(
		[docx, html].filter((f): f is string => !!f),
		path,
		args.flags.has("force"),
	);
	const workbook = await openBook(path);
	const outcome = runAction(runtimeFor(workbook), "buildReport");
	await writeReportFiles(outcome, files, basename(path));
	const label = (outcome.report as ReportDocument).label;
	io.stdout(`${label}の報告資料を書き出しました。\n`);
	for (const f of [docx, html]) if (f) io.stdout(`報告資料: ${f}\n`);
	return 0;
}
