/**
 * Validation as typed (SPEC 4) through the bundle: departments type and paste into 評価_R5, the
 * installable edit trigger checks the edited rows. Input is never lost: an accepted variant is
 * rewritten to its label, anything else stays exactly as typed and 状態 explains it.
 */
import { describe, expect, it } from "vitest";
import {
	BOOK_FONT,
	DATE_TIME_FORMAT,
	ENTRY_COL,
	parseRating,
} from "../../src/domain";
import { isSpreadsheetCall } from "../../src/local/runtime/calls";
import type { CellValue } from "../../src/local/runtime/model";
import { getCell } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { displayValue } from "../../src/local/runtime/spreadsheet/display";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { DX, openedSampleBook } from "./helpers";

const SHEET = "評価_R5";
const USER = "shimin@city-kameyama.example";

function cell(
	rt: LocalRuntime,
	row: number,
	key: keyof typeof ENTRY_COL,
): CellValue {
	return getCell(sheetModel(rt, SHEET), row - 1, ENTRY_COL[key]);
}

/** 1-based sheet rows whose only 担当課 is `department` (its own, contiguous rows). */
function rowsOf(rt: LocalRuntime, department: string): number[] {
	return sheetModel(rt, SHEET)
		.values.map((r, i) => (r[ENTRY_COL.departments] === department ? i + 1 : 0))
		.filter((r) => r > 0);
}

function typeRating(
	rt: LocalRuntime,
	row: number,
	value: CellValue,
	user = USER,
): void {
	paste(rt, user, SHEET, row, ENTRY_COL.rating + 1, [[value]]);
}

describe("validation as typed", () => {
	const rt = openedSampleBook({
		now: () => new Date("2024-05-20T10:00:00+09:00"),
	});
	const [r1, r2, r3, r4, r5, r6] = rowsOf(rt, "市民課") as [
		number,
		number,
		number,
		number,
		number,
		number,
	];

	it.each([
		["a", "A 順調に進んだ"],
		["ａ", "A 順調に進んだ"],
		[" b ", "B まずまず進んだ"],
		["Ｂ", "B まずまず進んだ"],
		["順調に進んだ", "A 順調に進んだ"],
		["Ｃ　あまり進まなかった", "C あまり進まなかった"],
		["d", "D 進まなかった"],
		["A 順調に進んだ", "A 順調に進んだ"],
	])("accepts %j and rewrites it to %j", (typed, label) => {
		typeRating(rt, r1, typed);
		expect(cell(rt, r1, "rating")).toBe(label);
		expect(String(cell(rt, r1, "status"))).toMatch(
			/^(入力済|要修正：評価がC・D)/,
		);
		expect(cell(rt, r1, "editor")).toBe(USER);
		expect(cell(rt, r1, "updatedAt")).toEqual(
			new Date("2024-05-20T10:00:00+09:00"),
		);
	});

	const rejected: CellValue[] = [
		"E",
		"AB",
		"1",
		"良好",
		"A+",
		"ふつう",
		"A 進まなかった",
		"+A",
		"-",
		"@A",
		"<b>A</b>",
		"😀",
		"Ａ😀",
		"x".repeat(10_000),
		3,
		0,
		true,
		new Date("2024-05-31T00:00:00+09:00"),
	];

	it.each(rejected.map((v) => [v]))(
		"keeps %j as typed and says why in 状態",
		(typed) => {
			typeRating(rt, r2, typed);
			const kept = cell(rt, r2, "rating");
			if (typed instanceof Date) expect(kept).toEqual(typed);
			else expect(kept).toBe(typed);
			const reason = parseRating(typed);
			expect(reason.ok).toBe(false);
			expect(cell(rt, r2, "status")).toBe(
				`要修正：${reason.ok ? "" : reason.reason}`,
			);
			expect(sheetModel(rt, SHEET).formats.get(`${r2 - 1},0`)?.background).toBe(
				"#fde2e1",
			);
		},
	);

	it("says exactly what is wrong with an unknown letter", () => {
		typeRating(rt, r3, "E");
		expect(cell(rt, r3, "status")).toBe(
			"要修正：評価は A・B・C・D のいずれかを選んでください（入力値: 「E」）",
		);
	});

	it("asks for 評価理由・課題 on C and D, and clears the highlight once it is given", () => {
		typeRating(rt, r4, "c");
		expect(cell(rt, r4, "status")).toBe(
			"要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
		);
		paste(rt, USER, SHEET, r4, ENTRY_COL.reason + 1, [
			["予算措置が遅れたため"],
		]);
		expect(cell(rt, r4, "status")).toBe("入力済");
		expect(
			sheetModel(rt, SHEET).formats.get(`${r4 - 1},0`)?.background ?? null,
		).toBeNull();
	});

	it("a cleared rating makes the row 未入力 again, stamped with who cleared it", () => {
		typeRating(rt, r5, "A");
		expect(cell(rt, r5, "status")).toBe("入力済");
		typeRating(rt, r5, "", DX);
		expect(cell(rt, r5, "rating")).toBe("");
		expect(cell(rt, r5, "status")).toBe("未入力");
		expect(cell(rt, r5, "editor")).toBe(DX);
	});

	it("validates every row of a paste, good and bad alike", () => {
		const fresh = openedSampleBook();
		const [p1, p2, p3, p4] = rowsOf(fresh, "市民課") as [
			number,
			number,
			number,
			number,
		];
		paste(fresh, USER, SHEET, p1, ENTRY_COL.rating + 1, [
			["a", "実績1", ""],
			["Z", "実績2", ""],
			["d", "", ""],
			["", "実績のみ", ""],
		]);
		expect([p1, p2, p3, p4].map((r) => cell(fresh, r, "rating"))).toEqual([
			"A 順調に進んだ",
			"Z",
			"D 進まなかった",
			"",
		]);
		expect(
			[p1, p2, p3, p4].map((r) => String(cell(fresh, r, "status")).slice(0, 4)),
		).toEqual(["入力済", "要修正：", "要修正：", "要修正："]);
		expect(cell(fresh, p2, "achievement")).toBe("実績2");
		const log = sheetModel(fresh, "変更履歴").values.slice(1);
		expect(log).toHaveLength(4);
		expect(log[1]?.slice(1, 7)).toEqual([
			USER,
			SHEET,
			`F${p2}:H${p2}`,
			cell(fresh, p2, "no"),
			"",
			"Z | 実績2 | ",
		]);
	});

	it("keeps very long text, emoji and formula-looking text exactly as typed", () => {
		const long = "長".repeat(10_000);
		paste(rt, USER, SHEET, r6, ENTRY_COL.rating + 1, [
			["B", long, '=HYPERLINK("http://x")😀'],
		]);
		expect(cell(rt, r6, "achievement")).toBe(long);
		expect(cell(rt, r6, "status")).toBe("入力済");
		// Typed by a user, a leading = makes a formula in Sheets; the runtime keeps it, never evaluates it.
		expect(sheetModel(rt, SHEET).formulas.get(`${r6 - 1},7`)).toBe(
			'=HYPERLINK("http://x")😀',
		);
	});

	it("marks input typed below the table, keeping it", () => {
		paste(rt, DX, SHEET, 90, ENTRY_COL.rating + 1, [["A"]]);
		expect(cell(rt, 90, "rating")).toBe("A");
		expect(String(cell(rt, 90, "status"))).toContain("取組Noのない行です");
	});

	it("ignores the header row and columns departments do not type into", () => {
		const before = cell(rt, 30, "status");
		const oldName = cell(rt, 30, "name");
		rt.calls.reset();
		paste(rt, DX, SHEET, 30, ENTRY_COL.name + 1, [["名称を修正"]]);
		expect(cell(rt, 30, "status")).toBe(before);
		// Logged in 変更履歴, not validated.
		expect(rt.calls.count(isSpreadsheetCall)).toBeLessThanOrEqual(17);
		expect(sheetModel(rt, "変更履歴").values.at(-1)?.slice(2, 7)).toEqual([
			SHEET,
			"D30",
			cell(rt, 30, "no"),
			oldName,
			"名称を修正",
		]);
		paste(rt, DX, SHEET, 1, ENTRY_COL.rating + 1, [["評価"]]);
		expect(cell(rt, 1, "rating")).toBe("評価");
	});
});

