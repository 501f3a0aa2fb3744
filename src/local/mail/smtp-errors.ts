/**
 * What went wrong with an SMTP delivery (`remind --smtp`), in Japanese, in one place: each
 * nodemailer or network error becomes one sentence saying what happened and what to do, with the
 * raw code kept only as a short tail for an IT desk — `（ECONNREFUSED）`, `（SMTP 550 5.1.1）` —
 * never the server's or Node's English text.
 *
 * The error's shape is nodemailer's (SMTPConnection `_formatError`): `code` is its class
 * (ESOCKET, EDNS, ETIMEDOUT, ETLS, EAUTH, EENVELOPE, EMESSAGE, ECONNECTION, EPROTOCOL, ESTREAM),
 * `originalCode` the system's (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…), `responseCode` and
 * `response` the server's reply, `command` the SMTP command it answered (CONN, AUTH PLAIN,
 * MAIL FROM, RCPT TO, DATA). Reply codes: RFC 5321 §4.2.
 */
import { basename } from "node:path";
import { errnoCode, fsReason } from "../fs-errors";

export type SmtpFailureKind =
	| "dns"
	| "connect"
	| "timeout"
	| "tls"
	| "certificate"
	| "auth-required"
	| "auth"
	| "sender"
	| "recipient"
	| "too-large"
	| "message"
	| "temporary"
	| "dropped"
	| "protocol"
	| "file"
	| "other";

/** Which server (`host:port`) and the From address, for the sentence. */
export interface SmtpContext {
	server: string;
	from?: string;
}

interface Fields {
	code?: string;
	originalCode?: string;
	responseCode?: number;
	response: string;
	command?: string;
	path?: string;
	syscall?: string;
	message: string;
}

function fields(error: unknown): Fields {
	const e = (error && typeof error === "object" ? error : {}) as Record<
		string,
		unknown
	>;
	const text = (v: unknown) => (typeof v === "string" ? v : undefined);
	const rc = Number(e.responseCode);
	return {
		code: text(e.code),
		originalCode: text(e.originalCode),
		responseCode: Number.isInteger(rc) && rc >= 200 ? rc : undefined,
		response: text(e.response) ?? "",
		command: text(e.command),
		path: text(e.path),
		syscall: text(e.syscall),
		message: error instanceof Error ? error.message : String(error ?? ""),
	};
}

const DNS_CODES = new Set([
	"ENOTFOUND",
	"EAI_AGAIN",
	"EAI_FAIL",
	"EAI_NONAME",
	"ENODATA",
]);
/** A connection that never opened (nothing listens, no route, a firewall said no). */
const CONNECT_CODES = new Set([
	"ECONNREFUSED",
	"EHOSTUNREACH",
	"ENETUNREACH",
	"EHOSTDOWN",
	"ENETDOWN",
	"EADDRNOTAVAIL",
	"EACCES",
	"EPERM",
]);
const CERTIFICATE =
	/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|HOSTNAME_MISMATCH/;
const TLS = /^(ERR_SSL_|ERR_TLS_|EPROTO$)/;
/** An enhanced status code (RFC 3463) in a reply, e.g. `5.1.1`. */
const ENHANCED = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

export function classifySmtpError(error: unknown): SmtpFailureKind {
	const f = fields(error);
	const system = f.originalCode ?? f.code ?? "";
	const rc = f.responseCode;
	if (f.syscall && f.path && !f.command) return "file";
	if (f.code === "EDNS" || DNS_CODES.has(system)) return "dns";
	if (CERTIFICATE.test(system)) return "certificate";
	if (f.code === "ETLS" || TLS.test(system)) return "tls";
	if (rc === 530) return "auth-required";
	if (f.code === "EAUTH" || rc === 535 || rc === 534 || rc === 538)
		return "auth";
	const enhanced = ENHANCED.exec(f.response)?.[1];
	if (
		rc === 552 ||
		rc === 523 ||
		enhanced === "5.3.4" ||
		(f.code === "EMESSAGE" && f.command === "MAIL FROM")
	)
		return "too-large";
	if (rc !== undefined && rc >= 400 && rc < 500) return "temporary";
	if (rc !== undefined && f.command === "RCPT TO") return "recipient";
	if (rc !== undefined && f.command === "MAIL FROM") return "sender";
	if (rc !== undefined && f.command === "DATA") return "message";
	if (f.code === "ETIMEDOUT") return "timeout";
	if (CONNECT_CODES.has(system)) return "connect";
	if (f.code === "ESOCKET" || f.code === "ECONNECTION") return "dropped";
	if (f.code === "EPROTOCOL") return "protocol";
	return "other";
}

/** `（SMTP 550 5.1.1）` for a server's reply, `（ECONNREFUSED）` for the system's, else nothing. */
function tail(f: Fields): string {
	if (f.responseCode !== undefined) {
		const enhanced = ENHANCED.exec(f.response)?.[1];
		return `（SMTP ${f.responseCode}${enhanced ? ` ${enhanced}` : ""}）`;
	}
	const code = f.originalCode ?? f.code;
	return code ? `（${code}）` : "";
}

function hostOf(server: string): string {
	return server.replace(/:\d+$/, "").replace(/^\[(.*)\]$/, "$1");
}

