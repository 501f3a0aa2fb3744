import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
	type WorkbookModel,
} from "../../../src/local/runtime/model";
import {
	loadWorkbook,
	loadWorkbookFromBuffer,
	saveWorkbook,
	WorkbookFileError,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import { withTempDir } from "./helpers";

async function loadError(path: string): Promise<WorkbookFileError> {
	const err = await loadWorkbook(path).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(WorkbookFileError);
	const e = err as WorkbookFileError;
	expect(e.message).not.toContain("\n");
	return e;
}

async function saveError(
	wb: WorkbookModel,
	path: string,
): Promise<WorkbookFileError> {
	const err = await saveWorkbook(wb, path).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(WorkbookFileError);
	const e = err as WorkbookFileError;
	expect(e.message).not.toContain("\n");
	return e;
}

function smallBook(): WorkbookModel {
	const wb = newWorkbookModel();
	const s = newSheetModel(wb, "評価_R5");
	wb.sheets.push(s);
	setCell(s, 0, 0, "取組No");
	return wb;
}

describe("bad input files", () => {
	it("a missing file", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "nothing.xlsx");
			const e = await loadError(path);
			expect(e.message).toBe(`ファイルが見つかりません: ${path}`);
			expect(e.code).toBe("not-found");
		});
	});

	it("a CSV file renamed .xlsx", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "text.xlsx");
			await writeFile(path, "取組No,取組名\n1,テスト\n");
			const e = await loadError(path);
			expect(e.code).toBe("csv");
			expect(e.message).toBe(
				`CSV（テキスト）ファイルのため読み込めません。DX進捗管理のブック（.xlsx）を指定してください（CSV は --plan や --csv のあとに指定します）: ${path}`,
			);
		});
	});

	it("an empty file", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "empty.xlsx");
			await writeFile(path, "");
			const e = await loadError(path);
			expect(e.message).toBe(
				`ファイルが空です（0バイト）。保存が途中で失敗した可能性があります。元のファイルかバックアップを指定してください: ${path}`,
			);
		});
	});

	it("a truncated (corrupt) xlsx", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "cut.xlsx");
			const full = await workbookToBuffer(smallBook());
			await writeFile(path, full.subarray(0, Math.floor(full.length / 2)));
			const e = await loadError(path);
			expect(e.code).toBe("truncated");
			expect(e.message).toBe(
				`ファイルが途中で切れているか壊れているため読み込めません。コピーや保存が最後まで終わったか確かめ、元のファイルかバックアップを指定してください: ${path}`,
			);
		});
	});

	it("a folder", async () => {
		await withTempDir(async (dir) => {
			const folder = join(dir, "folder.xlsx");
			await mkdir(folder);
			expect((await loadError(folder)).message).toBe(
				`ファイルではなくフォルダです: ${folder}`,
			);
		});
	});

	it("a broken runtime sheet", async () => {
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		book.addWorksheet("シート1").getCell("A1").value = 1;
		book.addWorksheet("__dx_runtime__").getCell("A1").value = "{not json";
		const buf = Buffer.from(await book.xlsx.writeBuffer());
		await expect(
			loadWorkbookFromBuffer(buf, { sourceName: "x.xlsx" }),
		).rejects.toThrow(
			"実行環境の情報（__dx_runtime__ シート）が壊れているため読み込めません: x.xlsx",
		);
	});
	it("a hand-made state (version 1, no digest) of the wrong shape is broken, not half applied", async () => {
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		book.addWorksheet("シート1").getCell("A1").value = 1;
		book.addWorksheet("__dx_runtime__").getCell("A1").value = JSON.stringify({
			format: "dx-progress-runtime",
			version: 1,
			workbook: {
				id: "x",
				name: "x",
				timeZone: "Asia/Tokyo",
				locale: "ja",
				owner: "a@b",
				editors: 5,
				nextId: 1,
			},
			sheets: [],
		});
		const buf = Buffer.from(await book.xlsx.writeBuffer());
		await expect(
			loadWorkbookFromBuffer(buf, { sourceName: "x.xlsx" }),
		).rejects.toThrow(
			"実行環境の情報（__dx_runtime__ シート）が壊れているため読み込めません: x.xlsx",
		);
	});
});

describe("saving", () => {
	it("refuses a value longer than Excel's cell limit, naming sheet and cell, and leaves the file alone", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "book.xlsx");
			await saveWorkbook(smallBook(), path);
			const before = await readFile(path);
			const wb = smallBook();
			setCell(wb.sheets[0] as never, 11, 6, "あ".repeat(32_768));
			const e = await saveError(wb, path);
			expect(e.code).toBe("cell-too-long");
			expect(e.message).toBe(
				`シート「評価_R5」のセル G12の文字列が32,768文字あり、Excelの上限（32,767文字）を超えるため保存できません: ${path}`,
			);
			expect(await readFile(path)).toEqual(before);
			expect(await readdir(dir)).toEqual(["book.xlsx"]);
		});
	});

	it("accepts exactly 32,767 characters", async () => {
		const wb = smallBook();
		setCell(wb.sheets[0] as never, 1, 0, "x".repeat(32_767));
		const back = await loadWorkbookFromBuffer(await workbookToBuffer(wb));
		expect(back.sheets[0]?.values[1]?.[0]).toHaveLength(32_767);
	});

	it("refuses control characters, NaN and sheet names Excel rejects", async () => {
		const a = smallBook();
		setCell(a.sheets[0] as never, 1, 1, "a\u0001b");
		await expect(workbookToBuffer(a)).rejects.toThrow(
			"シート「評価_R5」のセル B2の文字列にExcelに保存できない制御文字",
		);
		const b = smallBook();
		setCell(b.sheets[0] as never, 1, 1, Number.NaN);
		await expect(workbookToBuffer(b)).rejects.toThrow(
			"シート「評価_R5」のセル B2の数値（NaN）はExcelに保存できません",
		);
		const c = smallBook();
		c.sheets.push(newSheetModel(c, "x".repeat(32)));
		await expect(workbookToBuffer(c)).rejects.toThrow(WorkbookFileError);
		const d = smallBook();
		d.sheets.push(newSheetModel(d, "評価/R6"));
		await expect(workbookToBuffer(d)).rejects.toThrow(
			"シート名「評価/R6」はExcelに保存できません",
		);
	});

	it("reports a missing target folder", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "no", "such", "book.xlsx");
			const e = await saveError(smallBook(), path);
			expect(e.message).toBe(
				`保存先のフォルダが見つかりません: ${join(dir, "no", "such")}`,
			);
		});
	});

	it("overwrites an existing file in place of it (rename), leaving no temporary file", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "book.xlsx");
			await writeFile(path, "old contents");
			await saveWorkbook(smallBook(), path);
			expect((await readFile(path)).subarray(0, 2).toString()).toBe("PK");
			expect(await readdir(dir)).toEqual(["book.xlsx"]);
			const e = await saveError(smallBook(), dir);
			expect(e.message).toBe(`保存先がフォルダです: ${dir}`);
		});
	});

	it("refuses to replace a file marked read-only, and leaves it as it was", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "book.xlsx");
			await writeFile(path, "keep me");
			await chmod(path, 0o444);
			const e = await saveError(smallBook(), path);
			expect(e.message).toBe(
				`ファイルが読み取り専用のため保存しません: ${path}`,
			);
			expect(await readFile(path, "utf8")).toBe("keep me");
			expect(await readdir(dir)).toEqual(["book.xlsx"]);
		});
	});
});
