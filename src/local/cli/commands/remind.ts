/**
 * `remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL [--smtp-timeout S]]
 * [--attach DIR]`: the daily reminder run (SPEC 5) on an .xlsx workbook, as the daily trigger
 * runs it in Google — the bundle's `dailyJob` as an installable trigger of the workbook's owner,
 * the clock at 09:00 Asia/Tokyo on --today (default: now).
 *
 * - `--dry-run`: `previewReminders` (the menu's preview): prints the plan; sends nothing, takes
 *   no lock and does not save the workbook.
 * - `--outbox DIR`: each mail the script sends is written to DIR as an .eml file.
 * - `--smtp URL`: each MailApp.sendEmail is delivered through the SMTP server at once; a refused
 *   mail fails that send (logged 失敗 in 送信履歴), the others still go. A mail the server took
 *   without answering is 送信不明: logged so, listed in the digest, never sent again.
 * - `--attach DIR`: each department's mail carries its 照会 file DIR/<年度>_<課名>.xlsx
 *   (mail/attachments.ts). A missing file for a department due today stops the run before
 *   anything is sent, with the list; a mail over 10 MB is not sent (失敗 for that department).
 * - Without --dry-run, --outbox or --smtp the command refuses: nobody should believe mails left
 *   when they were only recorded.
 *
 * A real run holds the book's lock (withBook) and records every mail in BOOK.xlsx.journal
 * before the next one goes (mail/send-journal.ts); the book is saved afterwards and the journal
 * removed. A run that dies at any point leaves the journal: the next run writes 送信履歴 from it
 * and sends nobody a second mail. Exit 0 when every mail went, 1 when one failed (it is in
 * 送信履歴; the next run retries it), is 送信不明, or the run was refused, 2 for bad arguments.
 */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
	decodeJournalEntry,
	parseSendLog,
	REMINDER_JOURNAL_PREFIX,
	SEND_LOG_HEADERS,
	SHEET_NAMES,
	sendStatusOf,
	toIsoDate,
	tokyoDate,
} from "../../../domain";
import type { PlannedSummary, ReminderRunResult } from "../../../gas/reminders";
import { fsErrorMessage, fsReasonAt } from "../../fs-errors";
import {
	inquiryAttachment,
	MAX_MAIL_BYTES,
	missingInquiryFiles,
	requireSendable,
} from "../../mail/attachments";
import { ensureOutbox, writeOutboxMail } from "../../mail/eml";
import {
	bookSettings,
	dxOfficeSender,
	type OutgoingMail,
	outgoingMail,
} from "../../mail/message";
import {
	journalPathOf,
	type OutboxMail,
	SendJournal,
} from "../../mail/send-journal";
import {
	parseSmtpUrl,
	type SmtpDelivery,
	type SmtpTarget,
	SmtpUrlError,
	smtpTransport,
	verifySmtp,
} from "../../mail/smtp";
import { NOTHING_SENT } from "../../mail/smtp-errors";
import type { LocalRuntime } from "../../runtime/runtime";
import { ScriptError } from "../../runtime/runtime";
import type { SentMail } from "../../runtime/state";
import { bookPath, parseArgs, stringFlag } from "../args";
import {
	type OpenBook,
	runAction,
	runtimeFor,
	withBook,
} from "../book-session";
import { outputDir } from "../output-guard";
import type { CliIo } from "../run";
import { textTable } from "../table-text";
import { CliError } from "../usage";

/** The hour of the simulated daily run (設定 催促時刻's default). */
const RUN_TIME = "09:00:00+09:00";

interface RemindOptions {
	path: string;
	now: Date | undefined;
	outDir: string | undefined;
	smtp: SmtpTarget | undefined;
	attachDir: string | undefined;
}

export async function remindCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, {
		today: "value",
		"dry-run": "boolean",
		outbox: "value",
		smtp: "value",
		"smtp-timeout": "value",
		attach: "value",
	});
	const path = bookPath(args, "remind");
	const todayFlag = stringFlag(args, "today");
	const outbox = stringFlag(args, "outbox");
	const smtpFlag = stringFlag(args, "smtp");
	if (outbox !== undefined && smtpFlag !== undefined)
		throw new CliError("--outbox と --smtp は同時に指定できません");
	const timeout = stringFlag(args, "smtp-timeout");
	if (timeout !== undefined && smtpFlag === undefined)
		throw new CliError("--smtp-timeout は --smtp と一緒に指定してください");
	const options: RemindOptions = {
		path,
		now: todayFlag === undefined ? undefined : runInstant(todayFlag),
		outDir:
			outbox === undefined
				? undefined
				: resolve(outputDir(outbox, "--outbox", { books: [path] })),
		smtp: smtpFlag === undefined ? undefined : smtpTarget(smtpFlag, timeout),
		attachDir: attachFolder(stringFlag(args, "attach")),
	};
	if (args.flags.has("dry-run")) return dryRun(options, io);
	if (!options.outDir && !options.smtp)
		throw new CliError(
			"送信先を --outbox か --smtp で指定してください（送信せずに確認するには --dry-run）",
		);
	return sendRun(options, io);
}

