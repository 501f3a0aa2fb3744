/**
 * Files that are not an .xlsx the loader reads are named for what they are, with what to do, in
 * one Japanese line — real files written by LibreOffice (test/fixtures, see its README), files
 * changed with JSZip, and zip bombs that would otherwise exhaust memory.
 */
import { readFileSync } from "node:fs";
import { truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { findProgram } from "../../../src/local/office/libreoffice";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
} from "../../../src/local/runtime/model";
import {
	loadWorkbook,
	loadWorkbookFromBuffer,
	WorkbookFileError,
	workbookToBuffer,
} from "../../../src/local/runtime/xlsx";
import {
	checkDeclaredSizes,
	MAX_PART_BYTES,
	MAX_PARTS,
	memoryBound,
	type ZipPart,
} from "../../../src/local/runtime/xlsx/zip-guard";
import { WORKFLOW_BUDGET_MS } from "../../support/budgets";
import { ROOT } from "../../support/bundle";
import {
	hasPythonUno,
	saveWithLibreOffice,
} from "../../support/libreoffice-edit";
import { noteMissing, PROGRAMS_REQUIRED } from "../../support/programs";
import {
	BOMB_BYTES,
	type BombPart,
	writeZip,
	xlsxBomb,
} from "../../support/zip-bomb";
import { withTempDir } from "./helpers";

const fixture = (name: string) =>
	readFileSync(join(ROOT, "test", "fixtures", name));

async function refusal(buf: Buffer, source = "x.xlsx") {
	const err = await loadWorkbookFromBuffer(buf, { sourceName: source }).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(err).toBeInstanceOf(WorkbookFileError);
	const e = err as WorkbookFileError;
	expect(e.message).not.toContain("\n");
	expect(e.message.endsWith(`: ${source}`)).toBe(true);
	return e;
}

async function ourBook(): Promise<Buffer> {
	const wb = newWorkbookModel();
	const sheet = newSheetModel(wb, "評価_R6");
	wb.sheets.push(sheet);
	setCell(sheet, 0, 0, "取組No");
	return workbookToBuffer(wb);
}

