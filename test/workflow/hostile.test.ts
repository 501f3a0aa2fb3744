/**
 * Hostile and broken input (issue 5): formula-looking and HTML text from people, renamed or
 * deleted sheets, merged cells, hidden rows, a bad address. Each ends in a clear Japanese message
 * or correct escaping — never a crash, an evaluated formula or lost input.
 */
import { describe, expect, it } from "vitest";
import { ENTRY_COL, SHEET_NAMES } from "../../src/domain";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { enterSampleRatings } from "../../src/local/sample-book";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { DX, expectOk, openedSampleBook, rowsOf } from "./helpers";

const SHEET = "評価_R5";
const HOSTILE_NAME =
	'=HYPERLINK("http://evil.example","<script>alert(1)</script>")';

function refusal(rt: LocalRuntime, fn: string): string {
	const result = rt.runMenu(fn, DX) as { ok: boolean; message: string };
	expect(result.ok, fn).toBe(false);
	return result.message;
}

function allFormulas(rt: LocalRuntime): string[] {
	return rt.workbook.sheets.flatMap((s) => [...s.formulas.values()]);
}

describe("text that looks like a formula or markup", () => {
	it("is written as text everywhere the script writes it, and escaped in mails and dialogs", () => {
		let now = new Date("2024-05-20T09:00:00+09:00");
		const rt = openedSampleBook({ now: () => now });
		// The DX office renames an initiative of 市民課 in the master and in the entry sheet.
		const row =
			sheetModel(rt, SHEET).values.findIndex(
				(r) => r[ENTRY_COL.departments] === "市民課",
			) + 1;
		paste(rt, DX, SHEET, row, ENTRY_COL.name + 1, [[`'${HOSTILE_NAME}`]]);
		const no = sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.no];
		const masterRow =
			sheetModel(rt, SHEET_NAMES.initiatives).values.findIndex(
				(r) => String(r[0]) === String(no),
			) + 1;
		paste(rt, DX, SHEET_NAMES.initiatives, masterRow, 2, [
			[`'${HOSTILE_NAME}`],
		]);
		for (const prefix of ["=", "+", "-", "@"]) {
			paste(rt, DX, SHEET_NAMES.initiatives, 90, 1, [
				[`${prefix}X${prefix}`, `${prefix}1+1`, "DX推進室", "I-1"],
			]);
		}
		enterSampleRatings(rt, (d) => d !== "市民課");
		expectOk(rt.runMenu("validateAll", DX));
		expectOk(rt.runMenu("buildSummary", DX));
		now = new Date("2024-05-24T09:00:00+09:00");
		expectOk(rt.runMenu("previewReminders", DX));
		rt.runTimeTriggers(now);
		// No cell the script wrote became a formula.
		expect(allFormulas(rt)).toEqual([]);
		expect(sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.name]).toBe(
			HOSTILE_NAME,
		);
		const mail = rt.state.mail.outbox.find(
			(m) => m.to === sampleDepartmentEmail("市民課"),
		);
		expect(mail?.body).toContain(HOSTILE_NAME);
		expect(mail?.htmlBody).not.toContain("<script>");
		expect(mail?.htmlBody).toContain("&lt;script&gt;");
		const dialog =
			rt.state.ui.filter((e) => e.kind === "dialog").at(-1)?.message ?? "";
		expect(dialog).not.toContain("<script>");
		const log = rowsOf(rt, SHEET_NAMES.editLog).flat();
		expect(log).toContain(HOSTILE_NAME);
	});

	it("a department typing =, +, -, @ keeps exactly what was typed", () => {
		const rt = openedSampleBook();
		const row =
			sheetModel(rt, SHEET).values.findIndex(
				(r) => r[ENTRY_COL.departments] === "市民課",
			) + 1;
		const user = sampleDepartmentEmail("市民課");
		paste(rt, user, SHEET, row, ENTRY_COL.rating + 1, [
			["c", "+10%の増加", "-予算不足 @担当"],
		]);
		const cells = sheetModel(rt, SHEET).values[row - 1];
		expect(cells?.slice(ENTRY_COL.rating, ENTRY_COL.reason + 1)).toEqual([
			"C あまり進まなかった",
			"+10%の増加",
			"-予算不足 @担当",
		]);
		expect(cells?.[ENTRY_COL.status]).toBe("入力済");
	});
});

