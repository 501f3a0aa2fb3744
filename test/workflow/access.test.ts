/**
 * Access and audit (SPEC 6) through the bundle, acting as three users: the DX office, 市民課 (X)
 * and 税務課 (Y). Refusals are Sheets' own ("You are trying to edit a protected cell…").
 */
import { describe, expect, it } from "vitest";
import { ENTRY_COL, SHEET_NAMES } from "../../src/domain";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { PROTECTED_MESSAGE } from "../../src/local/runtime/spreadsheet";
import { enterSampleRatings } from "../../src/local/sample-book";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { DX, expectOk, openedSampleBook, rowOf, rowsOf } from "./helpers";

const X = sampleDepartmentEmail("市民課");
const Y = sampleDepartmentEmail("税務課");
const SHEET = "評価_R5";

function refused(action: () => void): void {
	expect(action).toThrow(PROTECTED_MESSAGE);
}

describe("who may edit what", () => {
	const rt = openedSampleBook();
	enterSampleRatings(rt);
	expectOk(rt.runMenu("buildSummary", DX));
	const xRow = rowOf(rt, "市民課");
	const yRow = rowOf(rt, "税務課");

	it("X changes its own rating, reason and achievement", () => {
		paste(rt, X, SHEET, xRow, ENTRY_COL.rating + 1, [["B", "実績を更新", ""]]);
		expect(sheetModel(rt, SHEET).values[xRow - 1]?.[ENTRY_COL.rating]).toBe(
			"B まずまず進んだ",
		);
	});

	it("Y cannot change X's ratings, and X's cell stays as it was", () => {
		const before = sheetModel(rt, SHEET).values[xRow - 1]?.[ENTRY_COL.rating];
		refused(() => paste(rt, Y, SHEET, xRow, ENTRY_COL.rating + 1, [["D"]]));
		expect(sheetModel(rt, SHEET).values[xRow - 1]?.[ENTRY_COL.rating]).toBe(
			before,
		);
	});

	it("departments cannot touch the pre-filled or script-written columns of their own rows", () => {
		refused(() =>
			paste(rt, X, SHEET, xRow, ENTRY_COL.name + 1, [["名前を変える"]]),
		);
		refused(() =>
			paste(rt, X, SHEET, xRow, ENTRY_COL.status + 1, [["入力済"]]),
		);
		refused(() => paste(rt, X, SHEET, 1, ENTRY_COL.rating + 1, [["見出し"]]));
	});

	it.each([
		SHEET_NAMES.initiatives,
		SHEET_NAMES.departments,
		SHEET_NAMES.settings,
		SHEET_NAMES.summary,
		SHEET_NAMES.sendLog,
		SHEET_NAMES.editLog,
		SHEET_NAMES.policies,
		SHEET_NAMES.measures,
		SHEET_NAMES.plan,
	])("Y cannot change %s", (name) => {
		refused(() => paste(rt, Y, name, 2, 1, [["書き換え"]]));
	});

	it("Y's own rows are Y's", () => {
		paste(rt, Y, SHEET, yRow, ENTRY_COL.rating + 1, [["a"]]);
		expect(sheetModel(rt, SHEET).values[yRow - 1]?.[ENTRY_COL.rating]).toBe(
			"A 順調に進んだ",
		);
	});

	it("an initiative of two departments is editable by both", () => {
		const shared =
			sheetModel(rt, SHEET).values.findIndex(
				(r) => r[ENTRY_COL.departments] === "DX推進室、総務課",
			) + 1;
		expect(shared).toBeGreaterThan(1);
		paste(
			rt,
			sampleDepartmentEmail("総務課"),
			SHEET,
			shared,
			ENTRY_COL.rating + 1,
			[["A"]],
		);
		paste(
			rt,
			sampleDepartmentEmail("DX推進室"),
			SHEET,
			shared,
			ENTRY_COL.rating + 1,
			[["B"]],
		);
		refused(() => paste(rt, Y, SHEET, shared, ENTRY_COL.rating + 1, [["C"]]));
	});

	it("departments cannot run the DX office's menu items", () => {
		// The menu is the control spreadsheet's, which departments cannot open (SPEC 12) …
		expect(() => rt.runMenu("buildSummary", Y)).toThrow(
			/cannot edit the spreadsheet "DX進捗管理（DX推進室専用）"/,
		);
		// … and were it shared with one by mistake, every action still refuses it.
		rt.shareControl(Y);
		for (const fn of [
			"buildSummary",
			"buildReport",
			"validateAll",
			"openFiscalYear",
			"sendRemindersNow",
			"closeFiscalYear",
			"installTriggers",
		]) {
			const result = rt.runMenu(fn, Y) as { ok: boolean; message: string };
			expect(result.ok, fn).toBe(false);
			expect(result.message, fn).toContain("DX推進室だけが実行できます");
		}
	});

	it("the edit log records who changed what, old and new, and nobody but the script writes it", () => {
		const log = rowsOf(rt, SHEET_NAMES.editLog);
		const mine = log.filter((r) => r[1] === X && r[3] === `F${xRow}:H${xRow}`);
		expect(mine.at(-1)?.slice(2, 7)).toEqual([
			SHEET,
			`F${xRow}:H${xRow}`,
			sheetModel(rt, SHEET).values[xRow - 1]?.[0],
			"",
			"B | 実績を更新 | ",
		]);
		const single = log.filter((r) => r[1] === Y && r[3] === `F${yRow}`).at(-1);
		// A single cell: the event's old value (the sample's rating) and the value as typed.
		expect(single?.[5]).not.toBe("");
		expect(single?.[6]).toBe("a");
	});
});

