/**
 * Values the product writes stay what they were (issue 9): Sheets parses strings a script writes
 * as if typed (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption,
 * USER_ENTERED), so 取組No `001` / `1-1`, 催促日 `7,3,1,0`, a department named `001` and user
 * text `TRUE`, `2024/5/31`, `12%` would come back as numbers, dates or booleans unless the
 * product writes them as text. Each is written through the bundle and read back as the string.
 */
import { describe, expect, it } from "vitest";
import {
	DEPARTMENT_HEADERS,
	ENTRY_COL,
	INITIATIVE_HEADERS,
	SHEET_NAMES,
} from "../../src/domain";
import { newWorkbookModel } from "../../src/local/runtime/model";
import { paste, pasteTable, setSettings } from "../../src/local/workbook-ops";
import { newRuntime } from "../support/bundle";
import { DX, expectOk, rowsOf } from "./helpers";

const SHEET = "評価_R5";
const DEPT_001 = "dept001@city.example.lg.jp";
const SHIMIN = "shimin@city.example.lg.jp";
const USER_TEXT = ["TRUE", "2024/5/31", "12%"];

function bookWithTextLikeValues(now: () => Date) {
	const rt = newRuntime({ workbook: newWorkbookModel({ owner: DX }), now });
	rt.open(DX);
	expectOk(rt.runMenu("setupWorkbook", DX));
	pasteTable(rt, DX, SHEET_NAMES.departments, [
		[...DEPARTMENT_HEADERS],
		["市民課", SHIMIN, ""],
		["001", DEPT_001, ""],
	]);
	pasteTable(rt, DX, SHEET_NAMES.initiatives, [
		[...INITIATIVE_HEADERS],
		["001", "窓口のオンライン化", "市民課", "I-1"],
		["1-1", "電子申請の拡充", "001", "I-2"],
		["I-1-1", "庁内チャットの導入", "市民課、001", "II-1"],
	]);
	setSettings(rt, DX, {
		対象年度: "R5",
		回答期限: "2024-05-31",
		DX推進室メール: DX,
	});
	expectOk(rt.runMenu("installTriggers", DX));
	rt.share(SHIMIN, DEPT_001);
	expectOk(rt.runMenu("openFiscalYear", DX));
	return rt;
}

function column(rows: unknown[][], col: number): unknown[] {
	return rows.slice(1).map((r) => r[col]);
}

describe("values the product writes read back as the same text", () => {
	it("取組No, 担当課, 催促日, user text in 変更履歴, 集計 and 送信履歴", () => {
		let now = new Date("2024-05-20T09:00:00+09:00");
		const rt = bookWithTextLikeValues(() => now);

		const settings = rowsOf(rt, SHEET_NAMES.settings);
		expect(settings.find((r) => r[0] === "催促日")?.[1]).toBe("7,3,1,0");

		// Entry rows are grouped by 担当課 (市民課 first), plan order within.
		const entry = rowsOf(rt, SHEET);
		expect(column(entry, ENTRY_COL.no)).toEqual(["001", "I-1-1", "1-1"]);
		expect(column(entry, ENTRY_COL.departments)).toEqual([
			"市民課",
			"市民課、001",
			"001",
		]);

		// Department 001 types its texts one cell at a time in row 1-1 (sheet row 4).
		paste(rt, DEPT_001, SHEET, 4, ENTRY_COL.rating + 1, [["A"]]);
		for (const text of USER_TEXT)
			paste(rt, DEPT_001, SHEET, 4, ENTRY_COL.achievement + 1, [[`'${text}`]]);
		const log = rowsOf(rt, SHEET_NAMES.editLog).slice(-USER_TEXT.length);
		expect(log.map((r) => r[4])).toEqual(["1-1", "1-1", "1-1"]);
		expect(log.map((r) => r[6])).toEqual(USER_TEXT);
		expect(log.slice(1).map((r) => r[5])).toEqual(USER_TEXT.slice(0, -1));

		expectOk(rt.runMenu("validateAll", DX));
		expect(rowsOf(rt, SHEET)[3]?.[ENTRY_COL.achievement]).toBe("12%");
		expectOk(rt.runMenu("buildSummary", DX));
		const summary = rowsOf(rt, SHEET_NAMES.summary).flat();
		expect(summary).toContain("001");

		// 5/24 is 7 days before the deadline: both departments are reminded by name.
		now = new Date("2024-05-24T09:00:00+09:00");
		rt.runTimeTriggers(now);
		const sent = rowsOf(rt, SHEET_NAMES.sendLog).slice(1);
		expect(sent.map((r) => r[1])).toContain("001");
		expect(rt.state.mail.outbox.map((m) => m.to)).toContain(DEPT_001);
	});
});
