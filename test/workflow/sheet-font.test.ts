/**
 * One Japanese font in Google too: every cell the product writes (setup, the entry sheet, the
 * edit trigger, the daily job, 全行を検証, 集計, an edit logged while the document is busy) is set
 * in BOOK_FONT, by one setFontFamily per block written.
 */
import { describe, expect, it } from "vitest";
import { BOOK_FONT, ENTRY_COL, SHEET_NAMES } from "../../src/domain";
import type { SheetModel } from "../../src/local/runtime/model";
import { enterSampleRatings } from "../../src/local/sample-book";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { DX, expectOk, openedSampleBook, rowOf } from "./helpers";

const LATE = ["市民課", "税務課", "学校教育課"];

/** "A1 (値)" of each non-empty cell in rows [from, to) whose family is not BOOK_FONT. */
function otherFont(sheet: SheetModel, from = 0, to = sheet.values.length) {
	const out: string[] = [];
	for (let r = from; r < to; r++) {
		(sheet.values[r] ?? []).forEach((v, c) => {
			const family = sheet.formats.get(`${r},${c}`)?.font?.family;
			if (v !== "" && family !== BOOK_FONT)
				out.push(`${String.fromCharCode(65 + c)}${r + 1} (${String(v)})`);
		});
	}
	return out;
}

describe("the book's font in Google", () => {
	it("is on every cell the product writes through a whole cycle", () => {
		let now = new Date("2024-05-20T10:00:00+09:00");
		const rt = openedSampleBook({ now: () => now });
		enterSampleRatings(rt, (d) => !LATE.includes(d));
		now = new Date("2024-05-24T09:00:00+09:00");
		expect(rt.runTimeTriggers(now)).toBeGreaterThan(0);
		rt.state.locks.document = "a-long-reminder-run";
		paste(
			rt,
			"shimin@city-kameyama.example",
			"評価_R5",
			rowOf(rt, "市民課"),
			ENTRY_COL.rating + 1,
			[["a"]],
		);
		rt.state.locks.document = null;
		expectOk(rt.runMenu("validateAll", DX));
		expectOk(rt.runMenu("buildSummary", DX));

		for (const name of [
			SHEET_NAMES.settings,
			SHEET_NAMES.policies,
			SHEET_NAMES.measures,
			SHEET_NAMES.departments,
			"評価_R5",
			SHEET_NAMES.summary,
			SHEET_NAMES.sendLog,
			SHEET_NAMES.editLog,
		])
			expect(otherFont(sheetModel(rt, name)), name).toEqual([]);
		// 取組 is pasted by the DX office (its own formatting); the product wrote its header.
		expect(otherFont(sheetModel(rt, SHEET_NAMES.initiatives), 0, 1)).toEqual(
			[],
		);
		expect(sheetModel(rt, SHEET_NAMES.sendLog).values.length).toBeGreaterThan(
			1,
		);
		expect(
			sheetModel(rt, SHEET_NAMES.editLog).values.some(
				(r) => r[4] === "（検証待ち）",
			),
		).toBe(true);
	});
});
