/**
 * `remind --attach DIR`: each department's reminder carries its 照会 file `DIR/<年度>_<課名>.xlsx`
 * (the name `split` writes, inquiryFileName), at most MAX_MAIL_BYTES per mail.
 *
 * Why the command line attaches, not the bundle: the mail's text is composed by the bundle, as
 * in Google, but the 照会 file exists only offline, as a file on this computer. MailApp could
 * send attachments (options.attachments, BlobSource[]), but the bundle would have to find the
 * file — in Google through Drive, a service and scope it does not use. So the file is added to
 * the message the bundle composed when it leaves this computer (the .eml and SMTP alike), for the
 * department whose journal entry the bundle has just written.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { inquiryFileName } from "../../domain";
import type { MailAttachment, OutgoingMail } from "./message";

/**
 * 10 MB: what mail servers commonly accept per message (Postfix's default message_size_limit is
 * 10,240,000 bytes), measured on the mail as it goes (the file in base64), not on the file.
 */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

/** Headers and MIME part boundaries: generously, so the estimate is never short. */
const HEADER_ALLOWANCE = 8 * 1024;

export function inquiryAttachment(
	dir: string,
	fiscalYear: number,
	department: string,
): MailAttachment {
	const filename = inquiryFileName(fiscalYear, department);
	return { filename, path: join(dir, filename) };
}

/** The departments' files that are not in `dir` (as file names). */
export function missingInquiryFiles(
	dir: string,
	fiscalYear: number,
	departments: readonly string[],
): string[] {
	return departments
		.map((d) => inquiryAttachment(dir, fiscalYear, d))
		.filter((a) => !existsSync(a.path) || !statSync(a.path).isFile())
		.map((a) => a.filename);
}

/** Base64 in lines of 76 characters with CRLF, as MIME bodies are sent. */
function base64Bytes(bytes: number): number {
	const encoded = Math.ceil(bytes / 3) * 4;
	return encoded + Math.ceil(encoded / 76) * 2;
}

/** The size of `mail` as sent, in bytes (an estimate that never falls short by more than bytes). */
function mailBytes(mail: OutgoingMail): number {
	const files = mail.attachments.reduce(
		(n, a) => n + base64Bytes(statSync(a.path).size),
		0,
	);
	return (
		files +
		base64Bytes(Buffer.byteLength(mail.text)) +
		base64Bytes(Buffer.byteLength(mail.html)) +
		HEADER_ALLOWANCE
	);
}

/** Throws (that department's mail fails, 失敗 in 送信履歴) when the file is gone or too big. */
export function requireSendable(mail: OutgoingMail): void {
	for (const a of mail.attachments)
		if (!existsSync(a.path))
			throw new Error(`添付する照会ファイルがありません: ${a.filename}`);
	const size = mailBytes(mail);
	if (size > MAX_MAIL_BYTES)
		throw new Error(
			`照会ファイルを添付するとメールが約${megabytes(size)}MBになり、上限の${megabytes(MAX_MAIL_BYTES)}MBを超えるため送りません（${mail.attachments.map((a) => a.filename).join("、")}）。ファイルを小さくするか、回答方法を変えてください`,
		);
}

function megabytes(bytes: number): string {
	return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "");
}
