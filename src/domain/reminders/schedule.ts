/**
 * Which reminders go out today (SPEC 5). Pure: the caller reads 設定, the entry sheet's tally
 * and 送信履歴, calls planReminders, then sends (checking the quota before each mail) and logs.
 *
 * Rules
 * - Closed days (weekends, public holidays incl. 振替休日/国民の休日, 年末年始): the run does
 *   nothing unless 休日も送信.
 * - Reminder days (事前催促/当日催促): deadline − d calendar days for each d of 催促日 (d = 0 is
 *   当日催促). A day that is closed moves to the business day before it, unless 休日も送信.
 * - After the deadline (期限後催促): on the business days that are k = interval, 2·interval, …
 *   business days after the deadline. Counting is in business days, so with 休日も送信 a closed
 *   day after the deadline is never itself a reminder day (it adds no business day).
 * - エスカレーション: from k ≥ 所属長へのエスカレーション business days overdue every overdue
 *   reminder copies the department head and the DX office. The day k = that number is a reminder
 *   day too (even off the interval), so the head hears of it the day escalation starts.
 * - At most one mail per department per day: a department with a reminder logged today as
 *   送信済 gets nothing more (any kind). The kind is the strongest that applies today.
 * - Retry: a department whose latest attempt since the last reminder day failed or waited for
 *   quota (and none succeeded since) is due again on the next run, even on a day that is not a
 *   reminder day ("the rest go on the next run").
 * - A digest to the DX office is due once a day on days the run works, while some department is
 *   unreported, until one is logged 送信済 today.
 */
import {
	addDays,
	type CalendarDate,
	compareDates,
	daysBetween,
	formatDateJa,
} from "../calendar";
import { reminderPrerequisites, type Settings } from "../settings";
import type { MissingInitiative, UnreportedDepartment } from "../tally";
import {
	businessDayOnOrBefore,
	businessDaysBetween,
	closedDayLabel,
	HOLIDAY_DATA_YEARS,
	holidayDataCovers,
	isBusinessDay,
} from "./business-days";
import {
	departmentKey,
	isReminderKind,
	REMINDER_MAIL_KINDS,
	type ReminderMailKind,
	type SendLogEntry,
	sendStatusOf,
} from "./send-log";

export interface PlannedMail {
	department: string;
	kind: ReminderMailKind;
	/** The department's addresses. */
	to: string[];
	/** [] or, for エスカレーション, the head's and the DX office's addresses (none also in `to`). */
	cc: string[];
	/**
	 * Replies go to the first address of 設定!DX推進室メール only: MailApp's replyTo is "an email
	 * address to use as the default reply-to address" (reference/mail/mail-app#sendEmail(message)),
	 * one address, not a list.
	 */
	replyTo: string;
	/** The department's own unreported initiatives only. */
	missing: MissingInitiative[];
	/** 対象: how many initiatives the department rates. */
	target: number;
	deadline: CalendarDate;
	today: CalendarDate;
	/** Calendar days from today to the deadline (0 on it, negative after it). */
	daysLeft: number;
	/** Business days past the deadline (0 on or before it). */
	overdueBusinessDays: number;
	/** Resent because the last attempt failed or waited for quota, on a day that is not a reminder day. */
	retry: boolean;
}

interface SkippedDepartment {
	department: string;
	reason: string;
}

export interface ReminderPlanInput {
	today: CalendarDate;
	settings: Settings;
	/** From the tally: departments with an unreported initiative, with their addresses. */
	unreported: readonly UnreportedDepartment[];
	/** 送信履歴, parsed. */
	sentLog: readonly SendLogEntry[];
	/** Departments that have reported everything (for the digest; passed through). */
	departmentsReported: readonly string[];
}

