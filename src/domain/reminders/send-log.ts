/**
 * The 送信履歴 sheet (SPEC 2): 日時 | 課名 | 宛先 | 種別 | 未入力件数 | 結果.
 *
 * It is the record that enforces "at most one mail per department per day": a reminder logged
 * today with 結果 `送信済` blocks any further reminder to that department today. Rows are
 * append-only; this module reads them back and builds the rows to append.
 */
import { type CalendarDate, type DayOf, tokyoDate } from "../calendar";
import { parseDateTime } from "../fiscal-year";
import {
	REMINDER_KINDS,
	type ReminderKind,
	SEND_LOG_HEADERS,
	SHEET_NAMES,
} from "../layout";
import { type Problem, problem } from "../problems";
import { type ColumnSpec, cellAt, locateTable } from "../table";
import { cellString, nameKey } from "../text";

/** What every 結果 of a mail that went out starts with (older rows are exactly this). */
const SENT_PREFIX = "送信済";
/**
 * 結果 of a mail MailApp accepted: handed to Gmail, which is all MailApp can tell. A mail to a
 * mailbox that does not exist is accepted too and bounces later to the sender's inbox.
 */
export const SEND_RESULT_SENT = `${SENT_PREFIX}（Gmailへ引き渡し・到達は未確認）`;
/**
 * The same offline, where the command line hands the mail to an SMTP server or writes it to a
 * folder: no Gmail is involved, which matters to an office whose mail must stay on LGWAN.
 */
export const SEND_RESULT_SENT_OFFLINE = `${SENT_PREFIX}（到達は未確認）`;
/** 結果 prefix of a mail that failed: `失敗：<reason>`. */
const SEND_RESULT_FAILED_PREFIX = "失敗：";
/** 結果 of a mail held back because the daily mail quota ran out (sent on the next run). */
export const SEND_RESULT_HELD_QUOTA = "保留：送信上限";
/**
 * 結果 prefix of a mail whose delivery is not known (offline, `remind --smtp`): the SMTP server
 * took the whole message and then did not answer. It may have gone, so it counts as sent and is
 * never mailed again that day; the digest lists it for the DX office to check (SPEC 9). A
 * MailApp exception whose message contains this prefix is such a mail.
 */
export const SEND_RESULT_UNCERTAIN_PREFIX = "送信不明：";
/** 課名 written on the digest's row (its 種別 is ダイジェスト; that is what identifies it). */
export const DIGEST_LOG_DEPARTMENT = "DX推進室";

/** The reminder kinds (every 種別 but ダイジェスト), strongest first. */
export type ReminderMailKind = Exclude<ReminderKind, "ダイジェスト">;
export const REMINDER_MAIL_KINDS: readonly ReminderMailKind[] =
	REMINDER_KINDS.filter((k): k is ReminderMailKind => k !== "ダイジェスト");

export type SendStatus = "sent" | "failed" | "held" | "other";

/** One row of 送信履歴, read back. Only date, department, kind and result are needed to plan. */
export interface SendLogEntry {
	/** The Asia/Tokyo calendar day of 日時. */
	date: CalendarDate;
	/** 課名 as written. */
	department: string;
	/** 種別 as written (one of REMINDER_KINDS for rows this product wrote). */
	kind: string;
	/** 結果 as written. */
	result: string;
	/** 日時 (null when it was a date without time or unreadable as a time). */
	at?: Date | null;
	/** 宛先 as written. */
	to?: string;
	/** 未入力件数 (null when blank or not a number). */
	missingCount?: number | null;
	/** 1-based sheet row. */
	row?: number;
}

/** What a 結果 text says: sent, failed, held for quota, or something else (never blocks). */
export function sendStatusOf(result: string): SendStatus {
	const s = cellString(result);
	// An uncertain mail may have gone: it blocks a second one like a sent mail.
	if (s.startsWith(SENT_PREFIX) || s.startsWith(SEND_RESULT_UNCERTAIN_PREFIX))
		return "sent";
	if (s.startsWith("失敗")) return "failed";
	if (s.startsWith("保留")) return "held";
	return "other";
}

