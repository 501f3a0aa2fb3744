import { describe, expect, it } from "vitest";
import {
	ANSWER_METHOD_UNKNOWN,
	composeDigest,
	composeReminder,
	type PlannedMail,
	planReminders,
	safeHttpsUrl,
} from "../../../src/domain/reminders";
import { DX, day, dept, settings } from "./helpers";

const URL = "https://docs.google.com/spreadsheets/d/abc/edit?a=1&b=2";

function planned(today: string, depts = [dept("市民課"), dept("税務課")]) {
	return planReminders({
		today: day(today),
		settings: settings(),
		unreported: depts,
		sentLog: [],
		departmentsReported: [],
	}).mails;
}

function ctx(today: string, sheetUrl = URL, answerMethod = "") {
	return {
		fiscalYear: 2023,
		senderName: "DX推進室",
		sheetUrl,
		answerMethod,
		today: day(today),
	};
}

describe("composeReminder", () => {
	it("事前催促: subject, greeting, deadline, missing items, link, how-to, signature", () => {
		const [mail] = planned("2024-05-24");
		const m = composeReminder(mail as PlannedMail, ctx("2024-05-24"));
		expect(m.subject).toBe(
			"【要回答】令和5年度 DX推進計画 進捗度評価のご入力のお願い（期限：2024年5月31日（金））",
		);
		expect(m.body.startsWith("市民課 ご担当者様\n")).toBe(true);
		expect(m.body).toContain("2件（全3件中）");
		expect(m.body).toContain("回答期限は2024年5月31日（金）です（あと7日）");
		expect(m.body).toContain("・取組No 1　市民課の取組1\n");
		expect(m.body).toContain(
			"・取組No 2　市民課の取組2（要修正：C・D評価の場合は評価理由・課題を入力してください）",
		);
		expect(m.body).toContain(URL);
		expect(m.body).toContain("評価_R5");
		expect(m.body).toContain("「評価」列のプルダウン");
		expect(m.body).toContain("「評価理由・課題」の入力が必須");
		expect(m.body.trimEnd().endsWith("--\nDX推進室")).toBe(true);
		expect(m.htmlBody).toContain(
			'<a href="https://docs.google.com/spreadsheets/d/abc/edit?a=1&amp;b=2">',
		);
	});

	it("never contains another department's data", () => {
		const mails = planned("2024-06-05");
		for (const mail of mails) {
			const m = composeReminder(mail, ctx("2024-06-05"));
			const other = mail.department === "市民課" ? "税務課" : "市民課";
			for (const text of [m.subject, m.body, m.htmlBody])
				expect(text).not.toContain(other);
		}
	});

	it("当日, 期限後 and エスカレーション wording", () => {
		const [today] = planned("2024-05-31");
		expect(
			composeReminder(today as PlannedMail, ctx("2024-05-31")).subject,
		).toMatch(/^【本日期限】/);
		const [late] = planned("2024-06-03");
		const l = composeReminder(late as PlannedMail, ctx("2024-06-03"));
		expect(l.subject).toBe(
			"【期限超過】令和5年度 DX推進計画 進捗度評価のご入力のお願い（期限：2024年5月31日（金））",
		);
		expect(l.body).toContain("過ぎています（3日経過・1営業日経過）");
		expect(l.body).not.toContain("所属長様");
		const [esc] = planned("2024-06-05");
		const e = composeReminder(esc as PlannedMail, ctx("2024-06-05"));
		expect(e.subject).toMatch(/^【期限超過】/);
		expect(e.body).toContain("（写し：所属長様、DX推進室）");
		expect(esc?.cc).toEqual(["head-市民課@city.example.jp", DX]);
	});

	it("escapes every user string in HTML", () => {
		const evil = `<b>&"'`;
		const [mail] = planned("2024-05-24", [
			dept(evil, {
				missing: [{ no: `<i>1`, name: evil, status: `要修正：${evil}` }],
			}),
		]);
		const m = composeReminder(mail as PlannedMail, {
			...ctx("2024-05-24"),
			senderName: evil,
		});
		expect(m.htmlBody).not.toContain("<b>");
		expect(m.htmlBody).not.toContain("<i>");
		expect(m.htmlBody).not.toContain(`&"`);
		expect(m.htmlBody).toContain("&lt;b&gt;&amp;&quot;&#39;");
		expect(m.htmlBody).toContain("&lt;i&gt;1");
		// The plain text keeps it as typed.
		expect(m.body).toContain(`${evil} ご担当者様`);
	});

	it("links only https: URLs", () => {
		const [mail] = planned("2024-05-24");
		for (const bad of [
			"javascript:alert(1)",
			"http://example.com/x",
			'https://x.example/"onmouseover="alert(1)',
			"",
		]) {
			const m = composeReminder(mail as PlannedMail, ctx("2024-05-24", bad));
			expect(m.htmlBody).not.toContain("<a ");
			expect(m.htmlBody).not.toContain("javascript:");
			expect(m.body).not.toContain("javascript:");
			expect(m.body).toContain(`■ 回答方法\n${ANSWER_METHOD_UNKNOWN}\n`);
		}
		expect(safeHttpsUrl(" https://a.example/x ")).toBe("https://a.example/x");
		expect(safeHttpsUrl("HTTPS://a.example/")).toBe("HTTPS://a.example/");
	});

	it("回答方法 is said as written, line by line, with the link only when there is one", () => {
		const [mail] = planned("2024-05-24");
		const method = "添付ファイルに入力して返信\n\\\\fileserver\\DX\\回答 <b>";
		const offline = composeReminder(
			mail as PlannedMail,
			ctx("2024-05-24", "file:///C:/dx/book.xlsx#gid=3", method),
		);
		expect(offline.body).toContain(
			"■ 回答方法\n添付ファイルに入力して返信\n\\\\fileserver\\DX\\回答 <b>\n\n■ 入力方法",
		);
		expect(offline.body).not.toContain("file:");
		expect(offline.body).not.toContain("スプレッドシートを開き");
		expect(offline.htmlBody).not.toContain("<a ");
		expect(offline.htmlBody).toContain(
			"<p>添付ファイルに入力して返信<br>\\\\fileserver\\DX\\回答 &lt;b&gt;</p>",
		);
		const google = composeReminder(
			mail as PlannedMail,
			ctx("2024-05-24", URL, "評価シートに直接入力してください"),
		);
		expect(google.body).toContain(
			`■ 回答方法\n評価シートに直接入力してください\n${URL}（シート「評価_R5」）\n`,
		);
		expect(google.body).toContain("スプレッドシートを開き、シート「評価_R5」");
	});

	it("the HTML part is a Japanese document whose table fits a phone", () => {
		const [mail] = planned("2024-05-24");
		const m = composeReminder(mail as PlannedMail, ctx("2024-05-24"));
		expect(
			m.htmlBody.startsWith(
				'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">',
			),
		).toBe(true);
		expect(m.htmlBody).toContain('<meta name="viewport"');
		expect(m.htmlBody).toContain(`<title>${m.subject}</title>`);
		expect(m.htmlBody).toMatch(
			/<body style="[^"]*font-family: [^"]*Meiryo[^"]*'Noto Sans JP'[^"]*sans-serif;/,
		);
		expect(m.htmlBody).toContain("table-layout: fixed");
		expect(m.htmlBody).toMatch(
			/<td style="[^"]*word-break: keep-all; overflow-wrap: anywhere;[^"]*">市民課の取組1<\/td>/,
		);
		expect(m.htmlBody.trimEnd().endsWith("</body>\n</html>")).toBe(true);
	});
});

