/**
 * For random seasons and run patterns (several runs a day, random send outcomes, departments
 * reporting at random days): no department ever gets two mails on one day, every mail goes only
 * to its department (plus, on escalation, its head and the DX office), and on a reminder day
 * every unreported department with an address gets its mail when sends succeed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareDates } from "../../../src/domain";
import {
	isBusinessDay,
	occasionOn,
	type PlannedMail,
	type SendOutcome,
} from "../../../src/domain/reminders";
import type { UnreportedDepartment } from "../../../src/domain/tally";
import { PROPERTY_BUDGET_MS } from "../../support/budgets";
import { DX, iso, settings } from "./helpers";
import { simulate } from "./simulate";

const season = fc.record({
	deadlineOffset: fc.integer({ min: 0, max: 3 * 365 }),
	remindDays: fc.uniqueArray(fc.integer({ min: 0, max: 14 }), {
		minLength: 1,
		maxLength: 5,
	}),
	overdueInterval: fc.integer({ min: 1, max: 5 }),
	escalationDays: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
	sendOnHolidays: fc.boolean(),
	departments: fc.array(
		fc.record({
			emails: fc.integer({ min: 0, max: 3 }),
			heads: fc.integer({ min: 0, max: 2 }),
			// Day (relative to the start) on which it reports; beyond the window = never.
			reportsOn: fc.integer({ min: 0, max: 60 }),
		}),
		{ minLength: 1, maxLength: 5 },
	),
	runs: fc.array(fc.integer({ min: 0, max: 3 }), {
		minLength: 45,
		maxLength: 45,
	}),
	outcomes: fc.array(fc.constantFrom("sent", "sent", "failed", "held"), {
		minLength: 20,
		maxLength: 20,
	}),
});

describe("reminder properties", () => {
	it("one mail per department per day, only to its own addresses", {
		timeout: PROPERTY_BUDGET_MS,
	}, () => {
		fc.assert(
			fc.property(season, (p) => {
				const deadline = addDays({ y: 2024, m: 1, d: 1 }, p.deadlineOffset);
				const from = addDays(deadline, -20);
				const to = addDays(deadline, 24);
				const s = settings({
					deadline,
					remindDays: [...p.remindDays].sort((a, b) => b - a),
					overdueInterval: p.overdueInterval,
					escalationDays: p.escalationDays,
					sendOnHolidays: p.sendOnHolidays,
				});
				const depts: UnreportedDepartment[] = p.departments.map((d, i) => ({
					name: `課${i}`,
					emails: Array.from(
						{ length: d.emails },
						(_, j) => `d${i}-${j}@city.example.jp`,
					),
					headEmails: Array.from(
						{ length: d.heads },
						(_, j) => `h${i}-${j}@city.example.jp`,
					),
					target: 2,
					missing: [{ no: `${i}`, name: `取組${i}`, status: "未入力" }],
				}));
				const dayIndex = (date: typeof from) =>
					Math.round(
						(Date.UTC(date.y, date.m - 1, date.d) -
							Date.UTC(from.y, from.m - 1, from.d)) /
							86_400_000,
					);
				let n = 0;
				const allSucceed = p.outcomes.every((o) => o === "sent");
				const { days, log } = simulate({
					from,
					to,
					settings: s,
					unreportedOn: (date) =>
						depts.filter(
							(_, i) => dayIndex(date) < (p.departments[i]?.reportsOn ?? 0),
						),
					runsOn: (date) => p.runs[dayIndex(date) % p.runs.length] ?? 1,
					outcome: (): SendOutcome => {
						const o = p.outcomes[n++ % p.outcomes.length];
						return o === "failed"
							? { status: "failed", reason: "x" }
							: o === "held"
								? { status: "held" }
								: { status: "sent" };
					},
				});
				// At most one successful reminder per department per day.
				const sent = new Map<string, number>();
				for (const e of log) {
					if (e.kind === "ダイジェスト" || e.result !== "送信済") continue;
					const key = `${iso(e.date)}|${e.department}`;
					sent.set(key, (sent.get(key) ?? 0) + 1);
				}
				for (const [key, count] of sent) expect(count, key).toBe(1);
				// Digest at most once a day.
				const digests = log
					.filter((e) => e.kind === "ダイジェスト")
					.map((e) => iso(e.date));
				expect(new Set(digests).size).toBe(digests.length);

				for (const d of days) {
					const date = d.plan.today;
					if (!s.sendOnHolidays && !isBusinessDay(date))
						expect(d.mails).toEqual([]);
					const perDay = new Set<string>();
					for (const m of d.mails as PlannedMail[]) {
						const i = Number(m.department.slice(1));
						const dep = depts[i] as UnreportedDepartment;
						expect(m.to.length).toBeGreaterThan(0);
						for (const a of m.to) expect(dep.emails).toContain(a);
						if (m.kind === "エスカレーション") {
							for (const a of m.cc)
								expect([...dep.headEmails, DX]).toContain(a);
							expect(m.cc).toContain(DX);
						} else expect(m.cc).toEqual([]);
						expect(m.missing.every((x) => x.no === String(i))).toBe(true);
						if (!m.retry)
							expect(m.kind).toBe(occasionOn(date, deadline, s)?.kind);
						if (compareDates(date, deadline) <= 0)
							expect(["事前催促", "当日催促"]).toContain(m.kind);
						if (allSucceed) perDay.add(m.department);
					}
					// Liveness: with every send succeeding, each unreported department with an
					// address is mailed on every reminder day the job runs.
					const occ = occasionOn(date, deadline, s);
					if (allSucceed && occ && d.plan.runToday) {
						for (const [i, dep] of depts.entries()) {
							const unreported =
								dayIndex(date) < (p.departments[i]?.reportsOn ?? 0);
							if (unreported && dep.emails.length > 0)
								expect(perDay.has(dep.name), `${iso(date)} ${dep.name}`).toBe(
									true,
								);
						}
					}
				}
			}),
			{ numRuns: 150 },
		);
	});
});
