import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { describe, expect, it } from "vitest";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
} from "../../src/sample/departments";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { expectJapaneseLine } from "../support/japanese";
import {
	LATE,
	lateBookFolder,
	runCli,
	sendLogRows,
} from "../support/late-book";

const DX = SAMPLE_DX_OFFICE;
const TODAY = ["--today", "2024-05-24"];

const late = lateBookFolder("dx-remind-messages-");
const book = late.book;

const cli = (...args: string[]) => runCli({ cwd: late.dir }, ...args);

const reply = (code: number, text: string) =>
	Object.assign(new Error(text), { responseCode: code });

interface Fake {
	url: string;
	/** Recipients of each message the server took. */
	received: Array<{ rcpt: string[]; raw: string }>;
	close: () => Promise<void>;
}

async function fakeServer(options: SMTPServerOptions): Promise<Fake> {
	const received: Fake["received"] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ["STARTTLS"],
		logger: false,
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
		...options,
	});
	server.on("error", () => undefined);
	await new Promise<void>((resolve) =>
		server.listen(0, "127.0.0.1", () => resolve()),
	);
	return {
		url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The server's English, which must not reach the DX office. */
const SERVER_WORDS = [
	"No such user here",
	"Message size exceeds fixed limit",
	"Message rejected as spam",
];

describe("remind --smtp: each failure in Japanese", () => {
	it("550, 552, 554: that department's mail fails with what to do, the others go, the rerun retries only them", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const [shimin, zeimu, school] = LATE.map(sampleDepartmentEmail);
		let refusing = true;
		const smtp = await fakeServer({
			onRcptTo(address, _session, callback) {
				if (refusing && address.address === shimin)
					callback(reply(550, `5.1.1 <${shimin}>: ${SERVER_WORDS[0]}`));
				else callback();
			},
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on("data", (c: Buffer) => chunks.push(c));
				stream.on("end", () => {
					const rcpt = session.envelope.rcptTo.map((a) => a.address);
					if (refusing && rcpt.includes(zeimu as string))
						return callback(reply(552, `5.3.4 ${SERVER_WORDS[1]}`));
					if (refusing && rcpt.includes(school as string))
						return callback(reply(554, `5.7.1 ${SERVER_WORDS[2]}`));
					smtp.received.push({
						rcpt,
						raw: Buffer.concat(chunks).toString("utf8"),
					});
					callback();
				});
			},
		});
		try {
			const name = book("refusals.xlsx");
			const r = await cli("remind", name, ...TODAY, "--smtp", smtp.url);
			expect(r.stderr).toBe("");
			expect(r.code).toBe(1);
			expect(r.stdout).toMatch(
				/^失敗 市民課 .*（SMTPサーバーが宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレスを確かめてください（SMTP 550 5\.1\.1））$/m,
			);
			expect(r.stdout).toMatch(
				/^失敗 税務課 .*（メールが大きすぎるため SMTPサーバーが受け付けませんでした。.*（SMTP 552 5\.3\.4））$/m,
			);
			expect(r.stdout).toMatch(
				/^失敗 学校教育課 .*（SMTPサーバーがこのメールを受け付けませんでした.*（SMTP 554 5\.7\.1））$/m,
			);
			expect(r.stdout).toMatch(/^送信 ダイジェスト /m);
			for (const line of r.stdout.trimEnd().split("\n"))
				expectJapaneseLine(line);
			for (const words of SERVER_WORDS) expect(r.stdout).not.toContain(words);

			const log = await sendLogRows(join(late.dir, name));
			expect(log.map((row) => [row[1], String(row[5]).slice(0, 3)])).toEqual([
				["市民課", "失敗："],
				["税務課", "失敗："],
				["学校教育課", "失敗："],
				["DX推進室", "送信済"],
			]);
			for (const row of log) expectJapaneseLine(String(row[5]));
			const digest = await simpleParser(smtp.received[0]?.raw ?? "");
			expect(digest.text).toContain("送信に失敗した催促（3件）");
			for (const words of [...SERVER_WORDS, "Failed to send email"])
				expect(digest.text).not.toContain(words);

			refusing = false;
			const rerun = await cli("remind", name, ...TODAY, "--smtp", smtp.url);
			expect(rerun.stderr).toBe("");
			expect(rerun.code).toBe(0);
			expect(smtp.received.map((m) => m.rcpt)).toEqual([
				[DX],
				[shimin],
				[zeimu],
				[school],
			]);
		} finally {
			await smtp.close();
		}
	});

	it("a server it cannot log in to or talk TLS with, or none: refused before any mail, one Japanese line", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const login = await fakeServer({
			authOptional: false,
			allowInsecureAuth: true,
			onAuth: (_auth, _session, callback) =>
				callback(reply(535, "5.7.8 Authentication credentials invalid")),
		});
		const plain = await fakeServer({});
		try {
			const name = book("refused.xlsx");
			const before = readFileSync(join(late.dir, name));
			const host = (url: string) => url.replace(/^smtp:\/\//, "");
			const cases: Array<[string, RegExp]> = [
				[
					`smtp://dx:wrong@${host(login.url)}`,
					/^dx-progress: SMTPサーバー（127\.0\.0\.1:\d+）にログインできません。--smtp の URL の利用者名とパスワードを確かめてください（SMTP 535 5\.7\.8）。メールは送っていません$/,
				],
				[
					`smtps://${host(plain.url)}`,
					/^dx-progress: SMTPサーバー（127\.0\.0\.1:\d+）と暗号化（TLS）の接続ができません。.*（ERR_SSL_WRONG_VERSION_NUMBER）。メールは送っていません$/,
				],
				[
					"smtp://127.0.0.1:1",
					/^dx-progress: SMTPサーバーに接続できません（127\.0\.0\.1:1）。.*（ECONNREFUSED）。メールは送っていません$/,
				],
			];
			for (const [url, message] of cases) {
				const r = await cli("remind", name, ...TODAY, "--smtp", url);
				expect(r.code, url).toBe(1);
				expect(r.stdout, url).toBe("");
				expect(r.stderr.trimEnd(), url).toMatch(message);
				expectJapaneseLine(r.stderr);
				expect(r.stderr, url).not.toContain("wrong"); // never the password
				expect(readFileSync(join(late.dir, name)).equals(before), url).toBe(
					true,
				);
			}
			expect([...login.received, ...plain.received]).toEqual([]);
		} finally {
			await login.close();
			await plain.close();
		}
	});

	it("an outbox that cannot be a folder: the file system's reason in Japanese", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("outbox.xlsx");
		writeFileSync(join(late.dir, "a-file"), "");
		const r = await cli(
			"remind",
			name,
			...TODAY,
			"--outbox",
			join("a-file", "mails"),
		);
		expect(r.code).toBe(2);
		expect(r.stderr.trimEnd()).toMatch(
			/^dx-progress: 出力先フォルダに書き込めません（途中のフォルダが見つかりません）: .*a-file[/\\]mails$/,
		);
		expectJapaneseLine(r.stderr);
		expect(r.stderr).not.toMatch(/ENOTDIR|not a directory/);
	});
});