/** `YYYY-MM-DD` → that day at 09:00 Asia/Tokyo; anything else (or 2024-02-30) is refused. */
function runInstant(text: string): Date {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	const refuse = () =>
		new CliError(
			`--today には実在する日付を YYYY-MM-DD で指定してください: ${text}`,
		);
	if (!m) throw refuse();
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const check = new Date(Date.UTC(y, mo - 1, d));
	if (
		check.getUTCFullYear() !== y ||
		check.getUTCMonth() !== mo - 1 ||
		check.getUTCDate() !== d
	)
		throw refuse();
	return new Date(`${text}T${RUN_TIME}`);
}

function smtpTarget(text: string, timeout: string | undefined): SmtpTarget {
	let timeoutMs: number | undefined;
	if (timeout !== undefined) {
		const seconds = Number(timeout);
		if (!/^\d+$/.test(timeout) || seconds < 1 || seconds > 600)
			throw new CliError(
				`--smtp-timeout には 1〜600 の秒数を指定してください: ${timeout}`,
			);
		timeoutMs = seconds * 1000;
	}
	try {
		return parseSmtpUrl(text, timeoutMs);
	} catch (error) {
		if (error instanceof SmtpUrlError) throw new CliError(error.message);
		throw error;
	}
}

function attachFolder(dir: string | undefined): string | undefined {
	if (dir === undefined) return undefined;
	let isDir = false;
	try {
		isDir = statSync(dir).isDirectory();
	} catch {
		// reported below
	}
	if (!isDir)
		throw new CliError(`--attach の照会ファイルのフォルダがありません: ${dir}`);
	return resolve(dir);
}

async function dryRun(options: RemindOptions, io: CliIo): Promise<number> {
	return withBook(options.path, { command: "remind", mode: "read" }, (book) => {
		const rt = runtimeFor(book.workbook, clockOf(options));
		const journal = SendJournal.read(options.path);
		journal.replayInto(rt.state.properties.document);
		const preview = runAction(rt, "previewReminders") as ReminderRunResult &
			Record<string, unknown>;
		io.stdout(previewText(preview, digestDue(rt, preview)));
		if (options.attachDir)
			io.stdout(attachmentText(options.attachDir, book, preview));
		if (journal.hasEarlier)
			io.stdout(
				`前回の実行が途中で終わった記録があります（${journal.path}）。次回の実行で送信履歴に書き込みます（同じメールは送りません）\n`,
			);
		return 0;
	});
}

function clockOf(options: RemindOptions): { now?: () => Date } {
	const now = options.now;
	return now ? { now: () => now } : {};
}

/** What one real run did, for its report once the book is saved. */
interface RunReport {
	result: ReminderRunResult;
	sentMails: SentMail[];
	files: Map<SentMail, string>;
	replies: Map<SentMail, SmtpDelivery>;
	earlier: string[];
	unwritten: string | null;
	/** Why the digest failed, as the script logged it. */
	digestError: string | undefined;
}

async function sendRun(options: RemindOptions, io: CliIo): Promise<number> {
	const { path } = options;
	let sent = false;
	let report: RunReport;
	try {
		report = await withBook(
			path,
			{ command: "remind", mode: "write" },
			(book) => {
				prepareDestinations(options);
				return runAndRecord(options, book, () => {
					sent = true;
				});
			},
		);
	} catch (error) {
		if (!sent || !(error instanceof CliError)) throw error;
		throw new CliError(
			`メールは送りましたが、ブックに記録できませんでした（${error.message}）。送った記録は ${journalPathOf(path)} に残してあり、次回の remind が送信履歴に書き込みます（同じメールは送りません）`,
			1,
		);
	}
	for (const file of report.earlier)
		io.stdout(
			`前回途中で終わった実行のメールを書き出しました → ${displayPath(file)}\n`,
		);
	const lines = mailLines(report);
	io.stdout(`${lines.join("\n")}\n${report.result.message}\n`);
	if (report.unwritten) io.stderr(`dx-progress: ${report.unwritten}\n`);
	return exitCode(report);
}

