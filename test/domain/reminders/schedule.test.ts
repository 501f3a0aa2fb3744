import { describe, expect, it } from "vitest";
import {
	occasionOn,
	planReminders,
	type SendLogEntry,
	SKIP_REASON_NO_ADDRESS,
} from "../../../src/domain/reminders";
import { DX, day, dept, iso, settings } from "./helpers";
import { kindsByDay, simulate } from "./simulate";

const SEASON = {
	"2024-05-24": ["事前催促"], // 7 days before
	"2024-05-28": ["事前催促"], // 3 days before
	"2024-05-30": ["事前催促"], // 1 day before
	"2024-05-31": ["当日催促"],
	"2024-06-03": ["期限後催促"], // 1 business day overdue (after the weekend)
	"2024-06-04": ["期限後催促"], // 2
	"2024-06-05": ["エスカレーション"], // 3: head and DX office copied
	"2024-06-06": ["エスカレーション"],
	"2024-06-07": ["エスカレーション"],
	"2024-06-10": ["エスカレーション"],
	"2024-06-11": ["エスカレーション"],
	"2024-06-12": ["エスカレーション"],
	"2024-06-13": ["エスカレーション"],
	"2024-06-14": ["エスカレーション"],
};

describe("a whole season (deadline 2024-05-31 Fri, 催促日 7,3,1,0, interval 1, escalation 3)", () => {
	const s = settings();
	const run = () =>
		simulate({
			from: day("2024-04-25"),
			to: day("2024-06-14"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});

	it("sends exactly on the reminder days, with the strongest kind", () => {
		expect(kindsByDay(run().days)).toEqual(SEASON);
	});

	it("does not run on weekends and holidays, and runs on business days", () => {
		const { days } = run();
		const byDate = new Map(days.map((d) => [d.date, d.plan]));
		for (const closed of [
			"2024-04-27",
			"2024-04-29", // 昭和の日
			"2024-05-03",
			"2024-05-06", // 振替休日
			"2024-06-01",
			"2024-06-02",
		]) {
			expect(byDate.get(closed)?.runToday, closed).toBe(false);
			expect(byDate.get(closed)?.digestDue, closed).toBe(false);
		}
		expect(byDate.get("2024-05-06")?.reason).toContain("振替休日");
		expect(byDate.get("2024-05-27")?.runToday).toBe(true);
		expect(byDate.get("2024-05-27")?.reason).toContain("催促日ではありません");
		expect(byDate.get("2024-05-27")?.reason).toContain("2024年5月28日（火）");
	});

	it("copies the head and the DX office from 3 business days overdue, and only then", () => {
		const { days } = run();
		for (const d of days) {
			for (const m of d.mails) {
				expect(m.to).toEqual(["市民課@city.example.jp"]);
				if (m.kind === "エスカレーション")
					expect(m.cc).toEqual(["head-市民課@city.example.jp", DX]);
				else expect(m.cc).toEqual([]);
				expect(m.replyTo).toBe(DX);
			}
		}
		const june5 = days.find((d) => d.date === "2024-06-05")?.mails[0];
		expect(june5?.overdueBusinessDays).toBe(3);
		expect(june5?.daysLeft).toBe(-5);
	});

	it("sends one digest per business day", () => {
		const { log } = run();
		const digests = log
			.filter((e) => e.kind === "ダイジェスト")
			.map((e) => iso(e.date));
		expect(new Set(digests).size).toBe(digests.length);
		expect(digests).toContain("2024-04-25");
		expect(digests).not.toContain("2024-05-06");
		expect(digests).toContain("2024-06-14");
	});

	it("never sends a second mail when the job runs several times a day", () => {
		const { days, log } = simulate({
			from: day("2024-04-25"),
			to: day("2024-06-14"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
			runsOn: () => 3,
		});
		expect(kindsByDay(days)).toEqual(SEASON);
		expect(log.filter((e) => e.kind === "ダイジェスト").length).toBe(
			days.filter((d) => d.plan.runToday).length,
		);
	});

	it("stops reminding a department once it has reported", () => {
		const { days } = simulate({
			from: day("2024-05-20"),
			to: day("2024-06-14"),
			settings: s,
			unreportedOn: (d) =>
				iso(d) < "2024-06-04"
					? [dept("市民課"), dept("税務課")]
					: [dept("市民課")],
		});
		const tax = days.flatMap((d) =>
			d.mails.filter((m) => m.department === "税務課").map(() => d.date),
		);
		expect(tax).toEqual([
			"2024-05-24",
			"2024-05-28",
			"2024-05-30",
			"2024-05-31",
			"2024-06-03",
		]);
		const citizen = days.flatMap((d) =>
			d.mails.filter((m) => m.department === "市民課").map(() => d.date),
		);
		expect(citizen).toEqual(Object.keys(SEASON));
	});
});

describe("reminder days on holidays", () => {
	it("moves a reminder day that is a holiday to the business day before (5/6 振替休日 → 5/2)", () => {
		const s = settings({ deadline: day("2024-05-07"), remindDays: [1] });
		const { days } = simulate({
			from: day("2024-04-25"),
			to: day("2024-05-10"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});
		expect(kindsByDay(days)).toEqual({
			"2024-05-02": ["事前催促"],
			"2024-05-08": ["期限後催促"],
			"2024-05-09": ["期限後催促"],
			"2024-05-10": ["エスカレーション"],
		});
		const may2 = days.find((d) => d.date === "2024-05-02")?.plan;
		expect(may2?.reason).toContain("休日のため繰り上げ");
	});

	it("golden week: 7,3,1,0 before 2024-05-07", () => {
		const s = settings({ deadline: day("2024-05-07") });
		const { days } = simulate({
			from: day("2024-04-25"),
			to: day("2024-05-09"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});
		// 7 → 4/30 (Tue); 3 → 5/4 (Sat) → 5/2; 1 → 5/6 (振替休日) → 5/2; 0 → 5/7.
		expect(kindsByDay(days)).toEqual({
			"2024-04-30": ["事前催促"],
			"2024-05-02": ["事前催促"],
			"2024-05-07": ["当日催促"],
			"2024-05-08": ["期限後催促"],
			"2024-05-09": ["期限後催促"],
		});
	});

	it("a deadline on a holiday: 当日催促 moves before it and is the strongest kind that day", () => {
		const s = settings({ deadline: day("2024-05-06"), remindDays: [1, 0] });
		const o = occasionOn(day("2024-05-02"), day("2024-05-06"), s);
		expect(o?.kind).toBe("当日催促");
		expect(o?.preDays.map((p) => p.daysBefore).sort()).toEqual([0, 1]);
		expect(occasionOn(day("2024-05-07"), day("2024-05-06"), s)?.kind).toBe(
			"期限後催促",
		);
	});

	it("休日も送信 はい: runs on holidays and does not move reminder days", () => {
		const s = settings({
			deadline: day("2024-05-07"),
			remindDays: [1],
			sendOnHolidays: true,
		});
		const { days } = simulate({
			from: day("2024-04-25"),
			to: day("2024-05-13"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});
		expect(kindsByDay(days)).toEqual({
			"2024-05-06": ["事前催促"],
			"2024-05-08": ["期限後催促"],
			"2024-05-09": ["期限後催促"],
			"2024-05-10": ["エスカレーション"],
			// 5/11–5/12 weekend: no business day elapses, so no overdue reminder.
			"2024-05-13": ["エスカレーション"],
		});
		expect(days.every((d) => d.plan.runToday)).toBe(true);
		const sat = days.find((d) => d.date === "2024-05-04")?.plan;
		expect(sat?.digestDue).toBe(true);
	});
});

describe("intervals and escalation settings", () => {
	it("every 2 business days after the deadline; escalation day 3 is a reminder day", () => {
		const s = settings({ overdueInterval: 2, escalationDays: 3 });
		const { days } = simulate({
			from: day("2024-05-31"),
			to: day("2024-06-14"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});
		expect(kindsByDay(days)).toEqual({
			"2024-05-31": ["当日催促"],
			"2024-06-04": ["期限後催促"], // k=2
			"2024-06-05": ["エスカレーション"], // k=3 escalation starts
			"2024-06-06": ["エスカレーション"], // k=4
			"2024-06-10": ["エスカレーション"], // k=6
			"2024-06-12": ["エスカレーション"], // k=8
			"2024-06-14": ["エスカレーション"], // k=10
		});
	});

	it("no escalation when 所属長へのエスカレーション is なし", () => {
		const s = settings({ escalationDays: null });
		const { days } = simulate({
			from: day("2024-06-03"),
			to: day("2024-06-14"),
			settings: s,
			unreportedOn: () => [dept("市民課")],
		});
		const kinds = new Set(days.flatMap((d) => d.mails.map((m) => m.kind)));
		expect([...kinds]).toEqual(["期限後催促"]);
	});
});

describe("planReminders", () => {
	const base = {
		today: day("2024-06-05"),
		settings: settings(),
		unreported: [dept("市民課"), dept("税務課")],
		sentLog: [] as SendLogEntry[],
		departmentsReported: ["総務課"],
	};

	it("refuses without 回答期限 or DX推進室メール", () => {
		const p = planReminders({
			...base,
			settings: settings({ deadline: null, dxOfficeEmails: [] }),
		});
		expect(p.ok).toBe(false);
		expect(p.runToday).toBe(false);
		expect(p.mails).toEqual([]);
		expect(p.errors.join()).toContain("回答期限");
		expect(p.errors.join()).toContain("DX推進室メール");
		expect(p.reason).toContain("送信できません");
	});

	it("escalation copies only that department's head and the DX office", () => {
		const p = planReminders(base);
		expect(p.ok).toBe(true);
		expect(p.occasion).toBe("エスカレーション");
		const [a, b] = p.mails;
		expect(a?.to).toEqual(["市民課@city.example.jp"]);
		expect(a?.cc).toEqual(["head-市民課@city.example.jp", DX]);
		expect(b?.cc).toEqual(["head-税務課@city.example.jp", DX]);
		const all = [...(a?.to ?? []), ...(a?.cc ?? [])].join();
		expect(all).not.toContain("税務課");
		expect(a?.missing.every((m) => m.name.startsWith("市民課"))).toBe(true);
		expect(p.reported).toEqual(["総務課"]);
	});

	it("skips departments without an address, and ones already sent today", () => {
		const p = planReminders({
			...base,
			unreported: [dept("市民課", { emails: [] }), dept("税務課")],
			sentLog: [
				{
					date: day("2024-06-05"),
					department: "税務課",
					kind: "期限後催促",
					result: "送信済",
				},
			],
		});
		expect(p.mails).toEqual([]);
		expect(p.skipped).toEqual([
			{ department: "市民課", reason: SKIP_REASON_NO_ADDRESS },
			{
				department: "税務課",
				reason: "本日はすでに催促メールを送信済みです（期限後催促）",
			},
		]);
	});

	it("a failed or held send today does not block a second run today", () => {
		const p = planReminders({
			...base,
			sentLog: [
				{
					date: day("2024-06-05"),
					department: "市民課",
					kind: "エスカレーション",
					result: "失敗：Invalid email",
				},
				{
					date: day("2024-06-05"),
					department: "税務課",
					kind: "エスカレーション",
					result: "保留：送信上限",
				},
			],
		});
		expect(p.mails.map((m) => m.department)).toEqual(["市民課", "税務課"]);
	});

	it("retries held and failed mails on the next run, even on a non-reminder day", () => {
		const log: SendLogEntry[] = [
			{
				date: day("2024-05-24"),
				department: "市民課",
				kind: "事前催促",
				result: "保留：送信上限",
			},
			{
				date: day("2024-05-24"),
				department: "税務課",
				kind: "事前催促",
				result: "送信済",
			},
			{
				date: day("2024-05-24"),
				department: "総務課",
				kind: "事前催促",
				result: "失敗：x",
			},
		];
		const p = planReminders({
			...base,
			today: day("2024-05-27"),
			unreported: [
				dept("市民課"),
				dept("税務課"),
				dept("総務課"),
				dept("企画課"),
			],
			sentLog: log,
		});
		expect(p.occasion).toBeNull();
		expect(p.mails.map((m) => [m.department, m.kind, m.retry])).toEqual([
			["市民課", "事前催促", true],
			["総務課", "事前催促", true],
		]);
		expect(p.reason).toContain("再送");
		// Once it succeeded, no more retries.
		const q = planReminders({
			...base,
			today: day("2024-05-27"),
			unreported: [dept("市民課")],
			sentLog: [
				...log,
				{
					date: day("2024-05-25"),
					department: "市民課",
					kind: "事前催促",
					result: "送信済",
				},
			],
		});
		expect(q.mails).toEqual([]);
	});

	it("before the deadline on a non-reminder day: no mails", () => {
		const p = planReminders({ ...base, today: day("2024-05-29") });
		expect(p.runToday).toBe(true);
		expect(p.occasion).toBeNull();
		expect(p.mails).toEqual([]);
		expect(p.skipped).toEqual([]);
		expect(p.nextOccasion).toEqual(day("2024-05-30"));
	});

	it("matches log names regardless of width and spaces, and ignores the digest row", () => {
		const p = planReminders({
			...base,
			unreported: [dept("DX推進室")],
			sentLog: [
				{
					date: day("2024-06-05"),
					department: "DX推進室",
					kind: "ダイジェスト",
					result: "送信済",
				},
			],
		});
		expect(p.mails.map((m) => m.department)).toEqual(["DX推進室"]);
		expect(p.digestDue).toBe(false);
		const q = planReminders({
			...base,
			unreported: [dept("DX推進室")],
			sentLog: [
				{
					date: day("2024-06-05"),
					department: "ＤＸ 推進室",
					kind: "期限後催促",
					result: "送信済",
				},
			],
		});
		expect(q.mails).toEqual([]);
		expect(q.digestDue).toBe(true);
	});

	it("the digest is due again after a failed digest, and not when all reported", () => {
		const failed = planReminders({
			...base,
			sentLog: [
				{
					date: day("2024-06-05"),
					department: "DX推進室",
					kind: "ダイジェスト",
					result: "失敗：x",
				},
			],
		});
		expect(failed.digestDue).toBe(true);
		expect(planReminders({ ...base, unreported: [] }).digestDue).toBe(false);
	});

	it("one mail per department even if the tally lists it twice", () => {
		const p = planReminders({
			...base,
			unreported: [dept("市民課"), dept("市民課")],
		});
		expect(p.mails.length).toBe(1);
	});
});