export function isReminderKind(kind: string): kind is ReminderMailKind {
	return (REMINDER_MAIL_KINDS as readonly string[]).includes(cellString(kind));
}

/** The key departments are matched on between 送信履歴 and 担当課 (width, case, spaces ignored). */
export function departmentKey(name: string): string {
	return nameKey(stripFormulaGuard(name));
}

/** A leading apostrophe the writer added to keep `=…` from being a formula, if the reader kept it. */
function stripFormulaGuard(text: string): string {
	return /^'[\s\u3000]*[=+\-@]/.test(text) ? text.slice(1) : text;
}

type LogKey = "at" | "department" | "to" | "kind" | "missing" | "result";

const LOG_COLUMNS: readonly ColumnSpec<LogKey>[] = [
	{ key: "at", header: SEND_LOG_HEADERS[0] },
	{ key: "department", header: SEND_LOG_HEADERS[1] },
	{ key: "to", header: SEND_LOG_HEADERS[2], required: false },
	{ key: "kind", header: SEND_LOG_HEADERS[3] },
	{ key: "missing", header: SEND_LOG_HEADERS[4], required: false },
	{ key: "result", header: SEND_LOG_HEADERS[5] },
];

export interface SendLogParse {
	/**
	 * False when the sheet has rows but no readable header (日時・課名・種別・結果). Then nobody can
	 * tell what was sent today: callers must not send (or they may send twice).
	 */
	ok: boolean;
	entries: SendLogEntry[];
	/** Unreadable rows (warnings) and header problems (errors). */
	problems: Problem[];
}

/**
 * Reads the 送信履歴 values (2-D, header row first). 日時 may be a Date (a date-time cell) or text
 * (`2024/5/31 9:00:05`, `2024-05-31`); its day by `dayOf` (the spreadsheet's zone) is the entry's date. Rows whose 日時
 * cannot be read are left out with a warning. An empty sheet is fine (no entries).
 */
export function parseSendLog(
	values: readonly (readonly unknown[])[],
	dayOf: DayOf = tokyoDate,
): SendLogParse {
	const sheet = SHEET_NAMES.sendLog;
	const problems: Problem[] = [];
	if (values.every((row) => row.every((c) => cellString(c) === ""))) {
		return { ok: true, entries: [], problems };
	}
	const table = locateTable(sheet, values, LOG_COLUMNS, problems);
	if (!table) return { ok: false, entries: [], problems };
	const entries: SendLogEntry[] = [];
	for (const { row, cells } of table.rows) {
		const rawAt = cellAt(table, cells, "at");
		const at = parseDateTime(
			typeof rawAt === "string" ? rawAt : rawAt instanceof Date ? rawAt : "",
		);
		if (!at) {
			problems.push(
				problem(
					sheet,
					row,
					`日時「${cellString(rawAt)}」を読み取れないため、この行は送信済みの判定に使いません`,
					"warning",
				),
			);
			continue;
		}
		const missingRaw = cellAt(table, cells, "missing");
		const missing =
			typeof missingRaw === "number"
				? missingRaw
				: /^\d+$/.test(cellString(missingRaw))
					? Number(cellString(missingRaw))
					: null;
		entries.push({
			date: dayOf(at),
			at,
			department: stripFormulaGuard(
				cellString(cellAt(table, cells, "department")),
			),
			to: cellString(cellAt(table, cells, "to")),
			kind: cellString(cellAt(table, cells, "kind")),
			missingCount: missing,
			result: stripFormulaGuard(cellString(cellAt(table, cells, "result"))),
			row,
		});
	}
	return { ok: true, entries, problems };
}

/** How one attempt ended, for its 送信履歴 row. */
export type SendOutcome =
	| { status: "sent"; offline?: boolean }
	| { status: "failed"; reason: string }
	| { status: "uncertain"; reason: string }
	| { status: "held" };