/** Refuse before anything is sent: an outbox that takes no files, an unreachable server. */
function prepareDestinations(options: RemindOptions): void {
	ensureWritable(options.path);
	if (options.outDir !== undefined) {
		try {
			ensureOutbox(options.outDir);
		} catch (error) {
			throw new CliError(
				fsErrorMessage(
					"出力先フォルダに書き込めません",
					options.outDir,
					error,
					"write",
				),
			);
		}
	}
	if (options.smtp) {
		try {
			verifySmtp(options.smtp);
		} catch (error) {
			throw new CliError(`${(error as Error).message}。${NOTHING_SENT}`, 1);
		}
	}
}

async function runAndRecord(
	options: RemindOptions,
	book: OpenBook,
	onSend: () => void,
): Promise<RunReport> {
	const journal = SendJournal.read(options.path);
	try {
		const earlier = await writeMails(
			journal.unwrittenMails(),
			journal,
			true,
		).catch((error: Error) => {
			throw new CliError(
				`前回途中で終わった実行のメールを書き出せないため実行しません（${fsReasonAt(error, "write")}）。${journal.path} は消さないでください`,
				1,
			);
		});
		const fiscalYear = bookSettings(book.workbook).fiscalYear;
		const compose = composer(options, journal, book, fiscalYear, onSend);
		const mail = destination(options, journal, compose);
		const rt = runtimeFor(book.workbook, {
			...clockOf(options),
			mailTransport: mail.transport,
		});
		const props = rt.state.properties.document;
		journal.replayInto(props);
		rt.state.properties.document = journal.mirror(props, {
			outbox: !options.smtp,
		});
		if (options.attachDir)
			requireInquiryFiles(rt, options.attachDir, fiscalYear);
		const result = runDailyJob(rt);
		const sentMails = rt.state.mail.outbox;
		const { files, unwritten } = await writeThisRun(mail.queued, journal, book);
		// The transport ran once per mail that went, in the order of MailApp's record.
		const replies = new Map<SentMail, SmtpDelivery>();
		mail.delivered.forEach((d, i) => {
			const sent = sentMails[i];
			if (sent) replies.set(sent, d);
		});
		const digestError = rt.state.logs.find((l) =>
			l.message.startsWith("ダイジェストの送信に失敗しました"),
		)?.message;
		return {
			result,
			sentMails,
			files,
			replies,
			earlier,
			unwritten,
			digestError,
		};
	} finally {
		journal.close();
	}
}

/** The message as it leaves: the bundle's mail from 設定 DX推進室メール, with its 照会 file. */
function composer(
	options: RemindOptions,
	journal: SendJournal,
	book: OpenBook,
	fiscalYear: number,
	onSend: () => void,
): (sent: SentMail) => OutgoingMail {
	const from = dxOfficeSender(book.workbook, book.workbook.owner);
	return (sent) => {
		onSend();
		const attempt = journal.currentAttempt();
		const attach =
			options.attachDir && attempt && !attempt.digest
				? [inquiryAttachment(options.attachDir, fiscalYear, attempt.department)]
				: [];
		const mail = outgoingMail(sent, from, attach);
		requireSendable(mail);
		return mail;
	};
}

/**
 * The runtime's mail transport: SMTP at once, or into the journal for the outbox (the .eml files
 * are written from it after the run). Either way the mail is on record before sendEmail returns.
 */
function destination(
	options: RemindOptions,
	journal: SendJournal,
	compose: (sent: SentMail) => OutgoingMail,
) {
	const delivered: SmtpDelivery[] = [];
	const queued = new Map<SentMail, OutboxMail>();
	const toOutbox = (sent: SentMail) => {
		const attempt = journal.currentAttempt();
		const label = attempt?.digest ? "ダイジェスト" : attempt?.department;
		const day = toIsoDate(tokyoDate(sent.sentAt));
		const dir = options.outDir as string;
		queued.set(
			sent,
			journal.recordMail(dir, day, label ?? "mail", compose(sent)),
		);
	};
	const transport = options.smtp
		? smtpTransport(options.smtp, delivered, compose)
		: toOutbox;
	return { transport, delivered, queued };
}

