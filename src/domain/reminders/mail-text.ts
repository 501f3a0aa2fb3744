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
	today: CalendarDate;
}

/** The plan's name as the mails call it. */
export const PLAN_NAME = "DX推進計画";

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
export function reminderSubject(
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

/** 入力方法, for the entry sheet `sheet` of fiscal year label `fy`. */
function howTo(sheet: string, fy: string): string[] {
	return [
		`スプレッドシートを開き、シート「${sheet}」で「担当課」列が貴課となっている行を確認してください。`,
		"「評価」列のプルダウンから A〜D を選択してください（A 順調に進んだ／B まずまず進んだ／C あまり進まなかった／D 進まなかった）。",
		`「主な取組実績」に${fy}の取組実績を入力してください。`,
		"C または D の場合は「評価理由・課題」の入力が必須です。",
		"入力すると「状態」列が「入力済」になります。「要修正」と表示された場合は、その理由に従って修正してください。",
	];
}

/**
 * The mail to one department. Its greeting names the department (`市民課 ご担当者様`), then the
 * fiscal year, the deadline, how many and which initiatives are missing (取組No・取組名, and the
 * 状態 of 要修正 ones), the link to the sheet, how to enter, and the signature.
 */
export function composeReminder(
	planned: PlannedMail,
	context: ReminderContext,
): ComposedMail {
	const deadline = context.deadline ?? planned.deadline;
	const fy = fiscalYearLabel(context.fiscalYear);
	const sheet = entrySheetName(context.fiscalYear);
	const url = safeHttpsUrl(context.sheetUrl);
	const dept = oneLine(planned.department);
	const sender = oneLine(context.senderName) || "DX推進室";
	const overdue = compareDates(context.today, deadline) > 0;
	const escalation = planned.kind === "エスカレーション";
	const lines = planned.missing.map(missingLine);
	const count = lines.length;
	const deadlineText = deadlineSentence(
		context.today,
		deadline,
		planned.overdueBusinessDays,
	);
	const steps = howTo(sheet, fy);
	const request = overdue
		? "お忙しいところ恐れ入りますが、至急ご入力をお願いいたします。"
		: "お忙しいところ恐れ入りますが、期限までにご入力をお願いいたします。";
	const intro = `${fy} ${PLAN_NAME}の進捗度評価について、貴課が担当する取組のうち${count}件（全${planned.target}件中）の評価が未入力または要修正となっています。`;
	const ccNote = escalation
		? "本メールは、回答期限を過ぎて一定期間が経過したため、所属長様およびDX推進室にも写しをお送りしています。"
		: "";
	// A deadline on a closed day moves the 当日 reminder to the business day before: the subject
	// must not say 本日期限 on a day that is not the deadline.
	const kind =
		planned.kind === "当日催促" && daysBetween(context.today, deadline) > 0
			? "事前催促"
			: planned.kind;
	const subject = reminderSubject(kind, context.fiscalYear, deadline);

	const text: string[] = [
		`${dept} ご担当者様`,
		...(escalation ? ["（写し：所属長様、DX推進室）"] : []),
		"",
		`お疲れさまです。${sender}です。`,
		intro,
		deadlineText,
		request,
		...(ccNote ? ["", ccNote] : []),
		"",
		`■ 未入力・要修正の取組（${count}件）`,
		...lines.map(
			(l) => `・取組No ${l.no}　${l.name}${l.note ? `（${l.note}）` : ""}`,
		),
		"",
		"■ 入力先",
		url
			? `${url}（シート「${sheet}」）`
			: `評価用スプレッドシートのシート「${sheet}」（リンクはDX推進室にお問い合わせください）`,
		"",
		"■ 入力方法",
		...steps.map((s, i) => `${i + 1}. ${s}`),
		"",
		"すでにご入力済みの場合は、行き違いですのでご容赦ください。",
		"ご不明な点は、本メールへの返信でお問い合わせください。",
		"",
		"--",
		sender,
	];

	const html: string[] = [
		'<div style="font-family: sans-serif; line-height: 1.6;">',
		`<p>${esc(dept)} ご担当者様${escalation ? "<br>（写し：所属長様、DX推進室）" : ""}</p>`,
		`<p>お疲れさまです。${esc(sender)}です。<br>${esc(intro)}<br><strong>${esc(deadlineText)}</strong><br>${esc(request)}</p>`,
		...(ccNote ? [`<p>${esc(ccNote)}</p>`] : []),
		`<h3>未入力・要修正の取組（${count}件）</h3>`,
		'<table style="border-collapse: collapse;" border="1" cellpadding="4">',
		"<tr><th>取組No</th><th>取組名</th><th>状態</th></tr>",
		...lines.map(
			(l) =>
				`<tr><td>${esc(l.no)}</td><td>${esc(l.name)}</td><td>${esc(l.note || "未入力")}</td></tr>`,
		),
		"</table>",
		"<h3>入力先</h3>",
		url
			? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a>（シート「${esc(sheet)}」）</p>`
			: `<p>評価用スプレッドシートのシート「${esc(sheet)}」（リンクはDX推進室にお問い合わせください）</p>`,
		"<h3>入力方法</h3>",
		`<ol>${steps.map((s) => `<li>${esc(s)}</li>`).join("")}</ol>`,
		"<p>すでにご入力済みの場合は、行き違いですのでご容赦ください。<br>ご不明な点は、本メールへの返信でお問い合わせください。</p>",
		`<p>--<br>${esc(sender)}</p>`,
		"</div>",
	];
	return { subject, body: `${text.join("\n")}\n`, htmlBody: html.join("\n") };
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
	/** MailApp.getRemainingDailyQuota() when the run started (recipients). */
	quotaAtStart?: number;
	/** Departments due but not mailed (no address, …). */
	skipped?: readonly DigestItem[];
	/** Initiatives reported / initiatives to report. */
	progress: { done: number; target: number };
	/** Sheet URL (https only, else no link). */
	sheetUrl?: string;
	senderName?: string;
}

function percent(done: number, target: number): string {
	if (target <= 0) return "－";
	return `${(Math.round((done / target) * 1000) / 10).toFixed(1)}%`;
}

/** `【進捗報告】令和5年度 DX推進計画 進捗度評価 2024年6月3日（月）の状況` */
export function digestSubject(fiscalYear: number, today: CalendarDate): string {
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
export const DIGEST_SENT_NOTE =
	"「送信済」はGmailに引き渡したという意味で、相手に届いたことの確認ではありません。存在しないアドレスなどで届かなかったメール（不達・バウンス）は、このメールの送信元アカウントの受信トレイに届くので確認してください。";
const DIGEST_FAILED_NOTE =
	"MailAppが受け付けなかった催促です（アドレスの誤りなど）。担当課シートのメールアドレスを確認してください。次回の実行で再送します。";
/**
 * MailApp does not tell when its quota frees: it resets 24 h after the account's first send
 * (guides/services/quotas, "Quotas are per user and reset 24 hours after the first request").
 */
export const QUOTA_RECOVERY_NOTE = "最初の送信から24時間後に回復します";
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
			note: DIGEST_SENT_NOTE,
		},
		{
			title: `送信に失敗した催促（${input.failed.length}件）`,
			items: input.failed.map(item),
			...(input.failed.length > 0 ? { note: DIGEST_FAILED_NOTE } : {}),
		},
		{
			title: `送信上限のため保留した催促（${input.waiting.length}件）`,
			items: input.waiting.map(item),
			...(input.waiting.length > 0 ? { note: DIGEST_WAITING_NOTE } : {}),
		},
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
		...(input.quotaAtStart === undefined
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
		'<div style="font-family: sans-serif; line-height: 1.6;">',
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
	html.push(`<p>--<br>${esc(sender)}（自動送信）</p>`, "</div>");
	return {
		subject: digestSubject(input.fiscalYear, input.today),
		body: `${text.join("\n")}\n`,
		htmlBody: html.join("\n"),
	};
}
