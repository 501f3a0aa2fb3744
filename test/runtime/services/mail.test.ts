/**
 * MailApp contract: https://developers.google.com/apps-script/reference/mail/mail-app
 * Quotas (recipients per day, 50 per message): https://developers.google.com/apps-script/guides/services/quotas
 * Simple-trigger restrictions: https://developers.google.com/apps-script/guides/triggers#restrictions
 */
import { describe, expect, it } from "vitest";
import {
	LocalMailApp,
	MAIL_QUOTA_ERROR,
	remainingQuota,
} from "../../../src/local/runtime/mail";
import { SCOPES } from "../../../src/local/runtime/state";
import {
	asInstallableTrigger,
	asMenu,
	asSimpleTrigger,
	CLERK,
	makeState,
	OWNER,
	without,
} from "./helpers";

describe("MailApp quota (counts recipients, per the effective user's remaining quota)", () => {
	it("spends one unit per recipient in to, cc and bcc", () => {
		const state = makeState({ mailQuota: 10 });
		const mail = new LocalMailApp(state);
		mail.sendEmail({
			to: "a@example.jp, b@example.jp",
			cc: "c@example.jp",
			bcc: "d@example.jp",
			subject: "s",
			body: "b",
		});
		expect(mail.getRemainingDailyQuota()).toBe(6);
		expect(state.mail.outbox).toHaveLength(1);
	});

	it("sends when the quota exactly suffices", () => {
		const state = makeState({ mailQuota: 2 });
		new LocalMailApp(state).sendEmail("a@example.jp,b@example.jp", "s", "b");
		expect(remainingQuota(state)).toBe(0);
		expect(state.mail.outbox).toHaveLength(1);
	});

	it("refuses with the documented quota error, records nothing and spends nothing", () => {
		const state = makeState({ mailQuota: 2 });
		const mail = new LocalMailApp(state);
		expect(() =>
			mail.sendEmail({
				to: "a@example.jp",
				cc: "b@example.jp,c@example.jp",
				subject: "s",
				body: "b",
			}),
		).toThrow(MAIL_QUOTA_ERROR);
		expect(MAIL_QUOTA_ERROR).toBe(
			"Service invoked too many times for one day: email.",
		);
		expect(state.mail.outbox).toHaveLength(0);
		expect(mail.getRemainingDailyQuota()).toBe(2);
	});

	it("refuses every send once exhausted", () => {
		const state = makeState({ mailQuota: 1 });
		const mail = new LocalMailApp(state);
		mail.sendEmail("a@example.jp", "s", "b");
		expect(() => mail.sendEmail("b@example.jp", "s", "b")).toThrow(
			MAIL_QUOTA_ERROR,
		);
		expect(state.mail.outbox.map((m) => m.to)).toEqual(["a@example.jp"]);
	});

	it("allows 50 recipients in one message and refuses 51", () => {
		const state = makeState({ mailQuota: 1000 });
		const mail = new LocalMailApp(state);
		const list = (n: number) =>
			Array.from({ length: n }, (_, i) => `u${i}@example.jp`).join(",");
		mail.sendEmail(list(50), "s", "b");
		expect(() => mail.sendEmail(list(51), "s", "b")).toThrow(
			"Limit Exceeded: Email Recipients Per Message.",
		);
		expect(state.mail.outbox).toHaveLength(1);
		expect(remainingQuota(state)).toBe(950);
	});
});

describe("MailApp authorization", () => {
	it("is refused in a simple trigger (AuthMode LIMITED) with the permission error", () => {
		const state = makeState();
		asSimpleTrigger(state, OWNER);
		const mail = new LocalMailApp(state);
		expect(() => mail.sendEmail("a@example.jp", "s", "b")).toThrow(
			`You do not have permission to call MailApp.sendEmail. Required permissions: ${SCOPES.sendMail}`,
		);
		expect(() => mail.getRemainingDailyQuota()).toThrow(
			/You do not have permission/,
		);
		expect(state.mail.outbox).toHaveLength(0);
	});

	it("is refused when script.send_mail is missing from the manifest", () => {
		const state = makeState({ scopes: without(SCOPES.sendMail) });
		expect(() =>
			new LocalMailApp(state).sendEmail("a@example.jp", "s", "b"),
		).toThrow(SCOPES.sendMail);
	});

	it("sends from the effective user: an installable trigger's creator", () => {
		const state = makeState();
		asInstallableTrigger(state, OWNER, CLERK);
		new LocalMailApp(state).sendEmail("a@example.jp", "s", "b");
		expect(state.mail.outbox[0]?.from).toBe(OWNER);
		asMenu(state, CLERK);
		new LocalMailApp(state).sendEmail("a@example.jp", "s", "b");
		expect(state.mail.outbox[1]?.from).toBe(CLERK);
	});
});