/** This run's outbox mails as .eml; the journal goes once they and the book are on disk. */
async function writeThisRun(
	queued: Map<SentMail, OutboxMail>,
	journal: SendJournal,
	book: OpenBook,
): Promise<{ files: Map<SentMail, string>; unwritten: string | null }> {
	const files = new Map<SentMail, string>();
	try {
		const written = await writeMails([...queued.values()], journal, false);
		for (const [i, mail] of [...queued.keys()].entries())
			files.set(mail, written[i] as string);
		book.afterSave(() => journal.remove());
		return { files, unwritten: null };
	} catch (error) {
		return {
			files,
			unwritten: `メールを .eml に書き出せませんでした（${fsReasonAt(error, "write")}）。送信履歴は保存しました。記録を ${journal.path} に残したので、次回の remind が書き出します`,
		};
	}
}

/** Writes outbox mails as .eml, each marked written in the journal once it is on disk. */
async function writeMails(
	entries: OutboxMail[],
	journal: SendJournal,
	recovering: boolean,
): Promise<string[]> {
	const files: string[] = [];
	for (const entry of entries) {
		const file = await writeOutboxMail(
			entry.dir,
			entry.day,
			{ label: entry.label, mail: entry.mail },
			recovering,
		);
		journal.markWritten(entry, file);
		files.push(file);
	}
	return files;
}

/** --attach: every department due today must have its file, or nothing is sent. */
function requireInquiryFiles(
	rt: LocalRuntime,
	dir: string,
	fiscalYear: number,
): void {
	const preview = runAction(rt, "previewReminders") as ReminderRunResult &
		Record<string, unknown>;
	const missing = missingInquiryFiles(
		dir,
		fiscalYear,
		preview.planned.map((p) => p.department),
	);
	if (missing.length > 0)
		throw new CliError(
			`添付する照会ファイルが ${dir} にありません: ${missing.join("、")}。dx-progress split で作るか --attach のフォルダを確かめてください（メールは送っていません）`,
			1,
		);
}

function exitCode(report: RunReport): number {
	const { result } = report;
	const partial = [...report.replies.values()].some(
		(d) => d.reply.rejected.length > 0,
	);
	const failed =
		result.failed.length > 0 ||
		result.uncertain.length > 0 ||
		result.digest === "failed" ||
		result.digest === "uncertain" ||
		partial ||
		report.unwritten !== null;
	return failed ? 1 : 0;
}

/** The workbook will be saved after mails went: refuse before sending, not after. */
function ensureWritable(path: string): void {
	const mode = statSync(path).mode;
	if ((mode & 0o222) === 0)
		throw new CliError(`ファイルが読み取り専用のため保存しません: ${path}`, 1);
	try {
		accessSync(dirname(resolve(path)), constants.W_OK);
	} catch {
		throw new CliError(`保存先に書き込む権限がありません: ${path}`, 1);
	}
}

/** dailyJob as the time-driven trigger runs it: installed by, and running as, the owner. */
function runDailyJob(rt: LocalRuntime): ReminderRunResult {
	const owner = rt.workbook.owner;
	try {
		return rt.run("dailyJob", [], {
			activeUser: owner,
			effectiveUser: owner,
			authMode: "FULL",
			kind: "installable-trigger",
		}) as ReminderRunResult;
	} catch (error) {
		if (error instanceof ScriptError) throw new CliError(error.message, 1);
		throw error;
	}
}

/**
 * Whether the run would also mail the digest (SPEC 5: once a day while a department is late).
 * With reminders planned someone is late, so it is due unless 送信履歴 (or the journal of an
 * interrupted run) has today's digest; with none planned, the preview's own message says so.
 */
function digestDue(rt: LocalRuntime, preview: ReminderRunResult): boolean {
	if (!preview.ran) return false;
	if (preview.planned.length === 0)
		return preview.message.includes("ダイジェストを送信します");
	const sheet = rt.workbook.sheets.find((s) => s.name === SHEET_NAMES.sendLog);
	const journal = [...rt.state.properties.document]
		.filter(([key]) => key.startsWith(REMINDER_JOURNAL_PREFIX))
		.map(([, value]) => decodeJournalEntry(value).row);
	const values = sheet?.values.length ? sheet.values : [[...SEND_LOG_HEADERS]];
	const log = parseSendLog([...values, ...journal]);
	return !log.entries.some(
		(e) =>
			e.kind === "ダイジェスト" &&
			toIsoDate(e.date) === preview.date &&
			sendStatusOf(e.result) === "sent",
	);
}

