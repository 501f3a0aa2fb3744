/**
 * `remind --smtp URL`: MailApp.sendEmail delivers through an SMTP server, synchronously.
 *
 * The runtime calls its mail transport synchronously (as MailApp.sendEmail is), so each mail is
 * handed to a short-lived sender process (dist-local/smtp-send.mjs, nodemailer) with spawnSync;
 * its non-zero exit is the server's refusal, which the script sees as "Failed to send email: …"
 * and logs as 失敗 for that department before going on with the others.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SentMail } from "../runtime/state";
import { type OutgoingMail, outgoingMail } from "./message";
import type { SmtpReply, SmtpRequest } from "./smtp-protocol";

/** Connection, greeting and socket timeout of one delivery. */
export const SMTP_TIMEOUT_MS = 30_000;

export class SmtpUrlError extends Error {}

export interface SmtpTarget {
	url: string;
	/** For messages: the URL without its password. */
	display: string;
}

/** `smtp://[user:pass@]host[:port]` or `smtps://…`; anything else is refused with one line. */
export function parseSmtpUrl(text: string): SmtpTarget {
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
	return { url: url.href, display: redact(url) };
}

function redact(url: URL): string {
	if (url.password === "") return url.href;
	const copy = new URL(url.href);
	copy.password = "***";
	return copy.href;
}

/** dist-local/smtp-send.mjs, next to the command line. */
export function senderScript(): string {
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
		throw new Error(
			code === "ETIMEDOUT"
				? "SMTPサーバーが応答しません（タイムアウト）"
				: r.error.message,
		);
	}
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
	runSender({ action: "verify", url: target.url, timeoutMs: SMTP_TIMEOUT_MS });
}

export interface SmtpDelivery {
	mail: OutgoingMail;
	reply: SmtpReply;
}

/** The runtime's mailTransport: delivers each mail now; throws when the server refuses it. */
export function smtpTransport(
	target: SmtpTarget,
	delivered: SmtpDelivery[],
	fromAddress: string,
): (mail: SentMail) => void {
	return (sent) => {
		const mail = outgoingMail(sent, fromAddress);
		const reply = runSender({
			action: "send",
			url: target.url,
			timeoutMs: SMTP_TIMEOUT_MS,
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
			throw new Error(
				`宛先が拒否されました: ${mail.to.join(", ")}${reply.rejectedReasons.length > 0 ? `（${reply.rejectedReasons.join(" / ")}）` : ""}`,
			);
		delivered.push({ mail, reply });
	};
}
