/**
 * A 照会 file answered in LibreOffice (SPEC 9: files may come back saved by Excel or LibreOffice):
 * `split` writes it, LibreOffice headless opens it, cells are typed through Python-UNO and it is
 * saved as .xlsx by LibreOffice's own writer, then `collect` takes it. Skipped with a note when
 * `soffice` or python3-uno is missing, unless DX_REQUIRE_PROGRAMS=1 (CI), where that fails.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inquiryFileName as answerFileName, ENTRY_COL } from "../../src/domain";
import { findProgram } from "../../src/local/office/libreoffice";
import { loadWorkbook } from "../../src/local/runtime/xlsx";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { cli, ENTRY, entryRow, saveSampleBook } from "../support/answer-forms";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt } from "../support/bundle";
import { editWithLibreOffice, hasPythonUno } from "../support/libreoffice-edit";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";

const missing = [
	...(findProgram("soffice") === undefined ? ["soffice"] : []),
	...(hasPythonUno() ? [] : ["python3-uno"]),
];
noteMissing(
	"LibreOffice 照会/回答 tests",
	missing,
	"libreoffice-calc-nogui python3-uno",
);

describe("programs the 照会/回答 interop test needs", () => {
	it.runIf(PROGRAMS_REQUIRED)("are installed (DX_REQUIRE_PROGRAMS=1)", () => {
		expect(missing).toEqual([]);
	});
});

describe.skipIf(missing.length > 0)(
	"a 照会 file answered in LibreOffice",
	() => {
		let dir: string;
		let answered: string;

		beforeAll(async () => {
			ensureBuilt();
			dir = mkdtempSync(join(tmpdir(), "dx-lo-answer-"));
			await saveSampleBook(join(dir, "book.xlsx"));
			const split = cli(dir, "split", "book.xlsx", "--out", "forms");
			if (split.code !== 0) throw new Error(split.stderr);
			answered = join(dir, "市民課の回答.xlsx");
			// 市民課's rows 2 and 3 are 取組No 4 and 5.
			await editWithLibreOffice(
				join(dir, "forms", answerFileName(2023, "市民課")),
				answered,
				[
					{ sheet: ENTRY, a1: "F2", text: "b" },
					{ sheet: ENTRY, a1: "G2", text: "LibreOfficeで入力した実績" },
					{ sheet: ENTRY, a1: "F3", text: "Ｃ　あまり進まなかった" },
					{ sheet: ENTRY, a1: "H3", text: "理由の1行目\n2行目" },
				],
			);
		}, SETUP_BUDGET_MS * 2);
		afterAll(() => rmSync(dir, { recursive: true, force: true }));

		it("keeps the sheet protection LibreOffice was given", async () => {
			const zip = await JSZip.loadAsync(readFileSync(answered));
			const sheets = await Promise.all(
				Object.keys(zip.files)
					.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
					.map((n) => zip.file(n)?.async("string") ?? ""),
			);
			expect(
				sheets.filter((x) => x.includes("<sheetProtection")).length,
			).toBeGreaterThanOrEqual(2);
		});

		it(
			"is taken by collect: canonical labels, 状態, 入力者, LibreOffice's save time; the second time nothing changes",
			async () => {
				const r = cli(dir, "collect", "book.xlsx", answered);
				expect(r.stderr).toBe("");
				expect(r.stdout).toMatch(
					/取込: 市民課の回答\.xlsx（市民課） 2行・4セル/,
				);
				expect(r.code).toBe(0);
				const savedAt = (await loadWorkbook(answered)).savedAt;
				expect(savedAt).toBeInstanceOf(Date);
				const book = await loadWorkbook(join(dir, "book.xlsx"));
				const four = entryRow(book, "4").values;
				expect(four[ENTRY_COL.rating]).toBe("B まずまず進んだ");
				expect(four[ENTRY_COL.achievement]).toBe("LibreOfficeで入力した実績");
				expect(four[ENTRY_COL.status]).toBe("入力済");
				expect(four[ENTRY_COL.editor]).toBe(sampleDepartmentEmail("市民課"));
				expect((four[ENTRY_COL.updatedAt] as Date).getTime()).toBe(
					savedAt?.getTime(),
				);
				const five = entryRow(book, "5").values;
				expect(five[ENTRY_COL.rating]).toBe("C あまり進まなかった");
				expect(five[ENTRY_COL.reason]).toBe("理由の1行目\n2行目");
				expect(five[ENTRY_COL.status]).toBe("入力済");
				const again = cli(dir, "collect", "book.xlsx", answered);
				expect(again.code).toBe(0);
				expect(again.stdout).toMatch(/変更なし: 市民課の回答\.xlsx/);
			},
			WORKFLOW_BUDGET_MS,
		);
	},
);
