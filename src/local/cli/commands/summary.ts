/** `summary BOOK.xlsx [--json] [--html FILE]`: builds 集計 in the workbook and prints the table. */
import { writeFileSync } from "node:fs";
import { formatProblem, type Problem } from "../../../domain";
import { fsErrorMessage } from "../../fs-errors";
import { bookPath, parseArgs, stringFlag } from "../args";
import { openBook, runAction, runtimeFor, saveBook } from "../book-session";
import { renderReport, type SummaryJson } from "../report";
import type { CliIo } from "../run";
import { summaryText } from "../table-text";
import { CliError } from "../usage";

export async function summaryCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, { json: "boolean", html: "value" });
	const path = bookPath(args, "summary");
	const html = stringFlag(args, "html");
	const workbook = await openBook(path);
	const rt = runtimeFor(workbook);
	const outcome = runAction(rt, "buildSummary");
	const summary = outcome.summary as SummaryJson;
	await saveBook(workbook, path);
	if (html) writeReport(html, summary, path, new Date());
	if (args.flags.has("json")) io.stdout(`${JSON.stringify(summary)}\n`);
	else io.stdout(summaryText(summary));
	// What the tally did not need (a bad address, a reminder setting) is a warning here.
	for (const w of (outcome.warnings ?? []) as Problem[])
		io.stderr(`警告: ${formatProblem(w)}\n`);
	return 0;
}

/** `generatedAt` is shown as the report's 作成日時. */
export function writeReport(
	file: string,
	summary: SummaryJson,
	workbookName: string,
	generatedAt: Date,
): void {
	try {
		writeFileSync(file, renderReport(summary, { workbookName, generatedAt }));
	} catch (error) {
		throw new CliError(
			fsErrorMessage("レポートを書き込めません", file, error, "write"),
			1,
		);
	}
}
