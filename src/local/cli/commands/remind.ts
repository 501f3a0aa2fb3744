/**
 * `remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL]`: the daily
 * reminder run (SPEC 5) on an .xlsx workbook, as the daily trigger runs it in Google — the
 * bundle's `dailyJob` as an installable trigger of the workbook's owner, the clock at 09:00
 * Asia/Tokyo on --today (default: now).
 *
 * - `--dry-run`: `previewReminders` (the menu's preview): prints the plan; sends nothing and
 *   does not save the workbook.
 * - `--outbox DIR`: each mail the script sent is written to DIR as an .eml file.
 * - `--smtp URL`: each MailApp.sendEmail is delivered through the SMTP server at once; a refused
 *   mail fails that send (logged 失敗 in 送信履歴), the others still go.
 * - Without one of the three the command refuses: nobody should believe mails left when they
 *   were only recorded.
 *
 * After a real run the workbook is saved (送信履歴 is the record that keeps a second run on the
 * same day from mailing anyone again). Exit 0 when every mail went, 1 when one failed (it is in
 * 送信履歴; the next run retries it) or the run was refused, 2 for bad arguments or files.
 */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
	parseSendLog,
	SHEET_NAMES,
	sendStatusOf,
	toIsoDate,
} from "../../../domain";
import type { PlannedSummary, ReminderRunResult } from "../../../gas/reminders";
import {
	ensureOutbox,
	type OutboxEntry,
	removeFiles,
	writeOutbox,
} from "../../mail/eml";
import { dxOfficeSender, outgoingMail } from "../../mail/message";
import {
	parseSmtpUrl,
	type SmtpDelivery,
	type SmtpTarget,
	SmtpUrlError,
	smtpTransport,
	verifySmtp,
} from "../../mail/smtp";
import type { LocalRuntime } from "../../runtime/runtime";
import { ScriptError } from "../../runtime/runtime";
import type { SentMail } from "../../runtime/state";
import { bookPath, parseArgs, stringFlag } from "../args";
import { openBook, runAction, runtimeFor, saveBook } from "../book-session";
import type { CliIo } from "../run";
import { textTable } from "../table-text";
import { CliError } from "../usage";

/** The hour of the simulated daily run (設定 催促時刻's default). */
const RUN_TIME = "09:00:00+09:00";

export async function remindCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, {
		today: "value",
		"dry-run": "boolean",
		outbox: "value",
		smtp: "value",
	});
	const path = bookPath(args, "remind");
	const todayFlag = stringFlag(args, "today");
	const now = todayFlag === undefined ? undefined : runInstant(todayFlag);
	const dryRun = args.flags.has("dry-run");
	const outbox = stringFlag(args, "outbox");
	const smtpFlag = stringFlag(args, "smtp");
	if (outbox !== undefined && smtpFlag !== undefined)
		throw new CliError("--outbox と --smtp は同時に指定できません");
	const smtp = smtpFlag === undefined ? undefined : smtpTarget(smtpFlag);
	if (!dryRun && outbox === undefined && smtp === undefined)
		throw new CliError(
			"送信先を --outbox か --smtp で指定してください（送信せずに確認するには --dry-run）",
		);
	const clock = now ? { now: () => now } : {};

	if (dryRun) {
		const workbook = await openBook(path);
		const rt = runtimeFor(workbook, clock);
		const preview = runAction(rt, "previewReminders") as ReminderRunResult &
			Record<string, unknown>;
		io.stdout(previewText(preview, digestDue(rt, preview)));
		return 0;
	}

	const workbook = await openBook(path);
	ensureWritable(path);
	const outDir = outbox === undefined ? undefined : resolve(outbox);
	if (outDir !== undefined) {
		try {
			ensureOutbox(outDir);
		} catch (error) {
			throw new CliError(
				`出力先フォルダに書き込めません: ${outbox}（${(error as Error).message}）`,
			);
		}
	}
	const delivered: SmtpDelivery[] = [];
	if (smtp) {
		try {
			verifySmtp(smtp);
		} catch (error) {
			throw new CliError(
				`SMTPサーバーに接続できません（${smtp.display}）: ${(error as Error).message}`,
				1,
			);
		}
	}
	const from = dxOfficeSender(workbook, workbook.owner);
	const rt = runtimeFor(workbook, {
		...clock,
		...(smtp ? { mailTransport: smtpTransport(smtp, delivered, from) } : {}),
	});
	const result = runDailyJob(rt);

	// Mails in the order MailApp sent them: the departments' (result.sent), then the digest.
	const labels = [
		...result.sent.map((s) => s.department),
		...(result.digest === "sent" ? ["ダイジェスト"] : []),
	];
	const sentMails = rt.state.mail.outbox;
	const files = new Map<SentMail, string>();
	if (outDir !== undefined) {
		const entries: OutboxEntry[] = sentMails.map((mail, i) => ({
			label: labels[i] ?? "mail",
			mail: outgoingMail(mail, from),
		}));
		let written: string[];
		try {
			written = await writeOutbox(outDir, result.date, entries);
		} catch (error) {
			throw new CliError(
				`メールを ${outbox} に書き出せませんでした（${(error as Error).message}）。ブックは保存していません（送信履歴は更新されていません）`,
				1,
			);
		}
		written.forEach((file, i) => {
			files.set(sentMails[i] as SentMail, file);
		});
		try {
			await saveBook(workbook, path);
		} catch (error) {
			// Unrecorded mails would go again on the next run: take them back out of the outbox.
			removeFiles(written);
			throw error;
		}
	} else {
		try {
			await saveBook(workbook, path);
		} catch (error) {
			throw new CliError(
				`メールは送信しましたが、ブックを保存できませんでした（送信履歴は更新されていません。次回の実行で同じメールが再送されます）: ${(error as Error).message}`,
				1,
			);
		}
	}

	// SMTP: the transport ran once per mail that went, in the same order as MailApp's record.
	const replies = new Map<SentMail, SmtpDelivery>();
	delivered.forEach((d, i) => {
		const mail = sentMails[i];
		if (mail) replies.set(mail, d);
	});
	const where = (mail: SentMail | undefined): string => {
		if (!mail) return "";
		const file = files.get(mail);
		if (file) return ` → ${displayPath(file)}`;
		const rejected = replies.get(mail)?.reply.rejected ?? [];
		return rejected.length > 0
			? `（サーバーが一部の宛先を拒否しました: ${rejected.join(", ")}）`
			: "";
	};
	const lines = mailLines(result, sentMails, rt, where);
	io.stdout(`${lines.join("\n")}\n${result.message}\n`);
	const partial = delivered.some((d) => d.reply.rejected.length > 0);
	const failed =
		result.failed.length > 0 || result.digest === "failed" || partial;
	return failed ? 1 : 0;
}