async function changed(
	edit: (zip: JSZip) => void | Promise<void>,
): Promise<Buffer> {
	const zip = await JSZip.loadAsync(await ourBook());
	await edit(zip);
	return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("files saved by LibreOffice in other formats", () => {
	it.each([
		[
			"password-protected.xlsx",
			"encrypted",
			"パスワードで保護（暗号化）されたファイルのため読み込めません。パスワードを解除して .xlsx で保存し直してください",
		],
		[
			"legacy.xls",
			"legacy-xls",
			"古いExcel形式（.xls）のファイルは読み込めません。Excelで .xlsx 形式に保存し直してください",
		],
		[
			"macro-enabled.xlsm",
			"xlsm",
			"マクロ有効ブック（.xlsm）のため読み込めません。Excel の［名前を付けて保存］で「Excel ブック (*.xlsx)」を選んで保存し直してください",
		],
		[
			"opendocument.ods",
			"ods",
			"OpenDocument スプレッドシート（.ods）のため読み込めません。LibreOffice Calc の［名前を付けて保存］で「Excel 2007-365 (.xlsx)」を選んで保存し直してください",
		],
	])("%s is refused as %s", async (name, code, text) => {
		const e = await refusal(fixture(name), name);
		expect(e.code).toBe(code);
		expect(e.message.startsWith(text)).toBe(true);
	});
});

const missing = [
	...(findProgram("soffice") ? [] : ["soffice"]),
	...(hasPythonUno() ? [] : ["python3-uno"]),
];
noteMissing(
	"LibreOffice file-kind tests",
	missing,
	"libreoffice-calc-nogui python3-uno",
);

describe("the same kinds saved now by LibreOffice from a book of ours", () => {
	it.runIf(PROGRAMS_REQUIRED)(
		"LibreOffice is installed (DX_REQUIRE_PROGRAMS=1)",
		() => {
			expect(missing).toEqual([]);
		},
	);

	it.skipIf(missing.length > 0)(
		"password-protected .xlsx, .xls, .xlsm and .ods are each named",
		async () => {
			await withTempDir(async (dir) => {
				const book = join(dir, "book.xlsx");
				await writeFile(book, await ourBook());
				const made: Array<[string, string, string | undefined, string]> = [
					["locked.xlsx", "Calc MS Excel 2007 XML", "secret", "encrypted"],
					["old.xls", "MS Excel 97", undefined, "legacy-xls"],
					["macro.xlsm", "Calc MS Excel 2007 VBA XML", undefined, "xlsm"],
					["sheet.ods", "calc8", undefined, "ods"],
				];
				for (const [name, filter, password, code] of made) {
					const out = join(dir, name);
					await saveWithLibreOffice(book, out, filter, password);
					const e = await loadWorkbook(out).catch((err: unknown) => err);
					expect((e as WorkbookFileError).code, name).toBe(code);
				}
			});
		},
		WORKFLOW_BUDGET_MS * 2,
	);
});

describe("zips and compound files that are not an .xlsx", () => {
	it("an .xlsx with a VBA project is a macro-enabled book", async () => {
		const buf = await changed((zip) => {
			zip.file("xl/vbaProject.bin", Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
		});
		expect((await refusal(buf)).code).toBe("xlsm");
	});

	it("a binary workbook (.xlsb), a Word document and an OpenDocument text", async () => {
		const xlsb = await changed(async (zip) => {
			const xml = await zip.file("xl/workbook.xml")?.async("nodebuffer");
			zip.remove("xl/workbook.xml");
			zip.file("xl/workbook.bin", xml ?? "");
		});
		expect((await refusal(xlsb)).code).toBe("xlsb");
		const docx = new JSZip();
		docx.file("[Content_Types].xml", "<Types/>");
		docx.file("word/document.xml", "<w:document/>");
		const docxBuf = await docx.generateAsync({ type: "nodebuffer" });
		expect((await refusal(docxBuf)).code).toBe("zip-other");
		const odt = new JSZip();
		odt.file("mimetype", "application/vnd.oasis.opendocument.text");
		odt.file("content.xml", "<office:document-content/>");
		const odtBuf = await odt.generateAsync({ type: "nodebuffer" });
		expect((await refusal(odtBuf)).code).toBe("other-office");
	});

	it("a compound file that is neither an .xls nor encrypted is another Office file", async () => {
		const header = Buffer.alloc(1024);
		Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
		const name = Buffer.from("WordDocument\u0000", "utf16le");
		name.copy(header, 512);
		header.writeUInt16LE(name.length, 512 + 64);
		const e = await refusal(header);
		expect(e.code).toBe("other-office");
		// The same name away from a directory entry's place (a cell's text, say) does not count.
		const inText = Buffer.alloc(1024);
		header.copy(inText, 0, 0, 8);
		Buffer.from("Workbook\u0000", "utf16le").copy(inText, 600);
		expect((await refusal(inText)).code).toBe("other-office");
	});
});

describe("text and other bytes", () => {
	it.each([
		["a CSV", "取組No,取組名\n1,窓口\n", "csv"],
		["a tab-separated UTF-16 text (Excel's Unicode text)", null, "csv"],
		[
			"a report saved over the book",
			'<!DOCTYPE html>\n<html lang="ja">',
			"html",
		],
		["a note", "メモ\n催促は金曜日\n", "text"],
		["random bytes", Buffer.from([1, 2, 3, 0, 255, 7]), "not-xlsx"],
	] as const)("%s", async (_what, content, code) => {
		const buf =
			content === null
				? Buffer.concat([
						Buffer.from([0xff, 0xfe]),
						Buffer.from("取組No\t取組名\r\n1\t窓口\r\n", "utf16le"),
					])
				: Buffer.from(content);
		expect((await refusal(buf)).code).toBe(code);
	});

	it("a zip cut short is named as truncated", async () => {
		const full = await ourBook();
		const e = await refusal(full.subarray(0, full.length - 100));
		expect(e.code).toBe("truncated");
	});

	it("a file larger than any workbook may unpack to is refused before it is read", async () => {
		await withTempDir(async (dir) => {
			const path = join(dir, "huge.xlsx");
			await writeFile(path, "");
			await truncate(path, 1100 * 2 ** 20); // sparse: no disk space used
			const e = await loadWorkbook(path).catch((err: unknown) => err);
			expect((e as WorkbookFileError).message).toMatch(
				/^ファイルが 1,100 MB あり、読み込める上限（1,024 MB）を超えるため読み込めません。/,
			);
		});
	});
});

describe("zip bombs", () => {
	it("a part declaring 4 GiB (zip64) is refused from the directory, before unpacking", async () => {
		const buf = xlsxBomb(BOMB_BYTES);
		const e = await refusal(buf);
		expect(e.code).toBe("too-large");
		expect(e.message).toContain(
			`展開すると 4,096 MB になり、読み込める上限（${MAX_PART_BYTES / 2 ** 20} MB）を超えるため読み込めません。ファイルが壊れているか、不正に作られたファイル（圧縮爆弾）の可能性があります`,
		);
	});

	it("a part that lies about its size (1 KB declared, 4 GiB inside) is stopped at the declared size", async () => {
		const buf = xlsxBomb(1000);
		const e = await refusal(buf);
		expect(e.code).toBe("too-large");
		expect(e.message).toMatch(
			/^ファイル内の記載（1 KB）より大きく展開されるため読み込めません。/,
		);
	});

	it("many small parts adding up beyond the total, and too many parts", async () => {
		const part = (i: number): BombPart => ({
			name: `xl/media/p${i}.bin`,
			data: Buffer.alloc(0),
			declaredSize: 200 * 2 ** 20,
		});
		const many = writeZip(Array.from({ length: 6 }, (_, i) => part(i)));
		expect((await refusal(many)).message).toContain(
			"展開すると 1,200 MB になり、読み込める上限（1,024 MB）を超える",
		);
		const tiny = (i: number): BombPart => ({
			name: `p${i}`,
			data: deflateRawSync(Buffer.alloc(0)),
			declaredSize: 0,
		});
		const crowd = writeZip(
			Array.from({ length: MAX_PARTS + 1 }, (_, i) => tiny(i)),
		);
		expect((await refusal(crowd)).message).toContain(
			"ファイル内の部品が多すぎる（10,001 個、上限 10,000 個）",
		);
	});

	it("a real but huge book beyond the memory bound is told how to give Node more memory", () => {
		const parts: ZipPart[] = [
			{
				name: "xl/worksheets/sheet1.xml",
				method: 8,
				encrypted: false,
				compressedSize: 1,
				size: 150 * 2 ** 20,
				localOffset: 0,
			},
		];
		expect(() => checkDeclaredSizes(parts, "big.xlsx", 100 * 2 ** 20)).toThrow(
			"展開すると 150 MB になり、この環境で読み込める大きさ（100 MB）を超えるため読み込めません。Node.js のメモリ上限を増やして（例: NODE_OPTIONS=--max-old-space-size=8192）実行してください: big.xlsx",
		);
	});

	it("the bound leaves room for the benchmark's largest book (157 MB unpacked) with Node's default 4 GB heap", () => {
		expect(memoryBound(4_345_298_944)).toBeGreaterThan(157 * 2 ** 20 * 1.5);
		// and never exceeds the absolute limit, whatever the heap
		expect(memoryBound(64 * 2 ** 30)).toBe(1024 * 2 ** 20);
	});
});
