/**
 * 初期設定 never overwrites, bad 設定 values are reported and kept, deleted rows are noticed by
 * 全行を検証 — all through the bundle.
 */
import { describe, expect, it } from "vitest";
import { SHEET_NAMES } from "../../src/domain";
import { newWorkbookModel } from "../../src/local/runtime/model";
import { enterSampleRatings } from "../../src/local/sample-book";
import { paste, setSettings } from "../../src/local/workbook-ops";
import { newRuntime } from "../support/bundle";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

describe("初期設定（シート作成）", () => {
	it("creates what is missing and leaves what the DX office typed alone", () => {
		const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
		const first = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(first.created).toEqual(Object.values(SHEET_NAMES));
		expect(rowsOf(rt, SHEET_NAMES.departments)).toHaveLength(23);
		paste(rt, DX, SHEET_NAMES.policies, 2, 2, [["行政サービスのデジタル化"]]);
		paste(rt, DX, SHEET_NAMES.departments, 2, 2, [["dx@city.example"]]);
		const before = JSON.stringify(
			rt.workbook.sheets.map((s) => [s.name, s.values]),
		);
		const again = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(again.created).toEqual([]);
		expect(again.message).toContain("既存の内容は変更していません");
		expect(
			JSON.stringify(rt.workbook.sheets.map((s) => [s.name, s.values])),
		).toBe(before);
	});

	it("adds 回答方法 to a 設定 sheet made before it existed, changing nothing else", () => {
		const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
		expectOk(rt.runMenu("setupWorkbook", DX));
		const settings = rt.workbook.sheets.find(
			(s) => s.name === SHEET_NAMES.settings,
		);
		if (!settings) throw new Error("no 設定 sheet");
		// An older version's sheet: no 回答方法 row, and the DX office's own values.
		settings.values = settings.values.filter((r) => r[0] !== "回答方法");
		paste(rt, DX, SHEET_NAMES.settings, 8, 2, [["DX推進室（情報政策課）"]]);
		const before = rowsOf(rt, SHEET_NAMES.settings);
		const result = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(result.added).toEqual(["回答方法"]);
		expect(result.message).toContain(
			"設定シートに項目を追加しました：回答方法",
		);
		expect(rowsOf(rt, SHEET_NAMES.settings)).toEqual([
			...before,
			["回答方法", ""],
		]);
		const again = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(again.added).toEqual([]);
		expect(rowsOf(rt, SHEET_NAMES.settings)).toHaveLength(before.length + 1);
	});

	it("recreates a deleted log sheet with its header only", () => {
		const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
		expectOk(rt.runMenu("setupWorkbook", DX));
		rt.workbook.sheets = rt.workbook.sheets.filter(
			(s) => s.name !== SHEET_NAMES.editLog,
		);
		const result = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(result.created).toEqual([SHEET_NAMES.editLog]);
		expect(rowsOf(rt, SHEET_NAMES.editLog)).toEqual([
			["日時", "利用者", "シート", "セル", "取組No", "旧値", "新値"],
		]);
	});
});

describe("全行を検証", () => {
	it("reports bad 設定 values by 項目, and keeps what was typed", () => {
		const rt = openedSampleBook();
		setSettings(rt, DX, {
			催促時刻: "25",
			催促日: "七,3",
			回答期限: "2024-02-30",
		});
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).toContain("催促時刻");
		expect(result.message).toContain("催促日");
		expect(result.message).toContain("回答期限");
		const settings = rowsOf(rt, SHEET_NAMES.settings);
		expect(settings.find((r) => r[0] === "催促時刻")?.[1]).toBe("25");
		expect(settings.find((r) => r[0] === "回答期限")?.[1]).toBe("2024-02-30");
	});

	it("counts an initiative whose row was deleted as 未評価 until 全行を検証 restores its row", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		const deleted = String(rowsOf(rt, "評価_R5")[4]?.[0]);
		rt.deleteRows(DX, "評価_R5", 5, 1);
		expect(rowsOf(rt, "評価_R5")).toHaveLength(85);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const summary = built.summary as {
			total: { unrated: number; total: number };
			initiatives: number;
		};
		expect(summary.initiatives).toBe(85);
		// The deleted initiative is 未評価 under each of its policies; the gross total stays 92.
		expect(summary.total.total).toBe(92);
		expect(summary.total.unrated).toBeGreaterThanOrEqual(1);
		expect(summary.total.unrated).toBeLessThanOrEqual(3);
		// The master leads (SPEC 9): 全行を検証 gives it its row back.
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).toContain(
			`行がなかった取組の行を追加しました（取組No ${deleted}）`,
		);
		expect(result.message).not.toContain("保護");
		expect(rowsOf(rt, "評価_R5")).toHaveLength(86);
	});

	it("refuses clearly when the entry sheet's header was changed", () => {
		const rt = openedSampleBook();
		paste(rt, DX, "評価_R5", 1, 6, [["評価（A〜D）"]]);
		const result = rt.runMenu("validateAll", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain(
			"F列の見出しは「評価」である必要があります",
		);
	});
});
