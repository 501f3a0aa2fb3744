import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import {
	SEED_DEPARTMENT_NAMES,
	SEND_RESULT_SENT_OFFLINE,
	SHEET_NAMES,
} from "../../src/domain";
import { setCell } from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
} from "../../src/sample/departments";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import {
	LATE,
	lateBookFolder,
	type Run,
	runCli,
	sendLogRows,
	TRICKY_TITLE,
} from "../support/late-book";

const DX = SAMPLE_DX_OFFICE;
const TRICKY_HTML = "コンビニ交付&lt;写し&gt;の周知 &amp; &quot;利用促進&quot;";

const late = lateBookFolder("dx-remind-");
const book = late.book;

function cli(...args: string[]): Promise<Run> {
	return runCli({ cwd: late.dir }, ...args);
}

function emlFiles(folder: string): string[] {
	const path = join(late.dir, folder);
	return existsSync(path)
		? readdirSync(path)
				.filter((f) => f.endsWith(".eml"))
				.sort()
		: [];
}

function sendLog(name: string): Promise<unknown[][]> {
	return sendLogRows(join(late.dir, name));
}

/** What a mail must and must not contain, by its department (undefined: the digest). */
function checkMail(mail: ParsedMail, raw: string, department?: string): void {
	expect(mail.subject).toContain("令和5年度");
	// A reminder names the deadline; the digest, the day it reports on.
	expect(mail.subject).toContain(
		department ? "2024年5月31日" : "2024年5月24日",
	);
	// RFC 2047 B-encoded Japanese, never raw 8-bit, in the header.
	expect(raw).toMatch(/^Subject: =\?UTF-8\?B\?/im);
	expect(raw).toMatch(/^Message-ID: <[^>]+@city-kameyama\.example>/im);
	expect(raw).toMatch(/^Date: Fri, 24 May 2024 00:00:00 \+0000/im);
	expect(mail.from?.value).toEqual([{ name: "DX推進室", address: DX }]);
	const text = mail.text ?? "";
	const html = typeof mail.html === "string" ? mail.html : "";
	expect(text.length).toBeGreaterThan(0);
	expect(html).toContain("<");
	expect(raw).toContain("multipart/alternative");
	const mine = department ? sampleDepartmentEmail(department) : DX;
	const everything = `${raw}\n${text}\n${html}`;
	// Offline there is no Google spreadsheet to link to (the workbook's getUrl is its file).
	expect(everything).not.toContain("docs.google.com");
	expect(everything).not.toContain("file:");
	// Nor does it go through Gmail or MailApp: the digest's notes say what offline results mean.
	expect(everything).not.toMatch(/Gmail|MailApp/);
	for (const other of SEED_DEPARTMENT_NAMES.map(sampleDepartmentEmail))
		if (other !== mine) expect(everything).not.toContain(other);
	if (!department) {
		expect(addresses(mail.to)).toEqual([DX]);
		return;
	}
	expect(addresses(mail.to)).toEqual([mine]);
	expect(mail.cc).toBeUndefined(); // 事前催促: nobody copied
	expect(addresses(mail.replyTo)).toEqual([DX]);
	const nos = late.missingNos.get(department) ?? [];
	expect(nos.length).toBeGreaterThan(0);
	for (const no of nos) expect(text).toMatch(new RegExp(`No\\.?\\s*${no}\\D`));
	if (department === "市民課") {
		expect(text).toContain(TRICKY_TITLE);
		expect(html).toContain(TRICKY_HTML);
		expect(html).not.toContain("<写し>");
	}
}

function addresses(field: ParsedMail["to"]): string[] {
	const list = Array.isArray(field) ? field : field ? [field] : [];
	return list.flatMap((a) => a.value.map((v) => v.address ?? ""));
}

