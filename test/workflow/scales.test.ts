/**
 * SPEC 11 through the bundle: a season rated on ◎○△ with the statuses 完了 and 中止 (対象外),
 * checked against a recount written here from the sample plan, and what the DX office's later
 * changes of 評価区分 do (a removed code in use is refused with its rows; a changed label or an
 * added code applies).
 */
import { describe, expect, it } from "vitest";
import { type RatingInput, SHEET_NAMES } from "../../src/domain";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { chartSeries } from "../../src/local/runtime/spreadsheet/chart";
import {
	enterRatings,
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

const MARKS_SHEET = [
	["コード", "表示", "集計区分", "並び順"],
	["◎", "計画以上に進んだ", "上位", 1],
	["○", "計画どおり進んだ", "上位", 2],
	["△", "遅れている", "評価", 3],
	["完了", "事業完了", "対象外", 4],
	["中止", "", "対象外", 5],
];
const CODES = ["◎", "○", "△", "完了", "中止"];
const OPTIONS = [
	"◎ 計画以上に進んだ",
	"○ 計画どおり進んだ",
	"△ 遅れている",
	"完了 事業完了",
	"中止",
];

/** What each initiative's department types (variants included), and the code it means. */
function season(): {
	inputs: Map<string, RatingInput>;
	meant: Map<string, string | null>;
} {
	const typed: Array<[string, string, string]> = [
		["◎", "◎", ""],
		["〇", "○", ""],
		["○ 計画どおり進んだ", "○", ""],
		["　△　", "△", "人員不足のため遅れた"],
		["完了", "完了", ""],
		["事業完了", "完了", ""],
		["◯", "○", ""],
		["中止", "中止", ""],
	];
	const inputs = new Map<string, RatingInput>();
	const meant = new Map<string, string | null>();
	for (const i of loadSamplePlan().plan.initiatives) {
		const n = Number(i.no);
		const [rating, code, reason] = typed[n % typed.length] as [
			string,
			string,
			string,
		];
		inputs.set(i.no, { rating, achievement: `実績${n}`, reason });
		meant.set(i.no, code);
	}
	// A △ without its reason (counts as △, not reported), a letter of the old scale, a blank.
	inputs.set("11", { rating: "△", achievement: "実績11", reason: "" });
	meant.set("11", "△");
	inputs.set("20", { rating: "A", achievement: "実績20", reason: "" });
	meant.set("20", null);
	inputs.delete("30");
	meant.set("30", null);
	return { inputs, meant };
}

type Recount = Map<string, Record<string, number>>;

/** Per policy code (and "合計"): each code's count, 未評価 and 合計, an initiative once per policy. */
function recount(meant: Map<string, string | null>): Recount {
	const out: Recount = new Map();
	const add = (key: string, code: string | null) => {
		const row = out.get(key) ?? { unrated: 0, total: 0 };
		if (code === null) row.unrated = (row.unrated ?? 0) + 1;
		else row[code] = (row[code] ?? 0) + 1;
		row.total = (row.total ?? 0) + 1;
		out.set(key, row);
	};
	for (const i of loadSamplePlan().plan.initiatives) {
		const policies = new Set(i.measures.map((m) => m.split("-")[0] as string));
		for (const p of policies) {
			add(p, meant.get(i.no) ?? null);
			add("合計", meant.get(i.no) ?? null);
		}
	}
	return out;
}

function share(row: Record<string, number>): number {
	const top = (row["◎"] ?? 0) + (row["○"] ?? 0);
	const excluded = (row.完了 ?? 0) + (row.中止 ?? 0);
	return top / ((row.total ?? 0) - excluded);
}

/** 令和5年度 stays on A–D; 令和6年度 is opened on ◎○△ and rated by the departments. */
function markSeason(): { rt: LocalRuntime; meant: Map<string, string | null> } {
	const rt = openedSampleBook({
		now: () => new Date("2025-06-02T09:00:00+09:00"),
	});
	setSettings(rt, DX, { 対象年度: "R6" });
	pasteTable(rt, DX, SHEET_NAMES.scale, MARKS_SHEET);
	expectOk(rt.runMenu("openFiscalYear", DX));
	const { inputs, meant } = season();
	enterRatings(rt, "評価_R6", inputs, sampleDepartmentEmail);
	return { rt, meant };
}

function cellOf(rt: LocalRuntime, no: string, col: number): unknown {
	return rowsOf(rt, "評価_R6").find((r) => String(r[0]) === no)?.[col];
}

describe("a season on ◎○△ with 完了 and 中止", () => {
	it("offers the scale in the dropdown and canonicalises what departments type", () => {
		const { rt } = markSeason();
		const entry = sheetModel(rt, "評価_R6");
		expect(entry.validations.map((v) => v.values)).toContainEqual(OPTIONS);
		expect(cellOf(rt, "1", 5)).toBe("○ 計画どおり進んだ");
		expect(cellOf(rt, "3", 5)).toBe("△ 遅れている");
		expect(cellOf(rt, "5", 5)).toBe("完了 事業完了");
		expect(cellOf(rt, "6", 5)).toBe("○ 計画どおり進んだ");
		expect(cellOf(rt, "7", 5)).toBe("中止");
		expect(cellOf(rt, "5", 8)).toBe("入力済");
		expect(cellOf(rt, "11", 8)).toBe(
			"要修正：評価が△の場合は「評価理由・課題」を入力してください",
		);
		expect(cellOf(rt, "20", 5)).toBe("A");
		expect(cellOf(rt, "20", 8)).toBe(
			"要修正：評価は ◎・○・△・完了・中止 のいずれかを選んでください（入力値: 「A」）",
		);
	});

	it("validates, tallies and charts on the scale, matching a recount", () => {
		const { rt, meant } = markSeason();
		const validated = expectOk(rt.runMenu("validateAll", DX));
		expect(validated).toMatchObject({ done: 82, blank: 1, fix: 2 });
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const summary = built.summary as {
			policies: Array<Record<string, unknown> & { code: string }>;
			total: Record<string, unknown>;
			abShare: number;
			unreported: Array<{ name: string }>;
		};
		const expected = recount(meant);
		for (const p of summary.policies) {
			const want = expected.get(p.code) ?? {};
			expect(p.counts, p.code).toEqual(
				Object.fromEntries(CODES.map((c) => [c, want[c] ?? 0])),
			);
			expect([p.unrated, p.total]).toEqual([want.unrated, want.total]);
			expect(p.A).toBeUndefined();
		}
		const total = expected.get("合計") ?? {};
		expect(summary.total).toEqual({
			unrated: total.unrated,
			total: total.total,
			counts: Object.fromEntries(CODES.map((c) => [c, total[c] ?? 0])),
		});
		expect(summary.abShare).toBeCloseTo(share(total), 12);
		// Unreported: the departments of 11 (△ without reason), 20 (invalid) and 30 (blank).
		const plan = loadSamplePlan().plan;
		const owners = new Set(
			plan.initiatives
				.filter((i) => ["11", "20", "30"].includes(i.no))
				.flatMap((i) => i.departments),
		);
		expect(new Set(summary.unreported.map((u) => u.name))).toEqual(owners);

		const sheet = rowsOf(rt, SHEET_NAMES.summary);
		const start = sheet.findIndex((r) => r[0] === "評価区分");
		const policyCodes = summary.policies.map((p) => p.code);
		const columns = [...policyCodes, "合計"];
		expect(sheet.slice(start + 1, start + 6).map((r) => r[0])).toEqual(OPTIONS);
		CODES.forEach((code, k) => {
			expect(sheet[start + 1 + k]?.slice(1, 1 + columns.length)).toEqual(
				columns.map((c) => expected.get(c)?.[code] ?? 0),
			);
		});
		expect(sheet[start + 8]?.[0]).toBe("◎+○ の割合");
		expect(sheet[start + 8]?.[columns.length] as number).toBeCloseTo(
			share(total),
			12,
		);
		const measureHeader = sheet.find((r) => r[0] === "重点施策");
		expect(measureHeader?.slice(0, 9)).toEqual([
			"重点施策",
			"名称",
			...CODES,
			"未評価",
			"計",
		]);
		const [chart] = sheetModel(rt, SHEET_NAMES.summary).charts;
		if (!chart) throw new Error("no chart");
		const view = chartSeries(sheetModel(rt, SHEET_NAMES.summary), chart);
		expect(view.series.map((s) => s.label)).toEqual(OPTIONS);
		expect(view.series.map((s) => s.values)).toEqual(
			CODES.map((code) => policyCodes.map((p) => expected.get(p)?.[code] ?? 0)),
		);
		// 令和5年度 (A–D, nothing rated) sits beside 令和6年度 in the year-over-year block.
		const years = sheet.find((r) => r[0] === "年度");
		expect(years?.slice(0, 14)).toEqual([
			"年度",
			"基本方針",
			...CODES,
			"A",
			"B",
			"C",
			"D",
			"未評価",
			"合計",
			"上位区分の割合（各年度の評価区分）",
		]);
		const r5 = sheet.find((r) => r[0] === "令和5年度" && r[1] === "合計");
		expect(r5?.slice(2, 13)).toEqual([
			"－",
			"－",
			"－",
			"－",
			"－",
			0,
			0,
			0,
			0,
			92,
			92,
		]);
	});
});

describe("changing 評価区分 while the year is open", () => {
	it("refuses to remove a code in use, listing its rows; edits keep the scale", () => {
		const { rt } = markSeason();
		expectOk(rt.runMenu("buildSummary", DX));
		const before = JSON.stringify(rowsOf(rt, SHEET_NAMES.summary));
		pasteTable(rt, DX, SHEET_NAMES.scale, MARKS_SHEET.slice(0, 5));
		for (const action of ["validateAll", "buildSummary"]) {
			const refused = rt.runMenu(action, DX) as {
				ok: boolean;
				message: string;
			};
			expect(refused.ok, action).toBe(false);
			expect(refused.message).toContain(
				"評価区分シートの変更を反映できません。評価区分から外れたコード（中止）で入力済みの評価が",
			);
			expect(refused.message).toMatch(
				/評価_R6 \d+行目: 取組No「7」（.+）評価「中止」/,
			);
		}
		expect(JSON.stringify(rowsOf(rt, SHEET_NAMES.summary))).toBe(before);
		// Reminders go on, on the scale accepted before, and say why the change waits.
		const preview = expectOk(rt.runMenu("previewReminders", DX));
		expect(String(preview.message)).toContain(
			"注意：評価区分シートの変更を反映できません",
		);
		// The department's next edit is still read on the accepted scale.
		const row = rowsOf(rt, "評価_R6").findIndex((r) => r[0] === "30") + 1;
		const dept = String(rowsOf(rt, "評価_R6")[row - 1]?.[4]);
		paste(rt, sampleDepartmentEmail(dept), "評価_R6", row, 6, [["中止"]]);
		expect(cellOf(rt, "30", 8)).toBe("入力済");
	});

	it("follows a changed label and an added code at the next 全行を検証", () => {
		const { rt, meant } = markSeason();
		const relabelled = MARKS_SHEET.map((r) =>
			r[0] === "○" ? ["○", "順調", "上位", 2] : r,
		);
		pasteTable(rt, DX, SHEET_NAMES.scale, [
			...relabelled,
			["×", "進まなかった", "評価", 3.5],
		]);
		expectOk(rt.runMenu("validateAll", DX));
		expect(cellOf(rt, "1", 5)).toBe("○ 順調");
		expect(cellOf(rt, "6", 5)).toBe("○ 順調");
		const entry = sheetModel(rt, "評価_R6");
		expect(entry.validations.map((v) => v.values)).toContainEqual([
			"◎ 計画以上に進んだ",
			"○ 順調",
			"△ 遅れている",
			"× 進まなかった",
			"完了 事業完了",
			"中止",
		]);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const total = recount(meant).get("合計") ?? {};
		expect(
			(built.summary as { total: { counts: unknown } }).total.counts,
		).toEqual({
			"◎": total["◎"],
			"○": total["○"],
			"△": total["△"],
			"×": 0,
			完了: total.完了,
			中止: total.中止,
		});
		// The old label typed afterwards still means ○.
		const row = rowsOf(rt, "評価_R6").findIndex((r) => r[0] === "30") + 1;
		const dept = String(rowsOf(rt, "評価_R6")[row - 1]?.[4]);
		paste(rt, sampleDepartmentEmail(dept), "評価_R6", row, 6, [
			["計画どおり進んだ"],
		]);
		expect(cellOf(rt, "30", 5)).toBe("○ 順調");
	});

	it("keeps 令和5年度 on the scale it was rated on", () => {
		const rt = openedSampleBook();
		paste(rt, sampleDepartmentEmail("DX推進室"), "評価_R5", 2, 6, [["A"]]);
		setSettings(rt, DX, { 対象年度: "R6" });
		pasteTable(rt, DX, SHEET_NAMES.scale, MARKS_SHEET);
		expectOk(rt.runMenu("openFiscalYear", DX));
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const years = (
			built.summary as {
				years: Array<{ fiscalYear: number; total: Record<string, unknown> }>;
			}
		).years;
		expect(years[0]?.total).toMatchObject({ A: 1, unrated: 91, total: 92 });
		expect(years[1]?.total).toMatchObject({ unrated: 92, total: 92 });
	});
});
