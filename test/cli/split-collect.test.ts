/**
 * SPEC 9's 照会 and 回答 files through the command line (`split`, `collect` in a child process on
 * real .xlsx files): what a department's file holds and hides, how its answers are taken,
 * validated and logged, conflicts, collecting twice, and every kind of refusal.
 */
import {
	copyFileSync,
	cpSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	inquiryFileName as answerFileName,
	ENTRY_COL,
	ENTRY_HEADERS,
	SEED_DEPARTMENT_NAMES,
	SHEET_NAMES,
} from "../../src/domain";
import { runActionOrThrow } from "../../src/local/run-action";
import { setCell } from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import { pasteTable, setSettings } from "../../src/local/workbook-ops";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
} from "../../src/sample/departments";
import {
	ANSWER_METHOD,
	cli,
	ENTRY,
	entryRow,
	saveSampleBook,
	sheetOf,
	typeInto,
} from "../support/answer-forms";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt, newRuntime } from "../support/bundle";

const C = ENTRY_COL;
let root: string;
/** A split book and its forms, copied for each test that changes them. */
let template: string;

beforeAll(async () => {
	ensureBuilt();
	root = mkdtempSync(join(tmpdir(), "dx-split-"));
	template = join(root, "template");
	mkdirSync(template);
	await saveSampleBook(join(template, "book.xlsx"), "病院");
	const r = cli(template, "split", "book.xlsx", "--out", "forms");
	if (r.code !== 0) throw new Error(`split failed: ${r.stderr}`);
}, SETUP_BUDGET_MS);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let cases = 0;
/** A fresh copy of the split book and its forms. */
function fresh(): string {
	const dir = join(root, `case${++cases}`);
	cpSync(template, dir, { recursive: true });
	return dir;
}

const form = (dir: string, department: string) =>
	join(dir, "forms", answerFileName(2023, department));

