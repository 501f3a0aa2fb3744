/**
 * `demo [--out DIR]`: the whole cycle on the bundled sample, through dist/Code.js in the local
 * runtime, on a simulated spring of 2024: the DX office sets up and opens 令和5年度, most
 * departments paste their ratings, the daily trigger reminds the three late ones (the mails are
 * written as .eml), they answer, the DX office validates and builds the summary. Writes the
 * workbook, the mails and the HTML report into DIR (default ./out) and prints the FY2023 table.
 * The demo owns its files in DIR: a rerun first removes those the previous demo wrote (and
 * nothing else), so it starts from a clean demo output (demo-output.ts).
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SEED_DEPARTMENT_NAMES } from "../../../domain";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
} from "../../../sample/departments";
import { fsErrorMessage } from "../../fs-errors";
import { ensureOutbox, writeOutbox } from "../../mail/eml";
import { dxOfficeSender, outgoingMail } from "../../mail/message";
import type { LocalRuntime } from "../../runtime/runtime";
import { enterSampleRatings, openSampleYear } from "../../sample-book";
import { setSettings } from "../../workbook-ops";
import { parseArgs, stringFlag } from "../args";
import {
	type OpenBook,
	runAction,
	runtimeFor,
	withBook,
} from "../book-session";
import { DemoOutput } from "../demo-output";
import type { SummaryJson } from "../report";
import type { CliIo } from "../run";
import { summaryText } from "../table-text";
import { CliError } from "../usage";
import { writeReportFiles } from "./report";
import { writeReport } from "./summary";

const DEMO_BOOK = "dx-progress-demo.xlsx";
const DEMO_REPORT = "report.html";
/** The 報告資料 (SPEC 10) of the demo: Word, and the same as HTML. */
const DEMO_DOCUMENT = {
	docx: "report.docx",
	html: "report-document.html",
};
const DEMO_OUTBOX = "mail";
/** 設定 回答方法 of the demo: the book is on the city's file server (SPEC 9). */
const DEMO_ANSWER_METHOD =
	"ファイルサーバーの \\\\fileserver\\DX推進室\\令和5年度評価\\dx-progress-demo.xlsx を開き、評価シートに入力して上書き保存してください";
/** Departments that are late in the demo, so that the reminder run has someone to remind. */
const DEMO_LATE = ["市民課", "税務課", "学校教育課"];

function labelOf(to: string, subject: string): string {
	if (subject.includes("進捗報告")) return "DX推進室_ダイジェスト";
	const name = SEED_DEPARTMENT_NAMES.find(
		(d) => sampleDepartmentEmail(d) === to.split(",")[0],
	);
	return name ?? "mail";
}

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
	const args = parseArgs(argv, { out: "value" });
	if (args.positional.length > 0)
		throw new CliError(`demo に引数は不要です: ${args.positional.join(" ")}`);
	const out = resolve(stringFlag(args, "out") ?? "out");
	try {
		mkdirSync(out, { recursive: true });
	} catch (error) {
		throw new CliError(
			fsErrorMessage("出力先フォルダを作れません", out, error, "write"),
		);
	}
	const book = join(out, DEMO_BOOK);
	// force: the book there is the previous demo's (DemoOutput refuses any other) and is replaced.
	const { summary, mails } = await withBook(
		book,
		{ command: "demo", mode: "create", owner: SAMPLE_DX_OFFICE, force: true },
		(open) => {
			const output = DemoOutput.clean(out, [
				DEMO_BOOK,
				DEMO_REPORT,
				DEMO_DOCUMENT.docx,
				DEMO_DOCUMENT.html,
			]);
			return season(open, output, io);
		},
	);
	io.stdout(`\n${summaryText(summary)}\n`);
	io.stdout(
		`ブック: ${book}\nレポート: ${join(out, DEMO_REPORT)}\n報告資料: ${join(out, DEMO_DOCUMENT.docx)}、${join(out, DEMO_DOCUMENT.html)}\nメール: ${join(out, DEMO_OUTBOX)}（${mails}通）\n`,
	);
	return 0;
}

/** The spring of 2024 on the new book; the reports are written once the book is saved. */
async function season(
	open: OpenBook,
	output: DemoOutput,
	io: CliIo,
): Promise<{ summary: SummaryJson; mails: number }> {
	let now = new Date("2024-04-15T09:00:00+09:00");
	const rt = runtimeFor(open.workbook, { now: () => now });
	io.stdout(
		"2024/04/15 DX推進室: 管理用スプレッドシートから共有スプレッドシートを接続、初期設定、マスタ貼り付け、令和5年度の評価シート作成、トリガー設定\n",
	);
	openSampleYear(rt, SAMPLE_DX_OFFICE);
	setSettings(rt, SAMPLE_DX_OFFICE, { 回答方法: DEMO_ANSWER_METHOD });
	now = new Date("2024-05-20T10:00:00+09:00");
	const early = enterSampleRatings(rt, (d) => !DEMO_LATE.includes(d));
	io.stdout(
		`2024/05/20 各担当課: 評価を入力（貼り付け ${early}回、編集時に検証）。${DEMO_LATE.join("・")}は未入力\n`,
	);
	now = new Date("2024-05-24T09:05:00+09:00");
	rt.runTimeTriggers(now);
	const files = await writeMails(rt, join(output.dir, DEMO_OUTBOX));
	output.wrote(...files);
	io.stdout(
		`2024/05/24 毎日の催促（期限7日前）: ${files.length}通 → ${join(output.dir, DEMO_OUTBOX)}\n`,
	);
	now = new Date("2024-05-28T10:00:00+09:00");
	const late = enterSampleRatings(rt, (d) => DEMO_LATE.includes(d));
	io.stdout(
		`2024/05/28 ${DEMO_LATE.join("・")}: 評価を入力（貼り付け ${late}回）\n`,
	);
	now = new Date("2024-06-03T09:30:00+09:00");
	const validated = runAction(rt, "validateAll");
	io.stdout(`2024/06/03 DX推進室: ${validated.message.split("\n")[0]}\n`);
	const summary = runAction(rt, "buildSummary").summary as SummaryJson;
	open.afterSave(async () => {
		output.wrote(open.path);
		const report = join(output.dir, DEMO_REPORT);
		// Made on the demo's own clock, like everything else in it, so the report is reproducible.
		writeReport(report, summary, DEMO_BOOK, now, false);
		output.wrote(report);
		const document = {
			docx: join(output.dir, DEMO_DOCUMENT.docx),
			html: join(output.dir, DEMO_DOCUMENT.html),
		};
		await writeReportFiles(
			runAction(rt, "buildReport"),
			document,
			DEMO_BOOK,
			false,
		);
		output.wrote(document.docx, document.html);
	});
	return { summary, mails: files.length };
}

/** The mails the daily run sent, as .eml files in `outbox`. */
async function writeMails(rt: LocalRuntime, outbox: string): Promise<string[]> {
	const from = dxOfficeSender(rt.workbook, SAMPLE_DX_OFFICE);
	const mails = rt.state.mail.outbox.map((m) => ({
		label: labelOf(m.to, m.subject),
		mail: outgoingMail(m, from),
	}));
	try {
		ensureOutbox(outbox);
		return await writeOutbox(outbox, "2024-05-24", mails);
	} catch (error) {
		throw new CliError(
			fsErrorMessage("デモのメールを書き出せません", outbox, error, "write"),
			1,
		);
	}
}
