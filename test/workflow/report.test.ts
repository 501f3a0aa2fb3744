/**
 * 報告資料を作成 (SPEC 10) through the bundle: the 計画 sheet made by 初期設定, and buildReport's
 * dialog and document on the sample year.
 */
import { describe, expect, it } from "vitest";
import {
	defaultPlanInfoRows,
	ENTRY_COL,
	type ReportDocument,
	SHEET_NAMES,
} from "../../src/domain";
import { newWorkbookModel } from "../../src/local/runtime/model";
import { enterSampleRatings } from "../../src/local/sample-book";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { newRuntime } from "../support/bundle";
import { DX, expectOk, openedSampleBook, rowOf, rowsOf } from "./helpers";

const X = sampleDepartmentEmail("市民課");

describe("the 計画 sheet", () => {
	it("初期設定 makes it with the seed's items, and adds it to a workbook made before it", () => {
		const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
		expectOk(rt.runMenu("setupWorkbook", DX));
		expect(rowsOf(rt, SHEET_NAMES.plan)).toEqual(defaultPlanInfoRows());
		rt.workbook.sheets = rt.workbook.sheets.filter(
			(s) => s.name !== SHEET_NAMES.plan,
		);
		const again = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(again.created).toEqual([SHEET_NAMES.plan]);
		expect(rowsOf(rt, SHEET_NAMES.plan)).toEqual(defaultPlanInfoRows());
	});

	it("never overwrites what the DX office wrote; only missing items are added", () => {
		const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }) });
		expectOk(rt.runMenu("setupWorkbook", DX));
		const sheet = sheetModel(rt, SHEET_NAMES.plan);
		sheet.values = sheet.values.filter((r) => r[0] !== "基本理念");
		paste(rt, DX, SHEET_NAMES.plan, 2, 2, [["〇〇市デジタル推進計画"]]);
		paste(rt, DX, SHEET_NAMES.plan, 3, 2, [[""]]);
		const before = rowsOf(rt, SHEET_NAMES.plan);
		const result = expectOk(rt.runMenu("setupWorkbook", DX));
		expect(result.message).toContain(
			"計画シートに項目を追加しました：基本理念",
		);
		const after = rowsOf(rt, SHEET_NAMES.plan);
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after.slice(before.length).map((r) => r[0])).toEqual(["基本理念"]);
		expect(after[1]).toEqual(["計画名", "〇〇市デジタル推進計画"]);
		expect(after[2]).toEqual(["計画期間", ""]);
	});
});

describe("報告資料を作成", () => {
	const rt = openedSampleBook();
	enterSampleRatings(rt);

	it("shows the report in a dialog and changes nothing in the workbook", () => {
		const before = JSON.stringify(
			rt.workbook.sheets.map((s) => [s.name, s.values]),
		);
		const shown = rt.state.ui.length;
		const result = expectOk(rt.runMenu("buildReport", DX));
		expect(
			JSON.stringify(rt.workbook.sheets.map((s) => [s.name, s.values])),
		).toBe(before);
		const dialogs = rt.state.ui.slice(shown);
		expect(dialogs.map((d) => [d.kind, d.title])).toEqual([
			["dialog", "報告資料（令和5年度）"],
		]);
		const html = dialogs[0]?.message ?? "";
		expect(html).toContain("<h2>3 進捗度評価</h2>");
		expect(html).toContain("全体の96.7%");
		expect(html).toContain('onclick="window.print()"');
		const doc = result.report as ReportDocument;
		expect(doc.evaluation.table.rows.at(-1)?.cells).toEqual([
			"合計",
			21,
			54,
			17,
			92,
		]);
		const online = doc.highlights.policies[0]?.measures[0];
		expect(online?.departments).toEqual(["DX推進室", "市民課"]);
	});

	it("escapes what a department typed", () => {
		const row = rowOf(rt, "市民課");
		paste(rt, X, "評価_R5", row, ENTRY_COL.achievement + 1, [
			['<img src=x onerror=alert(1)> & =HYPERLINK("http://x")\n・二行目'],
		]);
		expectOk(rt.runMenu("buildReport", DX));
		const html = rt.state.ui.at(-1)?.message ?? "";
		expect(html).not.toContain("<img src=x");
		expect(html).toContain(
			"■&lt;img src=x onerror=alert(1)&gt; &amp; =HYPERLINK(&quot;http://x&quot;)<br>・二行目",
		);
	});

	it("departments cannot edit the 計画 sheet", () => {
		expect(() => paste(rt, X, SHEET_NAMES.plan, 2, 2, [["書き換え"]])).toThrow(
			/protected/,
		);
	});

	it("a DX office account other than the owner can edit it, and the report follows", () => {
		const other = openedSampleBook();
		const dx2 = "dx2@city-kameyama.example";
		other.share(dx2);
		other.shareControl(dx2);
		const settings = rowsOf(other, SHEET_NAMES.settings);
		const row = settings.findIndex((r) => r[0] === "DX推進室メール") + 1;
		paste(other, DX, SHEET_NAMES.settings, row, 2, [[`${DX}, ${dx2}`]]);
		expect(() =>
			paste(other, dx2, SHEET_NAMES.plan, 2, 2, [["〇〇市DX計画"]]),
		).toThrow(/protected/);
		expectOk(other.runMenu("setupWorkbook", DX));
		paste(other, dx2, SHEET_NAMES.plan, 2, 2, [["〇〇市DX計画"]]);
		const doc = expectOk(other.runMenu("buildReport", dx2))
			.report as ReportDocument;
		expect(doc.title).toBe("〇〇市DX計画の進捗状況について");
		expect(() =>
			paste(other, X, SHEET_NAMES.plan, 2, 2, [["書き換え"]]),
		).toThrow(/protected/);
	});

	it("refuses with what to do when the 計画 sheet is missing", () => {
		const other = openedSampleBook();
		other.workbook.sheets = other.workbook.sheets.filter(
			(s) => s.name !== SHEET_NAMES.plan,
		);
		const result = other.runMenu("buildReport", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain(
			"「計画」シートがありません。メニュー「初期設定（シート作成）」を実行すると作成されます",
		);
	});
});
