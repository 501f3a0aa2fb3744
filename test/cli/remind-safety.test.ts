/**
 * Never two mails, never a lost log (SPEC 9), measured as a DX office would meet it: real child
 * processes of dist-local/cli.mjs, run side by side or killed with SIGKILL at chosen points, and
 * a real SMTP server on loopback that holds, stalls or drops the connection after DATA. After
 * every run and its rerun each late department has had exactly one mail (or, where nobody can
 * know, at most one, logged as such) and 送信履歴 has every attempt.
 */
import type { ChildProcess } from "node:child_process";
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	truncateSync,
	writeFileSync,
} from "node:fs";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { describe, expect, it } from "vitest";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
} from "../../src/sample/departments";
import { SWEEP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import {
	LATE,
	lateBookFolder,
	runCli,
	sendLogRows,
} from "../support/late-book";

const DX = SAMPLE_DX_OFFICE;
const TODAY = ["--today", "2024-05-24"];

const late = lateBookFolder("dx-remind-safety-");
const book = late.book;

const cli = (...args: string[]) => runCli({ cwd: late.dir }, ...args);

function emlFiles(folder: string): string[] {
	const path = join(late.dir, folder);
	return existsSync(path)
		? readdirSync(path)
				.filter((f) => f.endsWith(".eml"))
				.sort()
		: [];
}

/** How many .eml files in `folder` went to each late department, and to the digest. */
function outboxCounts(folder: string): number[] {
	const files = emlFiles(folder);
	return [...LATE, "ダイジェスト"].map(
		(label) => files.filter((f) => f.endsWith(`_${label}.eml`)).length,
	);
}

/** 送信履歴 as [課名, 種別, 結果 up to its first （ or ：]. */
async function logSummary(name: string): Promise<string[][]> {
	return (await sendLogRows(join(late.dir, name))).map((r) => [
		String(r[1]),
		String(r[3]),
		String(r[5]).split(/[（：]/)[0] as string,
	]);
}

const COMPLETE_LOG = [
	["市民課", "事前催促", "送信済"],
	["税務課", "事前催促", "送信済"],
	["学校教育課", "事前催促", "送信済"],
	["DX推進室", "ダイジェスト", "送信済"],
];

function leftovers(name: string): string[] {
	return [`${name}.lock`, `${name}.journal`].filter((f) =>
		existsSync(join(late.dir, f)),
	);
}

interface Received {
	rcpt: string[];
	raw: string;
}

type Answer = "ok" | "stall" | "drop" | Promise<void>;

/**
 * An SMTP server on loopback. `decide` says, for each message once its data has arrived, whether
 * to answer (ok), never answer (stall), cut the connection (drop), or answer when a promise
 * settles. Every message whose data arrived is in `received`.
 */
async function smtpServer(
	decide: (m: Received, index: number) => Answer = () => "ok",
) {
	const received: Received[] = [];
	let socket: Socket | undefined;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ["STARTTLS"],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			const current = socket;
			stream.on("data", (c: Buffer) => chunks.push(c));
			stream.on("end", () => {
				const m = {
					rcpt: session.envelope.rcptTo.map((a) => a.address),
					raw: Buffer.concat(chunks).toString("utf8"),
				};
				received.push(m);
				const answer = decide(m, received.length - 1);
				if (answer === "ok") callback();
				else if (answer === "drop") current?.destroy();
				else if (answer !== "stall") answer.then(() => callback());
			});
		},
	});
	server.server.on("connection", (s: Socket) => {
		socket = s;
	});
	await new Promise<void>((resolve) =>
		server.listen(0, "127.0.0.1", () => resolve()),
	);
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		/** Messages to each late department, and to the DX office (the digest). */
		counts: () =>
			[...LATE.map(sampleDepartmentEmail), DX].map(
				(a) => received.filter((m) => m.rcpt.includes(a)).length,
			),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => {
		resolve = r;
	});
	return { promise, resolve };
}

