/**
 * SPEC 9: edits made directly in the book with Excel or LibreOffice leave a trace. The next
 * command that reads the book logs each changed input cell in 変更履歴 (利用者
 * （ファイルで直接編集）, 旧値/新値) and validates those rows, through the bundle's
 * recordFileEdits, in a constant number of spreadsheet calls.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	FILE_EDIT_USER,
	type FileEdit,
	SHEET_NAMES,
} from "../../src/domain";
import { findProgram } from "../../src/local/office/libreoffice";
import { isSpreadsheetCall } from "../../src/local/runtime/calls";
import type { WorkbookModel } from "../../src/local/runtime/model";
import { loadWorkbook } from "../../src/local/runtime/xlsx";
import { sheetModel } from "../../src/local/workbook-ops";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { CLI_PATH } from "../support/bundle";
import { makeDemoBook } from "../support/demo-book";
import { editWithLibreOffice, hasPythonUno } from "../support/libreoffice-edit";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";
import { editXlsxCells } from "../support/xlsx-edit";
import { DX, openedSampleBook } from "../workflow/helpers";

const SHEET = "評価_R5";
let demo: { dir: string; book: string };

function cli(...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd: demo.dir,
		encoding: "utf8",
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sheet(wb: WorkbookModel, name: string) {
	const s = wb.sheets.find((x) => x.name === name);
	if (!s) throw new Error(`no sheet ${name}`);
	return s;
}

beforeAll(() => {
	demo = makeDemoBook();
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(demo.dir, { recursive: true, force: true }));

describe("a book changed by another program", () => {
	it("the next command logs each changed input cell and validates its row, once", {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		const before = await loadWorkbook(demo.book);
		const entry = sheet(before, SHEET).values;
		const oldRating = entry[1]?.[ENTRY_COL.rating];
		const oldAchievement = entry[2]?.[ENTRY_COL.achievement];
		const logLength = sheet(before, SHEET_NAMES.editLog).values.length;
		const path = join(demo.dir, "edited.xlsx");
		writeFileSync(
			path,
			await editXlsxCells(readFileSync(demo.book), SHEET, {
				F2: "c", // C needs a reason, and row 2 has none
				G3: "ファイルで書き換えた実績",
			}),
		);

		const r = cli("validate", "edited.xlsx", "--json");
		expect(r.stderr).toBe(
			"注意: ファイルで直接編集されたセル 2か所を変更履歴に記録し、2行を検証しました。\n",
		);
		expect(r.code).toBe(1);
		expect(JSON.parse(r.stdout).rows).toEqual([
			expect.objectContaining({
				cell: "H2",
				reason: "評価がC・Dの場合は「評価理由・課題」を入力してください",
			}),
		]);

		const after = await loadWorkbook(path);
		const log = sheet(after, SHEET_NAMES.editLog).values;
		expect(log.slice(logLength).map((row) => row.slice(1))).toEqual([
			[FILE_EDIT_USER, SHEET, "F2", "1", oldRating, "c"],
			[
				FILE_EDIT_USER,
				SHEET,
				"G3",
				"2",
				oldAchievement,
				"ファイルで書き換えた実績",
			],
		]);
		const row2 = sheet(after, SHEET).values[1] ?? [];
		expect(row2[ENTRY_COL.rating]).toBe("C あまり進まなかった");
		expect(String(row2[ENTRY_COL.status])).toMatch(/^要修正：/);
		expect(row2[ENTRY_COL.editor]).toBe(FILE_EDIT_USER);
		// Row 4 was not edited: its 入力者 stays the department's.
		expect(sheet(after, SHEET).values[3]?.[ENTRY_COL.editor]).toBe(
			entry[3]?.[ENTRY_COL.editor],
		);

		const again = cli("validate", "edited.xlsx");
		expect(again.stderr).toBe("");
		const log2 = sheet(await loadWorkbook(path), SHEET_NAMES.editLog).values;
		expect(log2).toHaveLength(log.length);
	});
});

const missing = [
	...(findProgram("soffice") ? [] : ["soffice"]),
	...(hasPythonUno() ? [] : ["python3-uno"]),
];
noteMissing(
	"LibreOffice direct-edit test",
	missing,
	"libreoffice-calc-nogui python3-uno",
);

describe("a book edited in LibreOffice", () => {
	it.runIf(PROGRAMS_REQUIRED)(
		"LibreOffice is installed (DX_REQUIRE_PROGRAMS=1)",
		() => {
			expect(missing).toEqual([]);
		},
	);

	it.skipIf(missing.length > 0)(
		"a rating typed in LibreOffice and saved is logged by the next summary",
		async () => {
			const copy = join(demo.dir, "lo-in.xlsx");
			copyFileSync(demo.book, copy);
			const edited = join(demo.dir, "lo-out.xlsx");
			await editWithLibreOffice(copy, edited, {
				sheet: SHEET,
				a1: "F5",
				text: "d",
			});
			const before = sheet(await loadWorkbook(copy), SHEET).values[4] ?? [];
			const r = cli("summary", "lo-out.xlsx", "--json");
			expect(r.code).toBe(0);
			expect(r.stderr).toContain(
				"注意: ファイルで直接編集されたセル 1か所を変更履歴に記録し、1行を検証しました。",
			);
			const log = sheet(await loadWorkbook(edited), SHEET_NAMES.editLog).values;
			expect(log.at(-1)?.slice(1)).toEqual([
				FILE_EDIT_USER,
				SHEET,
				"F5",
				before[ENTRY_COL.no],
				before[ENTRY_COL.rating],
				"d",
			]);
		},
		WORKFLOW_BUDGET_MS * 2,
	);
});

describe("recordFileEdits", () => {
	/** Spreadsheet calls of recordFileEdits for `count` edits spread over the sheet's rows. */
	function callsFor(count: number): number {
		const rt = openedSampleBook();
		const rows = sheetModel(rt, SHEET).values.length;
		const edits: FileEdit[] = Array.from({ length: count }, (_, i) => ({
			sheet: SHEET,
			row: 2 + Math.floor((i * (rows - 2)) / count),
			col: ENTRY_COL.achievement + 1,
			no: String(i),
			oldValue: "",
			newValue: `実績${i}`,
		}));
		rt.calls.reset();
		const result = rt.run("recordFileEdits", [edits], {
			activeUser: DX,
			effectiveUser: DX,
			authMode: "FULL",
			kind: "menu",
		}) as { ok: boolean; logged: number };
		expect(result).toMatchObject({ ok: true, logged: count });
		return rt.calls.count(isSpreadsheetCall);
	}

	it("costs the same spreadsheet calls for 2 edits as for 80", () => {
		expect(callsFor(80)).toBe(callsFor(2));
	});

	it("is refused to an account outside the DX office", () => {
		const rt = openedSampleBook();
		// A department, an editor of the book, given the control spreadsheet by mistake.
		rt.share("someone@city-kameyama.example");
		rt.shareControl("someone@city-kameyama.example");
		const result = rt.run("recordFileEdits", [[]], {
			activeUser: "someone@city-kameyama.example",
			effectiveUser: "someone@city-kameyama.example",
			authMode: "FULL",
			kind: "menu",
		}) as { ok: boolean; message: string };
		expect(result.ok).toBe(false);
		expect(result.message).toContain("DX推進室だけが実行できます");
	});
});
