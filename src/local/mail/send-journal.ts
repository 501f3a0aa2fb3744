/**
 * BOOK.xlsx.journal: what `remind` has sent that the book does not record yet (SPEC 9: a crash
 * at any point never causes a second mail).
 *
 * The product journals each mail attempt in the document properties before and after the send
 * (src/gas/reminders.ts); in Google those persist at once. Offline they live only as long as the
 * process, and 送信履歴 reaches the disk only when the book is saved after the run. This file
 * bridges the two. Each line is JSON, appended and flushed to disk (fsync) before the script goes
 * on:
 *   {"t":"prop",…}     the product's journal entry (its document property), as it is written
 *   {"t":"mail",…}     a mail put in the outbox (--outbox): the message, its folder, day and label
 *   {"t":"written",…}  that mail is on disk as an .eml file
 * The next `remind` replays the product's entries of earlier runs into the document properties
 * (the product then logs them in 送信履歴 and plans around them) and writes the outbox mails that
 * are not on disk yet. The file is removed once the book holding 送信履歴 has been saved.
 *
 * An entry left pending (the run died during its send) is uncertain through SMTP — the product
 * logs it 送信済（未確認）. Into the outbox it is not: the mail line says whether the mail was
 * handed over, so a pending entry followed by its mail counts as sent, and one without it is
 * dropped (the mail never left; the next run sends it).
 */
import {
	closeSync,
	existsSync,
	fsyncSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync,
} from "node:fs";
import { dirname } from "node:path";
import {
	decodeJournalEntry,
	encodeJournalEntry,
	journalAttempt,
	REMINDER_JOURNAL_PREFIX,
} from "../../domain";
import { killPoint } from "../kill-point";
import type { OutgoingMail } from "./message";

export function journalPathOf(book: string): string {
	return `${book}.journal`;
}

/** A mail put in the outbox: written as .eml after the run, or by the next run after a crash. */
export interface OutboxMail {
	run: string;
	n: number;
	dir: string;
	day: string;
	label: string;
	mail: OutgoingMail;
}

type Line =
	| { t: "prop"; run: string; key: string; value: string; outbox?: true }
	| ({ t: "mail" } & OutboxMail)
	| { t: "written"; run: string; n: number; file: string };

/** The department (or the digest) the script is mailing now, from its pending journal entry. */
export interface Attempt {
	department: string;
	digest: boolean;
}

export class SendJournal {
	private fd: number | null = null;
	private readonly run = `${process.pid}-${Date.now().toString(36)}`;
	private appended = 0;
	private mails = 0;
	private attempt: Attempt | null = null;
	private outbox = false;

	private constructor(
		readonly path: string,
		private readonly lines: Line[],
		private readonly torn: boolean,
	) {}

	/** Reads the journal of `book` (none: empty). A line cut short by a crash is ignored. */
	static read(book: string): SendJournal {
		const path = journalPathOf(book);
		if (!existsSync(path)) return new SendJournal(path, [], false);
		const text = readFileSync(path, "utf8");
		const lines: Line[] = [];
		for (const raw of text.split("\n")) {
			if (raw.trim() === "") continue;
			try {
				lines.push(JSON.parse(raw) as Line);
			} catch {
				// the last line of a run killed while appending it
			}
		}
		return new SendJournal(path, lines, text !== "" && !text.endsWith("\n"));
	}

	/** Whether earlier runs left anything (a crash, or a save that failed). */
	get hasEarlier(): boolean {
		return this.lines.length > 0;
	}

	/**
	 * The product's journal entries of earlier runs, put into `props` (the runtime's document
	 * properties) under keys of their own: the product reads them as it reads its own journal.
	 */
	replayInto(props: Map<string, string>): number {
		const last = new Map<string, number>();
		this.lines.forEach((line, index) => {
			if (line.t === "prop") last.set(`${line.run}|${line.key}`, index);
		});
		let i = 0;
		for (const index of last.values()) {
			const settled = this.settled(index);
			if (settled === null) continue;
			props.set(
				`${REMINDER_JOURNAL_PREFIX}r${String(i++).padStart(6, "0")}`,
				settled,
			);
		}
		return i;
	}