/** A server that holds the first mail until `release`; `arrived` when that mail came in. */
async function firstMailHeld() {
	const arrived = deferred();
	const release = deferred();
	const smtp = await smtpServer((_m, i) => {
		if (i > 0) return "ok";
		arrived.resolve();
		return release.promise;
	});
	return { smtp, arrived, release };
}

describe("two processes on one book", () => {
	it("two remind runs at the same moment: the second refuses, each department gets one mail", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const { smtp, arrived, release } = await firstMailHeld();
		try {
			const name = book("twice.xlsx");
			const first = cli("remind", name, ...TODAY, "--smtp", smtp.url);
			await arrived.promise;
			const second = await cli("remind", name, ...TODAY, "--smtp", smtp.url);
			release.resolve();
			const one = await first;
			expect(second.code).toBe(1);
			expect(second.stderr).toMatch(
				/はほかのコマンドが使用中です（dx-progress remind、プロセス \d+/,
			);
			expect(second.stdout).toBe("");
			expect(one.stderr).toBe("");
			expect(one.code).toBe(0);
			expect(smtp.counts()).toEqual([1, 1, 1, 1]);
			expect(await logSummary(name)).toEqual(COMPLETE_LOG);
			expect(leftovers(name)).toEqual([]);
		} finally {
			release.resolve();
			await smtp.close();
		}
	});

	it("remind beside summary: summary refuses while remind sends, 送信履歴 is kept, the rerun sends nothing", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const { smtp, arrived, release } = await firstMailHeld();
		try {
			const name = book("beside.xlsx");
			const reminding = cli("remind", name, ...TODAY, "--smtp", smtp.url);
			await arrived.promise;
			const summary = await cli("summary", name);
			release.resolve();
			const remind = await reminding;
			expect(summary.code).toBe(1);
			expect(summary.stderr).toContain("dx-progress remind");
			expect(remind.code).toBe(0);
			expect(await logSummary(name)).toEqual(COMPLETE_LOG);
			const rerun = await cli("remind", name, ...TODAY, "--smtp", smtp.url);
			expect(rerun.code).toBe(0);
			expect(rerun.stdout).toContain("送信 0件");
			expect(smtp.counts()).toEqual([1, 1, 1, 1]);
			// Now that remind is done, summary runs.
			expect((await cli("summary", name)).code).toBe(0);
			expect(await logSummary(name)).toEqual(COMPLETE_LOG);
		} finally {
			release.resolve();
			await smtp.close();
		}
	});
});

