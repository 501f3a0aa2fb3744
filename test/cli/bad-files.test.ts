/**
 * Bad input to the built command line (dist-local/cli.mjs in a child process): every refusal is
 * one Japanese line on stderr with a non-zero exit — never Node's `Error:` and stack, never a
 * raw errno — and output piped into a program that stops reading ends quietly.
 */
import { spawnSync } from "node:child_process";
import {
	chmodSync,
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { CLI_PATH, ensureBuilt, ROOT } from "../support/bundle";
import { xlsxBomb } from "../support/zip-bomb";

let dir: string;

function cli(args: string[], node: string[] = []) {
	const r = spawnSync(process.execPath, [...node, CLI_PATH, ...args], {
		cwd: dir,
		encoding: "utf8",
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line, Japanese, no `Error:`, no errno code, no stack. */
function expectOneJapaneseLine(stderr: string): void {
	const lines = stderr.trimEnd().split("\n");
	expect(lines, stderr).toHaveLength(1);
	expect(lines[0]).toMatch(/^dx-progress: /);
	expect(lines[0]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
	expect(lines[0]).not.toMatch(/Error|\bE[A-Z]{3,}\b|\n\s+at /);
}

const fixture = (name: string) => join(ROOT, "test", "fixtures", name);
const isRoot = process.getuid?.() === 0;

/** 900 initiatives, each rated "ZZZZZZZZZZ": `validate` prints a line for each (~130 KB). */
function planWithBadRatings(): string {
	const rows = [
		"取組No,取組名,担当課,重点施策,評価,主な取組実績,評価理由・課題",
	];
	for (let i = 1; i <= 900; i++)
		rows.push(`${i},取組${i},市民課,I-1,ZZZZZZZZZZ,,`);
	return `${rows.join("\n")}\n`;
}

beforeAll(() => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-bad-"));
	writeFileSync(join(dir, "plan.csv"), planWithBadRatings());
	const made = cli(["init", "book.xlsx", "--plan", "plan.csv", "--year", "R5"]);
	if (made.code !== 0) throw new Error(made.stderr);
	writeFileSync(join(dir, "empty.xlsx"), "");
	writeFileSync(join(dir, "csv.xlsx"), "取組No,取組名\n1,窓口\n");
	writeFileSync(join(dir, "report.xlsx"), '<!DOCTYPE html><html lang="ja">');
	const book = readFileSync(join(dir, "book.xlsx"));
	writeFileSync(join(dir, "cut.xlsx"), book.subarray(0, book.length >> 1));
	mkdirSync(join(dir, "folder.xlsx"));
	writeFileSync(join(dir, "locked.xlsx"), book);
	chmodSync(join(dir, "locked.xlsx"), 0o000);
	writeFileSync(join(dir, "bomb.xlsx"), xlsxBomb(1000));
	for (const name of [
		"password-protected.xlsx",
		"legacy.xls",
		"macro-enabled.xlsm",
		"opendocument.ods",
	])
		copyFileSync(fixture(name), join(dir, name));
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a bad workbook file", () => {
	it.each([
		["missing.xlsx", "ファイルが見つかりません: missing.xlsx"],
		["folder.xlsx", "ファイルではなくフォルダです: folder.xlsx"],
		["empty.xlsx", "ファイルが空です（0バイト）"],
		["csv.xlsx", "CSV（テキスト）ファイルのため読み込めません"],
		["report.xlsx", "HTML ファイル（集計のレポートなど）のため読み込めません"],
		["cut.xlsx", "ファイルが途中で切れているか壊れているため読み込めません"],
		["bomb.xlsx", "より大きく展開されるため読み込めません"],
		[
			"password-protected.xlsx",
			"パスワードを解除して .xlsx で保存し直してください",
		],
		["legacy.xls", "古いExcel形式（.xls）のファイルは読み込めません"],
		["macro-enabled.xlsm", "マクロ有効ブック（.xlsm）のため読み込めません"],
		[
			"opendocument.ods",
			"OpenDocument スプレッドシート（.ods）のため読み込めません",
		],
		["missing.ods", ".xlsx ファイルを指定してください: missing.ods"],
	])(
		"summary %s: exit 2 and one Japanese line",
		{
			timeout: WORKFLOW_BUDGET_MS,
		},
		(file, text) => {
			const r = cli(["summary", file]);
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(text);
			expectOneJapaneseLine(r.stderr);
			expect(r.stdout).toBe("");
		},
	);

	it.skipIf(isRoot)(
		"an unreadable file (not as root, who reads anything)",
		() => {
			const r = cli(["summary", "locked.xlsx"]);
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(
				"ファイルを読み込む権限がありません: locked.xlsx",
			);
			expectOneJapaneseLine(r.stderr);
		},
	);

	it("outputs that cannot be written say why in Japanese", {
		timeout: WORKFLOW_BUDGET_MS,
	}, () => {
		const report = cli([
			"summary",
			"book.xlsx",
			"--html",
			"no/such/report.html",
		]);
		expect(report.code).toBe(1);
		expect(report.stderr).toContain(
			"出力先に書き込めません（保存先のフォルダが見つかりません）: no/such/report.html",
		);
		expectOneJapaneseLine(report.stderr);
		writeFileSync(join(dir, "a-file"), "x");
		const demo = cli(["demo", "--out", "a-file"]);
		expect(demo.code).toBe(2);
		expect(demo.stderr).toContain("出力先フォルダを作れません（");
		expectOneJapaneseLine(demo.stderr);
	});
});

describe("output piped into a program that stops reading", () => {
	it("validate | head -1 ends quietly, the work done (about 130 KB of output, EPIPE after 64 KB)", {
		timeout: WORKFLOW_BUDGET_MS,
	}, () => {
		const r = spawnSync(
			"bash",
			[
				"-c",
				`"${process.execPath}" "${CLI_PATH}" validate book.xlsx 2>err.txt | head -1; echo "\${PIPESTATUS[0]}"`,
			],
			{ cwd: dir, encoding: "utf8" },
		);
		const [first, code] = r.stdout.trimEnd().split("\n");
		expect(first).toBe("評価_R5 入力済 0件 / 未入力 0件 / 要修正 900件");
		expect(readFileSync(join(dir, "err.txt"), "utf8")).toBe("");
		expect(code).toBe("1"); // validate's own code: rows to fix
	});

	it("help | head -1", () => {
		const r = spawnSync(
			"bash",
			["-c", `"${process.execPath}" "${CLI_PATH}" help 2>&1 | head -1`],
			{ encoding: "utf8" },
		);
		expect(r.stdout).toBe(
			"dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）\n",
		);
	});
});

describe("the last resort", () => {
	// Thrown from a timer once the command line has installed its handlers (a bug in a callback).
	const throwLater = (what: string) =>
		`data:text/javascript,const t = setInterval(() => { if (process.listenerCount("uncaughtException") > 0) { clearInterval(t); ${what}; } }, 1);`;

	it.each([
		["an uncaught exception", 'throw new TypeError("boom")'],
		["an unhandled rejection", 'Promise.reject(new RangeError("boom"))'],
	])("%s is one Japanese line and exit 1", (_what, code) => {
		const r = cli(["help"], ["--import", throwLater(code)]);
		expect(r.code).toBe(1);
		const lines = r.stderr.trimEnd().split("\n");
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			/^dx-progress: 予期しないエラーのため処理を中止しました（内部エラー: (TypeError|RangeError): boom）。/,
		);
	});

	it("a missing package (npm ci not run) is named, with what to do", () => {
		const bare = mkdtempSync(join(tmpdir(), "dx-bare-"));
		try {
			for (const f of ["cli.mjs", "cli-main.mjs"])
				copyFileSync(join(ROOT, "dist-local", f), join(bare, f));
			const r = spawnSync(process.execPath, [join(bare, "cli.mjs"), "help"], {
				encoding: "utf8",
			});
			expect(r.status).toBe(1);
			expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
			expect(r.stderr).toMatch(
				/^dx-progress: 必要なパッケージ（[^）]+）が見つかりません。dx-progress のフォルダで npm ci を実行してから、もう一度実行してください\n$/,
			);
		} finally {
			rmSync(bare, { recursive: true, force: true });
		}
	});
});
