/**
 * Offline there is no Gmail and so no MailApp quota (book-session.ts OFFLINE_MAIL_QUOTA): a city
 * with more than 100 late departments gets every reminder in one run, and the digest does not
 * speak of a 送信上限 that does not exist. Before the fix 110 late departments sent 99 reminders
 * and held 11 "送信上限のため".
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../support/bundle";
import { type Run, runCli } from "../support/late-book";

const DEPARTMENTS = 110;
let dir: string;

function cli(...args: string[]): Promise<Run> {
	return runCli({ cwd: dir }, ...args);
}

function expectOk(run: Run): void {
	expect(run.stderr).toBe("");
	expect(run.code).toBe(0);
}

beforeAll(async () => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-offline-quota-"));
	const no = (i: number) => String(i).padStart(3, "0");
	const ids = Array.from({ length: DEPARTMENTS }, (_, i) => i + 1);
	writeFileSync(
		join(dir, "plan.csv"),
		`取組No,取組名,担当課,重点施策\n${ids.map((i) => `${i},取組${i},課${no(i)},I-1`).join("\n")}\n`,
	);
	writeFileSync(
		join(dir, "depts.csv"),
		`課名,メールアドレス,所属長メールアドレス\n${ids.map((i) => `課${no(i)},k${i}@city.example.jp,h${i}@city.example.jp`).join("\n")}\n`,
	);
	expectOk(
		await cli("init", "book.xlsx", "--plan", "plan.csv", "--year", "R6"),
	);
	expectOk(await cli("departments", "book.xlsx", "--csv", "depts.csv"));
	expectOk(
		await cli(
			"set",
			"book.xlsx",
			"回答期限=2024-05-31",
			"DX推進室メール=dx@city.example.jp",
		),
	);
});

describe("remind offline with more than 100 recipients", () => {
	it("sends every late department its reminder in one run, no quota in the digest", async () => {
		const run = await cli(
			"remind",
			"book.xlsx",
			"--today",
			"2024-06-03",
			"--outbox",
			"out",
		);
		expectOk(run);
		expect(run.stdout).not.toContain("送信上限");
		const files = readdirSync(join(dir, "out")).filter((f) =>
			f.endsWith(".eml"),
		);
		const digest = files.filter((f) => f.includes("ダイジェスト"));
		expect(digest).toHaveLength(1);
		expect(files).toHaveLength(DEPARTMENTS + 1);
		const mail = await simpleParser(
			readFileSync(join(dir, "out", digest[0] ?? "")),
		);
		expect(mail.text).toContain(`未回答の担当課（${DEPARTMENTS}課）`);
		expect(mail.text).not.toContain("送信上限");
	});
});