/** The 結果 text of an outcome. Failure reasons are flattened to one line of at most 200 chars. */
export function sendResultText(outcome: SendOutcome): string {
	switch (outcome.status) {
		case "sent":
			return outcome.offline ? SEND_RESULT_SENT_OFFLINE : SEND_RESULT_SENT;
		case "held":
			return SEND_RESULT_HELD_QUOTA;
		case "failed":
			return `${SEND_RESULT_FAILED_PREFIX}${shortReason(outcome.reason)}`;
		case "uncertain":
			return `${SEND_RESULT_UNCERTAIN_PREFIX}${shortReason(outcome.reason)}`;
	}
}

function shortReason(text: string): string {
	const reason = text.replace(/\s+/g, " ").trim() || "不明なエラー";
	const chars = Array.from(reason);
	return chars.length > 200 ? `${chars.slice(0, 200).join("")}…` : reason;
}

/** The reason of an uncertain delivery when `message` (a MailApp exception) reports one. */
export function uncertainDeliveryReason(message: string): string | null {
	const at = message.indexOf(SEND_RESULT_UNCERTAIN_PREFIX);
	return at < 0
		? null
		: message.slice(at + SEND_RESULT_UNCERTAIN_PREFIX.length);
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;

/**
 * Why MailApp.sendEmail failed, as 送信履歴, the digest and the result say it: Japanese. MailApp's
 * own exceptions (reference/mail/mail-app; the runtime throws the same words) are named; a
 * delivery the command line attempted already says why in Japanese (mail/smtp-errors.ts) after
 * MailApp's "Failed to send email: ". Only an exception nobody knows keeps its words, as a tail.
 */
export function mailFailureReason(message: string): string {
	const text = message
		.replace(/^(Exception: )?(Failed to send email: )?/, "")
		.trim();
	if (JAPANESE.test(text)) return text;
	const invalid = /^Invalid email: (.*)$/s.exec(text);
	if (invalid)
		return `メールアドレスが正しくないか、送れないアドレスです（${invalid[1]}）。担当課シートと設定のメールアドレスを確かめてください`;
	if (/^no recipient/i.test(text))
		return "宛先のメールアドレスがありません。担当課シートのメールアドレスを確かめてください";
	if (/Email Recipients Per Message/i.test(text))
		return "1通の宛先が多すぎるため送れません（Apps Script の上限）。担当課シートの宛先を減らしてください";
	if (/Email Body Size/i.test(text))
		return "メール本文が大きすぎるため送れません（Apps Script の上限）。未入力の取組を減らすか、DX推進室から個別に連絡してください";
	return `メールを送信できませんでした（詳細: ${text || "不明なエラー"}）`;
}

export interface SendLogRowInput {
	/** 日時: when the attempt was made. */
	at: Date;
	department: string;
	to: readonly string[];
	cc?: readonly string[];
	kind: ReminderKind;
	/** 未入力件数 (for the digest: the total of unreported initiatives). */
	missingCount: number;
	outcome: SendOutcome;
}

/** 宛先 text: `a@x.jp, b@x.jp` and, with copies, `a@x.jp（CC: h@x.jp, dx@x.jp）`. */
export function recipientsText(
	to: readonly string[],
	cc: readonly string[] = [],
): string {
	const main = to.join(", ");
	return cc.length > 0 ? `${main}（CC: ${cc.join(", ")}）` : main;
}

/**
 * One row to append to 送信履歴, in SEND_LOG_HEADERS order: [Date, 課名, 宛先, 種別, 件数, 結果].
 * Values as meant: the adapter writes them with keepTextRows.
 */
export function sendLogRow(input: SendLogRowInput): unknown[] {
	return [
		input.at,
		input.department,
		recipientsText(input.to, input.cc ?? []),
		input.kind,
		input.missingCount,
		sendResultText(input.outcome),
	];
}
