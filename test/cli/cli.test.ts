/**
 * The dx-progress command line as a user runs it: the built dist-local/cli.mjs in a child
 * process, on .xlsx files in a temporary folder (SPEC 8).
 */
import { spawnSync } from "node:child_process";
import {
	chmodSync,
	copyFileSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTRY_COL } from "../../src/domain";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
} from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { CLI_PATH, ensureBuilt, ROOT } from "../support/bundle";

let dir: string;

function cli(...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd: dir,
		encoding: "utf8",
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FY2023_JSON_START = {
	fiscalYear: 2023,
	label: "令和5年度",
	policies: [
		{
			code: "I",
			name: "行政サービスのDX",
			A: 17,
			B: 3,
			C: 1,
			D: 0,
			unrated: 0,
			total: 21,
		},
		{
			code: "II",
			name: "行政経営のDX",
			A: 40,
			B: 12,
			C: 2,
			D: 0,
			unrated: 0,
			total: 54,
		},
		{
			code: "III",
			name: "市民・地域のDX",
			A: 8,
			B: 9,
			C: 0,
			D: 0,
			unrated: 0,
			total: 17,
		},
	],
	total: { A: 65, B: 24, C: 3, D: 0, unrated: 0, total: 92 },
	initiatives: 85,
};

describe("dx-progress", () => {
	it("demo prints the FY2023 table and writes the workbook and the report", () => {
		const r = cli("demo", "--out", "demo");
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/A 順調に進んだ\s+17\s+40\s+8\s+65/);
		expect(r.stdout).toMatch(/合計\s+21\s+54\s+17\s+92/);
		expect(r.stdout).toContain("96.7%");
		expect(existsSync(join(dir, "demo", "dx-progress-demo.xlsx"))).toBe(true);
		const mails = readdirSync(join(dir, "demo", "mail"));
		expect(mails).toHaveLength(4); // three late departments and the DX office's digest
		expect(mails.some((f) => f.includes("市民課"))).toBe(true);
		const html = readFileSync(join(dir, "demo", "report.html"), "utf8");
		expect(html).toContain("<svg");
		expect(html).toContain("96.7%");
	});

	it("init --plan then summary --json gives the SPEC 8 object", () => {
		expect(
			cli(
				"init",
				"book.xlsx",
				"--plan",
				join(ROOT, "src/sample/plan.csv"),
				"--year",
				"R5",
			).code,
		).toBe(0);
		const r = cli("summary", "book.xlsx", "--json", "--html", "book.html");
		expect(r.code).toBe(0);
		const json = JSON.parse(r.stdout);
		expect(json).toMatchObject(FY2023_JSON_START);
		expect(json.abShare).toBeCloseTo(0.9673913, 6);
		expect(Object.keys(json).slice(0, 6)).toEqual([
			"fiscalYear",
			"label",
			"policies",
			"total",
			"initiatives",
			"abShare",
		]);
		expect(existsSync(join(dir, "book.html"))).toBe(true);
	});

	it("validate reports the rows and exits 0 when all are fine", () => {
		const r = cli("validate", "book.xlsx", "--json");
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({
			ok: true,
			done: 85,
			blank: 0,
			fix: 0,
		});
	});

	it("validate lists every row to fix (取組No, 課, cell, reason) and exits 1", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const wb = await loadWorkbook(join(dir, "book.xlsx"));
		const entry = wb.sheets.find((s) => s.name === "評価_R5");
		if (!entry) throw new Error("no 評価_R5 sheet");
		// Sheet row 2: a rating that is not one; sheet row 4: C without its reason.
		setCell(entry, 1, ENTRY_COL.rating, "Z");
		setCell(entry, 3, ENTRY_COL.rating, "C");
		setCell(entry, 3, ENTRY_COL.reason, "");
		const expected = [1, 3].map((r) => ({
			no: String(entry.values[r]?.[ENTRY_COL.no]),
			department: String(entry.values[r]?.[ENTRY_COL.departments]),
		}));
		await saveWorkbook(wb, join(dir, "to-fix.xlsx"));
		copyFileSync(join(dir, "to-fix.xlsx"), join(dir, "to-fix-text.xlsx"));

		const json = cli("validate", "to-fix.xlsx", "--json");
		expect(json.code).toBe(1);
		const out = JSON.parse(json.stdout);
		expect(out).toMatchObject({ ok: false, fix: 2, sheet: "評価_R5" });
		expect(Object.keys(out)).toEqual([
			"ok",
			"sheet",
			"fiscalYear",
			"done",
			"blank",
			"fix",
			"problems",
			"rows",
		]);
		expect(out.rows).toEqual([
			{
				...expected[0],
				cell: "F2",
				reason: expect.stringMatching(/^評価は A・B・C・D.*「Z」/),
			},
			{
				...expected[1],
				cell: "H4",
				reason: "評価がC・Dの場合は「評価理由・課題」を入力してください",
			},
		]);

		const text = cli("validate", "to-fix-text.xlsx");
		expect(text.code).toBe(1);
		const lines = text.stdout.trimEnd().split("\n");
		expect(lines[0]).toContain("要修正 2件");
		const rowLines = lines.filter((l) => l.startsWith("要修正:"));
		expect(rowLines).toEqual([
			expect.stringMatching(
				new RegExp(
					`^要修正: 取組No ${expected[0]?.no}（${expected[0]?.department}）F2: 評価は`,
				),
			),
			`要修正: 取組No ${expected[1]?.no}（${expected[1]?.department}）H4: 評価がC・Dの場合は「評価理由・課題」を入力してください`,
		]);
	});

	it("summary with a malformed department address: exit 0, the table, and a warning line", async () => {
		const wb = await loadWorkbook(join(dir, "book.xlsx"));
		const departments = wb.sheets.find((s) => s.name === "担当課");
		if (!departments) throw new Error("no 担当課 sheet");
		setCell(departments, 1, 1, "shimin@");
		await saveWorkbook(wb, join(dir, "bad-address.xlsx"));
		const r = cli("summary", "bad-address.xlsx");
		expect(r.code).toBe(0);
		expect(r.stdout).toContain("96.7");
		const warnings = r.stderr.trimEnd().split("\n");
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(
			/^警告: 担当課 シート 2行目: .*のメールアドレス「shimin@」が正しくありません/,
		);
	});

	it("init refuses to overwrite an existing file", () => {
		const before = readFileSync(join(dir, "book.xlsx"));
		const r = cli("init", "book.xlsx");
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split("\n")).toHaveLength(1);
		expect(readFileSync(join(dir, "book.xlsx")).equals(before)).toBe(true);
	});

	it.each([
		[["summary", "missing.xlsx"], "ファイルが見つかりません"],
		[["summary"], "使い方"],
		[["summary", "book.xlsx", "--bogus"], "不明なオプション"],
		[["summary", "notes.txt"], ".xlsx"],
		[["frobnicate"], "不明なコマンド"],
		[["init", "new.xlsx", "--year", "来年"], "--year"],
		[["init", "new2.xlsx", "--plan", "nope.csv"], "CSV"],
	])("%j fails with one line and a non-zero exit", (args, text) => {
		const r = cli(...args);
		expect(r.code).not.toBe(0);
		expect(r.stderr).toContain(text);
		expect(r.stderr.trim().split("\n")).toHaveLength(1);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it("a file that is not an xlsx, and a workbook that is not ours, fail cleanly and stay unchanged", async () => {
		writeFileSync(join(dir, "fake.xlsx"), "not a zip");
		const fake = cli("summary", "fake.xlsx");
		expect(fake.code).toBe(2);
		expect(fake.stderr).toContain("読み込めません");
		expect(readFileSync(join(dir, "fake.xlsx"), "utf8")).toBe("not a zip");

		const wb = newWorkbookModel();
		const sheet = newSheetModel(wb, "売上");
		wb.sheets.push(sheet);
		setCell(sheet, 0, 0, "月");
		await saveWorkbook(wb, join(dir, "other.xlsx"));
		const before = readFileSync(join(dir, "other.xlsx"));
		const other = cli("summary", "other.xlsx", "--json");
		expect(other.code).toBe(1);
		expect(other.stderr).toContain("シート「設定」が見つかりません");
		expect(other.stderr.trim().split("\n")).toHaveLength(1);
		expect(readFileSync(join(dir, "other.xlsx")).equals(before)).toBe(true);
	});

	it("summarises a workbook LibreOffice wrote (a copy), and refuses a read-only file", () => {
		const fixture = join(ROOT, "test", "fixtures", "libreoffice-sample.xlsx");
		copyFileSync(fixture, join(dir, "lo.xlsx"));
		chmodSync(join(dir, "lo.xlsx"), 0o644); // a copy keeps the mode of its source
		const r = cli("summary", "lo.xlsx", "--json");
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({
			fiscalYear: 2023,
			initiatives: 10,
		});
		copyFileSync(fixture, join(dir, "ro.xlsx"));
		chmodSync(join(dir, "ro.xlsx"), 0o444);
		const ro = cli("summary", "ro.xlsx");
		expect(ro.code).toBe(1);
		expect(ro.stderr).toContain("読み取り専用");
		expect(
			readFileSync(join(dir, "ro.xlsx")).equals(readFileSync(fixture)),
		).toBe(true);
	});
});