	/** A pending outbox entry is settled by whether its mail line follows (null: it never left). */
	private settled(index: number): string | null {
		const line = this.lines[index] as Extract<Line, { t: "prop" }>;
		const entry = decodeJournalEntry(line.value);
		if (!line.outbox || entry.confirmed) return line.value;
		const handed = this.lines
			.slice(index + 1)
			.some((l) => l.t === "mail" && l.run === line.run);
		return handed ? encodeJournalEntry({ ...entry, confirmed: true }) : null;
	}

	/** Outbox mails of earlier runs that no line says were written. */
	unwrittenMails(): OutboxMail[] {
		const written = new Set(
			this.lines.filter((l) => l.t === "written").map((l) => `${l.run}|${l.n}`),
		);
		return this.lines.filter(
			(l): l is { t: "mail" } & OutboxMail =>
				l.t === "mail" && !written.has(`${l.run}|${l.n}`),
		);
	}

	/**
	 * The runtime's document properties, mirrored: every journal entry the product writes is
	 * appended here before setProperty returns. Deleting is not mirrored: the product clears its
	 * journal at the end of the run, but the book holding those rows is not saved yet.
	 */
	mirror(
		existing: Map<string, string>,
		mode: { outbox: boolean },
	): Map<string, string> {
		this.outbox = mode.outbox;
		const journal = this;
		class Mirrored extends Map<string, string> {
			override set(key: string, value: string): this {
				if (key.startsWith(REMINDER_JOURNAL_PREFIX))
					journal.recordProperty(key, value);
				return super.set(key, value);
			}
		}
		const mirrored = new Mirrored();
		for (const [k, v] of existing) Map.prototype.set.call(mirrored, k, v);
		return mirrored;
	}

	/** Whom the script is mailing now (null before its first journal entry). */
	currentAttempt(): Attempt | null {
		return this.attempt;
	}

	recordMail(
		dir: string,
		day: string,
		label: string,
		mail: OutgoingMail,
	): OutboxMail {
		const entry: OutboxMail = {
			run: this.run,
			n: ++this.mails,
			dir,
			day,
			label,
			mail,
		};
		this.append({ t: "mail", ...entry });
		return entry;
	}

	markWritten(entry: OutboxMail, file: string): void {
		this.append({ t: "written", run: entry.run, n: entry.n, file });
	}

	/** The book now records everything: the journal is no longer needed. */
	remove(): void {
		this.close();
		if (existsSync(this.path)) unlinkSync(this.path);
	}

	close(): void {
		if (this.fd !== null) closeSync(this.fd);
		this.fd = null;
	}

	private recordProperty(key: string, value: string): void {
		const { department, kind } = journalAttempt(decodeJournalEntry(value));
		this.attempt = { department, digest: kind === "ダイジェスト" };
		this.append({
			t: "prop",
			run: this.run,
			key,
			value,
			...(this.outbox ? { outbox: true as const } : {}),
		});
	}

	private append(line: Line): void {
		if (this.fd === null) this.fd = this.openForAppend();
		writeSync(this.fd, `${JSON.stringify(line)}\n`);
		fsyncSync(this.fd);
		this.lines.push(line);
		killPoint(`journal:${++this.appended}`);
	}

	private openForAppend(): number {
		const created = !existsSync(this.path);
		const fd = openSync(this.path, "a");
		// A torn last line would swallow the first new one.
		if (this.torn) writeSync(fd, "\n");
		if (created) syncFolder(dirname(this.path));
		return fd;
	}
}

/** Makes the new file's name durable too (POSIX; Windows cannot open a folder: skipped). */
function syncFolder(dir: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(dir, "r");
		fsyncSync(fd);
	} catch {
		// not supported here
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