export interface ReminderPlan {
	/** False when a prerequisite is missing (see errors): nothing may be sent. */
	ok: boolean;
	/** Japanese, from reminderPrerequisites. */
	errors: string[];
	today: CalendarDate;
	/** False on closed days (unless 休日も送信) and when !ok. */
	runToday: boolean;
	/** Japanese, one line: why this plan (e.g. `…は土曜日のため送信しません`). */
	reason: string;
	/** Today's reminder kind when today is a reminder day, else null. */
	occasion: ReminderMailKind | null;
	/** The next reminder day after today (null when none is found within a year). */
	nextOccasion: CalendarDate | null;
	/** One per department, in the order of `unreported`. */
	mails: PlannedMail[];
	/** Departments due today that get no mail, and why. */
	skipped: SkippedDepartment[];
	digestDue: boolean;
	/** Passed through from the input. */
	reported: string[];
	/** Japanese notes that do not stop the run (e.g. dates outside the holiday table). */
	warnings: string[];
}

const SKIP_REASON_SENT_TODAY = "本日はすでに催促メールを送信済みです";
export const SKIP_REASON_NO_ADDRESS =
	"メールアドレスが登録されていません（担当課シートの「メールアドレス」に入力してください）";

const KIND_RANK: ReadonlyMap<string, number> = new Map(
	REMINDER_MAIL_KINDS.map((k, i) => [k, i]),
);

/** The strongest of some kinds (エスカレーション > 期限後催促 > 当日催促 > 事前催促). */
function strongestKind(
	kinds: readonly ReminderMailKind[],
): ReminderMailKind | null {
	let best: ReminderMailKind | null = null;
	for (const k of kinds) {
		if (best === null || (KIND_RANK.get(k) ?? 99) < (KIND_RANK.get(best) ?? 99))
			best = k;
	}
	return best;
}

/** A pre-deadline reminder day: where it falls after moving off closed days. */
export interface PreDeadlineDay {
	/** The 催促日 value (calendar days before the deadline). */
	daysBefore: number;
	/** deadline − daysBefore. */
	nominal: CalendarDate;
	/** When it is sent: nominal, or the business day before it when nominal is closed. */
	date: CalendarDate;
	moved: boolean;
	kind: "当日催促" | "事前催促";
}

function preDeadlineDays(
	deadline: CalendarDate,
	settings: Pick<Settings, "remindDays" | "sendOnHolidays">,
): PreDeadlineDay[] {
	return settings.remindDays
		.filter((d) => Number.isInteger(d) && d >= 0)
		.map((d) => {
			const nominal = addDays(deadline, -d);
			const date =
				settings.sendOnHolidays || isBusinessDay(nominal)
					? nominal
					: businessDayOnOrBefore(nominal);
			return {
				daysBefore: d,
				nominal,
				date,
				moved: compareDates(date, nominal) !== 0,
				kind: d === 0 ? "当日催促" : "事前催促",
			};
		});
}

/** What makes a day a reminder day. */
export interface Occasion {
	date: CalendarDate;
	kind: ReminderMailKind;
	/** The pre-deadline days sent on it (empty after the deadline). */
	preDays: PreDeadlineDay[];
	/** Business days past the deadline (0 on or before it). */
	overdue: number;
}

type ScheduleSettings = Pick<
	Settings,
	"remindDays" | "sendOnHolidays" | "overdueInterval" | "escalationDays"
>;

function interval(settings: ScheduleSettings): number {
	const n = Math.floor(settings.overdueInterval);
	return Number.isFinite(n) && n >= 1 ? n : 1;
}

function escalates(settings: ScheduleSettings, overdue: number): boolean {
	return (
		overdue >= 1 &&
		settings.escalationDays !== null &&
		overdue >= settings.escalationDays
	);
}

/** The reminder day `date` is, or null. */
export function occasionOn(
	date: CalendarDate,
	deadline: CalendarDate,
	settings: ScheduleSettings,
	pre: readonly PreDeadlineDay[] = preDeadlineDays(deadline, settings),
): Occasion | null {
	if (compareDates(date, deadline) > 0) {
		if (!isBusinessDay(date)) return null;
		const k = businessDaysBetween(deadline, date);
		const onInterval = k % interval(settings) === 0;
		const startsEscalation =
			settings.escalationDays !== null && k === settings.escalationDays;
		if (k < 1 || !(onInterval || startsEscalation)) return null;
		return {
			date,
			kind: escalates(settings, k) ? "エスカレーション" : "期限後催促",
			preDays: [],
			overdue: k,
		};
	}
	const preDays = pre.filter((p) => compareDates(p.date, date) === 0);
	const kind = strongestKind(preDays.map((p) => p.kind));
	return kind === null ? null : { date, kind, preDays, overdue: 0 };
}

