/**
 * SPEC 9 for every command that opens a book, not only remind/validate/summary: setup, set,
 * departments, open-year, close-year, split and collect refuse while another live process holds
 * BOOK.xlsx.lock (the book byte for byte as it was) and take over a stale lock; report reads
 * without the lock and its outputs, like split's, go through the output guard; the demo starts
 * from a clean demo output, removing only the files it wrote. The built dist-local/cli.mjs in
 * child processes, on a three-initiative book made by `init --plan`.
 */
import { spawnSync } from "node:child_process";
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/answer-forms";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt } from "../support/bundle";

let root: string;
/** book.xlsx (令和6年度 open, 2 departments with addresses, split once into forms/), next.xlsx. */
let template: string;

const PLAN = `取組No,取組名,担当課,重点施策
1,窓口の案内,市民課,I-1
2,税の電子申告,税務課,I-2
3,共同の取組,市民課、税務課,I-1
`;
const DEPARTMENTS = `課名,メールアドレス,所属長メールアドレス
市民課,shimin@city.example.jp,
税務課,zeimu@city.example.jp,
`;

function must(r: ReturnType<typeof cli>, what: string): void {
	if (r.code !== 0) throw new Error(`${what} failed: ${r.stderr}`);
}

beforeAll(() => {
	ensureBuilt();
	root = mkdtempSync(join(tmpdir(), "dx-command-locks-"));
	template = join(root, "template");
	mkdirSync(template);
	writeFileSync(join(template, "plan.csv"), PLAN);
	writeFileSync(join(template, "deps.csv"), DEPARTMENTS);
	const run = (...args: string[]) =>
		must(cli(template, ...args), args.join(" "));
	run("init", "book.xlsx", "--plan", "plan.csv", "--year", "R6");
	run("departments", "book.xlsx", "--csv", "deps.csv");
	run("split", "book.xlsx", "--out", "forms");
	cpSync(join(template, "book.xlsx"), join(template, "next.xlsx"));
	run("set", "next.xlsx", "対象年度=R7");
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let cases = 0;
/** A fresh copy of the template folder. */
function fresh(): string {
	const dir = join(root, `case${++cases}`);
	cpSync(template, dir, { recursive: true });
	return dir;
}

/** The pid of a process that has ended. */
function deadPid(): number {
	return spawnSync(process.execPath, ["-e", ""]).pid as number;
}

/** A lock as book-lock.ts writes it. */
function writeLock(dir: string, book: string, pid: number): string {
	const text = JSON.stringify({
		pid,
		host: hostname(),
		command: "remind",
		startedAt: "2024-05-24T00:00:01.000Z",
	});
	writeFileSync(join(dir, `${book}.lock`), text);
	return text;
}

interface Case {
	command: string;
	book: string;
	args: string[];
}

/** Each command that writes the book, with arguments that succeed on a fresh copy. */
const WRITERS: Case[] = [
	{ command: "setup", book: "book.xlsx", args: [] },
	{ command: "set", book: "book.xlsx", args: ["回答期限=2025-05-30"] },
	{ command: "departments", book: "book.xlsx", args: ["--csv", "deps.csv"] },
	{ command: "open-year", book: "next.xlsx", args: [] },
	{ command: "close-year", book: "book.xlsx", args: [] },
	{ command: "split", book: "book.xlsx", args: ["--out", "new-forms"] },
	{ command: "collect", book: "book.xlsx", args: ["forms"] },
];

describe("every command that writes the book holds its lock", () => {
	it.each(WRITERS)(
		"$command refuses while a live process holds the lock; the book and the lock stay",
		({ command, book, args }) => {
			const dir = fresh();
			const before = readFileSync(join(dir, book));
			const lock = writeLock(dir, book, process.pid);
			const r = cli(dir, command, book, ...args);
			expect(r.code).toBe(1);
			expect(r.stderr).toContain(
				`${book} はほかのコマンドが使用中です（dx-progress remind、プロセス ${process.pid}、2024/05/24 9:00:01開始）`,
			);
			expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
			expect(readFileSync(join(dir, book)).equals(before)).toBe(true);
			expect(readFileSync(join(dir, `${book}.lock`), "utf8")).toBe(lock);
			expect(existsSync(join(dir, "new-forms"))).toBe(false);
		},
		WORKFLOW_BUDGET_MS,
	);

	it.each(WRITERS)(
		"$command takes over a stale lock (its process is gone) and releases it",
		({ command, book, args }) => {
			const dir = fresh();
			writeLock(dir, book, deadPid());
			const r = cli(dir, command, book, ...args);
			expect(r.stderr).toBe("");
			expect(r.code).toBe(0);
			expect(existsSync(join(dir, `${book}.lock`))).toBe(false);
		},
		WORKFLOW_BUDGET_MS,
	);
});

describe("report: read without the lock, outputs through the guard", () => {
	it(
		"refuses --html or --docx naming the book, its journal or its lock; the files stay",
		() => {
			const dir = fresh();
			const book = join(dir, "book.xlsx");
			const before = readFileSync(book);
			writeFileSync(join(dir, "book.xlsx.journal"), "送信の記録\n");
			for (const [option, target] of [
				["--html", "book.xlsx"],
				["--docx", "book.xlsx"],
				["--html", join(dir, "book.xlsx")],
				["--html", "book.xlsx.journal"],
				["--html", "book.xlsx.lock"],
			] as const) {
				const r = cli(dir, "report", "book.xlsx", option, target, "--force");
				expect(r.code, target).toBe(2);
				expect(r.stderr.trimEnd().split("\n"), target).toHaveLength(1);
				expect(r.stderr, target).toMatch(
					target.endsWith(".xlsx")
						? /ブック自身|\.docx ファイルを指定/
						: /ブックの管理用ファイル/,
				);
			}
			expect(readFileSync(book).equals(before)).toBe(true);
			expect(readFileSync(join(dir, "book.xlsx.journal"), "utf8")).toBe(
				"送信の記録\n",
			);
			expect(existsSync(join(dir, "book.xlsx.lock"))).toBe(false);
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"replaces an existing file only with --force, never one file twice; runs while the book is locked",
		() => {
			const dir = fresh();
			writeFileSync(join(dir, "mine.html"), "my own notes");
			const r = cli(dir, "report", "book.xlsx", "--html", "mine.html");
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(
				"--html の出力先 mine.html はすでにあります（上書きしません。上書きするには --force を付けてください）",
			);
			expect(readFileSync(join(dir, "mine.html"), "utf8")).toBe("my own notes");
			const twice = cli(
				dir,
				"report",
				"book.xlsx",
				"--docx",
				"x.docx",
				"--html",
				"x.docx",
			);
			expect(twice.code).toBe(2);
			expect(twice.stderr).toContain("--html と --docx に同じファイル");
			expect(existsSync(join(dir, "x.docx"))).toBe(false);
			// The book is only read: a writer holding the lock does not stop a report.
			const lock = writeLock(dir, "book.xlsx", process.pid);
			const forced = cli(
				dir,
				"report",
				"book.xlsx",
				"--html",
				"mine.html",
				"--force",
			);
			expect(forced.stderr).toBe("");
			expect(forced.code).toBe(0);
			expect(readFileSync(join(dir, "mine.html"), "utf8")).toContain(
				"<!DOCTYPE html>",
			);
			expect(readFileSync(join(dir, "book.xlsx.lock"), "utf8")).toBe(lock);
		},
		WORKFLOW_BUDGET_MS,
	);
});

describe("split: its files through the guard", () => {
	it(
		"refuses a folder holding the files of an earlier split without --force; with it replaces only those",
		() => {
			const dir = fresh();
			const book = join(dir, "book.xlsx");
			const before = readFileSync(book);
			const forms = join(dir, "forms");
			const earlier = readFileSync(join(forms, "R6_市民課.xlsx"));
			const r = cli(dir, "split", "book.xlsx", "--out", "forms");
			expect(r.code).toBe(2);
			expect(r.stderr.trimEnd()).toBe(
				"dx-progress: --out のフォルダにファイルがすでにあります: R6_市民課.xlsx ほか1件（上書きしません。上書きするには --force を付けてください）",
			);
			expect(readFileSync(book).equals(before)).toBe(true);
			expect(readFileSync(join(forms, "R6_市民課.xlsx")).equals(earlier)).toBe(
				true,
			);
			writeFileSync(join(forms, "メモ.txt"), "DX推進室のメモ");
			writeFileSync(join(forms, "R5_市民課.xlsx"), "昨年度の回答");
			const forced = cli(
				dir,
				"split",
				"book.xlsx",
				"--out",
				"forms",
				"--force",
			);
			expect(forced.stderr).toBe("");
			expect(forced.code).toBe(0);
			expect(readdirSync(forms).sort()).toEqual(
				[
					"R5_市民課.xlsx",
					"R6_市民課.xlsx",
					"R6_税務課.xlsx",
					"メモ.txt",
				].sort(),
			);
			expect(readFileSync(join(forms, "メモ.txt"), "utf8")).toBe(
				"DX推進室のメモ",
			);
			expect(readFileSync(join(forms, "R5_市民課.xlsx"), "utf8")).toBe(
				"昨年度の回答",
			);
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"never writes a file over the book, nor into the book as a folder",
		() => {
			const dir = fresh();
			mkdirSync(join(dir, "inside"));
			cpSync(join(dir, "book.xlsx"), join(dir, "inside", "R6_市民課.xlsx"));
			const inner = join(dir, "inside", "R6_市民課.xlsx");
			const before = readFileSync(inner);
			const self = cli(
				dir,
				"split",
				inner,
				"--out",
				join(dir, "inside"),
				"--force",
			);
			expect(self.code).toBe(2);
			expect(self.stderr).toContain(
				"はブック自身です。別のフォルダを指定してください",
			);
			expect(readFileSync(inner).equals(before)).toBe(true);
			const asDir = cli(dir, "split", "book.xlsx", "--out", "book.xlsx");
			expect(asDir.code).toBe(2);
			expect(asDir.stderr).toContain("--out にはブックではなくフォルダ");
		},
		WORKFLOW_BUDGET_MS,
	);
});

describe("demo: a clean demo output, only its own files", () => {
	it(
		"a second run into the same folder gives the same four mails, and keeps what is not the demo's",
		() => {
			const dir = mkdtempSync(join(root, "demo-"));
			const out = join(dir, "out");
			must(cli(dir, "demo", "--out", "out"), "demo");
			const first = readdirSync(join(out, "mail")).sort();
			expect(first).toHaveLength(4);
			writeFileSync(join(out, "mail", "返信メモ.txt"), "keep");
			writeFileSync(join(out, "メモ.txt"), "keep");
			const again = cli(dir, "demo", "--out", "out");
			expect(again.stderr).toBe("");
			expect(again.code).toBe(0);
			expect(again.stdout).toContain("（4通）");
			expect(readdirSync(join(out, "mail")).sort()).toEqual(
				[...first, "返信メモ.txt"].sort(),
			);
			expect(readFileSync(join(out, "メモ.txt"), "utf8")).toBe("keep");
			expect(existsSync(join(out, "dx-progress-demo.xlsx.lock"))).toBe(false);
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"refuses a folder holding a file of the demo's names that the demo did not write",
		() => {
			const dir = mkdtempSync(join(root, "demo-"));
			writeFileSync(join(dir, "report.html"), "my own report");
			const r = cli(dir, "demo", "--out", ".");
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(
				"デモが書いた記録（.dx-progress-demo.json）のないファイルがあります: report.html（上書きしません）",
			);
			expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
			expect(readdirSync(dir)).toEqual(["report.html"]);
			expect(readFileSync(join(dir, "report.html"), "utf8")).toBe(
				"my own report",
			);
		},
		WORKFLOW_BUDGET_MS,
	);
});