describe("the logs' 日時", () => {
	it("is shown as yyyy/mm/dd HH:mm like every date-time the product writes", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-20T10:00:00+09:00"),
		});
		paste(rt, DX, SHEET, 2, ENTRY_COL.rating + 1, [["a"], ["b"]]);
		const log = sheetModel(rt, "変更履歴");
		const last = log.values.length - 1;
		expect(log.values[last]?.[0]).toBeInstanceOf(Date);
		for (const row of [last - 1, last])
			expect(log.formats.get(`${row},0`)?.numberFormat).toBe(DATE_TIME_FORMAT);
	});

	/** An edit while a long run holds the document, after `earlier` logged edits. */
	function busyEdit(earlier: number) {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-20T10:00:00+09:00"),
		});
		const ratings = Array.from({ length: earlier }, () => ["a"]);
		if (earlier > 0) paste(rt, DX, SHEET, 2, ENTRY_COL.rating + 1, ratings);
		rt.state.locks.document = "a-long-reminder-run";
		rt.calls.reset();
		typeRating(rt, rowsOf(rt, "市民課")[0] as number, "b");
		return { rt, calls: rt.calls.snapshot() };
	}

	it("is shown so for an edit logged while another run holds the document, in the same calls however long the log", () => {
		const { rt, calls } = busyEdit(80);
		const log = sheetModel(rt, "変更履歴");
		const last = log.values.length - 1;
		expect(log.values[last]?.[4]).toBe("（検証待ち）");
		const format = log.formats.get(`${last},0`);
		expect(format?.numberFormat).toBe(DATE_TIME_FORMAT);
		expect(format?.font?.family).toBe(BOOK_FONT);
		expect(
			displayValue(
				log.values[last]?.[0] as CellValue,
				format?.numberFormat,
				rt.workbook.timeZone,
			),
		).toBe("2024/05/20 10:00");
		expect(busyEdit(0).calls).toEqual(calls);
	});
});

describe("edit cost", () => {
	function callsFor(rows: number): Record<string, number> {
		const rt = openedSampleBook();
		rt.calls.reset();
		const block = Array.from({ length: rows }, (_, i) => [
			i % 2 === 0 ? "a" : "Q",
			`実績${i}`,
			"",
		]);
		paste(rt, DX, SHEET, 2, ENTRY_COL.rating + 1, block);
		return rt.calls.snapshot();
	}

	it("a single cell and an 80-row paste make the same spreadsheet calls", () => {
		const one = callsFor(1);
		const many = callsFor(80);
		expect(many).toEqual(one);
		const spreadsheetCalls = Object.entries(one)
			.filter(([name]) => isSpreadsheetCall(name))
			.reduce((n, [, c]) => n + c, 0);
		expect(spreadsheetCalls).toBeLessThanOrEqual(25);
	});
});
