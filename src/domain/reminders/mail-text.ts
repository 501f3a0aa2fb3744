/**
 * The reminder mail to one department and the daily digest to the DX office, in Japanese, as
 * plain text and HTML. Every interpolated string is HTML-escaped in the HTML version; links are
 * only made of https: URLs (otherwise the link is left out of both versions). A reminder is made
 * from one PlannedMail only, so it cannot contain another department's data.
 */
import {
	type CalendarDate,
	compareDates,
	daysBetween,
	formatDateJa,
} from "../calendar";
import { entrySheetName, fiscalYearLabel } from "../fiscal-year";
import {
	codesOf,
	DEFAULT_SCALE,
	type Scale,
	scaleCodes,
	scaleOptions,
} from "../ratings";
import type { UnreportedDepartment } from "../tally";
import { escapeHtml } from "../text";
import type { PlannedMail } from "./schedule";

export interface ComposedMail {
	subject: string;
	body: string;
	htmlBody: string;
}

export interface ReminderContext {
	fiscalYear: number;
	/** Defaults to planned.deadline. */
	deadline?: CalendarDate;
	/** 送信者名 (signature). */
	senderName: string;
	/** The spreadsheet's URL (https only, else no link). */
	sheetUrl: string;
	/** 設定 回答方法 ("" = not set). */
	answerMethod: string;
	today: CalendarDate;
	/** The year's rating scale (default: the seed's A–D). */
	scale?: Scale;
}

/** The plan's name as the mails call it. */
const PLAN_NAME = "DX推進計画";

