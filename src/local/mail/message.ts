/**
 * One mail the script sent through MailApp (the runtime's SentMail), as the nodemailer message
 * both destinations use: the .eml files of `remind --outbox` (MailComposer) and the SMTP
 * delivery of `remind --smtp`. Plain JSON, so it can cross to the SMTP sender process.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseSettings, type Settings, SHEET_NAMES } from "../../domain";
import type { WorkbookModel } from "../runtime/model";
import type { SentMail } from "../runtime/state";

export interface OutgoingMail {
	from: { name: string; address: string };
	to: string[];
	cc: string[];
	bcc: string[];
	replyTo: string[];
	subject: string;
	text: string;
	html: string;
	/** ISO 8601; the Date header (the runtime's clock when the script sent it). */
	date: string;
	messageId: string;
	/** RFC 2047 `B` encoding for non-ASCII headers, base64 bodies. */
	textEncoding: "base64";
	headers: Record<string, string>;
	/** Files attached offline (remind --attach): read when the mail is composed. */
	attachments: MailAttachment[];
}

export interface MailAttachment {
	/** The name the recipient sees. */
	filename: string;
	/** Where the file is on this computer. */
	path: string;
}

/** The media type of an .xlsx file (ECMA-376 / IANA), so mail programs offer Excel to open it. */
const XLSX_TYPE =
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function list(text: string): string[] {
	return text
		.split(",")
		.map((a) => a.trim())
		.filter((a) => a !== "");
}

/** The domain part of an address, for Message-ID (`local.invalid` when there is none). */
function domainOf(address: string): string {
	const at = address.lastIndexOf("@");
	const domain = at >= 0 ? address.slice(at + 1).trim() : "";
	return /^[A-Za-z0-9.-]+$/.test(domain) ? domain : "local.invalid";
}

/**
 * The From address of the mails written or sent offline: 設定 DX推進室メール (its first address),
 * else `fallback`. In Google MailApp sends from the account running the trigger
 * (reference/mail/mail-app: `name` is only the display name); a PC has no such account.
 */
export function dxOfficeSender(
	workbook: WorkbookModel,
	fallback: string,
): string {
	return bookSettings(workbook).dxOfficeEmails[0] ?? fallback;
}

/** 設定 of `workbook` as the product reads it. */
export function bookSettings(workbook: WorkbookModel): Settings {
	const sheet = workbook.sheets.find((s) => s.name === SHEET_NAMES.settings);
	return parseSettings(sheet?.values ?? [], new Date()).settings;
}

/** `mail` as sent from `fromAddress`, with 送信者名 as the display name. */
export function outgoingMail(
	mail: SentMail,
	fromAddress: string,
	attachments: MailAttachment[] = [],
): OutgoingMail {
	return {
		from: { name: mail.name, address: fromAddress },
		to: list(mail.to),
		cc: list(mail.cc),
		bcc: list(mail.bcc),
		replyTo: list(mail.replyTo),
		subject: mail.subject,
		text: mail.body,
		html: mail.htmlBody,
		date: mail.sentAt.toISOString(),
		messageId: `<${randomUUID()}@${domainOf(fromAddress)}>`,
		textEncoding: "base64",
		// RFC 3834: a machine-made mail, so auto-responders do not answer it.
		headers: { "Auto-Submitted": "auto-generated" },
		attachments,
	};
}

/** The options nodemailer (MailComposer or a transport) takes for `mail`. */
export function nodemailerOptions(mail: OutgoingMail) {
	return {
		from: mail.from,
		to: mail.to,
		...(mail.cc.length > 0 ? { cc: mail.cc } : {}),
		...(mail.bcc.length > 0 ? { bcc: mail.bcc } : {}),
		...(mail.replyTo.length > 0 ? { replyTo: mail.replyTo } : {}),
		subject: mail.subject,
		text: mail.text,
		...(mail.html !== "" ? { html: mail.html } : {}),
		date: new Date(mail.date),
		messageId: mail.messageId,
		textEncoding: mail.textEncoding,
		headers: mail.headers,
		...(mail.attachments.length > 0
			? {
					attachments: mail.attachments.map((a) => ({
						filename: a.filename,
						content: readFileSync(a.path),
						contentType: XLSX_TYPE,
					})),
				}
			: {}),
		// Nothing in a reminder's text refers to files or URLs to embed; never read any.
		disableFileAccess: true,
		disableUrlAccess: true,
	};
}
