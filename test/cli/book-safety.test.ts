/**
 * SPEC 9 on the command line: a command that writes the book holds its lock (BOOK.xlsx.lock),
 * refuses while another live process holds it, takes over a lock whose process is gone and
 * releases its own also on errors; no output may name the book, its lock or journal, nor replace
 * an existing file without --force. The built dist-local/cli.mjs in child processes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { lateBookFolder, runCli } from "../support/late-book";

const late = lateBookFolder("dx-book-safety-");
const book = late.book;

const cli = (...args: string[]) => runCli({ cwd: late.dir }, ...args);
const bytes = (name: string) => readFileSync(join(late.dir, name));

/** The pid of a process that has ended. */
function deadPid(): number {
	const r = spawnSync(process.execPath, ["-e", ""]);
	return r.pid as number;
}

function writeLock(name: string, info: Record<string, unknown>): void {
	writeFileSync(join(late.dir, `${name}.lock`), JSON.stringify(info));
}

describe("outputs never overwrite by accident", () => {
	it("summary --html naming the book is refused and the book stays byte-identical", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("html-self.xlsx");
		const before = bytes(name);
		for (const target of [name, `./${name}`, join(late.dir, name)]) {
			const r = await cli("summary", name, "--html", target);
			expect(r.code, target).toBe(2);
			expect(r.stderr).toContain("--html にブック自身");
			expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
			expect(bytes(name).equals(before)).toBe(true);
		}
		const force = await cli("summary", name, "--html", name, "--force");
		expect(force.code).toBe(2);
		expect(bytes(name).equals(before)).toBe(true);
		const lock = await cli(
			"summary",
			name,
			"--html",
			`${name}.lock`,
			"--force",
		);
		expect(lock.code).toBe(2);
		expect(lock.stderr).toContain("管理用ファイル");
		expect(existsSync(join(late.dir, `${name}.lock`))).toBe(false);
	});

	it("an existing report is replaced only with --force", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("html-exists.xlsx");
		writeFileSync(join(late.dir, "mine.html"), "my own notes");
		const before = bytes(name);
		const r = await cli("summary", name, "--html", "mine.html");
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/mine\.html はすでにあります.*--force/);
		expect(readFileSync(join(late.dir, "mine.html"), "utf8")).toBe(
			"my own notes",
		);
		expect(bytes(name).equals(before)).toBe(true);
		const forced = await cli("summary", name, "--html", "mine.html", "--force");
		expect(forced.stderr).toBe("");
		expect(forced.code).toBe(0);
		expect(readFileSync(join(late.dir, "mine.html"), "utf8")).toContain(
			"<!DOCTYPE html>",
		);
	});

	it("init replaces an existing file only with --force; remind --outbox may not be the book", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		writeFileSync(join(late.dir, "taken.xlsx"), "not a workbook");
		const r = await cli("init", "taken.xlsx");
		expect(r.code).toBe(2);
		expect(r.stderr).toContain("--force");
		expect(readFileSync(join(late.dir, "taken.xlsx"), "utf8")).toBe(
			"not a workbook",
		);
		const forced = await cli("init", "taken.xlsx", "--force");
		expect(forced.stderr).toBe("");
		expect(forced.code).toBe(0);
		expect(bytes("taken.xlsx").subarray(0, 2).toString()).toBe("PK");

		const name = book("outbox-self.xlsx");
		const before = bytes(name);
		const o = await cli(
			"remind",
			name,
			"--today",
			"2024-05-24",
			"--outbox",
			name,
		);
		expect(o.code).toBe(2);
		expect(o.stderr).toContain("--outbox にはブックではなくフォルダ");
		expect(bytes(name).equals(before)).toBe(true);
	});
});

describe("one process at a time per workbook", () => {
	it("a lock held by a live process: refused with who holds it; the lock stays", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("locked.xlsx");
		const before = bytes(name);
		const info = {
			pid: process.pid,
			host: hostname(),
			command: "remind",
			startedAt: "2024-05-24T00:00:01.000Z",
		};
		writeLock(name, info);
		for (const args of [
			["summary", name],
			["validate", name],
			["remind", name, "--today", "2024-05-24", "--outbox", "locked-mails"],
		]) {
			const r = await cli(...args);
			expect(r.code, args[0]).toBe(1);
			expect(r.stderr).toContain(
				`${name} はほかのコマンドが使用中です（dx-progress remind、プロセス ${process.pid}、2024/05/24 9:00:01開始）`,
			);
			expect(r.stderr).toContain(`${name}.lock を削除してください`);
			expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
		}
		expect(bytes(name).equals(before)).toBe(true);
		expect(
			JSON.parse(readFileSync(join(late.dir, `${name}.lock`), "utf8")),
		).toEqual(info);
		expect(existsSync(join(late.dir, "locked-mails"))).toBe(false);
		// --dry-run never saves, so it reads without the lock.
		const dry = await cli("remind", name, "--today", "2024-05-24", "--dry-run");
		expect(dry.code).toBe(0);
	});

	it("a lock of another computer or one that cannot be read is respected", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("other-host.xlsx");
		writeLock(name, {
			pid: deadPid(),
			host: "dx-pc-02",
			command: "summary",
			startedAt: "2024-05-24T00:00:01.000Z",
		});
		const r = await cli("summary", name);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain("dx-progress summary、dx-pc-02 の プロセス");
		writeFileSync(join(late.dir, `${name}.lock`), "");
		const empty = await cli("summary", name);
		expect(empty.code).toBe(1);
		expect(empty.stderr).toContain(`ロックファイル ${name}.lock`);
	});

	it("a stale lock (its process is gone) is taken over; every lock is released, also on errors", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const name = book("stale.xlsx");
		writeLock(name, {
			pid: deadPid(),
			host: hostname(),
			command: "remind",
			startedAt: "2024-05-24T00:00:01.000Z",
		});
		const r = await cli("summary", name, "--json");
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		expect(existsSync(join(late.dir, `${name}.lock`))).toBe(false);

		// Failing after the lock was taken (an unreadable book, an unreachable server): released.
		writeFileSync(join(late.dir, "broken.xlsx"), "PK not really a zip");
		const broken = await cli("validate", "broken.xlsx");
		expect(broken.code).not.toBe(0);
		expect(existsSync(join(late.dir, "broken.xlsx.lock"))).toBe(false);
		const refused = await cli(
			"remind",
			name,
			"--today",
			"2024-05-24",
			"--smtp",
			"smtp://127.0.0.1:1",
		);
		expect(refused.code).toBe(1);
		expect(existsSync(join(late.dir, `${name}.lock`))).toBe(false);
	});
});
