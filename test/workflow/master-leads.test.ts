/**
 * The master leads (SPEC 9, issue 11 item 7), through the bundle: an initiative added to 取組
 * after the year was opened gets its row in the entry sheet at the next 全行を検証, a deleted
 * entry row is restored from the master, and neither is reminded about while it has no row.
 */
import { describe, expect, it } from "vitest";
import { ENTRY_COL, SHEET_NAMES, STATUS_BLANK } from "../../src/domain";
import { isSpreadsheetCall } from "../../src/local/runtime/calls";
import { lastRow } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { paste, sheetModel } from "../../src/local/workbook-ops";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { DX, expectOk, openedSampleBook } from "./helpers";

const SHEET = "評価_R5";
const SHIMIN = sampleDepartmentEmail("市民課");
const ZEIMU = sampleDepartmentEmail("税務課");

/** The DX office pastes initiatives below the last row of 取組. */
function addInitiatives(rt: LocalRuntime, rows: string[][]): void {
	const last = lastRow(sheetModel(rt, SHEET_NAMES.initiatives));
	paste(rt, DX, SHEET_NAMES.initiatives, last + 1, 1, rows);
}

/** 1-based rows of the entry sheet whose 取組No is `no`. */
function entryRowsOf(rt: LocalRuntime, no: string): number[] {
	return sheetModel(rt, SHEET)
		.values.map((r, i) => (String(r[ENTRY_COL.no]) === no ? i + 1 : 0))
		.filter((r) => r > 0);
}

function plannedMissing(rt: LocalRuntime, department: string): number {
	const preview = expectOk(rt.runMenu("previewReminders", DX));
	const planned = preview.planned as Array<{
		department: string;
		missing: number;
	}>;
	return planned.find((p) => p.department === department)?.missing ?? 0;
}

function shiminCount(rt: LocalRuntime): number {
	return sheetModel(rt, SHEET).values.filter(
		(r) => r[ENTRY_COL.departments] === "市民課",
	).length;
}

describe("the master leads the entry sheet", () => {
	it("an initiative added to 取組 gets its row at 全行を検証, typed into by its department only", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-31T09:00:00+09:00"),
		});
		const before = shiminCount(rt);
		addInitiatives(rt, [["900", "窓口予約のオンライン化", "市民課", "I-1"]]);
		expect(entryRowsOf(rt, "900")).toEqual([]);
		// Not reminded about while it has no row: nobody could answer it.
		expect(plannedMissing(rt, "市民課")).toBe(before);

		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.rowsAdded).toEqual(["900"]);
		expect(String(result.message)).toContain("行を追加しました（取組No 900）");
		const [row] = entryRowsOf(rt, "900") as [number];
		const sheet = sheetModel(rt, SHEET);
		expect(row).toBe(lastRow(sheet));
		const values = sheet.values[row - 1] ?? [];
		expect(values.slice(0, 5)).toEqual([
			"900",
			"I 行政サービスのDX",
			"I-1",
			"窓口予約のオンライン化",
			"市民課",
		]);
		expect(values[ENTRY_COL.status]).toBe(STATUS_BLANK);
		// The dropdown and the status colours reach the new row.
		const cell = { row: row - 1, col: ENTRY_COL.rating };
		expect(
			sheet.validations.some(
				(v) =>
					v.rect.col === cell.col &&
					v.rect.row <= cell.row &&
					cell.row < v.rect.row + v.rect.numRows,
			),
		).toBe(true);
		expect(sheet.conditionalFormats).toHaveLength(3);
		for (const rule of sheet.conditionalFormats) {
			const [rect] = rule.rects;
			expect(rect && rect.row + rect.numRows).toBe(row);
		}
		expect(plannedMissing(rt, "市民課")).toBe(before + 1);

		// Its department types into it (validated as typed); another department cannot.
		paste(rt, SHIMIN, SHEET, row, ENTRY_COL.rating + 1, [["a"]]);
		expect(sheet.values[row - 1]?.[ENTRY_COL.rating]).toBe("A 順調に進んだ");
		expect(sheet.values[row - 1]?.[ENTRY_COL.editor]).toBe(SHIMIN);
		expect(() =>
			paste(rt, ZEIMU, SHEET, row, ENTRY_COL.achievement + 1, [["x"]]),
		).toThrow();
		// A second 全行を検証 adds nothing.
		expect(expectOk(rt.runMenu("validateAll", DX)).rowsAdded).toEqual([]);
		expect(entryRowsOf(rt, "900")).toHaveLength(1);
	});

	it("a deleted entry row is restored from the master, and not reminded about until then", () => {
		const rt = openedSampleBook({
			now: () => new Date("2024-05-31T09:00:00+09:00"),
		});
		const before = shiminCount(rt);
		const sheet = sheetModel(rt, SHEET);
		const row = sheet.values.findIndex(
			(r) => r[ENTRY_COL.departments] === "市民課",
		);
		const deleted = sheet.values[row]?.slice(0, 5) ?? [];
		rt.deleteRows(DX, SHEET, row + 1, 1);
		expect(plannedMissing(rt, "市民課")).toBe(before - 1);

		const result = expectOk(rt.runMenu("validateAll", DX));
		expect(result.rowsAdded).toEqual([deleted[0]]);
		const [restored] = entryRowsOf(rt, String(deleted[0])) as [number];
		expect(sheet.values[restored - 1]?.slice(0, 5)).toEqual(deleted);
		expect(plannedMissing(rt, "市民課")).toBe(before);
		paste(rt, SHIMIN, SHEET, restored, ENTRY_COL.rating + 1, [["B"]]);
		expect(sheet.values[restored - 1]?.[ENTRY_COL.rating]).toBe(
			"B まずまず進んだ",
		);
	});

	it("a closed year gets no rows: its sheet is the record", () => {
		const rt = openedSampleBook();
		expectOk(rt.runMenu("closeFiscalYear", DX));
		addInitiatives(rt, [["901", "新しい取組", "市民課", "I-1"]]);
		expect(expectOk(rt.runMenu("validateAll", DX)).rowsAdded).toEqual([]);
		expect(entryRowsOf(rt, "901")).toEqual([]);
	});

	it("adding 1 or 60 rows costs the same spreadsheet calls", () => {
		const callsFor = (count: number) => {
			const rt = openedSampleBook();
			addInitiatives(
				rt,
				Array.from({ length: count }, (_, i) => [
					String(1000 + i),
					`追加の取組${i}`,
					i % 2 === 0 ? "市民課" : "税務課",
					"I-1",
				]),
			);
			rt.calls.reset();
			const result = expectOk(rt.runMenu("validateAll", DX));
			expect(result.rowsAdded).toHaveLength(count);
			return Object.entries(rt.calls.snapshot())
				.filter(([name]) => isSpreadsheetCall(name))
				.reduce((n, [, c]) => n + c, 0);
		};
		expect(callsFor(60)).toBe(callsFor(2));
	});
});
