/**
 * `remind --outbox DIR`: each mail MailApp sent, written as an RFC 5322 message (.eml) built by
 * nodemailer's MailComposer — UTF-8, RFC 2047 `B` headers, multipart/alternative text + HTML.
 */
import {
	closeSync,
	mkdirSync,
	openSync,
	readdirSync,
	readSync,
	unlinkSync,
	writeFileSync,
} from "node:fs";
import { join } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { writeFileAtomic } from "../atomic-write";
import { nodemailerOptions, type OutgoingMail } from "./message";

function composeEml(mail: OutgoingMail): Promise<Buffer> {
	return new MailComposer(nodemailerOptions(mail)).compile().build();
}

/**
 * A file name safe on Windows, macOS and Linux: characters no file system accepts, controls
 * and leading/trailing dots or spaces removed; at most 40 characters of the label.
 */
function safeFileLabel(label: string): string {
	const cleaned = Array.from(
		label
			.normalize("NFC")
			// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
			.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, "_")
			.replace(/\s+/g, "_"),
	)
		.slice(0, 40)
		.join("")
		.replace(/^[._]+|[._ ]+$/g, "");
	return cleaned === "" ? "mail" : cleaned;
}

/** `2024-05-24_01_市民課.eml`: the day, a number counting on from the day's files in DIR, the label. */
function emlFileName(day: string, seq: number, label: string): string {
	return `${day}_${String(seq).padStart(2, "0")}_${safeFileLabel(label)}.eml`;
}

/** The last number used for `day` in `dir` (0 when none), so a second run never overwrites. */
function lastSequence(dir: string, day: string): number {
	let last = 0;
	for (const name of readdirSync(dir)) {
		const m = /^(\d{4}-\d{2}-\d{2})_(\d+)_.*\.eml$/i.exec(name);
		if (m && m[1] === day) last = Math.max(last, Number(m[2]));
	}
	return last;
}

export function ensureOutbox(dir: string): void {
	mkdirSync(dir, { recursive: true });
	// A probe file: the folder must take new files before anything is "sent" into it.
	const probe = join(dir, `.dx-progress-probe-${process.pid}`);
	writeFileSync(probe, "", { flag: "wx" });
	unlinkSync(probe);
}

export interface OutboxEntry {
	label: string;
	mail: OutgoingMail;
}

/**
 * Writes one mail into `dir` as the next `day` file, whole or not at all, never over a file;
 * returns its path. `recovering`: a mail of an interrupted run, which may be on disk already
 * (written just before the crash) — then that file is returned and nothing is written.
 */
export async function writeOutboxMail(
	dir: string,
	day: string,
	entry: OutboxEntry,
	recovering = false,
): Promise<string> {
	mkdirSync(dir, { recursive: true });
	if (recovering) {
		const found = fileWithMessageId(dir, day, entry.mail.messageId);
		if (found) return found;
	}
	const eml = await composeEml(entry.mail);
	let seq = lastSequence(dir, day);
	for (;;) {
		const file = join(dir, emlFileName(day, ++seq, entry.label));
		try {
			writeFileAtomic(file, eml, false);
			return file;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
		}
	}
}

/** The `day` file of `dir` whose header names `messageId`, if any (only headers are read). */
function fileWithMessageId(
	dir: string,
	day: string,
	messageId: string,
): string | undefined {
	const header = `Message-ID: ${messageId}`.toLowerCase();
	for (const name of readdirSync(dir)) {
		if (!name.startsWith(`${day}_`) || !name.endsWith(".eml")) continue;
		const file = join(dir, name);
		const head = Buffer.alloc(16 * 1024);
		const fd = openSync(file, "r");
		try {
			const n = readSync(fd, head, 0, head.length, 0);
			const text = head.subarray(0, n).toString("latin1");
			if (text.split("\r\n\r\n")[0]?.toLowerCase().includes(header))
				return file;
		} finally {
			closeSync(fd);
		}
	}
	return undefined;
}

/**
 * Writes the mails into `dir` (never overwriting a file) and returns the paths. When one cannot
 * be written, those written by this call are removed again and the error is rethrown.
 */
export async function writeOutbox(
	dir: string,
	day: string,
	entries: OutboxEntry[],
): Promise<string[]> {
	const written: string[] = [];
	try {
		for (const entry of entries)
			written.push(await writeOutboxMail(dir, day, entry));
		return written;
	} catch (error) {
		for (const file of written) unlinkSync(file);
		throw error;
	}
}