/** What happened and what to do, by kind: each sentence without its tail. */
function sentence(kind: SmtpFailureKind, f: Fields, c: SmtpContext): string {
	const server = `SMTPサーバー（${c.server}）`;
	switch (kind) {
		case "dns":
			return `SMTPサーバー「${hostOf(c.server)}」が見つかりません。--smtp のサーバー名のつづりと、このパソコンのネットワーク（DNS）を確かめてください`;
		case "connect":
			return `SMTPサーバーに接続できません（${c.server}）。--smtp のサーバー名とポート番号、サーバーが動いているか、ファイアウォールを確かめてください`;
		case "timeout":
			return `${server}が時間内に応答しません。--smtp のサーバー名とポート番号を確かめ、サーバーが混んでいる場合は --smtp-timeout を長くしてください`;
		case "tls":
			return `${server}と暗号化（TLS）の接続ができません。ポート 465 なら smtps://、587 や 25 なら smtp:// で指定しているか確かめてください`;
		case "certificate":
			return `${server}の証明書を確かめられないため接続しません。--smtp のサーバー名が証明書の名前と同じか、証明書の期限が切れていないかを情報システム担当に確かめてください`;
		case "auth-required":
			return `${server}はログインが必要です。--smtp を smtp://利用者名:パスワード@${c.server} の形で指定してください`;
		case "auth":
			return `${server}にログインできません。--smtp の URL の利用者名とパスワードを確かめてください`;
		case "sender":
			return `SMTPサーバーが送信元のアドレス${c.from ? ` ${c.from} ` : ""}を受け付けません。設定の「DX推進室メール」がこのサーバーから送れるアドレスか確かめてください`;
		// Not the addresses: 送信履歴 and the output name them beside it, and the digest (for the
		// DX office) names no department's address.
		case "recipient":
			return "SMTPサーバーが宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレスを確かめてください";
		case "too-large":
			return "メールが大きすぎるため SMTPサーバーが受け付けませんでした。添付する照会ファイルを小さくするか、--attach を付けずに送ってください";
		case "message":
			return "SMTPサーバーがこのメールを受け付けませんでした（迷惑メールの検査などで拒否された可能性があります）。情報システム担当に確かめてください";
		case "temporary":
			return "SMTPサーバーが一時的に受け付けませんでした。しばらくしてから、もう一度 remind を実行してください";
		case "dropped":
			return `${server}との接続が途中で切れました（メールは届いていません）。しばらくしてから、もう一度 remind を実行してください`;
		case "protocol":
			return `${server}から SMTP の応答がありません。--smtp のポート番号が SMTP のものか確かめてください`;
		case "file":
			return `添付する照会ファイルを読めません（${fsReason(f)}）: ${basename(f.path ?? "")}`;
		case "other":
			return `${server}への送信に失敗しました。しばらくしてからもう一度実行し、繰り返す場合は情報システム担当に確かめてください`;
	}
}

/** The one line for a delivery (or a connection check) that failed before the message went. */
export function smtpFailureText(error: unknown, context: SmtpContext): string {
	const f = fields(error);
	const kind = classifySmtpError(error);
	if (kind === "file") return sentence(kind, f, context);
	// Not nodemailer's: a fault of the sender itself, kept whole for whoever maintains it.
	const unknown =
		kind === "other" && f.code === undefined && f.responseCode === undefined;
	const firstLine = f.message.split("\n", 1)[0]?.trim() ?? "";
	return `${sentence(kind, f, context)}${unknown ? `（内部エラー: ${firstLine}）` : tail(f)}`;
}

/**
 * The whole message went and the answer never came (a timeout) or the connection broke: the mail
 * may have been delivered (RFC 5321 §4.5.3.2.6), so it is not sent again.
 */
export function uncertainDeliveryText(
	error: unknown,
	context: SmtpContext,
): string {
	const f = fields(error);
	const server = `SMTPサーバー（${context.server}）`;
	return f.code === "ETIMEDOUT"
		? `${server}がメールの本文を受け取った後、応答しませんでした（タイムアウト）`
		: `${server}との接続がメールの本文を送った後に切れました${tail(f)}`;
}

/** The server took the mail for copies only: every To address (the department) was refused. */
export function recipientsRefusedText(replies: readonly string[]): string {
	const code = /^\s*(\d{3})/.exec(replies[0] ?? "")?.[1];
	const f = {
		...fields(null),
		response: replies[0] ?? "",
		...(code ? { responseCode: Number(code) } : {}),
	};
	return `${sentence("recipient", f, { server: "" })}${tail(f)}`;
}

/** The sender process could not be run at all (spawnSync's error). */
export function senderNotRunText(error: unknown): string {
	const code = errnoCode(error);
	return `SMTP送信プロセスを実行できませんでした。dx-progress のフォルダで npm run build をやり直してから、もう一度実行してください${code ? `（${code}）` : ""}`;
}

/** Appended to a failed connection check: it happens before any mail. */
export const NOTHING_SENT = "メールは送っていません";

/** `host:port` of an smtp:// or smtps:// URL, with nodemailer's default ports (587, 465). */
export function smtpServerName(url: string): string {
	try {
		const u = new URL(url);
		const port = u.port || (u.protocol === "smtps:" ? "465" : "587");
		return `${u.hostname}:${port}`;
	} catch {
		return url;
	}
}
