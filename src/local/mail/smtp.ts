/**
 * `remind --smtp URL`: MailApp.sendEmail delivers through an SMTP server, synchronously.
 *
 * The runtime calls its mail transport synchronously (as MailApp.sendEmail is), so each mail is
 * handed to a short-lived sender process (dist-local/smtp-send.mjs, nodemailer) with spawnSync;
 * its non-zero exit is the server's refusal, in Japanese (smtp-errors.ts), which the script sees
 * as MailApp's exception and logs as 失敗 for that department before going on with the others. A mail the server took
 * whole without answering (or a sender that never came back) is uncertain: the exception says
 * 送信不明, and the script logs it so and never sends it again.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SEND_RESULT_UNCERTAIN_PREFIX } from "../../domain";
import type { SentMail } from "../runtime/state";
import type { OutgoingMail } from "./message";
import { recipientsRefusedText, senderNotRunText } from "./smtp-errors";
import {
	type SmtpReply,
	type SmtpRequest,
	UNCERTAIN_EXIT,
} from "./smtp-protocol";

/**
 * Connection, greeting and socket (silence) timeout of one delivery, by default; `--smtp-timeout`
 * changes it. Long enough for a relay that scans mail before it answers the end of the message,
 * short enough that a stalled server does not hold the daily run for long; a mail that times out
 * after its message went is 送信不明, not retried.
 */
const SMTP_TIMEOUT_MS = 60_000;

export class SmtpUrlError extends Error {}

export interface SmtpTarget {
	url: string;
	timeoutMs: number;
}

/** `smtp://[user:pass@]host[:port]` or `smtps://…`; anything else is refused with one line. */
export function parseSmtpUrl(
	text: string,
	timeoutMs = SMTP_TIMEOUT_MS,
): SmtpTarget {
	const example =
		"例: smtp://user:pass@mail.example.jp:587、smtps://mail.example.jp";
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new SmtpUrlError(
			`--smtp の URL が正しくありません: ${text}（${example}）`,
		);
	}
	if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
		throw new SmtpUrlError(
			`--smtp には smtp:// か smtps:// の URL を指定してください: ${redact(url)}（${example}）`,
		);
	if (url.hostname === "")
		throw new SmtpUrlError(
			`--smtp の URL にサーバー名がありません: ${redact(url)}（${example}）`,
		);
	if (url.pathname !== "" && url.pathname !== "/")
		throw new SmtpUrlError(
			`--smtp の URL にパスは指定できません: ${redact(url)}（${example}）`,
		);
	return { url: url.href, timeoutMs };
}

function redact(url: URL): string {
	if (url.password === "") return url.href;
	const copy = new URL(url.href);
	copy.password = "***";
	return copy.href;
}

/** dist-local/smtp-send.mjs, next to the command line. */
function senderScript(): string {
	const path = fileURLToPath(new URL("./smtp-send.mjs", import.meta.url));
	if (!existsSync(path))
		throw new Error(
			`${path} がありません。先に npm run build を実行してください`,
		);
	return path;
}

function runSender(request: SmtpRequest): SmtpReply {
	const r = spawnSync(process.execPath, [senderScript()], {
		input: JSON.stringify(request),
		encoding: "utf8",
		timeout: request.timeoutMs * 4,
		windowsHide: true,
		maxBuffer: 1024 * 1024,
	});
	if (r.error) {
		const code = (r.error as NodeJS.ErrnoException).code;
		// The sender was stopped without telling how far it got: the mail may have gone.
		if (code === "ETIMEDOUT" && request.action === "send")
			throw new Error(
				`${SEND_RESULT_UNCERTAIN_PREFIX}SMTP送信プロセスが時間内に終わりませんでした（届いたか分かりません）`,
			);
		throw new Error(
			code === "ETIMEDOUT"
				? "SMTPサーバーが時間内に応答しません。--smtp のサーバー名とポート番号を確かめてください（ETIMEDOUT）"
				: senderNotRunText(r.error),
		);
	}
	if (r.status === UNCERTAIN_EXIT)
		throw new Error(
			`${SEND_RESULT_UNCERTAIN_PREFIX}${r.stderr.trim()}（届いたか分かりません）`,
		);
	if (r.status !== 0) {
		const detail = r.stderr.trim().split("\n").at(-1)?.trim();
		throw new Error(
			detail ||
				`SMTP送信プロセスが異常終了しました（${r.signal ?? `終了コード ${r.status}`}）`,
		);
	}
	return JSON.parse(r.stdout) as SmtpReply;
}

/** Connects (and logs in, if the URL has a user) once, before any mail is attempted. */
export function verifySmtp(target: SmtpTarget): void {
	runSender({ action: "verify", url: target.url, timeoutMs: target.timeoutMs });
}

export interface SmtpDelivery {
	mail: OutgoingMail;
	reply: SmtpReply;
}

/**
 * The runtime's mailTransport: delivers each mail (as `compose` makes it) now; throws when the
 * server refuses it, or with 送信不明 when nobody knows.
 */
export function smtpTransport(
	target: SmtpTarget,
	delivered: SmtpDelivery[],
	compose: (sent: SentMail) => OutgoingMail,
): (mail: SentMail) => void {
	return (sent) => {
		const mail = compose(sent);
		const reply = runSender({
			action: "send",
			url: target.url,
			timeoutMs: target.timeoutMs,
			mail,
		});
		// The server took the mail for some recipients only. When none of the To addresses (the
		// department itself) is among them, the reminder did not reach its department: a failure,
		// so it is logged 失敗 and retried. A refused copy (CC) is reported, the mail counts as sent.
		const refused = new Set(reply.rejected.map((a) => a.toLowerCase()));
		if (
			mail.to.length > 0 &&
			mail.to.every((a) => refused.has(a.toLowerCase()))
		)
			throw new Error(recipientsRefusedText(reply.rejectedReasons));
		delivered.push({ mail, reply });
	};
}
