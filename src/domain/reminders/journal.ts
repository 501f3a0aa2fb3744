/**
 * The reminder journal (src/gas/reminders.ts): one document property per mail attempt, written
 * before the send (`confirmed: false`) and settled after it with the attempt's 送信履歴 row. The
 * command line mirrors these entries into a file beside the book (src/local/mail/send-journal.ts),
 * so both read and write them through this one format.
 */
import { SEND_LOG_HEADERS } from "../layout";

/** Document property keys of the journal: the prefix, then the attempt's number. */
export const REMINDER_JOURNAL_PREFIX = "dxReminderJournal:";

export interface JournalEntry {
	/** The 送信履歴 row, in SEND_LOG_HEADERS order. */
	row: unknown[];
	/** False while the send is under way: then nobody knows whether the mail left. */
	confirmed: boolean;
}

export function encodeJournalEntry(entry: JournalEntry): string {
	const row = entry.row.map((v) =>
		v instanceof Date ? { date: v.toISOString() } : v,
	);
	return JSON.stringify({ row, confirmed: entry.confirmed });
}

export function decodeJournalEntry(text: string): JournalEntry {
	const entry = JSON.parse(text) as JournalEntry;
	return {
		row: entry.row.map((v) =>
			v && typeof v === "object" && "date" in v
				? new Date(String((v as { date: string }).date))
				: v,
		),
		confirmed: entry.confirmed === true,
	};
}

/** Whom an entry's attempt mails: its 課名 and 種別 (ダイジェスト for the digest). */
export function journalAttempt(entry: JournalEntry): {
	department: string;
	kind: string;
} {
	const at = (header: (typeof SEND_LOG_HEADERS)[number]) =>
		String(entry.row[SEND_LOG_HEADERS.indexOf(header)] ?? "");
	return { department: at("課名"), kind: at("種別") };
}