describe("protections are checked and repaired", () => {
	it("全行を検証 reports a removed or widened protection and rebuilds it", () => {
		const rt = openedSampleBook();
		const sheet = sheetModel(rt, SHEET);
		const xGroup = sheet.protections.find((p) =>
			p.description.includes("入力欄（市民課）"),
		);
		if (!xGroup) throw new Error("no protection for 市民課");
		xGroup.editors.push(Y);
		const other = sheet.protections.find((p) =>
			p.description.includes("入力欄（税務課）"),
		);
		sheet.protections = sheet.protections.filter((p) => p !== other);
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).toContain("編集者が広げられています");
		expect(result.message).toContain(Y);
		expect(result.message).toContain(
			"保護が外されています（評価_R5 入力欄（税務課）",
		);
		refused(() =>
			paste(rt, Y, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [["D"]]),
		);
		paste(rt, Y, SHEET, rowOf(rt, "税務課"), ENTRY_COL.rating + 1, [["A"]]);
		const again = expectOk(rt.runMenu("validateAll", DX));
		expect(again.message).not.toContain("保護");
	});
});

describe("the DX office's sheets' protections are checked and repaired (SPEC 12)", () => {
	/** The whole-sheet protection of one of the DX office's sheets, in the runtime's model. */
	function sheetProtection(rt: LocalRuntime, name: string) {
		return sheetModel(rt, name).protections.find((p) => !p.rect);
	}

	it("全行を検証 rebuilds a removed or widened one, and the department's edit is refused again", () => {
		const rt = openedSampleBook();
		const plan = sheetModel(rt, SHEET_NAMES.plan);
		plan.protections = plan.protections.filter((p) => p.rect);
		sheetProtection(rt, SHEET_NAMES.departments)?.editors.push(Y);
		const result = expectOk(rt.runMenu("validateAll", DX));
		const warnings = (result.problems as { sheet: string; message: string }[])
			.filter((p) => p.message.endsWith("（保護を作り直しました）"))
			.map((p) => [p.sheet, p.message]);
		expect(warnings).toEqual([
			[
				SHEET_NAMES.departments,
				`「${SHEET_NAMES.departments}」シート全体の編集者が広げられています（${Y}）（保護を作り直しました）`,
			],
			[
				SHEET_NAMES.plan,
				`「${SHEET_NAMES.plan}」シート全体の保護が外されています（保護を作り直しました）`,
			],
		]);
		expect(result.message).toContain(
			`「${SHEET_NAMES.plan}」シート全体の保護が外されています`,
		);
		refused(() => paste(rt, Y, SHEET_NAMES.plan, 2, 1, [["もう一度"]]));
		refused(() => paste(rt, Y, SHEET_NAMES.departments, 2, 1, [["書き換え"]]));
		expect(sheetProtection(rt, SHEET_NAMES.departments)?.editors).not.toContain(
			Y,
		);
		const again = expectOk(rt.runMenu("validateAll", DX));
		expect(again.message).not.toContain("保護");
	});

	it("a domain-wide edit or an unprotected range is a widening too", () => {
		const rt = openedSampleBook();
		const settings = sheetProtection(rt, SHEET_NAMES.settings);
		const log = sheetProtection(rt, SHEET_NAMES.editLog);
		if (!settings || !log) throw new Error("no protection of 設定 or 変更履歴");
		settings.domainEdit = true;
		log.unprotected.push({ row: 0, col: 0, numRows: 5, numCols: 3 });
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).toContain(
			`「${SHEET_NAMES.settings}」シート全体がドメイン内の全員に編集可能になっています（保護を作り直しました）`,
		);
		expect(result.message).toContain(
			`「${SHEET_NAMES.editLog}」シート全体に保護されていない範囲が作られています（A1:C5）（保護を作り直しました）`,
		);
		expect(sheetProtection(rt, SHEET_NAMES.settings)?.domainEdit).toBe(false);
		expect(sheetProtection(rt, SHEET_NAMES.editLog)?.unprotected).toEqual([]);
		refused(() => paste(rt, Y, SHEET_NAMES.editLog, 2, 1, [["消す"]]));
	});

	it("an untouched workbook gets no protection warning", () => {
		const rt = openedSampleBook();
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).not.toContain("保護");
	});
});