function previewText(result: ReminderRunResult, digest: boolean): string {
	const out = [`催促メールのプレビュー（送信しません）: ${result.date}`];
	out.push(result.reason);
	if (result.planned.length > 0) {
		out.push(
			textTable(
				[
					["課名", "種別", "宛先", "CC", "未入力件数"],
					...result.planned.map((p) => [
						p.department,
						p.kind,
						p.to.join(", "),
						p.cc.length > 0 ? p.cc.join(", ") : "-",
						String(p.missing),
					]),
				],
				(c, n) => c === n - 1,
			),
		);
	} else if (result.ran) {
		out.push("本日送信する催促メールはありません");
	}
	for (const s of result.skipped)
		out.push(`対象外 ${s.department}：${s.reason}`);
	out.push(
		`ダイジェスト（DX推進室あて）: ${digest ? "送信予定" : "送信しません"}`,
	);
	out.push(
		`本日送信する催促メール ${result.planned.length}件${digest ? "＋ダイジェスト1件" : ""}（--dry-run のため送信せず、ブックも保存していません）`,
	);
	return `${out.join("\n")}\n`;
}

/** --dry-run --attach: the file each planned mail would carry, or why it cannot. */
function attachmentText(
	dir: string,
	book: OpenBook,
	preview: ReminderRunResult,
): string {
	const fiscalYear = bookSettings(book.workbook).fiscalYear;
	return preview.planned
		.map((p) => {
			const a = inquiryAttachment(dir, fiscalYear, p.department);
			const missing = missingInquiryFiles(dir, fiscalYear, [p.department]);
			if (missing.length > 0)
				return `添付 ${p.department}: ${a.filename} がありません（このままでは送信しません）\n`;
			const size = statSync(a.path).size;
			const note =
				size > MAX_MAIL_BYTES * 0.75
					? "（大きすぎて送れない可能性があります）"
					: "";
			return `添付 ${p.department}: ${a.filename}（${Math.ceil(size / 1024)} KB）${note}\n`;
		})
		.join("");
}

function mailLines(report: RunReport): string[] {
	const { result, sentMails } = report;
	const where = (mail: SentMail | undefined): string => {
		if (!mail) return "";
		const file = report.files.get(mail);
		if (file) return ` → ${displayPath(file)}`;
		const rejected = report.replies.get(mail)?.reply.rejected ?? [];
		return rejected.length > 0
			? `（サーバーが一部の宛先を拒否しました: ${rejected.join(", ")}）`
			: "";
	};
	const lines = [`${result.date} ${result.reason}`];
	const recipients = (p: PlannedSummary) =>
		`宛先 ${p.to.join(", ")}${p.cc.length > 0 ? ` CC ${p.cc.join(", ")}` : ""}`;
	let sentIndex = 0;
	for (const p of result.planned) {
		const head = `${p.department} ${p.kind} 未入力${p.missing}件 ${recipients(p)}`;
		const is = (list: PlannedSummary[]) =>
			list.find((x) => x.department === p.department);
		const failed = result.failed.find((f) => f.department === p.department);
		const uncertain = result.uncertain.find(
			(f) => f.department === p.department,
		);
		if (is(result.sent))
			lines.push(`送信 ${head}${where(sentMails[sentIndex++])}`);
		else if (failed) lines.push(`失敗 ${head}（${failed.error}）`);
		else if (uncertain)
			lines.push(`不明 ${head}（${uncertain.error}。再送しません）`);
		else if (is(result.held))
			lines.push(`保留 ${head}（送信上限のため次回の実行で送信）`);
	}
	for (const s of result.skipped)
		lines.push(`対象外 ${s.department}：${s.reason}`);
	lines.push(...digestLines(report, sentMails[sentIndex], where));
	if (result.recovered > 0)
		lines.push(
			`前回途中で終わった実行の送信記録 ${result.recovered}件を送信履歴に書き込みました`,
		);
	return lines;
}

function digestLines(
	report: RunReport,
	mail: SentMail | undefined,
	where: (mail: SentMail | undefined) => string,
): string[] {
	switch (report.result.digest) {
		case "sent":
			return [`送信 ダイジェスト 宛先 ${mail?.to ?? ""}${where(mail)}`];
		case "failed":
			return [
				`失敗 ダイジェスト（${report.digestError ?? "送信できませんでした"}）`,
			];
		case "uncertain":
			return ["不明 ダイジェスト（届いたか分かりません。再送しません）"];
		case "held":
			return ["保留 ダイジェスト（送信上限のため次回の実行で送信）"];
		default:
			return [];
	}
}

function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel.startsWith("..") ? file : rel;
}