describe("composeDigest", () => {
	it("reports progress, departments, sent, failed and waiting mails, escaped", () => {
		const d = composeDigest({
			today: day("2024-06-03"),
			fiscalYear: 2023,
			deadline: day("2024-05-31"),
			reported: ["総務課", "<b>課"],
			unreported: [dept("市民課"), dept("税務課")],
			sent: [{ department: "市民課", kind: "期限後催促" }],
			failed: [
				{
					department: "税務課",
					kind: "期限後催促",
					reason: "Invalid email: x",
				},
			],
			waiting: [{ department: "企画課", kind: "期限後催促" }],
			skipped: [
				{
					department: "広報課",
					kind: "期限後催促",
					reason: "メールアドレスなし",
				},
			],
			progress: { done: 70, target: 85 },
			sheetUrl: URL,
		});
		expect(d.subject).toBe(
			"【進捗報告】令和5年度 DX推進計画 進捗度評価 2024年6月3日（月）の状況",
		);
		expect(d.body).toContain("入力済 70件／85件（82.4%）、回答済 2課／4課");
		expect(d.body).toContain("回答期限：2024年5月31日（金）（3日超過）");
		expect(d.body).toContain("・市民課：未入力・要修正 2件／3件");
		expect(d.body).toContain("・税務課（期限後催促：Invalid email: x）");
		expect(d.body).toContain(
			"送信上限のため保留した催促（1件）\n※1日に送れる宛先数（送信上限）に達したため保留しました（送信履歴は「保留：送信上限」）。送信上限は最初の送信から24時間後に回復します。回復後の次回の実行で送信します。\n・企画課（期限後催促）",
		);
		expect(d.body).toContain("広報課");
		expect(d.htmlBody).not.toContain("<b>課");
		expect(d.htmlBody).toContain("&lt;b&gt;課");
	});

	it("works without a deadline or a target", () => {
		const d = composeDigest({
			today: day("2024-06-03"),
			fiscalYear: 2023,
			deadline: null,
			reported: [],
			unreported: [],
			sent: [],
			failed: [],
			waiting: [],
			progress: { done: 0, target: 0 },
		});
		expect(d.body).toContain("回答期限：未設定");
		expect(d.body).toContain("（－）");
	});
});

describe("a deadline on a Saturday", () => {
	it("the 当日催促 sent on Friday does not say 本日期限", async () => {
		const { composeReminder } = await import("../../../src/domain/reminders");
		const deadline = { y: 2024, m: 6, d: 1 };
		const today = { y: 2024, m: 5, d: 31 };
		const mail = composeReminder(
			{
				department: "市民課",
				kind: "当日催促",
				to: ["a@x.example"],
				cc: [],
				replyTo: "",
				missing: [{ no: "1", name: "取組", status: "未入力" }],
				target: 1,
				deadline,
				today,
				daysLeft: 1,
				overdueBusinessDays: 0,
				retry: false,
			},
			{
				fiscalYear: 2023,
				senderName: "DX推進室",
				sheetUrl: "https://example.com",
				answerMethod: "",
				today,
			},
		);
		expect(mail.subject).not.toContain("本日期限");
		expect(mail.subject).toContain("【要回答】");
	});
});
