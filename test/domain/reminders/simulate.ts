/**
 * Runs planReminders day by day like the daily trigger would, feeding each planned mail back into
 * 送信履歴 with the outcome `outcome` gives (default: sent), and logging the digest.
 */
import { addDays, type CalendarDate, compareDates } from "../../../src/domain";
import {
	type PlannedMail,
	planReminders,
	type ReminderPlan,
	type SendLogEntry,
	type SendOutcome,
	sendResultText,
} from "../../../src/domain/reminders";
import type { Settings } from "../../../src/domain/settings";
import type { UnreportedDepartment } from "../../../src/domain/tally";
import { iso } from "./helpers";

export interface SimDay {
	date: string;
	plan: ReminderPlan;
	mails: PlannedMail[];
}

export interface SimOptions {
	from: CalendarDate;
	to: CalendarDate;
	settings: Settings;
	/** The unreported departments on a day. */
	unreportedOn: (date: CalendarDate) => UnreportedDepartment[];
	/** How many runs on a day (default 1). */
	runsOn?: (date: CalendarDate) => number;
	outcome?: (mail: PlannedMail, run: number) => SendOutcome;
	log?: SendLogEntry[];
}

export function simulate(options: SimOptions): {
	days: SimDay[];
	log: SendLogEntry[];
} {
	const log = options.log ?? [];
	const days: SimDay[] = [];
	for (
		let date = options.from;
		compareDates(date, options.to) <= 0;
		date = addDays(date, 1)
	) {
		const runs = options.runsOn?.(date) ?? 1;
		const mails: PlannedMail[] = [];
		let plan: ReminderPlan | null = null;
		for (let run = 0; run < runs; run++) {
			const unreported = options.unreportedOn(date);
			plan = planReminders({
				today: date,
				settings: options.settings,
				unreported,
				sentLog: log,
				departmentsReported: [],
			});
			for (const mail of plan.mails) {
				const outcome = options.outcome?.(mail, run) ?? { status: "sent" };
				log.push({
					date,
					department: mail.department,
					kind: mail.kind,
					result: sendResultText(outcome),
				});
				mails.push(mail);
			}
			if (plan.digestDue) {
				log.push({
					date,
					department: "DX推進室",
					kind: "ダイジェスト",
					result: "送信済",
				});
			}
		}
		if (plan) days.push({ date: iso(date), plan, mails });
	}
	return { days, log };
}

/** date → kinds of the mails sent that day (only days with mails). */
export function kindsByDay(days: SimDay[]): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const d of days)
		if (d.mails.length > 0) out[d.date] = d.mails.map((m) => m.kind);
	return out;
}
