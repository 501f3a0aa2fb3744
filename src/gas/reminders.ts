/**
 * Reminder mails (SPEC 5): who gets which mail today, sent through MailApp one per department,
 * each attempt recorded in 送信履歴, then the digest to the DX office. The daily trigger, the menu
 * item 催促メールを今すぐ送信 and the preview all go through runReminders.
 *
 * Crash safety without per-mail sheet writes: each successful send is journalled in the document
 * properties (not a spreadsheet call) before the next one; 送信履歴 is appended in one block at the
 * end and the journal cleared. A run that dies midway leaves the journal, and the next run first
 * counts and logs those mails, so nobody gets a second mail that day. Every attempt is settled in
 * the journal with its row — sent, failed, held or uncertain — so a run that stops after a failed
 * send logs the failure, not a send that never happened.
 *
 * Offline (the command line's SMTP) a server can take a whole mail and then not answer: MailApp
 * throws with 送信不明 in its message (src/local/runtime/mail.ts). Such a mail may have gone, so it
 * is logged 送信不明, counts as sent (never retried) and is listed in the digest. MailApp in Google
 * has no such outcome.
 */
import {
	composeDigest,
	composeReminder,
	DIGEST_LOG_DEPARTMENT,
	type DigestItem,
	decodeJournalEntry,
	encodeJournalEntry,
	formatDateJa,
	hasErrors,
	mailFailureReason,
	type PlannedMail,
	parseSendLog,
	planReminders,
	QUOTA_RECOVERY_NOTE,
	REMINDER_JOURNAL_PREFIX,
	reminderPrerequisites,
	SEND_LOG_HEADERS,
	type SendLogEntry,
	type SendOutcome,
	SHEET_NAMES,
	safeHttpsUrl,
	sendLogRow,
	sendStatusOf,
	type Tally,
	toIsoDate,
	uncertainDeliveryReason,
} from "../domain";
import { closedMessage, isClosed } from "./access";
import {
	appendLogRows,
	type Book,
	readAll,
	requireSheet,
	UserError,
} from "./book";
import { withDocumentLock } from "./lock";
import { problemsMessage } from "./problems";
import { requireDxOffice } from "./protections";
import { zoneWarning } from "./time-zone";
import type { ActionResult } from "./ui";
import { loadYear, revalidate } from "./year";

export type ReminderMode = "preview" | "send";

export interface PlannedSummary {
	department: string;
	kind: string;
	to: string[];
	cc: string[];
	missing: number;
}

export interface ReminderRunResult extends ActionResult {
	date: string;
	/** False on a closed day (weekend, holiday, 年末年始) unless 休日も送信. */
	ran: boolean;
	reason: string;
	planned: PlannedSummary[];
	sent: PlannedSummary[];
	failed: Array<PlannedSummary & { error: string }>;
	/** Sent, as far as anyone knows: the server took the mail and did not answer (送信不明). */
	uncertain: Array<PlannedSummary & { error: string }>;
	held: PlannedSummary[];
	skipped: Array<{ department: string; reason: string }>;
	digest: "sent" | "failed" | "uncertain" | "held" | "not-due" | "preview";
	/** Mails of an interrupted run found in the journal and logged now. */
	recovered: number;
	/** E.g. the spreadsheet's time zone is not Asia/Tokyo. */
	warnings?: string[];
}

