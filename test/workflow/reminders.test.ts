/**
 * Reminders through the bundle (SPEC 5): the daily trigger over a simulated season, the menu
 * items, quota, failing addresses and a fault midway — on the sample with three departments late.
 */
import { describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../src/domain";
import { remainingQuota } from "../../src/local/runtime/mail";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { enterSampleRatings } from "../../src/local/sample-book";
import { setSettings, sheetModel } from "../../src/local/workbook-ops";
import {
	sampleDepartmentEmail,
	sampleHeadEmail,
} from "../../src/sample/departments";
import { SWEEP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

const LATE = ["市民課", "税務課", "学校教育課"];

function lateSeason(): { rt: LocalRuntime; setNow: (iso: string) => void } {
	let now = new Date("2024-04-15T09:00:00+09:00");
	const rt = openedSampleBook({ now: () => now });
	enterSampleRatings(rt, (d) => !LATE.includes(d));
	return {
		rt,
		setNow: (iso) => {
			now = new Date(iso);
		},
	};
}

function logRows(rt: LocalRuntime): unknown[][] {
	return rowsOf(rt, SHEET_NAMES.sendLog).slice(1);
}

describe("the daily trigger over a reminder season", () => {
	it("mails each late department on reminder days only, one mail per day, escalating after 3 business days", {
		timeout: WORKFLOW_BUDGET_MS,
	}, () => {
		const { rt, setNow } = lateSeason();
		const byDay = new Map<string, string[]>();
		for (
			let day = new Date("2024-05-20T00:00:00Z");
			day <= new Date("2024-06-07T00:00:00Z");
			day = new Date(day.getTime() + 86_400_000)
		) {
			const iso = day.toISOString().slice(0, 10);
			const before = rt.state.mail.outbox.length;
			for (const hour of ["09:10", "09:40"]) {
				setNow(`${iso}T${hour}:00+09:00`);
				rt.runTimeTriggers(new Date(`${iso}T${hour}:00+09:00`));
			}
			const mails = rt.state.mail.outbox
				.slice(before)
				.filter((m) => !m.subject.includes("進捗報告"));
			byDay.set(
				iso,
				mails.map((m) => m.subject.slice(0, 6)),
			);
			const to = mails.map((m) => m.to);
			expect(new Set(to).size, iso).toBe(to.length); // never two mails to one department in a day
		}
		expect(
			[...byDay.entries()].filter(([, m]) => m.length > 0).map(([d]) => d),
		).toEqual([
			"2024-05-24",
			"2024-05-28",
			"2024-05-30",
			"2024-05-31",
			"2024-06-03",
			"2024-06-04",
			"2024-06-05",
			"2024-06-06",
			"2024-06-07",
		]);
		expect(byDay.get("2024-05-24")).toHaveLength(3);
		const june5 = rt.state.mail.outbox.filter(
			(m) =>
				m.sentAt.toISOString().startsWith("2024-06-05") &&
				m.to === sampleDepartmentEmail("市民課"),
		);
		expect(june5).toHaveLength(1);
		expect(june5[0]?.cc.split(",").sort()).toEqual(
			[DX, sampleHeadEmail("市民課")].sort(),
		);
		const kinds = logRows(rt)
			.filter((r) => r[1] === "市民課")
			.map((r) => r[3]);
		expect(kinds).toContain("事前催促");
		expect(kinds).toContain("当日催促");
		expect(kinds).toContain("期限後催促");
		expect(kinds).toContain("エスカレーション");
	});

	it("sends nothing on a weekend and never mails a department that has reported", () => {
		const { rt, setNow } = lateSeason();
		setNow("2024-05-25T09:10:00+09:00"); // Saturday
		rt.runTimeTriggers(new Date("2024-05-25T09:10:00+09:00"));
		expect(rt.state.mail.outbox).toHaveLength(0);
		setNow("2024-05-24T09:10:00+09:00");
		rt.runTimeTriggers(new Date("2024-05-24T09:10:00+09:00"));
		const recipients = rt.state.mail.outbox
			.flatMap((m) => [...m.to.split(","), ...m.cc.split(",")])
			.filter(Boolean);
		expect(new Set(recipients)).toEqual(
			new Set([...LATE.map(sampleDepartmentEmail), DX]),
		);
	});

	it("mails carry only the department's own initiatives and no rating text", () => {
		const { rt, setNow } = lateSeason();
		setNow("2024-05-24T09:10:00+09:00");
		rt.runTimeTriggers(new Date("2024-05-24T09:10:00+09:00"));
		const entry = rowsOf(rt, "評価_R5").slice(1);
		const typedTexts = entry
			.flatMap((r) => [r[6], r[7]])
			.filter((v) => typeof v === "string" && v.length > 0) as string[];
		for (const mail of rt.state.mail.outbox.filter((m) => m.to !== DX)) {
			const dept = LATE.find(
				(d) => sampleDepartmentEmail(d) === mail.to,
			) as string;
			const others = entry.filter(
				(r) => !String(r[4]).split("、").includes(dept),
			);
			for (const r of others)
				expect(mail.body).not.toContain(`${String(r[3])}`);
			for (const text of typedTexts) expect(mail.body).not.toContain(text);
			for (const d of LATE.filter((x) => x !== dept))
				expect(`${mail.to},${mail.cc}`).not.toContain(sampleDepartmentEmail(d));
		}
	});
});

describe("menu items", () => {
	it("the preview shows what would be sent and sends nothing; 今すぐ送信 sends the same", () => {
		const { rt, setNow } = lateSeason();
		setNow("2024-05-31T11:00:00+09:00");
		const preview = expectOk(rt.runMenu("previewReminders", DX));
		expect(rt.state.mail.outbox).toHaveLength(0);
		expect(logRows(rt)).toHaveLength(0);
		expect((preview.planned as unknown[]).length).toBe(3);
		const dialog = rt.state.ui.filter((e) => e.kind === "dialog").at(-1);
		expect(dialog?.message).toContain("市民課");
		const sent = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect((sent.sent as unknown[]).length).toBe(3);
		expect(sent.digest).toBe("sent");
		expect(rt.state.mail.outbox).toHaveLength(4);
		const again = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect((again.sent as unknown[]).length).toBe(0);
		expect(rt.state.mail.outbox).toHaveLength(4);
	});

	it("refuses clearly without a deadline or a DX office address", () => {
		let now = new Date("2024-05-31T09:00:00+09:00");
		const rt = openedSampleBook({ now: () => now });
		const row = sheetModel(rt, SHEET_NAMES.settings).values.findIndex(
			(r) => r[0] === "回答期限",
		);
		rt.edit(DX, SHEET_NAMES.settings, `B${row + 1}`, [[""]]);
		const result = rt.runMenu("sendRemindersNow", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain("回答期限が設定されていません");
		now = new Date("2024-05-31T09:10:00+09:00");
		expect(() => rt.runTimeTriggers(now)).toThrow(
			/毎日の催促を実行できませんでした.*回答期限/s,
		);
	});
});

describe("faults", () => {
	it("quota exhausted midway: the rest wait until the quota frees, nothing is lost or doubled", () => {
		const { rt, setNow } = lateSeason();
		setNow("2024-05-24T09:10:00+09:00");
		rt.state.mail.dailyQuota = 2; // one department, then the reserve for the digest
		const first = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect((first.sent as unknown[]).length).toBe(1);
		expect((first.held as unknown[]).length).toBe(2);
		expect(logRows(rt).filter((r) => r[5] === "保留：送信上限")).toHaveLength(
			2,
		);
		// guides/services/quotas: the quota resets 24 h after the first send, not at midnight.
		setNow("2024-05-24T15:00:00+09:00");
		const again = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect([
			(again.sent as unknown[]).length,
			(again.held as unknown[]).length,
		]).toEqual([0, 2]);
		setNow("2024-05-25T09:09:59+09:00");
		expect(remainingQuota(rt.state)).toBe(0); // the last run's user: DX
		setNow("2024-05-25T09:10:00+09:00");
		expect(remainingQuota(rt.state)).toBe(2);
		// Monday: both held mails go (one more recipient than the first day, for the digest too).
		rt.state.mail.dailyQuota = 3;
		setNow("2024-05-27T09:10:00+09:00");
		const second = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect(
			(second.sent as Array<{ department: string }>)
				.map((s) => s.department)
				.sort(),
		).toEqual(
			LATE.filter(
				(d) =>
					!(first.sent as Array<{ department: string }>).some(
						(s) => s.department === d,
					),
			).sort(),
		);
		const perDept = LATE.map(
			(d) =>
				rt.state.mail.outbox.filter((m) => m.to === sampleDepartmentEmail(d))
					.length,
		);
		expect(perDept).toEqual([1, 1, 1]);
	});

	it("one bad address is logged and the others still go", () => {
		const { rt, setNow } = lateSeason();
		setNow("2024-05-24T09:10:00+09:00");
		rt.state.mail.rejected.add(sampleDepartmentEmail("税務課"));
		const result = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect(
			(result.failed as Array<{ department: string }>).map((f) => f.department),
		).toEqual(["税務課"]);
		expect((result.sent as unknown[]).length).toBe(2);
		// MailApp's "Invalid email: …" in the words of 送信履歴: Japanese, the address kept.
		expect(logRows(rt).find((r) => r[1] === "税務課")?.[5]).toBe(
			`失敗：メールアドレスが正しくないか、送れないアドレスです（${sampleDepartmentEmail("税務課")}）。担当課シートと設定のメールアドレスを確かめてください`,
		);
	});

	it("a fault at any call of a run: the rerun completes without a second mail to anyone", {
		timeout: SWEEP_BUDGET_MS,
	}, () => {
		const probe = lateSeason();
		probe.setNow("2024-05-24T09:10:00+09:00");
		probe.rt.calls.reset();
		probe.rt.runMenu("sendRemindersNow", DX);
		const callsPerRun = probe.rt.calls.total;
		expect(callsPerRun).toBeGreaterThan(20);
		for (let k = 1; k <= callsPerRun; k++) {
			const { rt, setNow } = lateSeason();
			setNow("2024-05-24T09:10:00+09:00");
			rt.calls.reset();
			rt.calls.failAtCall(k);
			try {
				rt.runMenu("sendRemindersNow", DX);
			} catch {
				// the injected fault, as Apps Script would surface it
			}
			rt.calls.clearFault();
			expectOk(rt.runMenu("sendRemindersNow", DX));
			const perDept = LATE.map(
				(d) =>
					rt.state.mail.outbox.filter((m) => m.to === sampleDepartmentEmail(d))
						.length,
			);
			expect(perDept, `k=${k}`).toEqual([1, 1, 1]);
			const sentRows = logRows(rt).filter(
				// 送信済 or 送信済（未確認）: a send interrupted before its confirmation counts as sent.
				(r) => String(r[5]).startsWith("送信済") && r[3] !== "ダイジェスト",
			);
			expect(sentRows.map((r) => r[1]).sort(), `k=${k}`).toEqual(
				[...LATE].sort(),
			);
		}
	});
});

describe("mail as MailApp sends it (reference/mail/mail-app#sendEmail(message))", () => {
	const digestOf = (rt: LocalRuntime) =>
		rt.state.mail.outbox.find((m) => m.subject.startsWith("【進捗報告】"));

	it("passes no cc without copies and one replyTo, the first DX office address", () => {
		const { rt, setNow } = lateSeason();
		setSettings(rt, DX, { DX推進室メール: `${DX}、dx-second@city.example.jp` });
		setNow("2024-05-24T09:10:00+09:00");
		const result = expectOk(rt.runMenu("sendRemindersNow", DX));
		// The runtime refuses cc: "" and a replyTo list as Invalid email.
		expect(result.failed).toEqual([]);
		const reminders = rt.state.mail.outbox.filter((m) => m !== digestOf(rt));
		expect(reminders.map((m) => [m.cc, m.replyTo])).toEqual(
			LATE.map(() => ["", DX]),
		);
	});

	it("the digest tells the quota at the start, the held mails and that 送信済 is not delivery", () => {
		const { rt, setNow } = lateSeason();
		rt.state.mail.dailyQuota = 2;
		setNow("2024-05-24T09:10:00+09:00");
		expectOk(rt.runMenu("sendRemindersNow", DX));
		const body = digestOf(rt)?.body ?? "";
		expect(body).toContain("送信上限の残り（今回の実行開始時）：2宛先");
		expect(body).toContain(
			"■ 送信上限のため保留した催促（2件）\n※1日に送れる宛先数（送信上限）に達したため保留しました（送信履歴は「保留：送信上限」）。送信上限は最初の送信から24時間後に回復します。",
		);
		expect(body).toContain("・税務課（事前催促）\n・学校教育課（事前催促）");
		expect(body).toContain(
			"「送信済」はGmailに引き渡したという意味で、相手に届いたことの確認ではありません。",
		);
		expect(body).toContain(
			"（不達・バウンス）は、このメールの送信元アカウントの受信トレイに届く",
		);
		expect(logRows(rt).map((r) => r[5])).toEqual([
			"送信済（Gmailへ引き渡し・到達は未確認）",
			"保留：送信上限",
			"保留：送信上限",
			"送信済（Gmailへ引き渡し・到達は未確認）",
		]);
	});
});