describe("kill -9, then the rerun", () => {
	it("killed as soon as the first .eml appears: the rerun completes, one mail each", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("kill-eml.xlsx");
		const out = join(late.dir, "kill-eml-mails");
		let watcher: NodeJS.Timeout | undefined;
		const crashed = await runCli(
			{
				cwd: late.dir,
				started: (child: ChildProcess) => {
					watcher = setInterval(() => {
						if (
							existsSync(out) &&
							readdirSync(out).some((f) => f.endsWith(".eml"))
						)
							child.kill("SIGKILL");
					}, 2);
				},
			},
			"remind",
			name,
			...TODAY,
			"--outbox",
			out,
		);
		clearInterval(watcher);
		expect(crashed.signal).toBe("SIGKILL");
		const rerun = await cli("remind", name, ...TODAY, "--outbox", out);
		expect(rerun.stderr).toBe("");
		expect(rerun.code).toBe(0);
		expect(outboxCounts("kill-eml-mails")).toEqual([1, 1, 1, 1]);
		expect(await logSummary(name)).toEqual(COMPLETE_LOG);
		expect(leftovers(name)).toEqual([]);
	});

	// --outbox journal lines: per mail pending, mail, confirmed (1–12), then each .eml written (13–16).
	const points = [
		"journal:1",
		"journal:2",
		"journal:3",
		"journal:6",
		"journal:11",
		"journal:14",
		"save",
		"saved",
	];
	it(`--outbox killed at ${points.join(", ")}: each department one mail, 送信履歴 complete`, {
		timeout: SWEEP_BUDGET_MS,
	}, async () => {
		for (const [i, point] of points.entries()) {
			const name = book(`kill-${i}.xlsx`);
			const out = `kill-${i}-mails`;
			const crashed = await runCli(
				{ cwd: late.dir, env: { DX_PROGRESS_KILL_AT: point } },
				"remind",
				name,
				...TODAY,
				"--outbox",
				out,
			);
			expect(crashed.signal, point).toBe("SIGKILL");
			if (point === "save") {
				// Everything went, nothing is saved yet: the preview already knows from the journal.
				const dry = await cli("remind", name, ...TODAY, "--dry-run");
				expect(dry.stdout).toContain("本日送信する催促メール 0件（");
				expect(dry.stdout).toContain(
					`前回の実行が途中で終わった記録があります（${name}.journal）`,
				);
			}
			const rerun = await cli("remind", name, ...TODAY, "--outbox", out);
			expect(rerun.stderr, point).toBe("");
			expect(rerun.code, point).toBe(0);
			expect(outboxCounts(out), point).toEqual([1, 1, 1, 1]);
			expect(await logSummary(name), point).toEqual(COMPLETE_LOG);
			expect(leftovers(name), point).toEqual([]);
			const again = await cli("remind", name, ...TODAY, "--outbox", out);
			expect(again.stdout, point).toContain("送信 0件");
			expect(outboxCounts(out), point).toEqual([1, 1, 1, 1]);
		}
	});

	it("--smtp killed after a delivery or during one: never a second mail; the unknown one is logged 未確認", {
		timeout: SWEEP_BUDGET_MS,
	}, async () => {
		// --smtp journal lines: per mail pending then settled (1–2 市民課, 3–4 税務課, …).
		for (const [point, expected] of [
			["journal:2", [1, 1, 1, 1]],
			["journal:6", [1, 1, 1, 1]],
			// Killed after 税務課's pending entry, before its delivery: nobody can know, so no resend.
			["journal:3", [1, 0, 1, 1]],
		] as const) {
			const smtp = await smtpServer();
			try {
				const name = book(`kill-smtp-${point.replace(":", "")}.xlsx`);
				const crashed = await runCli(
					{ cwd: late.dir, env: { DX_PROGRESS_KILL_AT: point } },
					"remind",
					name,
					...TODAY,
					"--smtp",
					smtp.url,
				);
				expect(crashed.signal, point).toBe("SIGKILL");
				const rerun = await cli("remind", name, ...TODAY, "--smtp", smtp.url);
				expect(rerun.code, point).toBe(0);
				expect(smtp.counts(), point).toEqual(expected);
				const log = await sendLogRows(join(late.dir, name));
				expect(
					log.map((r) => r[1]),
					point,
				).toEqual([...LATE, "DX推進室"]);
				for (const row of log) expect(String(row[5]), point).toMatch(/^送信済/);
				if (expected[1] === 0)
					expect(String(log[1]?.[5])).toContain(
						"未確認：送信中に処理が中断しました",
					);
				expect(leftovers(name), point).toEqual([]);
			} finally {
				await smtp.close();
			}
		}
	});
});