export function runReminders(
	book: Book,
	now: Date,
	mode: ReminderMode,
): ReminderRunResult {
	return withDocumentLock(() => {
		const year = loadYear(book, now, { commitScale: mode === "send" });
		const { settings } = year.settings;
		requireDxOffice(
			settings,
			mode === "preview" ? "催促メールのプレビュー" : "催促メールを送信",
		);
		if (isClosed(settings.fiscalYear))
			return closedResult(settings.fiscalYear, year.zone.day(now), mode);
		const settingErrors = year.settings.problems.filter(
			(p) => p.level === "error",
		);
		if (settingErrors.length > 0) {
			throw new UserError(
				problemsMessage(
					"設定シートに誤りがあるため、催促メールを送れません。次の点を直してください。",
					settingErrors,
				),
			);
		}
		const missing = reminderPrerequisites(settings);
		if (missing.length > 0)
			throw new UserError(`催促メールを送れません。\n${missing.join("\n")}`);
		if (!year.master.plan || hasErrors(year.master.problems)) {
			throw new UserError(
				problemsMessage(
					"マスタに問題があるため、催促メールを送れません。次の点を直してください。",
					year.master.problems,
				),
			);
		}
		// The preview changes nothing; a real run re-validates first (SPEC 3: dailyJob).
		const checked = revalidate(year, { write: mode === "send" });
		const t = checked.tally as Tally;
		const logSheet = requireSheet(book, SHEET_NAMES.sendLog);
		const log = parseSendLog(readAll(logSheet), year.zone.day);
		if (!log.ok) {
			throw new UserError(
				problemsMessage(
					"送信履歴シートを読めないため、二重送信を避けて催促を止めました。見出しを元に戻してください。",
					log.problems,
				),
			);
		}
		const journal = readJournal();
		const journalEntries = parseSendLog(
			[[...SEND_LOG_HEADERS], ...journal],
			year.zone.day,
		).entries;
		// "Today" and the 回答期限 cell are read in the spreadsheet's zone, so they agree.
		const today = year.zone.day(now);
		const reportedDepartments = t.departments
			.filter((d) => !t.unreported.some((u) => u.name === d.name))
			.map((d) => d.name);
		const plan = planReminders({
			today,
			settings,
			unreported: t.unreported,
			sentLog: [...log.entries, ...journalEntries],
			departmentsReported: reportedDepartments,
		});
		if (!plan.ok)
			throw new UserError(
				`催促メールを送れません。\n${plan.errors.join("\n")}`,
			);
		const result: ReminderRunResult = {
			ok: true,
			message: "",
			date: toIsoDate(today),
			ran: plan.runToday,
			reason: plan.reason,
			planned: plan.mails.map(summaryOf),
			sent: [],
			failed: [],
			uncertain: [],
			held: [],
			skipped: plan.skipped.map((s) => ({ ...s })),
			digest: mode === "preview" ? "preview" : "not-due",
			recovered: journal.length,
		};
		const zoneNote = zoneWarning(year.zone.zone);
		// A refused 評価区分 change does not stop reminders: they go on the scale accepted before.
		const notes = [zoneNote, year.scaleRefusal].filter(
			(n): n is string => n !== null,
		);
		if (notes.length > 0) result.warnings = notes;
		const note = notes.length > 0 ? notes.join("\n") : null;
		if (mode === "preview") {
			result.message = withNote(previewMessage(result, plan.digestDue), note);
			return result;
		}
		// A run that stopped after appending 送信履歴 but before clearing the journal has
		// already logged these rows: log each attempt once.
		const logged = new Set(
			log.entries.map((e) => attemptKey(e.at ?? null, e.department, e.kind)),
		);
		const rows: unknown[][] = journal.filter(
			(r) =>
				!logged.has(
					attemptKey(
						r[0] instanceof Date ? r[0] : null,
						String(r[1]),
						String(r[3]),
					),
				),
		);
		if (plan.runToday) {
			const sheetUrl = `${book.getUrl()}#gid=${year.sheet.getSheetId()}`;
			// A book that is a file, not a Google spreadsheet (the command line), has no https
			// URL; its mail goes to an SMTP server or a folder, not Gmail.
			const offline = safeHttpsUrl(sheetUrl) === null;
			const reserve = plan.digestDue ? settings.dxOfficeEmails.length : 0;
			const quota = quotaReader();
			const deliver = (mail: PlannedMail, index: number): boolean => {
				const summary = summaryOf(mail);
				const logRow = (outcome: SendOutcome) => attemptRow(mail, outcome);
				// SPEC 5: check the remaining quota before each send (reference/mail/mail-app#getRemainingDailyQuota()).
				if (quota.remaining() - reserve < mail.to.length + mail.cc.length) {
					holdFrom(index);
					return false;
				}
				const text = composeReminder(mail, {
					fiscalYear: settings.fiscalYear,
					senderName: settings.senderName,
					sheetUrl,
					answerMethod: settings.answerMethod,
					today,
					scale: year.scale,
				});
				const pending = journalPending(
					logRow({ status: "sent", offline }),
					rows.length,
				);
				try {
					// No cc key without copies: an empty cc is not a documented value.
					MailApp.sendEmail({
						to: mail.to.join(","),
						...(mail.cc.length > 0 ? { cc: mail.cc.join(",") } : {}),
						replyTo: mail.replyTo,
						name: settings.senderName,
						subject: text.subject,
						body: text.body,
						htmlBody: text.htmlBody,
					});
				} catch (error) {
					const message = errorText(error);
					if (isQuotaError(message)) {
						journalSettle(pending, logRow({ status: "held" }));
						holdFrom(index);
						return false;
					}
					const uncertain = uncertainDeliveryReason(message);
					if (uncertain !== null) {
						console.warn(
							`催促メールが届いたか分かりません（${mail.department}）: ${uncertain}`,
						);
						rows.push(
							journalSettle(
								pending,
								logRow({ status: "uncertain", reason: uncertain }),
							),
						);
						result.uncertain.push({ ...summary, error: uncertain });
						return true;
					}
					const reason = mailFailureReason(message);
					console.error(
						`催促メールの送信に失敗しました（${mail.department}）: ${reason}`,
					);
					rows.push(
						journalSettle(pending, logRow({ status: "failed", reason })),
					);
					result.failed.push({ ...summary, error: reason });
					return true;
				}
				rows.push(journalConfirm(pending));
				result.sent.push(summary);
				return true;
			};
			const holdFrom = (index: number) => {
				for (const mail of plan.mails.slice(index)) {
					result.held.push(summaryOf(mail));
					rows.push(attemptRow(mail, { status: "held" }));
				}
			};
			for (let i = 0; i < plan.mails.length; i++) {
				if (!deliver(plan.mails[i] as PlannedMail, i)) break;
			}
			if (plan.digestDue) {
				result.digest = sendDigest({
					settings,
					t,
					today,
					sheetUrl,
					offline,
					reported: reportedDepartments,
					sentToday: [...log.entries, ...journalEntries].filter(
						(e) =>
							e.kind !== "ダイジェスト" &&
							sameDay(e, today) &&
							sendStatusOf(e.result) === "sent",
					),
					result,
					rows,
					quota,
				});
			}
		}
		appendRows(book, rows);
		clearJournal();
		result.message = withNote(runMessage(result), note);
		return result;
	});
}