/** The URL when it is a plain https: URL without spaces or quotes, else null. */
export function safeHttpsUrl(url: string | null | undefined): string | null {
	if (typeof url !== "string") return null;
	const u = url.trim();
	return /^https:\/\/[^\s"'<>`\\]+$/i.test(u) ? u : null;
}

/** User text on one line (initiative names may contain line breaks). */
function oneLine(text: string): string {
	return text.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
}

function esc(text: string): string {
	return escapeHtml(oneLine(text));
}

function subjectTag(kind: PlannedMail["kind"]): string {
	switch (kind) {
		case "事前催促":
			return "【要回答】";
		case "当日催促":
			return "【本日期限】";
		case "期限後催促":
		case "エスカレーション":
			return "【期限超過】";
	}
}

/** `【要回答】令和5年度 DX推進計画 進捗度評価のご入力のお願い（期限：2024年5月31日（金））` */
function reminderSubject(
	kind: PlannedMail["kind"],
	fiscalYear: number,
	deadline: CalendarDate,
): string {
	return `${subjectTag(kind)}${fiscalYearLabel(fiscalYear)} ${PLAN_NAME} 進捗度評価のご入力のお願い（期限：${formatDateJa(deadline)}）`;
}

function deadlineSentence(
	today: CalendarDate,
	deadline: CalendarDate,
	overdue: number,
): string {
	const left = daysBetween(today, deadline);
	const d = formatDateJa(deadline);
	if (left > 0) return `回答期限は${d}です（あと${left}日）。`;
	if (left === 0) return `本日${d}が回答期限です。`;
	return `回答期限の${d}を過ぎています（${-left}日経過${overdue > 0 ? `・${overdue}営業日経過` : ""}）。`;
}

function missingLine(m: { no: string; name: string; status: string }): {
	no: string;
	name: string;
	note: string;
} {
	const status = oneLine(m.status);
	return {
		no: oneLine(m.no),
		name: oneLine(m.name),
		// 未入力 is what the heading says; other states (要修正：…) are worth showing, without the
		// quoted input: an initiative of two departments must not carry one's typing to the other.
		note:
			status === "" || status === "未入力"
				? ""
				: status.replace(/（入力値: 「.*」）/u, ""),
	};
}

/** `A〜D` for a run of letters, else the codes: `◎・○・△・完了`. */
function codesText(codes: readonly string[]): string {
	const run = codes.every(
		(c, i) =>
			/^[A-Z]$/.test(c) &&
			(i === 0 || c.charCodeAt(0) === (codes[i - 1] ?? "").charCodeAt(0) + 1),
	);
	return run && codes.length > 2
		? `${codes[0]}〜${codes[codes.length - 1]}`
		: codes.join("・");
}

/** 入力方法, for the entry sheet `sheet` of fiscal year label `fy`, on the year's scale. */
function howTo(
	sheet: string,
	fy: string,
	online: boolean,
	scale: Scale,
): string[] {
	const reason = codesOf(scale, "評価");
	return [
		`${online ? "スプレッドシートを開き、" : ""}シート「${sheet}」で「担当課」列が貴課となっている行を確認してください。`,
		`「評価」列のプルダウンから ${codesText(scaleCodes(scale))} を選択してください（${scaleOptions(scale).join("／")}）。`,
		`「主な取組実績」に${fy}の取組実績を入力してください。`,
		...(reason.length > 0
			? [
					`${reason.join(" または ")} の場合は「評価理由・課題」の入力が必須です。`,
				]
			: []),
		"入力すると「状態」列が「入力済」になります。「要修正」と表示された場合は、その理由に従って修正してください。",
	];
}

/** Said when there is neither 回答方法 nor a spreadsheet link (offline, 回答方法 blank). */
export const ANSWER_METHOD_UNKNOWN =
	"回答方法はDX推進室にお問い合わせください（本メールへの返信で結構です）。";

/**
 * ■ 回答方法: 設定 回答方法 as written (line by line), then the sheet's link when there is a real
 * https: URL — in Google; offline the workbook has none (README, Decisions).
 */
function answerLines(
	answerMethod: string,
	url: string | null,
	sheet: string,
): { text: string; url?: string }[] {
	const lines: { text: string; url?: string }[] = answerMethod
		.split("\n")
		.map((l) => l.trim())
		.filter((l) => l !== "")
		.map((text) => ({ text }));
	if (url) lines.push({ text: `（シート「${sheet}」）`, url });
	return lines.length > 0 ? lines : [{ text: ANSWER_METHOD_UNKNOWN }];
}

/** The parts of one reminder, rendered as text and as HTML. */
interface ReminderParts {
	subject: string;
	dept: string;
	sender: string;
	escalation: boolean;
	intro: string;
	deadlineText: string;
	request: string;
	ccNote: string;
	missing: ReturnType<typeof missingLine>[];
	answer: ReturnType<typeof answerLines>;
	steps: string[];
}

function reminderParts(
	planned: PlannedMail,
	context: ReminderContext,
): ReminderParts {
	const deadline = context.deadline ?? planned.deadline;
	const fy = fiscalYearLabel(context.fiscalYear);
	const sheet = entrySheetName(context.fiscalYear);
	const url = safeHttpsUrl(context.sheetUrl);
	const overdue = compareDates(context.today, deadline) > 0;
	const escalation = planned.kind === "エスカレーション";
	const missing = planned.missing.map(missingLine);
	// A deadline on a closed day moves the 当日 reminder to the business day before: the subject
	// must not say 本日期限 on a day that is not the deadline.
	const kind =
		planned.kind === "当日催促" && daysBetween(context.today, deadline) > 0
			? "事前催促"
			: planned.kind;
	return {
		subject: reminderSubject(kind, context.fiscalYear, deadline),
		dept: oneLine(planned.department),
		sender: oneLine(context.senderName) || "DX推進室",
		escalation,
		intro: `${fy} ${PLAN_NAME}の進捗度評価について、貴課が担当する取組のうち${missing.length}件（全${planned.target}件中）の評価が未入力または要修正となっています。`,
		deadlineText: deadlineSentence(
			context.today,
			deadline,
			planned.overdueBusinessDays,
		),
		request: overdue
			? "お忙しいところ恐れ入りますが、至急ご入力をお願いいたします。"
			: "お忙しいところ恐れ入りますが、期限までにご入力をお願いいたします。",
		ccNote: escalation
			? "本メールは、回答期限を過ぎて一定期間が経過したため、所属長様およびDX推進室にも写しをお送りしています。"
			: "",
		missing,
		answer: answerLines(context.answerMethod, url, sheet),
		steps: howTo(sheet, fy, url !== null, context.scale ?? DEFAULT_SCALE),
	};
}

const CLOSING = [
	"すでにご入力済みの場合は、行き違いですのでご容赦ください。",
	"ご不明な点は、本メールへの返信でお問い合わせください。",
];

function reminderText(p: ReminderParts): string {
	const text: string[] = [
		`${p.dept} ご担当者様`,
		...(p.escalation ? ["（写し：所属長様、DX推進室）"] : []),
		"",
		`お疲れさまです。${p.sender}です。`,
		p.intro,
		p.deadlineText,
		p.request,
		...(p.ccNote ? ["", p.ccNote] : []),
		"",
		`■ 未入力・要修正の取組（${p.missing.length}件）`,
		...p.missing.map(
			(l) => `・取組No ${l.no}　${l.name}${l.note ? `（${l.note}）` : ""}`,
		),
		"",
		"■ 回答方法",
		...p.answer.map((a) => (a.url ? `${a.url}${a.text}` : a.text)),
		"",
		"■ 入力方法",
		...p.steps.map((s, i) => `${i + 1}. ${s}`),
		"",
		...CLOSING,
		"",
		"--",
		p.sender,
	];
	return `${text.join("\n")}\n`;
}

/** Cells wrap at punctuation, and anywhere only when a long 取組名 would not fit a phone. */
const CELL_STYLE =
	"border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; word-break: keep-all; overflow-wrap: anywhere;";
const NO_CELL_STYLE = `${CELL_STYLE} white-space: nowrap;`;

function reminderHtml(p: ReminderParts): string[] {
	const row = (l: ReminderParts["missing"][number]) =>
		`<tr><td style="${NO_CELL_STYLE}">${esc(l.no)}</td><td style="${CELL_STYLE}">${esc(l.name)}</td><td style="${CELL_STYLE}">${esc(l.note || "未入力")}</td></tr>`;
	const answer = p.answer.map((a) =>
		a.url
			? `<a href="${escapeHtml(a.url)}">${escapeHtml(a.url)}</a>${esc(a.text)}`
			: esc(a.text),
	);
	return [
		`<p>${esc(p.dept)} ご担当者様${p.escalation ? "<br>（写し：所属長様、DX推進室）" : ""}</p>`,
		`<p>お疲れさまです。${esc(p.sender)}です。<br>${esc(p.intro)}<br><strong>${esc(p.deadlineText)}</strong><br>${esc(p.request)}</p>`,
		...(p.ccNote ? [`<p>${esc(p.ccNote)}</p>`] : []),
		`<h3>未入力・要修正の取組（${p.missing.length}件）</h3>`,
		// Fixed layout: the 取組No and 状態 columns keep their width, 取組名 takes the rest.
		'<table style="border-collapse: collapse; width: 100%; max-width: 40em; table-layout: fixed;">',
		'<colgroup><col style="width: 5em;"><col><col style="width: 35%;"></colgroup>',
		`<tr><th style="${NO_CELL_STYLE}">取組No</th><th style="${CELL_STYLE}">取組名</th><th style="${CELL_STYLE}">状態</th></tr>`,
		...p.missing.map(row),
		"</table>",
		"<h3>回答方法</h3>",
		`<p>${answer.join("<br>")}</p>`,
		"<h3>入力方法</h3>",
		`<ol>${p.steps.map((s) => `<li>${esc(s)}</li>`).join("")}</ol>`,
		`<p>${CLOSING.map(esc).join("<br>")}</p>`,
		`<p>--<br>${esc(p.sender)}</p>`,
	];
}

/**
 * The mail to one department. Its greeting names the department (`市民課 ご担当者様`), then the
 * fiscal year, the deadline, how many and which initiatives are missing (取組No・取組名, and the
 * 状態 of 要修正 ones), where to answer (回答方法, the link in Google), how to enter, and the
 * signature.
 */
export function composeReminder(
	planned: PlannedMail,
	context: ReminderContext,
): ComposedMail {
	const parts = reminderParts(planned, context);
	return {
		subject: parts.subject,
		body: reminderText(parts),
		htmlBody: htmlDocument(parts.subject, reminderHtml(parts)),
	};
}

/** Japanese fonts of Windows, macOS/iOS and Android/Linux, then the reader's sans-serif. */
const MAIL_FONT_STACK =
	"'BIZ UDPGothic', Meiryo, 'Yu Gothic', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Noto Sans JP', 'Noto Sans CJK JP', sans-serif";

/**
 * A whole HTML document around `body` (lines of escaped HTML): UTF-8, lang="ja", a viewport for
 * phones. Styles are inline, because mail clients such as Gmail drop or rewrite <style> blocks.
 */
function htmlDocument(title: string, body: string[]): string {
	return [
		"<!DOCTYPE html>",
		'<html lang="ja">',
		"<head>",
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${esc(title)}</title>`,
		"</head>",
		`<body style="margin: 0; padding: 12px; font-family: ${MAIL_FONT_STACK}; font-size: 15px; line-height: 1.7; color: #222; overflow-wrap: anywhere;">`,
		...body,
		"</body>",
		"</html>",
	].join("\n");
}

export interface DigestItem {
	department: string;
	kind: string;
	/** Failure reason (failed) or why it waits. */
	reason?: string;
}

export interface DigestInput {
	today: CalendarDate;
	fiscalYear: number;
	deadline: CalendarDate | null;
	reported: readonly string[];
	unreported: readonly UnreportedDepartment[];
	/** Reminders sent in today's runs. */
	sent: readonly DigestItem[];
	/** Reminders that failed (with the reason). */
	failed: readonly DigestItem[];
	/** Reminders held for the mail quota (保留：送信上限; they go on the next run). */
	waiting: readonly DigestItem[];
	/** Reminders whose delivery is not known (送信不明, offline SMTP only; never resent). */
	uncertain?: readonly DigestItem[];
	/** MailApp.getRemainingDailyQuota() when the run started (recipients). */
	quotaAtStart?: number;
	/** Departments due but not mailed (no address, …). */
	skipped?: readonly DigestItem[];
	/** Initiatives reported / initiatives to report. */
	progress: { done: number; target: number };
	/** Sheet URL (https only, else no link). */
	sheetUrl?: string;
	senderName?: string;
	/** Sent by the command line (no Gmail): the notes say what 送信済 and 失敗 mean there. */
	offline?: boolean;
}

function percent(done: number, target: number): string {
	if (target <= 0) return "－";
	return `${(Math.round((done / target) * 1000) / 10).toFixed(1)}%`;
}

/** `【進捗報告】令和5年度 DX推進計画 進捗度評価 2024年6月3日（月）の状況` */
function digestSubject(fiscalYear: number, today: CalendarDate): string {
	return `【進捗報告】${fiscalYearLabel(fiscalYear)} ${PLAN_NAME} 進捗度評価 ${formatDateJa(today)}の状況`;
}

/** The daily digest to the DX office: progress, who has and has not reported, what was sent. */
interface DigestSection {
	title: string;
	items: string[];
	/** Said under the title, whether or not there are items. */
	note?: string;
}

/**
 * "送信済" is only what MailApp tells: the mail was handed to Gmail. MailApp refuses only invalid
 * addresses; a mail to a mailbox that does not exist is accepted and bounces later, to the
 * sending account's inbox (reference/mail/mail-app: sendEmail reports no delivery).
 */
const DIGEST_SENT_NOTE =
	"「送信済」はGmailに引き渡したという意味で、相手に届いたことの確認ではありません。存在しないアドレスなどで届かなかったメール（不達・バウンス）は、このメールの送信元アカウントの受信トレイに届くので確認してください。";
const DIGEST_FAILED_NOTE =
	"Googleのメール送信（MailApp）が受け付けなかった催促です（アドレスの誤りなど）。担当課シートのメールアドレスを確認してください。次回の実行で再送します。";
/** The notes offline (the command line's SMTP server or outbox folder; no Gmail, no MailApp). */
const DIGEST_SENT_NOTE_OFFLINE =
	"「送信済」はメールサーバーに引き渡した（--outbox では .eml ファイルに書き出した）という意味で、相手に届いたことの確認ではありません。存在しないアドレスなどで届かなかったメール（不達・バウンス）は、このメールの送信元アドレス（設定のDX推進室メール）に届くので確認してください。";
const DIGEST_FAILED_NOTE_OFFLINE =
	"メールサーバーが受け付けなかった催促です（アドレスの誤りなど）。担当課シートのメールアドレスを確認してください。次回の実行で再送します。";
/**
 * MailApp does not tell when its quota frees: it resets 24 h after the account's first send
 * (guides/services/quotas, "Quotas are per user and reset 24 hours after the first request").
 */
export const QUOTA_RECOVERY_NOTE = "最初の送信から24時間後に回復します";
const DIGEST_UNCERTAIN_NOTE =
	"SMTPサーバーがメールを受け取った後に応答しなかったため、届いたかどうか分かりません。二重に届かないよう再送しません。届いているか担当課に確認し、届いていなければ個別に連絡してください。";
const DIGEST_WAITING_NOTE = `1日に送れる宛先数（送信上限）に達したため保留しました（送信履歴は「保留：送信上限」）。送信上限は${QUOTA_RECOVERY_NOTE}。回復後の次回の実行で送信します。`;

function digestSections(input: DigestInput): DigestSection[] {
	const item = (i: DigestItem) =>
		`${oneLine(i.department)}（${oneLine(i.kind)}${i.reason ? `：${oneLine(i.reason)}` : ""}）`;
	return [
		{
			title: `未回答の担当課（${input.unreported.length}課）`,
			items: input.unreported.map(
				(u) =>
					`${oneLine(u.name)}：未入力・要修正 ${u.missing.length}件／${u.target}件`,
			),
		},
		{
			title: `本日送信した催促（${input.sent.length}件）`,
			items: input.sent.map(item),
			note: input.offline ? DIGEST_SENT_NOTE_OFFLINE : DIGEST_SENT_NOTE,
		},
		{
			title: `送信に失敗した催促（${input.failed.length}件）`,
			items: input.failed.map(item),
			...(input.failed.length > 0
				? {
						note: input.offline
							? DIGEST_FAILED_NOTE_OFFLINE
							: DIGEST_FAILED_NOTE,
					}
				: {}),
		},
		...(input.uncertain && input.uncertain.length > 0
			? [
					{
						title: `届いたか分からない催促（${input.uncertain.length}件）`,
						items: input.uncertain.map(item),
						note: DIGEST_UNCERTAIN_NOTE,
					},
				]
			: []),
		// Offline nothing is held for a quota (none applies), so the empty section would mislead.
		...(input.offline && input.waiting.length === 0
			? []
			: [
					{
						title: `送信上限のため保留した催促（${input.waiting.length}件）`,
						items: input.waiting.map(item),
						...(input.waiting.length > 0 ? { note: DIGEST_WAITING_NOTE } : {}),
					},
				]),
		{
			title: `送信しなかった担当課（${input.skipped?.length ?? 0}件）`,
			items: (input.skipped ?? []).map(item),
		},
		{
			title: `回答済の担当課（${input.reported.length}課）`,
			items: input.reported.map(oneLine),
		},
	];
}

/** The lines above the sections: deadline, progress, the quota at the start of the run, link. */
function digestHead(input: DigestInput): string[] {
	const { done, target } = input.progress;
	const deptTotal = input.reported.length + input.unreported.length;
	let deadlineText = "回答期限：未設定";
	if (input.deadline) {
		const left = daysBetween(input.today, input.deadline);
		deadlineText = `回答期限：${formatDateJa(input.deadline)}（${left > 0 ? `あと${left}日` : left === 0 ? "本日" : `${-left}日超過`}）`;
	}
	return [
		deadlineText,
		`進捗：入力済 ${done}件／${target}件（${percent(done, target)}）、回答済 ${input.reported.length}課／${deptTotal}課`,
		// Offline no Google quota applies (the CLI's runtime lifts it: book-session.ts runtimeFor).
		...(input.quotaAtStart === undefined || input.offline
			? []
			: [
					`送信上限の残り（今回の実行開始時）：${input.quotaAtStart}宛先（${QUOTA_RECOVERY_NOTE}）`,
				]),
	];
}

export function composeDigest(input: DigestInput): ComposedMail {
	const fy = fiscalYearLabel(input.fiscalYear);
	const url = safeHttpsUrl(input.sheetUrl);
	const head = digestHead(input);
	const sections = digestSections(input);
	const sender = oneLine(input.senderName ?? "") || "dx-progress";
	const intro = `${fy} ${PLAN_NAME} 進捗度評価の${formatDateJa(input.today)}時点の状況です。`;
	const text: string[] = [
		"DX推進室 各位",
		"",
		intro,
		...head,
		...(url ? [`評価シート：${url}`] : []),
	];
	for (const s of sections) {
		text.push("", `■ ${s.title}`);
		if (s.note) text.push(`※${s.note}`);
		text.push(
			...(s.items.length > 0 ? s.items.map((i) => `・${i}`) : ["なし"]),
		);
	}
	text.push("", "--", `${sender}（自動送信）`);

	const html: string[] = [
		"<p>DX推進室 各位</p>",
		`<p>${esc(intro)}<br>${head.map(esc).join("<br>")}${url ? `<br>評価シート：<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : ""}</p>`,
	];
	for (const s of sections) {
		html.push(`<h3>${esc(s.title)}</h3>`);
		if (s.note) html.push(`<p>※${esc(s.note)}</p>`);
		html.push(
			s.items.length > 0
				? `<ul>${s.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`
				: "<p>なし</p>",
		);
	}
	html.push(`<p>--<br>${esc(sender)}（自動送信）</p>`);
	const subject = digestSubject(input.fiscalYear, input.today);
	return {
		subject,
		body: `${text.join("\n")}\n`,
		htmlBody: htmlDocument(subject, html),
	};
}
