/**
 * `remind --outbox DIR`: each mail MailApp sent, written as an RFC 5322 message (.eml) built by
 * nodemailer's MailComposer — UTF-8, RFC 2047 `B` headers, multipart/alternative text + HTML.
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import { nodemailerOptions, type OutgoingMail } from "./message";

export function composeEml(mail: OutgoingMail): Promise<Buffer> {
	return new MailComposer(nodemailerOptions(mail)).compile().build();
}

/**
 * A file name safe on Windows, macOS and Linux: characters no file system accepts, controls
 * and leading/trailing dots or spaces removed; at most 40 characters of the label.
 */
export function safeFileLabel(label: string): string {
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
export function emlFileName(day: string, seq: number, label: string): string {
	return `${day}_${String(seq).padStart(2, "0")}_${safeFileLabel(label)}.eml`;
}

/** The last number used for `day` in `dir` (0 when none), so a second run never overwrites. */
export function lastSequence(dir: string, day: string): number {
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
		let seq = lastSequence(dir, day);
		for (const entry of entries) {
			const eml = await composeEml(entry.mail);
			for (;;) {
				const file = join(dir, emlFileName(day, ++seq, entry.label));
				try {
					writeFileSync(file, eml, { flag: "wx" });
					written.push(file);
					break;
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
				}
			}
		}
		return written;
	} catch (error) {
		removeFiles(written);
		throw error;
	}
}

export function removeFiles(files: readonly string[]): void {
	for (const file of files) {
		try {
			unlinkSync(file);
		} catch {
			// already gone
		}
	}
}