/** The daily trigger's run: a refusal goes to the log and, rethrown, to the installer's mailbox. */
export function runDaily(book: Book, now: Date): ReminderRunResult {
	try {
		const result = runReminders(book, now, "send");
		for (const warning of result.warnings ?? []) console.warn(warning);
		return result;
	} catch (error) {
		const message = `DX進捗管理の毎日の催促を実行できませんでした：${errorText(error)}`;
		console.error(message);
		throw new Error(message);
	}
}

/** SPEC 6: closing a year stops its reminders. */
function closedResult(
	fiscalYear: number,
	today: { y: number; m: number; d: number },
	mode: ReminderMode,
): ReminderRunResult {
	const reason = `${closedMessage(fiscalYear)}催促メールは送信しません。`;
	return {
		ok: true,
		message: reason,
		date: toIsoDate(today),
		ran: false,
		reason,
		planned: [],
		sent: [],
		failed: [],
		uncertain: [],
		held: [],
		skipped: [],
		digest: mode === "preview" ? "preview" : "not-due",
		recovered: 0,
	};
}

function attemptKey(at: Date | null, department: string, kind: string): string {
	return `${at ? at.getTime() : "?"}|${department.replace(/^'/, "")}|${kind}`;
}

/** The 送信履歴 row of one attempt to mail a department. */
function attemptRow(mail: PlannedMail, outcome: SendOutcome): unknown[] {
	return sendLogRow({
		at: new Date(),
		department: mail.department,
		to: mail.to,
		cc: mail.cc,
		kind: mail.kind,
		missingCount: mail.missing.length,
		outcome,
	});
}

function summaryOf(mail: PlannedMail): PlannedSummary {
	return {
		department: mail.department,
		kind: mail.kind,
		to: [...mail.to],
		cc: [...mail.cc],
		missing: mail.missing.length,
	};
}