describe("delivery uncertain, attachments", () => {
	/** 照会 files for the late departments (small stand-ins: any bytes are a file to attach). */
	function inquiryFolder(name: string, skip: string[] = []): string {
		const folder = join(late.dir, name);
		mkdirSync(folder, { recursive: true });
		for (const d of LATE.filter((x) => !skip.includes(x)))
			writeFileSync(join(folder, `R5_${d}.xlsx`), `照会ファイル ${d}`);
		return folder;
	}

	it("the server stalls or drops after DATA: 送信不明, in the digest, never resent; attachments go by SMTP", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		let firstRun = true;
		const smtp = await smtpServer((m) => {
			if (!firstRun) return "ok";
			if (m.rcpt.includes(sampleDepartmentEmail("市民課"))) return "stall";
			if (m.rcpt.includes(sampleDepartmentEmail("税務課"))) return "drop";
			return "ok";
		});
		try {
			const name = book("uncertain.xlsx");
			const attach = inquiryFolder("uncertain-files");
			const args = [
				"remind",
				name,
				...TODAY,
				"--smtp",
				smtp.url,
				"--smtp-timeout",
				"3",
				"--attach",
				attach,
			];
			const r = await cli(...args);
			expect(r.stderr).toBe("");
			expect(r.code).toBe(1);
			expect(r.stdout).toMatch(
				/^不明 市民課 .*応答しませんでした.*再送しません/m,
			);
			expect(r.stdout).toMatch(
				/^不明 税務課 .*接続がメールの本文を送った後に切れました/m,
			);
			expect(r.stdout).toMatch(/^送信 学校教育課 /m);
			const log = await logSummary(name);
			expect(log).toEqual([
				["市民課", "事前催促", "送信不明"],
				["税務課", "事前催促", "送信不明"],
				["学校教育課", "事前催促", "送信済"],
				["DX推進室", "ダイジェスト", "送信済"],
			]);
			const digest = await simpleParser(
				smtp.received.find((m) => m.rcpt.includes(DX))?.raw ?? "",
			);
			expect(digest.text).toContain("■ 届いたか分からない催促（2件）");
			expect(digest.text).toMatch(/・市民課（事前催促：.*応答しませんでした/);
			expect(digest.attachments).toEqual([]);
			const school = await simpleParser(
				smtp.received.find((m) =>
					m.rcpt.includes(sampleDepartmentEmail("学校教育課")),
				)?.raw ?? "",
			);
			expect(
				school.attachments.map((a) => [a.filename, a.content.toString()]),
			).toEqual([["R5_学校教育課.xlsx", "照会ファイル 学校教育課"]]);

			firstRun = false;
			const rerun = await cli(...args);
			expect(rerun.code).toBe(0);
			expect(rerun.stdout).toContain("送信 0件");
			expect(smtp.counts()).toEqual([1, 1, 1, 1]);
			expect(await logSummary(name)).toEqual(log);
		} finally {
			await smtp.close();
		}
	});

	it("--attach into the outbox: each department's own file; over 10 MB refused; a missing file stops the run", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("attach.xlsx");
		const attach = inquiryFolder("attach-files");
		truncateSync(join(attach, "R5_税務課.xlsx"), 10 * 1024 * 1024);
		const r = await cli(
			"remind",
			name,
			...TODAY,
			"--outbox",
			"attach-mails",
			"--attach",
			attach,
		);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(
			/^失敗 税務課 .*上限の10MBを超えるため送りません（R5_税務課\.xlsx）/m,
		);
		const files = emlFiles("attach-mails");
		expect(files).toHaveLength(3);
		for (const file of files) {
			const mail = await simpleParser(
				readFileSync(join(late.dir, "attach-mails", file)),
			);
			const department = LATE.find((d) => file.endsWith(`_${d}.eml`));
			expect(
				mail.attachments.map((a) => [
					a.filename,
					a.contentType,
					a.content.toString(),
				]),
			).toEqual(
				department
					? [
							[
								`R5_${department}.xlsx`,
								"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
								`照会ファイル ${department}`,
							],
						]
					: [],
			);
		}
		expect((await logSummary(name))[1]).toEqual(["税務課", "事前催促", "失敗"]);

		const other = book("attach-missing.xlsx");
		const before = readFileSync(join(late.dir, other));
		const partial = inquiryFolder("attach-partial", ["税務課", "学校教育課"]);
		const m = await cli(
			"remind",
			other,
			...TODAY,
			"--outbox",
			"missing-mails",
			"--attach",
			partial,
		);
		expect(m.code).toBe(1);
		expect(m.stderr).toContain("R5_税務課.xlsx、R5_学校教育課.xlsx");
		expect(m.stderr).toContain("メールは送っていません");
		expect(emlFiles("missing-mails")).toEqual([]);
		expect(readFileSync(join(late.dir, other)).equals(before)).toBe(true);
		expect(leftovers(other)).toEqual([]);
		const dry = await cli(
			"remind",
			other,
			...TODAY,
			"--dry-run",
			"--attach",
			partial,
		);
		expect(dry.stdout).toContain("添付 税務課: R5_税務課.xlsx がありません");
		expect(dry.stdout).toMatch(/添付 市民課: R5_市民課\.xlsx（1 KB）/);
	});
});