describe("a broken workbook", () => {
	it("a deleted 設定 sheet: every action says to run 初期設定", () => {
		const rt = openedSampleBook();
		rt.workbook.sheets = rt.workbook.sheets.filter(
			(s) => s.name !== SHEET_NAMES.settings,
		);
		for (const fn of [
			"validateAll",
			"buildSummary",
			"sendRemindersNow",
			"openFiscalYear",
		]) {
			expect(refusal(rt, fn)).toContain("シート「設定」が見つかりません");
		}
		expect(() =>
			rt.runTimeTriggers(new Date("2024-05-24T09:00:00+09:00")),
		).toThrow(/シート「設定」が見つかりません/);
	});

	it("a renamed entry sheet: the summary and the check say which sheet is missing", () => {
		const rt = openedSampleBook();
		const sheet = sheetModel(rt, SHEET);
		sheet.name = "評価_R5のコピー";
		expect(refusal(rt, "buildSummary")).toContain(
			"評価シート「評価_R5」がありません",
		);
		expect(refusal(rt, "validateAll")).toContain(
			"評価シート「評価_R5」がありません",
		);
	});

	it("a renamed header in 送信履歴 stops reminders instead of risking a second mail", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-24T09:00:00+09:00"),
		});
		paste(rt, DX, SHEET_NAMES.sendLog, 1, 1, [
			["送信日", "課", "宛先", "区分", "件数", "状況"],
		]);
		paste(rt, DX, SHEET_NAMES.sendLog, 2, 1, [
			["2024/05/24", "市民課", "x", "事前催促", 1, "送信済"],
		]);
		expect(refusal(rt, "sendRemindersNow")).toContain(
			"送信履歴シートを読めない",
		);
		expect(rt.state.mail.outbox).toHaveLength(0);
	});

	it("merged cells and hidden rows in an entry sheet change nothing in the tally", () => {
		const rt = openedSampleBook();
		enterSampleRatings(rt);
		const sheet = sheetModel(rt, SHEET);
		sheet.merges.push({
			row: 3,
			col: ENTRY_COL.achievement,
			numRows: 1,
			numCols: 2,
		});
		for (let r = 5; r < 30; r++) sheet.hiddenRows.add(r);
		expectOk(rt.runMenu("validateAll", DX));
		const summary = expectOk(rt.runMenu("buildSummary", DX)).summary as {
			total: { total: number; A: number };
		};
		expect(summary.total).toMatchObject({ total: 92, A: 65 });
	});

	it("a department address that is not an address is named with its row, and nothing is sent to it", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-24T09:00:00+09:00"),
		});
		const row =
			sheetModel(rt, SHEET_NAMES.departments).values.findIndex(
				(r) => r[0] === "市民課",
			) + 1;
		paste(rt, DX, SHEET_NAMES.departments, row, 2, [["市民課あて（未定）"]]);
		const message = refusal(rt, "sendRemindersNow");
		expect(message).toContain(`担当課 シート ${row}行目`);
		expect(rt.state.mail.outbox).toHaveLength(0);
	});

	it("a deleted header column in the master is reported by name", () => {
		const rt = openedSampleBook();
		const rows = rowsOf(rt, SHEET_NAMES.initiatives).map(
			(r) => [r[0], r[1], r[3]] as string[],
		);
		rows[0] = ["取組No", "取組名", "重点施策"];
		const sheet = sheetModel(rt, SHEET_NAMES.initiatives);
		sheet.values = rows;
		expect(refusal(rt, "buildSummary")).toContain("担当課");
	});
});
