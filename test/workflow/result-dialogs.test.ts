/**
 * How a menu result reaches the DX office: a short success is a toast (it closes by itself after
 * a few seconds, reference/spreadsheet/spreadsheet#toast(String,String,Number)); a result that
 * lists problems or rows to fix is an alert, which stays until dismissed and shows every line.
 */
import { describe, expect, it } from "vitest";
import { ENTRY_COL, SHEET_NAMES } from "../../src/domain";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import {
	enterSampleRatings,
	SAMPLE_ENTRY_SHEET,
} from "../../src/local/sample-book";
import { paste } from "../../src/local/workbook-ops";
import { DX, expectOk, openedSampleBook } from "./helpers";

function lastNotice(rt: LocalRuntime) {
	return rt.state.ui
		.filter((e) => e.kind === "toast" || e.kind === "alert")
		.at(-1);
}

describe("menu results", () => {
	it("全行を検証 with rows to fix opens a dialog listing each row and its reason", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		const col = ENTRY_COL.rating + 1;
		paste(rt, DX, SAMPLE_ENTRY_SHEET, 2, col, [["Z"]]);
		paste(rt, DX, SAMPLE_ENTRY_SHEET, 3, col, [["C", "", ""]]);
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.fix).toBe(2);
		const notice = lastNotice(rt);
		expect(notice?.kind).toBe("alert");
		expect(notice?.title).toBe("全行を検証");
		expect(notice?.message).toBe(result.message);
		const lines = String(result.message).split("\n");
		expect(lines[0]).toContain("要修正 2件");
		expect(lines).toContainEqual(
			expect.stringMatching(/^・評価_R5 シート 2行目: 取組No「.+」要修正：/),
		);
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^・評価_R5 シート 3行目: 取組No「.+」要修正：.*評価理由・課題/,
			),
		);
	});

	it("a short success stays a toast; a summary with warnings is a dialog", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		expectOk(rt.runMenu("validateAll", DX));
		expect(lastNotice(rt)).toMatchObject({ kind: "toast", seconds: 10 });
		expectOk(rt.runMenu("buildSummary", DX));
		expect(lastNotice(rt)).toMatchObject({
			kind: "toast",
			title: "集計を作成",
		});
		paste(rt, DX, SHEET_NAMES.departments, 2, 2, [["a@"], ["b@"], ["c@"]]);
		const built = expectOk(rt.runMenu("buildSummary", DX));
		const notice = lastNotice(rt);
		expect(notice?.kind).toBe("alert");
		expect(notice?.message).toBe(built.message);
		expect(
			notice?.message.split("\n").filter((l) => l.startsWith("・")),
		).toHaveLength(3);
	});

	it("the reminder preview shows its own dialog and nothing else", () => {
		const rt = openedSampleBook();
		const before = rt.state.ui.length;
		expectOk(rt.runMenu("previewReminders", DX));
		expect(rt.state.ui.slice(before).map((e) => e.kind)).toEqual(["dialog"]);
	});
});