/** `YYYY-MM-DD` → that day at 09:00 Asia/Tokyo; anything else (or 2024-02-30) is refused. */
export function runInstant(text: string): Date {
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

function smtpTarget(text: string): SmtpTarget {
	try {
		return parseSmtpUrl(text);
	} catch (error) {
		if (error instanceof SmtpUrlError) throw new CliError(error.message);
		throw error;
	}
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
 * With reminders planned someone is late, so it is due unless 送信履歴 has today's digest; with
 * none planned, the preview's own message says so.
 */
function digestDue(rt: LocalRuntime, preview: ReminderRunResult): boolean {
	if (!preview.ran) return false;
	if (preview.planned.length === 0)
		return preview.message.includes("ダイジェストを送信します");
	const sheet = rt.workbook.sheets.find((s) => s.name === SHEET_NAMES.sendLog);
	const log = parseSendLog(sheet ? sheet.values : []);
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

function mailLines(
	result: ReminderRunResult,
	sentMails: SentMail[],
	rt: LocalRuntime,
	where: (mail: SentMail | undefined) => string,
): string[] {
	const lines = [`${result.date} ${result.reason}`];
	const recipients = (p: PlannedSummary) =>
		`宛先 ${p.to.join(", ")}${p.cc.length > 0 ? ` CC ${p.cc.join(", ")}` : ""}`;
	let sentIndex = 0;
	for (const p of result.planned) {
		const head = `${p.department} ${p.kind} 未入力${p.missing}件 ${recipients(p)}`;
		if (result.sent.some((s) => s.department === p.department)) {
			lines.push(`送信 ${head}${where(sentMails[sentIndex++])}`);
			continue;
		}
		const failed = result.failed.find((f) => f.department === p.department);
		if (failed) {
			lines.push(`失敗 ${head}（${failed.error}）`);
			continue;
		}
		if (result.held.some((h) => h.department === p.department))
			lines.push(`保留 ${head}（送信上限のため次回の実行で送信）`);
	}
	for (const s of result.skipped)
		lines.push(`対象外 ${s.department}：${s.reason}`);
	if (result.digest === "sent") {
		const mail = sentMails[sentIndex];
		lines.push(`送信 ダイジェスト 宛先 ${mail?.to ?? ""}${where(mail)}`);
	} else if (result.digest === "failed") {
		const log = rt.state.logs.find((l) =>
			l.message.startsWith("ダイジェストの送信に失敗しました"),
		);
		lines.push(
			`失敗 ダイジェスト（${log?.message ?? "送信できませんでした"}）`,
		);
	} else if (result.digest === "held") {
		lines.push("保留 ダイジェスト（送信上限のため次回の実行で送信）");
	}
	return lines;
}

function displayPath(file: string): string {
	const rel = relative(process.cwd(), file);
	return rel.startsWith("..") ? file : rel;
}