function sameDay(
	entry: SendLogEntry,
	day: { y: number; m: number; d: number },
): boolean {
	return (
		entry.date.y === day.y && entry.date.m === day.m && entry.date.d === day.d
	);
}

interface DigestArgs {
	settings: ReturnType<typeof loadYear>["settings"]["settings"];
	t: Tally;
	today: { y: number; m: number; d: number };
	sheetUrl: string;
	offline: boolean;
	reported: string[];
	sentToday: SendLogEntry[];
	result: ReminderRunResult;
	rows: unknown[][];
	quota: QuotaReader;
}

interface QuotaReader {
	remaining(): number;
	/** The first reading of this run: the quota at its start (null before any reading). */
	atStart(): number | null;
}

/** MailApp.getRemainingDailyQuota(), remembering the first value read in this run. */
function quotaReader(): QuotaReader {
	let first: number | null = null;
	return {
		remaining() {
			const left = MailApp.getRemainingDailyQuota();
			first ??= left;
			return left;
		},
		atStart: () => first,
	};
}

function sendDigest(args: DigestArgs): ReminderRunResult["digest"] {
	const { settings, t, result, rows } = args;
	const item = (s: PlannedSummary, reason?: string): DigestItem => ({
		department: s.department,
		kind: s.kind,
		...(reason ? { reason } : {}),
	});
	const to = settings.dxOfficeEmails;
	const logRow = (outcome: SendOutcome) =>
		sendLogRow({
			at: new Date(),
			department: DIGEST_LOG_DEPARTMENT,
			to,
			kind: "ダイジェスト",
			missingCount: t.unreported.reduce((n, u) => n + u.missing.length, 0),
			outcome,
		});
	const left = args.quota.remaining();
	if (left < to.length) {
		rows.push(logRow({ status: "held" }));
		return "held";
	}
	const done = t.results.filter((r) => r.status.kind === "done").length;
	const text = composeDigest({
		today: args.today,
		fiscalYear: settings.fiscalYear,
		deadline: settings.deadline,
		reported: args.reported,
		unreported: t.unreported,
		sent: [
			...args.sentToday.map((e) => ({
				department: e.department,
				kind: e.kind,
			})),
			...result.sent.map((s) => item(s)),
		],
		failed: result.failed.map((f) => item(f, f.error)),
		uncertain: result.uncertain.map((u) => item(u, u.error)),
		waiting: result.held.map((h) => item(h)),
		quotaAtStart: args.quota.atStart() ?? left,
		skipped: result.skipped.map((s) => ({
			department: s.department,
			kind: "",
			reason: s.reason,
		})),
		progress: { done, target: t.results.length },
		sheetUrl: args.sheetUrl,
		senderName: settings.senderName,
		offline: args.offline,
	});
	const pending = journalPending(
		logRow({ status: "sent", offline: args.offline }),
		rows.length,
	);
	try {
		MailApp.sendEmail({
			to: to.join(","),
			name: settings.senderName,
			subject: text.subject,
			body: text.body,
			htmlBody: text.htmlBody,
		});
	} catch (error) {
		const message = errorText(error);
		const uncertain = uncertainDeliveryReason(message);
		if (uncertain !== null) {
			console.warn(`ダイジェストが届いたか分かりません: ${uncertain}`);
			rows.push(
				journalSettle(
					pending,
					logRow({ status: "uncertain", reason: uncertain }),
				),
			);
			return "uncertain";
		}
		const reason = mailFailureReason(message);
		console.error(`ダイジェストの送信に失敗しました: ${reason}`);
		rows.push(journalSettle(pending, logRow({ status: "failed", reason })));
		return "failed";
	}
	rows.push(journalConfirm(pending));
	return "sent";
}

function appendRows(book: Book, rows: unknown[][]): void {
	if (rows.length === 0) return;
	appendLogRows(
		requireSheet(book, SHEET_NAMES.sendLog),
		rows,
		SEND_LOG_HEADERS.length,
	);
}

/**
 * Journal entries are written before each send ("pending") and settled after it. A run that
 * stops between the two cannot know whether the mail left; the next run counts it as sent
 * (送信済（未確認）): a department may miss one reminder, but never gets two in a day.
 */
let store: GoogleAppsScript.Properties.Properties | null = null;

