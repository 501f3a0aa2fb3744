/**
 * `demo [--out DIR]`: the whole cycle on the bundled sample, through dist/Code.js in the local
 * runtime, on a simulated spring of 2024: the DX office sets up and opens 令和5年度, departments
 * paste their ratings, the DX office validates and builds the summary. Writes the workbook and
 * the HTML report into DIR (default ./out) and prints the FY2023 table.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SAMPLE_DX_OFFICE } from "../../../sample/departments";
import { enterSampleRatings, openSampleYear } from "../../sample-book";
import { parseArgs, stringFlag } from "../args";
import { newBook, runAction, runtimeFor, saveBook } from "../book-session";
import type { SummaryJson } from "../report";
import type { CliIo } from "../run";
import { summaryText } from "../table-text";
import { CliError } from "../usage";
import { writeReport } from "./summary";

export const DEMO_BOOK = "dx-progress-demo.xlsx";
export const DEMO_REPORT = "report.html";

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
	const args = parseArgs(argv, { out: "value" });
	if (args.positional.length > 0)
		throw new CliError(`demo に引数は不要です: ${args.positional.join(" ")}`);
	const out = resolve(stringFlag(args, "out") ?? "out");
	try {
		mkdirSync(out, { recursive: true });
	} catch (error) {
		throw new CliError(
			`出力先フォルダを作れません: ${out}（${(error as Error).message}）`,
		);
	}
	let now = new Date("2024-04-15T09:00:00+09:00");
	const workbook = newBook(SAMPLE_DX_OFFICE);
	const rt = runtimeFor(workbook, { now: () => now });
	io.stdout(
		`2024/04/15 DX推進室: 初期設定、マスタ貼り付け、令和5年度の評価シート作成\n`,
	);
	openSampleYear(rt, SAMPLE_DX_OFFICE);
	now = new Date("2024-05-20T10:00:00+09:00");
	const pastes = enterSampleRatings(rt);
	io.stdout(
		`2024/05/20 各担当課: 評価を入力（貼り付け ${pastes}回、編集時に検証）\n`,
	);
	now = new Date("2024-06-03T09:30:00+09:00");
	const validated = runAction(rt, "validateAll");
	io.stdout(`2024/06/03 DX推進室: ${validated.message.split("\n")[0]}\n`);
	const built = runAction(rt, "buildSummary");
	const summary = built.summary as SummaryJson;
	const book = join(out, DEMO_BOOK);
	const report = join(out, DEMO_REPORT);
	await saveBook(workbook, book);
	writeReport(report, summary, DEMO_BOOK);
	io.stdout(`\n${summaryText(summary)}\n`);
	io.stdout(`ブック: ${book}\nレポート: ${report}\n`);
	return 0;
}