describe("dx-progress remind", () => {
	it("--dry-run prints the plan and leaves the workbook byte-identical", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("dry.xlsx");
		const before = readFileSync(join(late.dir, name));
		const r = await cli("remind", name, "--today", "2024-05-24", "--dry-run");
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		expect(r.stdout).toContain("2024-05-24");
		expect(r.stdout).toContain("事前催促の日です");
		for (const d of LATE) {
			const line = r.stdout.split("\n").find((l) => l.startsWith(d));
			expect(line, d).toContain("事前催促");
			expect(line).toContain(sampleDepartmentEmail(d));
			expect(line).toMatch(new RegExp(`\\s${late.missingNos.get(d)?.length}$`));
		}
		expect(r.stdout).not.toContain("総務課");
		expect(r.stdout).toContain("ダイジェスト（DX推進室あて）: 送信予定");
		expect(readFileSync(join(late.dir, name)).equals(before)).toBe(true);
		expect(emlFiles(".")).toEqual([]);
	});

	it("--outbox writes one .eml per mail; a second run the same day sends nothing", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("outbox.xlsx");
		const r = await cli(
			"remind",
			name,
			"--today",
			"2024-05-24",
			"--outbox",
			"out/mails",
		);
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		const files = emlFiles("out/mails");
		expect(files).toEqual([
			"2024-05-24_01_市民課.eml",
			"2024-05-24_02_税務課.eml",
			"2024-05-24_03_学校教育課.eml",
			"2024-05-24_04_ダイジェスト.eml",
		]);
		for (const file of files) {
			const raw = readFileSync(join(late.dir, "out/mails", file), "utf8");
			const department = LATE.find((d) => file.includes(d));
			checkMail(await simpleParser(raw), raw, department);
		}
		expect(
			r.stdout.split("\n").filter((l) => l.startsWith("送信 ")),
		).toHaveLength(4);
		const log = await sendLog(name);
		expect(log.map((row) => [row[1], row[3], row[5]])).toEqual([
			["市民課", "事前催促", SEND_RESULT_SENT_OFFLINE],
			["税務課", "事前催促", SEND_RESULT_SENT_OFFLINE],
			["学校教育課", "事前催促", SEND_RESULT_SENT_OFFLINE],
			["DX推進室", "ダイジェスト", SEND_RESULT_SENT_OFFLINE],
		]);

		const again = await cli(
			"remind",
			name,
			"--today",
			"2024-05-24",
			"--outbox",
			"out/mails",
		);
		expect(again.stderr).toBe("");
		expect(again.code).toBe(0);
		expect(emlFiles("out/mails")).toEqual(files);
		expect(again.stdout).toContain("送信 0件");
		expect(await sendLog(name)).toHaveLength(4);
	});

	it("--outbox: From is 設定 DX推進室メール, the mail says 回答方法, the HTML is a Japanese document", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const honbu = "dx-honbu@city-kameyama.example";
		const method =
			"添付ファイルに入力して返信\n\\\\fileserver\\DX推進室\\R5評価";
		const wb = await loadWorkbook(late.base);
		const settings = wb.sheets.find((x) => x.name === SHEET_NAMES.settings);
		if (!settings) throw new Error("no 設定 sheet");
		const rowOf = (label: string) =>
			settings.values.findIndex((r) => r[0] === label);
		expect(rowOf("回答方法")).toBeGreaterThan(0);
		setCell(settings, rowOf("DX推進室メール"), 1, `${honbu}, ${DX}`);
		setCell(settings, rowOf("回答方法"), 1, method);
		await saveWorkbook(wb, join(late.dir, "answer.xlsx"));
		const r = await cli(
			"remind",
			"answer.xlsx",
			"--today",
			"2024-05-24",
			"--outbox",
			"answer-mails",
		);
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		const files = emlFiles("answer-mails");
		expect(files).toHaveLength(4);
		for (const file of files) {
			const raw = readFileSync(join(late.dir, "answer-mails", file), "utf8");
			const mail = await simpleParser(raw);
			expect(mail.from?.value).toEqual([{ name: "DX推進室", address: honbu }]);
			expect(raw).not.toContain("docs.google.com");
			const html = typeof mail.html === "string" ? mail.html : "";
			expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
			expect(html).toContain('<html lang="ja">');
			if (file.includes("ダイジェスト")) continue;
			expect(addresses(mail.replyTo)).toEqual([honbu]);
			expect(mail.text).toContain(
				"■ 回答方法\n添付ファイルに入力して返信\n\\\\fileserver\\DX推進室\\R5評価\n",
			);
			expect(html).toContain(
				"添付ファイルに入力して返信<br>\\\\fileserver\\DX推進室\\R5評価",
			);
			expect(html).not.toContain("<a ");
		}
	});

	it("--smtp delivers through a real server; a refused recipient is logged 失敗, the others go", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const refused = sampleDepartmentEmail("税務課");
		const received: Array<{ rcpt: string[]; raw: string }> = [];
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ["STARTTLS"],
			logger: false,
			onRcptTo(address, _session, callback) {
				if (address.address === refused) {
					const error = Object.assign(new Error("No such user here"), {
						responseCode: 550,
					});
					callback(error);
					return;
				}
				callback();
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on("data", (c: Buffer) => chunks.push(c));
				stream.on("end", () => {
					received.push({
						rcpt: session.envelope.rcptTo.map((a) => a.address),
						raw: Buffer.concat(chunks).toString("utf8"),
					});
					callback();
				});
			},
		});
		await new Promise<void>((resolve) =>
			server.listen(0, "127.0.0.1", () => resolve()),
		);
		try {
			const port = (server.server.address() as AddressInfo).port;
			const name = book("smtp.xlsx");
			const r = await cli(
				"remind",
				name,
				"--today",
				"2024-05-24",
				"--smtp",
				`smtp://127.0.0.1:${port}`,
			);
			expect(r.stderr).toBe("");
			expect(r.code).toBe(1); // a mail failed: the exit says so
			// The server's words stay out: what happened and what to do, its code as the tail.
			expect(r.stdout).toMatch(
				/^失敗 税務課 .*（SMTPサーバーが宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレスを確かめてください（SMTP 550））$/m,
			);
			expect(r.stdout).not.toContain("No such user here");
			expect(r.stdout).toMatch(/^送信 市民課 /m);
			expect(r.stdout).toMatch(/^送信 学校教育課 /m);
			expect(r.stdout).toMatch(/^送信 ダイジェスト /m);
			expect(received.map((m) => m.rcpt)).toEqual([
				[sampleDepartmentEmail("市民課")],
				[sampleDepartmentEmail("学校教育課")],
				[DX],
			]);
			for (const [i, m] of received.entries()) {
				const mail = await simpleParser(m.raw);
				checkMail(mail, m.raw, [...LATE.filter((d) => d !== "税務課")][i]);
			}
			const digest = await simpleParser(received[2]?.raw ?? "");
			expect(digest.text).toContain("税務課"); // the failure is in the digest
			const log = await sendLog(name);
			expect(log.map((row) => [row[1], row[3]])).toEqual([
				["市民課", "事前催促"],
				["税務課", "事前催促"],
				["学校教育課", "事前催促"],
				["DX推進室", "ダイジェスト"],
			]);
			expect(log.map((row) => String(row[5]).slice(0, 3))).toEqual([
				"送信済",
				"失敗：",
				"送信済",
				"送信済",
			]);
			expect(String(log[1]?.[5])).toBe(
				"失敗：SMTPサーバーが宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレスを確かめてください（SMTP 550）",
			);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it("bad arguments and files: one line, non-zero exit, the workbook unchanged", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("bad.xlsx");
		const before = readFileSync(join(late.dir, name));
		const cases: Array<[string[], RegExp]> = [
			[["--today", "2024-02-30", "--outbox", "o"], /--today.*2024-02-30/],
			[["--today", "24-5-1", "--dry-run"], /--today/],
			[["--smtp", "notaurl"], /--smtp.*notaurl/],
			[["--smtp", "http://example.jp"], /smtp:\/\//],
			[
				["--outbox", "o", "--smtp", "smtp://127.0.0.1:25"],
				/同時に指定できません/,
			],
			[[], /送信先を --outbox か --smtp で指定してください/],
			[["--smtp", "smtp://127.0.0.1:1"], /SMTPサーバーに接続できません/],
		];
		for (const [args, message] of cases) {
			const r = await cli("remind", name, ...args);
			expect(r.code, args.join(" ")).not.toBe(0);
			expect(r.stderr).toMatch(message);
			expect(r.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
			expect(r.stdout).toBe("");
			expect(readFileSync(join(late.dir, name)).equals(before)).toBe(true);
		}
		expect(existsSync(join(late.dir, "o"))).toBe(false);
		const missing = await cli("remind", "nope.xlsx", "--dry-run");
		expect(missing.code).toBe(2);
		expect(missing.stderr.trimEnd().split("\n")).toHaveLength(1);
		expect(missing.stderr).toContain("nope.xlsx");
	});
});