describe("年度を締める", () => {
	it("makes the year read-only for departments and stops its reminders; reopening is deliberate", () => {
		let now = new Date("2024-05-24T09:00:00+09:00");
		const rt = openedSampleBook({ now: () => now });
		const closed = expectOk(rt.runMenu("closeFiscalYear", DX));
		expect(closed.message).toContain("締めました");
		refused(() =>
			paste(rt, X, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [["A"]]),
		);
		paste(rt, DX, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [["A"]]);
		rt.runTimeTriggers(now);
		expect(rt.state.mail.outbox).toHaveLength(0);
		const preview = expectOk(rt.runMenu("previewReminders", DX));
		expect(preview.message).toContain("締め済み");
		// Running it again asks; the default answer (as scripted) is YES: reopen.
		const reopened = expectOk(rt.runMenu("closeFiscalYear", DX));
		expect(reopened.message).toContain("締めを解除しました");
		expect(
			rt.state.ui.some(
				(e) => e.kind === "alert" && e.message.includes("締めを解除して"),
			),
		).toBe(true);
		paste(rt, X, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [["B"]]);
		now = new Date("2024-05-24T09:30:00+09:00");
		rt.runTimeTriggers(now);
		expect(rt.state.mail.outbox.length).toBeGreaterThan(0);
	});
});

describe("トリガーを設定", () => {
	it("leaves exactly one edit trigger and one daily trigger however often it runs, at 催促時刻", () => {
		const rt = openedSampleBook();
		for (let i = 0; i < 3; i++) expectOk(rt.runMenu("installTriggers", DX));
		const mine = rt.state.triggers.filter((t) => t.owner === DX);
		expect(
			mine.map((t) => `${t.handlerFunction}:${t.eventType}`).sort(),
		).toEqual(["dailyJob:CLOCK", "handleEdit:ON_EDIT"]);
		expect(mine.find((t) => t.eventType === "CLOCK")).toMatchObject({
			atHour: 9,
			timeZone: "Asia/Tokyo",
		});
		const row = sheetModel(rt, SHEET_NAMES.settings).values.findIndex(
			(r) => r[0] === "催促時刻",
		);
		rt.edit(DX, SHEET_NAMES.settings, `B${row + 1}`, [["7"]]);
		const result = expectOk(rt.runMenu("installTriggers", DX));
		expect(result.message).toContain(
			`${DX} の権限で実行され、催促メールは ${DX} から送信されます`,
		);
		expect(
			rt.state.triggers
				.filter((t) => t.eventType === "CLOCK")
				.map((t) => t.atHour),
		).toEqual([7]);
	});
});

describe("locks", () => {
	it("a busy document refuses with a clear message and changes nothing", () => {
		const rt = openedSampleBook();
		rt.state.locks.document = "another-execution";
		const before = JSON.stringify(rowsOf(rt, SHEET));
		const result = rt.runMenu("validateAll", DX) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain("ほかの処理");
		expect(JSON.stringify(rowsOf(rt, SHEET))).toBe(before);
	});
});