/** The kind a mail sent on `date` has when it is not a reminder day (a retry). */
function kindOnDay(
	date: CalendarDate,
	deadline: CalendarDate,
	settings: ScheduleSettings,
): ReminderMailKind {
	const cmp = compareDates(date, deadline);
	if (cmp > 0) {
		return escalates(settings, businessDaysBetween(deadline, date))
			? "エスカレーション"
			: "期限後催促";
	}
	return cmp === 0 ? "当日催促" : "事前催促";
}

const SEARCH_LIMIT_DAYS = 400;

/** The latest reminder day on or before `date`, or null. */
function lastOccasionOnOrBefore(
	date: CalendarDate,
	deadline: CalendarDate,
	settings: ScheduleSettings,
): Occasion | null {
	const pre = preDeadlineDays(deadline, settings);
	let earliest = deadline;
	for (const p of pre)
		if (compareDates(p.date, earliest) < 0) earliest = p.date;
	let d = date;
	for (let i = 0; i <= SEARCH_LIMIT_DAYS; i++) {
		if (compareDates(d, earliest) < 0) return null;
		const o = occasionOn(d, deadline, settings, pre);
		if (o) return o;
		d = addDays(d, -1);
	}
	return null;
}

/** The first reminder day after `date`, or null within a year. */
function nextOccasionAfter(
	date: CalendarDate,
	deadline: CalendarDate,
	settings: ScheduleSettings,
): Occasion | null {
	const pre = preDeadlineDays(deadline, settings);
	let d = addDays(date, 1);
	for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
		const o = occasionOn(d, deadline, settings, pre);
		if (o) return o;
		d = addDays(d, 1);
	}
	return null;
}

function unique(list: readonly string[]): string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const a of list) {
		const key = a.toLowerCase();
		if (a === "" || seen.has(key)) continue;
		seen.add(key);
		out.push(a);
	}
	return out;
}

function occasionText(o: Occasion, deadline: CalendarDate): string {
	switch (o.kind) {
		case "事前催促":
		case "当日催促": {
			const parts = o.preDays
				.slice()
				.sort((a, b) => b.daysBefore - a.daysBefore)
				.map((p) =>
					p.daysBefore === 0
						? `回答期限当日${p.moved ? "が休日のため繰り上げ" : ""}`
						: `回答期限の${p.daysBefore}日前${p.moved ? "が休日のため繰り上げ" : ""}`,
				);
			return `${o.kind}の日です（${parts.join("・")}。回答期限: ${formatDateJa(deadline)}）`;
		}
		case "期限後催促":
			return `期限後催促の日です（回答期限から${o.overdue}営業日経過）`;
		case "エスカレーション":
			return `エスカレーションの日です（回答期限から${o.overdue}営業日経過。所属長とDX推進室に写しを送ります）`;
	}
}

function errorPlan(input: ReminderPlanInput, errors: string[]): ReminderPlan {
	return {
		ok: false,
		errors,
		today: input.today,
		runToday: false,
		reason: `催促メールを送信できません：${errors.join("／")}`,
		occasion: null,
		nextOccasion: null,
		mails: [],
		skipped: [],
		digestDue: false,
		reported: [...input.departmentsReported],
		warnings: [],
	};
}

/**
 * Plans today's reminders. Never sends anything; deterministic for the same input. With a
 * missing 回答期限 or DX推進室メール the result is `ok: false` with the reasons in `errors`.
 */