describe("MailApp addresses", () => {
	it("throws Invalid email for a malformed address and sends nothing", () => {
		const state = makeState({ mailQuota: 10 });
		const mail = new LocalMailApp(state);
		expect(() =>
			mail.sendEmail("good@example.jp, not-an-address", "s", "b"),
		).toThrow("Invalid email: not-an-address");
		expect(() =>
			mail.sendEmail({
				to: "a@example.jp",
				cc: "x@@example.jp",
				subject: "s",
				body: "b",
			}),
		).toThrow("Invalid email: x@@example.jp");
		expect(state.mail.outbox).toHaveLength(0);
		expect(remainingQuota(state)).toBe(10);
	});

	it("throws Invalid email for an address the mail system rejects, and spends no quota", () => {
		const state = makeState({ mailQuota: 10 });
		state.mail.rejected.add("gone@example.jp");
		expect(() =>
			new LocalMailApp(state).sendEmail(
				"ok@example.jp,gone@example.jp",
				"s",
				"b",
			),
		).toThrow("Invalid email: gone@example.jp");
		expect(state.mail.outbox).toHaveLength(0);
		expect(remainingQuota(state)).toBe(10);
	});

	it("refuses a message without recipients", () => {
		const state = makeState();
		expect(() =>
			new LocalMailApp(state).sendEmail({ subject: "s", body: "b" }),
		).toThrow();
		expect(state.mail.outbox).toHaveLength(0);
	});
});

describe("MailApp quota window (guides/services/quotas: per user, reset 24 hours after the first request)", () => {
	it("frees everything 24 h after the first send, not at midnight, and counts per user", () => {
		let now = new Date("2024-05-24T09:30:00+09:00");
		const state = makeState({ mailQuota: 3 });
		state.now = () => now;
		const mail = new LocalMailApp(state);
		mail.sendEmail("a@example.jp", "s", "b");
		now = new Date("2024-05-24T20:00:00+09:00");
		mail.sendEmail("b@example.jp,c@example.jp", "s", "b");
		expect(mail.getRemainingDailyQuota()).toBe(0);
		now = new Date("2024-05-25T00:00:01+09:00"); // past midnight: still the same window
		expect(mail.getRemainingDailyQuota()).toBe(0);
		state.exec = { ...state.exec, effectiveUser: "other@example.jp" };
		expect(mail.getRemainingDailyQuota()).toBe(3);
		state.exec = { ...state.exec, effectiveUser: OWNER };
		now = new Date("2024-05-25T09:30:00+09:00"); // 24 h after the first send
		expect(mail.getRemainingDailyQuota()).toBe(3);
		mail.sendEmail("d@example.jp", "s", "b"); // opens the next window
		expect(mail.getRemainingDailyQuota()).toBe(2);
	});
});

describe("MailApp addresses (mail-app#sendEmail(message): cc/bcc lists, replyTo one address)", () => {
	it("refuses an empty cc or bcc as an invalid address (decision: the empty value is undocumented)", () => {
		const state = makeState({ mailQuota: 10 });
		const mail = new LocalMailApp(state);
		for (const extra of [{ cc: "" }, { bcc: " " }]) {
			expect(() =>
				mail.sendEmail({
					to: "a@example.jp",
					subject: "s",
					body: "b",
					...extra,
				}),
			).toThrow(/^Invalid email: /);
		}
		mail.sendEmail({ to: "a@example.jp", subject: "s", body: "b" });
		expect(state.mail.outbox).toHaveLength(1);
	});

	it("refuses a replyTo that is a list or blank", () => {
		const mail = new LocalMailApp(makeState({ mailQuota: 10 }));
		const send = (replyTo: string) => () =>
			mail.sendEmail({ to: "a@example.jp", subject: "s", body: "b", replyTo });
		expect(send("dx@example.jp, dx2@example.jp")).toThrow(
			"Invalid email: dx@example.jp, dx2@example.jp",
		);
		expect(send("")).toThrow(/^Invalid email: /);
		expect(send("DX推進室 <dx@example.jp>")).not.toThrow();
	});
});

describe("MailApp.sendEmail signatures", () => {
	it("takes (recipient, subject, body, options) with htmlBody, cc, name and replyTo", () => {
		const state = makeState();
		new LocalMailApp(state).sendEmail("a@example.jp", "件名", "本文", {
			htmlBody: "<p>本文</p>",
			cc: "head@example.jp",
			name: "DX推進課",
			replyTo: "dx@example.jp",
		});
		expect(state.mail.outbox[0]).toMatchObject({
			to: "a@example.jp",
			cc: "head@example.jp",
			subject: "件名",
			body: "本文",
			htmlBody: "<p>本文</p>",
			name: "DX推進課",
			replyTo: "dx@example.jp",
			from: OWNER,
		});
		expect(state.mail.outbox[0]?.sentAt.toISOString()).toBe(
			"2024-05-31T15:00:00.000Z",
		);
	});

	it("takes (to, replyTo, subject, body)", () => {
		const state = makeState();
		new LocalMailApp(state).sendEmail(
			"a@example.jp",
			"dx@example.jp",
			"s",
			"b",
		);
		expect(state.mail.outbox[0]).toMatchObject({
			to: "a@example.jp",
			replyTo: "dx@example.jp",
			subject: "s",
			body: "b",
		});
	});

	it("is named MailApp for the call counter", () => {
		expect(String(new LocalMailApp(makeState()))).toBe("MailApp");
	});
});
