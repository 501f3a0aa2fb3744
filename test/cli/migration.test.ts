/**
 * SPEC 11 migration: workbooks saved before 評価区分, KPI and the 前年度 columns existed (by the
 * product as of commit ea18614: the demo book, and an `init --plan` book with blank, invalid and
 * reason-less rows; test/fixtures/pre-scales-*) open, get the new sheets from `setup` with the
 * defaults, and give the same `validate` and `summary` results as that version printed (its
 * output is kept beside each fixture). Keys added since (`counts`, `scale`, `kpi`,
 * `lastYearChange`) are the only difference.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../src/domain";
import { loadWorkbook } from "../../src/local/runtime/xlsx";
import { cli, sheetOf } from "../support/answer-forms";
import { WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt, ROOT } from "../support/bundle";

const FIXTURES = join(ROOT, "test", "fixtures");
const ADDED = new Set(["counts", "scale", "kpi", "lastYearChange"]);
let dir: string;

beforeAll(() => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-migration-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a fixture book in the test's folder. */
function copy(fixture: string, as: string): string {
	copyFileSync(join(FIXTURES, `${fixture}.xlsx`), join(dir, as));
	return as;
}

function expected(name: string): unknown {
	return JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
}

/** The JSON without the keys added since the fixture was made. */
function withoutAdded(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutAdded);
	if (value && typeof value === "object")
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => !ADDED.has(k))
				.map(([k, v]) => [k, withoutAdded(v)]),
		);
	return value;
}

function json(...args: string[]): { code: number | null; out: unknown } {
	const r = cli(dir, ...args);
	if (r.stderr !== "" && !r.stderr.startsWith("警告"))
		throw new Error(`${args.join(" ")}: ${r.stderr}`);
	return { code: r.code, out: JSON.parse(r.stdout) };
}

describe("a workbook made before 評価区分 and KPI existed", () => {
	it("summarises as before, before and after setup adds the sheets with the defaults", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const was = expected("pre-scales-demo.summary.json");
		const before = copy("pre-scales-demo", "demo-as-is.xlsx");
		expect(withoutAdded(json("summary", before, "--json").out)).toEqual(was);

		const book = copy("pre-scales-demo", "demo.xlsx");
		const old = await loadWorkbook(join(dir, book));
		expect(old.sheets.map((s) => s.name)).not.toContain(SHEET_NAMES.scale);
		const setup = cli(dir, "setup", book);
		expect(setup.code).toBe(0);
		expect(setup.stdout).toContain("評価区分");
		const migrated = await loadWorkbook(join(dir, book));
		expect(sheetOf(migrated, SHEET_NAMES.scale).values).toEqual([
			["コード", "表示", "集計区分", "並び順"],
			["A", "順調に進んだ", "上位", "1"],
			["B", "まずまず進んだ", "上位", "2"],
			["C", "あまり進まなかった", "評価", "3"],
			["D", "進まなかった", "評価", "4"],
		]);
		expect(sheetOf(migrated, SHEET_NAMES.kpis).values).toEqual([
			["取組No", "指標名", "種別", "単位", "基準値", "目標値", "目標年度"],
		]);
		const settings = sheetOf(migrated, SHEET_NAMES.settings).values;
		expect(settings.find((r) => r[0] === "KPI実績を必須にする")?.[1]).toBe(
			"いいえ",
		);
		// 集計 as the old version wrote it, row for row (the 作成日時 line aside).
		const oldSummary = sheetOf(old, SHEET_NAMES.summary).values;
		const summary = json("summary", book, "--json");
		expect(summary.code).toBe(0);
		expect(withoutAdded(summary.out)).toEqual(was);
		expect(summary.out).toMatchObject({
			total: { A: 65, B: 24, C: 3, D: 0, counts: { A: 65, B: 24, C: 3, D: 0 } },
			kpi: null,
			lastYearChange: null,
		});
		const newSummary = sheetOf(
			await loadWorkbook(join(dir, book)),
			SHEET_NAMES.summary,
		).values;
		expect(newSummary.length).toBe(oldSummary.length);
		expect([newSummary[0], ...newSummary.slice(2)]).toEqual([
			oldSummary[0],
			...oldSummary.slice(2),
		]);
	});

	it("validates and summarises a partly rated book as before", {
		timeout: WORKFLOW_BUDGET_MS,
	}, () => {
		const book = copy("pre-scales-partial", "partial.xlsx");
		const setup = cli(dir, "setup", book);
		expect(setup.code).toBe(0);
		const validated = json("validate", book, "--json");
		expect(validated.code).toBe(1);
		expect(validated.out).toEqual(expected("pre-scales-partial.validate.json"));
		const summary = json("summary", book, "--json");
		expect(withoutAdded(summary.out)).toEqual(
			expected("pre-scales-partial.summary.json"),
		);
	});
});