/** The document properties, fetched once per execution (globals start afresh in each one). */
function journalStore(): GoogleAppsScript.Properties.Properties {
	store ??= PropertiesService.getDocumentProperties();
	return store;
}

interface Pending {
	key: string;
	row: unknown[];
}

function journalWrite(key: string, row: unknown[], confirmed: boolean): void {
	journalStore().setProperty(key, encodeJournalEntry({ row, confirmed }));
}

function journalPending(row: unknown[], index: number): Pending {
	const key = `${REMINDER_JOURNAL_PREFIX}${String(index).padStart(6, "0")}`;
	journalWrite(key, row, false);
	return { key, row };
}

function journalConfirm(pending: Pending): unknown[] {
	return journalSettle(pending, pending.row);
}

/** The attempt ended as `row` says (sent, failed, held, uncertain). */
function journalSettle(pending: Pending, row: unknown[]): unknown[] {
	journalWrite(pending.key, row, true);
	return row;
}

const UNCONFIRMED_RESULT = "送信済（未確認：送信中に処理が中断しました）";

/** Log rows of an interrupted run: confirmed sends as they are, pending ones as 送信済（未確認）. */
function readJournal(): unknown[][] {
	const all = journalStore().getProperties();
	return Object.keys(all)
		.filter((k) => k.startsWith(REMINDER_JOURNAL_PREFIX))
		.sort()
		.map((k) => {
			const { row, confirmed } = decodeJournalEntry(all[k] as string);
			if (!confirmed) row[5] = UNCONFIRMED_RESULT;
			return row;
		});
}

function clearJournal(): void {
	const props = journalStore();
	for (const key of props.getKeys())
		if (key.startsWith(REMINDER_JOURNAL_PREFIX)) props.deleteProperty(key);
}

function withNote(message: string, note: string | null): string {
	return note ? `${message}\n注意：${note}` : message;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** MailApp's quota error (reference/mail/mail-app; "Service invoked too many times for one day: email."). */
function isQuotaError(message: string): boolean {
	return /too many times for one day: email/i.test(message);
}

function previewMessage(result: ReminderRunResult, digestDue: boolean): string {
	if (!result.ran) return `${result.reason}（送信予定はありません）`;
	if (result.planned.length === 0)
		return `${result.reason}\n本日送信する催促メールはありません。${digestDue ? "DX推進室へのダイジェストを送信します。" : ""}`;
	const lines = result.planned.map(
		(p) =>
			`・${p.department}：${p.kind}（未入力${p.missing}件）宛先 ${p.to.join(", ")}${p.cc.length > 0 ? `／CC ${p.cc.join(", ")}` : ""}`,
	);
	return `${result.reason}\n本日送信する催促メール ${result.planned.length}件（まだ送信していません）：\n${lines.join("\n")}`;
}

function runMessage(result: ReminderRunResult): string {
	if (!result.ran) return `${result.reason}`;
	const parts = [`催促メール 送信 ${result.sent.length}件`];
	if (result.failed.length > 0)
		parts.push(
			`失敗 ${result.failed.length}件（${result.failed.map((f) => f.department).join("、")}）`,
		);
	if (result.uncertain.length > 0)
		parts.push(
			`届いたか不明 ${result.uncertain.length}件（${result.uncertain.map((f) => f.department).join("、")}。再送しません）`,
		);
	if (result.held.length > 0)
		parts.push(
			`送信上限のため保留 ${result.held.length}件（送信上限は${QUOTA_RECOVERY_NOTE}）`,
		);
	if (result.skipped.length > 0)
		parts.push(`対象外 ${result.skipped.length}件`);
	const digest = {
		sent: "ダイジェスト送信済",
		failed: "ダイジェスト送信失敗",
		uncertain: "ダイジェストは届いたか不明",
		held: "ダイジェストは送信上限のため次回",
		"not-due": "",
		preview: "",
	}[result.digest];
	return `${formatDateJa({ y: Number(result.date.slice(0, 4)), m: Number(result.date.slice(5, 7)), d: Number(result.date.slice(8, 10)) })}：${parts.join("、")}${digest ? `、${digest}` : ""}。詳細は送信履歴シートを確認してください。`;
}
