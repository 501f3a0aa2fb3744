/**
 * `summary BOOK.xlsx [--json] [--html FILE [--force]]`: builds 集計 in the workbook (saved, so it
 * always takes the book's lock, --json too) and prints the table. The report may not name the
 * book nor replace an existing file without --force; it is checked before the book is touched.
 */
import { formatProblem, type Problem } from "../../../domain";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import { outputFile, writeOutput } from "../output-guard";
import { renderReport, type SummaryJson } from "../report";
import type { CliIo } from "../run";
import { summaryText } from "../table-text";

export async function summaryCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, {
		json: "boolean",
		html: "value",
		force: "boolean",
	});
	const path = bookPath(args, "summary");
	const force = args.flags.has("force");
	const htmlFlag = stringFlag(args, "html");
	const html =
		htmlFlag === undefined
			? undefined
			: outputFile(htmlFlag, "--html", { books: [path], force });
	const outcome = await withBook(
		path,
		{ command: "summary", mode: "write" },
		({ workbook }) => runAction(runtimeFor(workbook), "buildSummary"),
	);
	const summary = outcome.summary as SummaryJson;
	if (html) writeReport(html, summary, path, new Date(), force);
	if (args.flags.has("json")) io.stdout(`${JSON.stringify(summary)}\n`);
	else io.stdout(summaryText(summary));
	// What the tally did not need (a bad address, a reminder setting) is a warning here.
	for (const w of (outcome.warnings ?? []) as Problem[])
		io.stderr(`警告: ${formatProblem(w)}\n`);
	return 0;
}

/** `generatedAt` is shown as the report's 作成日時; `file` was checked by outputFile. */
export function writeReport(
	file: string,
	summary: SummaryJson,
	workbookName: string,
	generatedAt: Date,
	force: boolean,
): void {
	writeOutput(
		file,
		renderReport(summary, { workbookName, generatedAt }),
		force,
	);
}