describe("review findings", () => {
	it("a row without 取組No inside the table is nobody's but the DX office's", () => {
		const rt = openedSampleBook();
		const row = rowOf(rt, "市民課") + 1;
		paste(rt, DX, SHEET, row, 1, [[""]]);
		expectOk(rt.runMenu("validateAll", DX));
		refused(() => paste(rt, Y, SHEET, row, ENTRY_COL.rating + 1, [["A"]]));
		refused(() => paste(rt, X, SHEET, row, ENTRY_COL.rating + 1, [["A"]]));
	});

	it("text like '=1+1 typed next to labels being canonicalised is never written back", () => {
		const rt = openedSampleBook();
		const row = rowOf(rt, "市民課");
		paste(rt, X, SHEET, row, ENTRY_COL.rating + 1, [["a"], ["'=1+1"], ["b"]]);
		const values = sheetModel(rt, SHEET).values;
		expect(values[row - 1]?.[ENTRY_COL.rating]).toBe("A 順調に進んだ");
		expect(values[row]?.[ENTRY_COL.rating]).toBe("=1+1");
		expect(values[row + 1]?.[ENTRY_COL.rating]).toBe("B まずまず進んだ");
		expect([...sheetModel(rt, SHEET).formulas.values()]).toEqual([]);
	});

	it("a second DX office account not yet in the protections is told in Japanese who can add it", () => {
		const rt = openedSampleBook();
		const dx2 = "dx2@city-kameyama.example";
		rt.share(dx2);
		rt.shareControl(dx2);
		const row =
			sheetModel(rt, SHEET_NAMES.settings).values.findIndex(
				(r) => r[0] === "DX推進室メール",
			) + 1;
		paste(rt, DX, SHEET_NAMES.settings, row, 2, [[`${DX}, ${dx2}`]]);
		const refusedRun = rt.runMenu("validateAll", dx2) as {
			ok: boolean;
			message: string;
		};
		expect(refusedRun.ok).toBe(false);
		expect(refusedRun.message).toContain(
			"まだシートの保護の編集者に登録されていません",
		);
		expectOk(rt.runMenu("setupWorkbook", DX));
		expectOk(rt.runMenu("validateAll", dx2));
	});

	it("after another account installs the triggers, the earlier installer's triggers stand down", () => {
		const rt = openedSampleBook();
		const dx2 = "dx2@city-kameyama.example";
		rt.share(dx2);
		rt.shareControl(dx2);
		const row =
			sheetModel(rt, SHEET_NAMES.settings).values.findIndex(
				(r) => r[0] === "DX推進室メール",
			) + 1;
		paste(rt, DX, SHEET_NAMES.settings, row, 2, [[`${DX}, ${dx2}`]]);
		expectOk(rt.runMenu("setupWorkbook", DX));
		expectOk(rt.runMenu("installTriggers", dx2));
		expect(
			rt.state.triggers.filter((t) => t.eventType === "ON_EDIT"),
		).toHaveLength(2);
		const before = rowsOf(rt, SHEET_NAMES.editLog).length;
		paste(rt, X, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [["A"]]);
		expect(rowsOf(rt, SHEET_NAMES.editLog).length).toBe(before + 1);
	});
});

describe("a department reassigned in the master after the year was opened", () => {
	it("全行を検証 moves the row to the new department: its edit rights, reminders and the note", () => {
		let now = new Date("2024-05-20T09:00:00+09:00");
		const rt = openedSampleBook({ now: () => now });
		const row = rowOf(rt, "市民課");
		const no = String(sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.no]);
		const masterRow =
			sheetModel(rt, SHEET_NAMES.initiatives).values.findIndex(
				(r) => String(r[0]) === no,
			) + 1;
		paste(rt, DX, SHEET_NAMES.initiatives, masterRow, 3, [["税務課"]]);
		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.message).toContain(
			`担当課を取組シートに合わせて更新しました（取組No ${no}）`,
		);
		expect(sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.departments]).toBe(
			"税務課",
		);
		paste(rt, Y, SHEET, row, ENTRY_COL.rating + 1, [["A"]]);
		refused(() => paste(rt, X, SHEET, row, ENTRY_COL.rating + 1, [["B"]]));
		const again = expectOk(rt.runMenu("validateAll", DX));
		expect(again.message).not.toContain("保護");
		expect(again.message).not.toContain("担当課を取組シートに合わせて");
		now = new Date("2024-05-24T09:00:00+09:00");
	});
});

describe("an edit while another run holds the document", () => {
	it("is still put on record in 変更履歴, and validated by the next 全行を検証", () => {
		const rt = openedSampleBook();
		rt.state.locks.document = "a-long-reminder-run";
		const row = rowOf(rt, "市民課");
		paste(rt, X, SHEET, row, ENTRY_COL.rating + 1, [["b"]]);
		const last = rowsOf(rt, SHEET_NAMES.editLog).at(-1);
		expect(last?.slice(1, 7)).toEqual([
			X,
			SHEET,
			`F${row}`,
			"（検証待ち）",
			"",
			"b",
		]);
		expect(sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.rating]).toBe("b");
		rt.state.locks.document = null;
		expectOk(rt.runMenu("validateAll", DX));
		expect(sheetModel(rt, SHEET).values[row - 1]?.[ENTRY_COL.rating]).toBe(
			"B まずまず進んだ",
		);
	});
});