describe("split", () => {
	it("writes one file per department of 担当課, named <年度>_<課名>.xlsx", () => {
		const files = readdirSync(join(template, "forms")).sort();
		expect(files).toEqual(
			SEED_DEPARTMENT_NAMES.map((d) => answerFileName(2023, d)).sort(),
		);
	});

	it("gives each department its own rows only, the book's columns, 記入方法 and nobody else's address", async () => {
		const book = await loadWorkbook(join(template, "book.xlsx"));
		const entry = sheetOf(book, ENTRY);
		for (const department of SEED_DEPARTMENT_NAMES) {
			const path = form(template, department);
			const wb = await loadWorkbook(path);
			expect(wb.sheets.map((s) => s.name)).toEqual(["記入方法", ENTRY]);
			const sheet = sheetOf(wb, ENTRY);
			expect(sheet.values[0]).toEqual([...ENTRY_HEADERS]);
			const own = entry.values
				.slice(1)
				.filter((r) =>
					String(r[C.departments]).split("、").includes(department),
				)
				.map((r) => r[C.no]);
			expect(sheet.values.slice(1).map((r) => r[C.no])).toEqual(own);
			const xml = await allText(path);
			for (const other of SEED_DEPARTMENT_NAMES)
				if (other !== department && other !== "病院")
					expect(xml, `${department} has ${other}'s address`).not.toContain(
						sampleDepartmentEmail(other),
					);
		}
		const guide = sheetOf(
			await loadWorkbook(form(template, "市民課")),
			"記入方法",
		);
		const item = (label: string) =>
			guide.values.find((r) => r[0] === label)?.[1];
		expect(item("年度")).toBe("令和5年度");
		expect(item("担当課")).toBe("市民課");
		expect(item("回答期限")).toBe("2024年5月31日（金）");
		expect(item("回答方法")).toBe(ANSWER_METHOD);
		expect(item("問い合わせ先")).toBe(`DX推進室（${SAMPLE_DX_OFFICE}）`);
		expect(String(item("記入方法"))).toContain("評価理由・課題");
	});

	it("locks everything but the input cells, keeps the dropdown and the status colours, and has no macros", async () => {
		const path = form(template, "市民課");
		const zip = await JSZip.loadAsync(readFileSync(path));
		expect(Object.keys(zip.files).some((n) => /vba|\.bin$/i.test(n))).toBe(
			false,
		);
		expect(await zip.file("[Content_Types].xml")?.async("string")).not.toMatch(
			/macroEnabled/i,
		);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
		const ws = wb.getWorksheet(ENTRY) as ExcelJS.Worksheet;
		const rows = ws.rowCount;
		expect(rows).toBe(8);
		for (let r = 2; r <= rows; r++) {
			for (const col of ["F", "G", "H"])
				expect(ws.getCell(`${col}${r}`).protection?.locked).toBe(false);
			for (const col of ["A", "D", "E", "I", "J", "K"])
				expect(ws.getCell(`${col}${r}`).protection?.locked).not.toBe(false);
		}
		for (const name of ["記入方法", ENTRY]) {
			const index = wb.worksheets.findIndex((w) => w.name === name) + 1;
			const xml = await zip
				.file(`xl/worksheets/sheet${index}.xml`)
				?.async("string");
			expect(xml, name).toMatch(/<sheetProtection [^>]*sheet="1"/);
		}
		const validations = (
			ws as unknown as {
				dataValidations: { model: Record<string, ExcelJS.DataValidation> };
			}
		).dataValidations.model;
		expect(Object.keys(validations).sort()).toEqual(
			["F2", "F3", "F4", "F5", "F6", "F7", "F8"].sort(),
		);
		expect(validations.F2?.formulae[0]).toContain("A 順調に進んだ");
		const formats = (
			ws as unknown as { conditionalFormattings: { ref: string }[] }
		).conditionalFormattings.map((f) => f.ref);
		expect(formats).toEqual(["I2:I8", "I2:I8", "I2:I8"]);
	});

	it(
		"refuses to replace existing files without --force, and never the book",
		() => {
			const dir = fresh();
			const before = readFileSync(form(dir, "市民課"));
			const r = cli(dir, "split", "book.xlsx", "--out", "forms");
			expect(r.code).toBe(2);
			expect(r.stderr).toMatch(
				/--out のフォルダにファイルがすでにあります: .+（上書きしません。上書きするには --force を付けてください）/,
			);
			expect(readFileSync(form(dir, "市民課"))).toEqual(before);
			expect(
				cli(dir, "split", "book.xlsx", "--out", "forms", "--force").code,
			).toBe(0);
			copyFileSync(join(dir, "book.xlsx"), form(dir, "市民課"));
			const self = cli(
				dir,
				"split",
				form(dir, "市民課"),
				"--out",
				"forms",
				"--force",
			);
			expect(self.code).toBe(2);
			expect(self.stderr).toMatch(/ブック自身/);
		},
		WORKFLOW_BUDGET_MS,
	);

	it("names files safely for Windows", () => {
		expect(answerFileName(2024, "企画/財政課")).toBe("R6_企画_財政課.xlsx");
		expect(answerFileName(2024, 'a\\b:c*d?e"f<g>h|i')).toBe(
			"R6_a_b_c_d_e_f_g_h_i.xlsx",
		);
		expect(answerFileName(2024, "市民課.")).toBe("R6_市民課.xlsx");
	});
});