export function planReminders(input: ReminderPlanInput): ReminderPlan {
	const { today, settings } = input;
	const errors = reminderPrerequisites(settings);
	const deadline = settings.deadline;
	if (errors.length > 0 || deadline === null) return errorPlan(input, errors);

	const warnings: string[] = [];
	for (const [what, date] of [
		["今日", today],
		["回答期限", deadline],
	] as const) {
		if (!holidayDataCovers(date)) {
			warnings.push(
				`${what}（${formatDateJa(date)}）は祝日データ（${HOLIDAY_DATA_YEARS.first}〜${HOLIDAY_DATA_YEARS.last}年）の範囲外のため、祝日は休日として扱われません`,
			);
		}
	}
	const todayText = formatDateJa(today);
	const next = nextOccasionAfter(today, deadline, settings);
	const base = {
		ok: true,
		errors: [],
		today,
		nextOccasion: next?.date ?? null,
		reported: [...input.departmentsReported],
		warnings,
	};

	const closed = closedDayLabel(today);
	if (closed !== null && !settings.sendOnHolidays) {
		return {
			...base,
			runToday: false,
			reason: `${todayText}は${closed}のため送信しません（設定「休日も送信」が「いいえ」）`,
			occasion: null,
			mails: [],
			skipped: [],
			digestDue: false,
		};
	}

	const occasion = occasionOn(today, deadline, settings);
	const last = occasion ?? lastOccasionOnOrBefore(today, deadline, settings);
	const kindToday = occasion?.kind ?? kindOnDay(today, deadline, settings);
	const overdue = Math.max(0, businessDaysBetween(deadline, today));

	const logByDept = new Map<string, SendLogEntry[]>();
	for (const e of input.sentLog) {
		if (!isReminderKind(e.kind)) continue;
		const key = departmentKey(e.department);
		const list = logByDept.get(key);
		if (list) list.push(e);
		else logByDept.set(key, [e]);
	}

	const mails: PlannedMail[] = [];
	const skipped: SkippedDepartment[] = [];
	const planned = new Set<string>();
	let retries = 0;
	for (const dept of input.unreported) {
		const key = departmentKey(dept.name);
		if (planned.has(key)) continue;
		planned.add(key);
		const log = logByDept.get(key) ?? [];
		let retry = false;
		if (!occasion) {
			if (!last) continue;
			const since = log.filter((e) => compareDates(e.date, last.date) >= 0);
			const statuses = since.map((e) => sendStatusOf(e.result));
			retry =
				!statuses.includes("sent") &&
				statuses.some((s) => s === "failed" || s === "held");
			if (!retry) continue;
		}
		const sentToday = log.find(
			(e) =>
				compareDates(e.date, today) === 0 && sendStatusOf(e.result) === "sent",
		);
		if (sentToday) {
			skipped.push({
				department: dept.name,
				reason: `${SKIP_REASON_SENT_TODAY}（${sentToday.kind}）`,
			});
			continue;
		}
		const to = unique(dept.emails);
		if (to.length === 0) {
			skipped.push({ department: dept.name, reason: SKIP_REASON_NO_ADDRESS });
			continue;
		}
		const toKeys = new Set(to.map((a) => a.toLowerCase()));
		const cc =
			kindToday === "エスカレーション"
				? unique([...dept.headEmails, ...settings.dxOfficeEmails]).filter(
						(a) => !toKeys.has(a.toLowerCase()),
					)
				: [];
		if (retry) retries++;
		mails.push({
			department: dept.name,
			kind: kindToday,
			to,
			cc,
			replyTo: settings.dxOfficeEmails[0] ?? "",
			missing: dept.missing.map((m) => ({ ...m })),
			target: dept.target,
			deadline,
			today,
			daysLeft: daysBetween(today, deadline),
			overdueBusinessDays: overdue,
			retry,
		});
	}

	let reason: string;
	if (input.unreported.length === 0) {
		reason = `${todayText}：未回答の担当課はありません`;
	} else if (occasion) {
		reason = `${todayText}は${occasionText(occasion, deadline)}`;
	} else {
		const nextText = next
			? `次回は${formatDateJa(next.date)}の${next.kind}`
			: "次回の催促日はありません";
		reason = `${todayText}は催促日ではありません（${nextText}）`;
		if (retries > 0) reason += `。前回送信できなかった${retries}課に再送します`;
	}

	const digestSentToday = input.sentLog.some(
		(e) =>
			e.kind === "ダイジェスト" &&
			compareDates(e.date, today) === 0 &&
			sendStatusOf(e.result) === "sent",
	);
	return {
		...base,
		runToday: true,
		reason,
		occasion: occasion?.kind ?? null,
		mails,
		skipped,
		digestDue: !digestSentToday && input.unreported.length > 0,
	};
}