describe("collect", () => {
	it(
		"takes the input cells, validates and stamps them as the edit trigger does, logs each cell, and changes nothing the second time",
		async () => {
			const dir = fresh();
			await typeInto(form(dir, "市民課"), [
				{ no: "4", col: C.rating, value: "b" },
				{ no: "4", col: C.achievement, value: "窓口で案内した" },
				{ no: "5", col: C.rating, value: "Ｃ" },
			]);
			const savedAt = (await loadWorkbook(form(dir, "市民課"))).savedAt;
			await typeInto(form(dir, "病院"), [
				{ no: "51", col: C.rating, value: "A" },
			]);
			const r = cli(dir, "collect", "book.xlsx", "forms");
			expect(r.stderr).toBe("");
			expect(r.code).toBe(0);
			expect(r.stdout).toMatch(
				/取込: R5_市民課\.xlsx（市民課） 2行・3セル（うち要修正 1行）/,
			);
			expect(r.stdout).toMatch(/取込: R5_病院\.xlsx（病院） 1行・1セル/);
			expect(r.stdout).toMatch(
				/合計 22件: 取込 2件、変更なし 20件、拒否 0件、競合 0件。/,
			);
			const book = await loadWorkbook(join(dir, "book.xlsx"));
			const shimin = sampleDepartmentEmail("市民課");
			const four = entryRow(book, "4").values;
			expect(four.slice(C.rating, C.updatedAt)).toEqual([
				"B まずまず進んだ",
				"窓口で案内した",
				"",
				"入力済",
				shimin,
			]);
			expect((four[C.updatedAt] as Date).getTime()).toBe(savedAt?.getTime());
			expect(entryRow(book, "5").values[C.status]).toMatch(/^要修正：/);
			// A department without an address is named instead (SPEC 9).
			expect(entryRow(book, "51").values[C.editor]).toBe("病院");
			const log = sheetOf(book, SHEET_NAMES.editLog).values.slice(1);
			const row4 = entryRow(book, "4").row;
			expect(log.map((l) => l.slice(1))).toEqual([
				[shimin, ENTRY, `F${row4}`, "4", "", "b"],
				[shimin, ENTRY, `G${row4}`, "4", "", "窓口で案内した"],
				[shimin, ENTRY, `F${entryRow(book, "5").row}`, "5", "", "Ｃ"],
				["病院", ENTRY, `F${entryRow(book, "51").row}`, "51", "", "A"],
			]);
			const bytes = readFileSync(join(dir, "book.xlsx"));
			const again = cli(dir, "collect", "book.xlsx", "forms");
			expect(again.code).toBe(0);
			expect(again.stdout).toMatch(
				/取込 0件、変更なし 22件、拒否 0件、競合 0件。ブックは変更していません。/,
			);
			expect(readFileSync(join(dir, "book.xlsx"))).toEqual(bytes);
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"keeps the book's value where the book changed after the split and lists the conflict; the same value from two departments is no conflict",
		async () => {
			const dir = fresh();
			// The DX office corrects 取組No 6 in the book after the split.
			const bookPath = join(dir, "book.xlsx");
			const book = await loadWorkbook(bookPath);
			const six = entryRow(book, "6");
			setCell(sheetOf(book, ENTRY), six.row - 1, C.rating, "A 順調に進んだ");
			await saveWorkbook(book, bookPath);
			await typeInto(form(dir, "市民課"), [
				{ no: "6", col: C.rating, value: "D" },
				{ no: "7", col: C.rating, value: "A" },
			]);
			// 取組No 18 is 会計課's and 財務課's: both answer B.
			await typeInto(form(dir, "会計課"), [
				{ no: "18", col: C.rating, value: "B" },
			]);
			await typeInto(form(dir, "財務課"), [
				{ no: "18", col: C.rating, value: "b" },
				{ no: "18", col: C.reason, value: "財務課の補足" },
			]);
			const r = cli(
				dir,
				"collect",
				"book.xlsx",
				form(dir, "市民課"),
				form(dir, "会計課"),
				form(dir, "財務課"),
			);
			expect(r.code).toBe(1);
			expect(r.stdout).toContain(
				`  競合: 取組No 6 F${six.row}（評価）はブックの値「A 順調に進んだ」のままです（ファイルの値「D」）`,
			);
			expect(r.stdout).toMatch(/取込: R5_市民課\.xlsx（市民課） 1行・1セル/);
			expect(r.stdout).toMatch(/取込: R5_会計課\.xlsx（会計課） 1行・1セル\n/);
			expect(r.stdout).toMatch(/取込: R5_財務課\.xlsx（財務課） 1行・1セル\n/);
			expect(r.stdout).toMatch(/競合 1件/);
			const after = await loadWorkbook(bookPath);
			expect(entryRow(after, "6").values[C.rating]).toBe("A 順調に進んだ");
			expect(entryRow(after, "7").values[C.rating]).toBe("A 順調に進んだ");
			const shared = entryRow(after, "18").values;
			expect(shared[C.rating]).toBe("B まずまず進んだ");
			expect(shared[C.reason]).toBe("財務課の補足");
			expect(shared[C.editor]).toBe(sampleDepartmentEmail("財務課"));
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"refuses each file whole, with its name and reason, and still takes the good one (book saved once)",
		async () => {
			const dir = fresh();
			const f = (d: string) => form(dir, d);
			const good = f("市民課");
			await typeInto(good, [{ no: "4", col: C.rating, value: "A" }]);
			// A locked cell, and a cell beyond the table.
			await typeInto(f("税務課"), [
				{ no: "16", col: C.rating, value: "A" },
				{ no: "16", col: C.name, value: "名前を変えた" },
			]);
			await typeInto(f("図書館"), [{ no: "14", col: 11, value: "メモ" }]);
			// The signed identity changed and its digest recomputed (the HMAC still tells).
			await forge(f("総務課"), (identity) => {
				identity.department = "市民課";
			});
			// The hidden sheet edited by hand.
			await editHiddenSheet(f("広報秘書課"));
			// Not a 照会 file; another book's file; not an xlsx at all.
			const other = join(dir, "other");
			mkdirSync(other);
			await saveSampleBook(join(other, "book.xlsx"));
			expect(cli(other, "split", "book.xlsx", "--out", "forms").code).toBe(0);
			const foreign = join(dir, "foreign.xlsx");
			copyFileSync(form(other, "市民課"), foreign);
			const plain = join(dir, "plain.xlsx");
			copyFileSync(join(dir, "book.xlsx"), plain);
			const broken = join(dir, "broken.xlsx");
			writeFileSync(broken, readFileSync(good).subarray(0, 2000));
			const before = await loadWorkbook(join(dir, "book.xlsx"));
			const r = cli(
				dir,
				"collect",
				"book.xlsx",
				good,
				f("税務課"),
				f("図書館"),
				f("総務課"),
				f("広報秘書課"),
				foreign,
				plain,
				broken,
			);
			expect(r.code).toBe(1);
			const line = (name: string) =>
				r.stdout.split("\n").find((l) => l.includes(name)) ?? "";
			expect(line("R5_市民課.xlsx")).toMatch(/^取込/);
			expect(line("R5_税務課.xlsx")).toMatch(
				/^拒否: .*保護されたセル D\d+（取組名、取組No 16）が変更されています/,
			);
			expect(line("R5_図書館.xlsx")).toMatch(
				/^拒否: .*表の外のセル L\d+ に入力があります/,
			);
			for (const name of ["R5_総務課.xlsx", "R5_広報秘書課.xlsx"])
				expect(line(name)).toMatch(/^拒否: .*識別情報.*変更されています/);
			expect(line("foreign.xlsx")).toMatch(
				/^拒否: .*このブックから作成した照会ファイルではありません/,
			);
			expect(line("plain.xlsx")).toMatch(/^拒否: .*照会ファイルではありません/);
			expect(line("broken.xlsx")).toMatch(/^拒否: .*読み込めません/);
			expect(r.stdout).toMatch(/取込 1件、変更なし 0件、拒否 7件/);
			const after = await loadWorkbook(join(dir, "book.xlsx"));
			expect(entryRow(after, "4").values[C.rating]).toBe("A 順調に進んだ");
			for (const no of ["16", "14", "37"])
				expect(entryRow(after, no).values, no).toEqual(
					entryRow(before, no).values,
				);
		},
		WORKFLOW_BUDGET_MS * 2,
	);

	it(
		"refuses a file of another year and a file that changed a row its department no longer owns",
		async () => {
			const dir = fresh();
			await typeInto(form(dir, "市民課"), [
				{ no: "4", col: C.rating, value: "A" },
			]);
			await typeInto(form(dir, "税務課"), [
				{ no: "17", col: C.rating, value: "A" },
			]);
			// After the split the DX office moves 取組No 17 to 市民課 (全行を検証 follows the master).
			const path = join(dir, "book.xlsx");
			const book = await loadWorkbook(path);
			const rt = newRuntime({ workbook: book });
			const master = sheetOf(book, SHEET_NAMES.initiatives).values.map((r) => [
				...r,
			]);
			const row = master.find((r) => String(r[0]) === "17") as unknown[];
			row[2] = "市民課";
			pasteTable(
				rt,
				SAMPLE_DX_OFFICE,
				SHEET_NAMES.initiatives,
				master as never,
			);
			runActionOrThrow(rt, "validateAll", SAMPLE_DX_OFFICE);
			await saveWorkbook(book, path);
			const moved = cli(dir, "collect", "book.xlsx", form(dir, "税務課"));
			expect(moved.code).toBe(1);
			expect(moved.stdout).toMatch(
				/拒否: R5_税務課\.xlsx（税務課） 取組No 17 は税務課の担当ではありません（ブックの担当課: 市民課）/,
			);
			// The next year is opened: the 令和5年度 file no longer belongs to the target year.
			setSettings(rt, SAMPLE_DX_OFFICE, { 対象年度: "R6" });
			runActionOrThrow(rt, "openFiscalYear", SAMPLE_DX_OFFICE);
			await saveWorkbook(book, path);
			const late = cli(dir, "collect", "book.xlsx", form(dir, "市民課"));
			expect(late.code).toBe(1);
			expect(late.stdout).toMatch(
				/拒否: R5_市民課\.xlsx（市民課） 令和5年度の照会ファイルです（ブックの対象年度は令和6年度）/,
			);
		},
		WORKFLOW_BUDGET_MS,
	);

	it(
		"stamps the time of the collect when the file does not say when it was saved",
		async () => {
			const dir = fresh();
			const path = form(dir, "市民課");
			await typeInto(path, [{ no: "8", col: C.rating, value: "A" }]);
			const zip = await JSZip.loadAsync(readFileSync(path));
			const core = (await zip.file("docProps/core.xml")?.async("string")) ?? "";
			zip.file(
				"docProps/core.xml",
				core.replace(/<dcterms:modified[^>]*>[^<]*<\/dcterms:modified>/, ""),
			);
			writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));
			const t0 = Date.now();
			expect(cli(dir, "collect", "book.xlsx", path).code).toBe(0);
			const t1 = Date.now();
			const at = entryRow(await loadWorkbook(join(dir, "book.xlsx")), "8")
				.values[C.updatedAt] as Date;
			expect(at.getTime()).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);
			expect(at.getTime()).toBeLessThanOrEqual(t1);
		},
		WORKFLOW_BUDGET_MS,
	);

	it("says what is wrong with its arguments", () => {
		const dir = fresh();
		const none = cli(dir, "collect", "book.xlsx");
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/^dx-progress: 使い方: dx-progress collect/);
		const missing = cli(dir, "collect", "book.xlsx", "nowhere");
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/見つかりません: nowhere/);
		const empty = join(dir, "empty");
		mkdirSync(empty);
		writeFileSync(join(empty, "~$R5_市民課.xlsx"), "lock");
		const nothing = cli(dir, "collect", "book.xlsx", "empty");
		expect(nothing.code).toBe(2);
		expect(nothing.stderr).toMatch(
			/取り込む回答ファイル（\.xlsx）がありません/,
		);
		expect(readFileSync(join(dir, "book.xlsx"))).toEqual(
			readFileSync(join(template, "book.xlsx")),
		);
	});
});

/** Every text part of an .xlsx, concatenated. */
async function allText(path: string): Promise<string> {
	const zip = await JSZip.loadAsync(readFileSync(path));
	const parts = await Promise.all(
		Object.values(zip.files)
			.filter((f) => !f.dir)
			.map((f) => f.async("string")),
	);
	return parts.join("\n");
}

/** Changes the file's signed identity and saves it through the runtime (a fresh state digest). */
async function forge(
	path: string,
	change: (identity: { department: string }) => void,
): Promise<void> {
	const wb = await loadWorkbook(path);
	const signed = wb.runtimeExtra?.answerForm as {
		identity: { department: string };
	};
	change(signed.identity);
	await saveWorkbook(wb, path);
}

/** Someone unhides and edits the runtime's sheet: its digest no longer matches. */
async function editHiddenSheet(path: string): Promise<void> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
	const ws = wb.getWorksheet("__dx_runtime__") as ExcelJS.Worksheet;
	const cell = ws.getCell("A2");
	cell.value = String(cell.value).replace('"row":', '"row": ');
	writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}
