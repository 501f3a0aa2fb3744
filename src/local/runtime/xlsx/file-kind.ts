/**
 * What a file given as a workbook really is, from its bytes, so that the refusal names it (a
 * password-protected book, an .xls, an .xlsm, an .ods, a CSV, …) and says what to do, and so
 * that nothing exceljs cannot read safely reaches it:
 *
 * - OLE compound files (D0 CF 11 E0 A1 B1 1A E1) are told apart by their directory's stream
 *   names: an encrypted OOXML package has `EncryptionInfo` and `EncryptedPackage` (MS-OFFCRYPTO
 *   2.3.4.1: what Excel and LibreOffice write for a book saved with a password), an .xls has
 *   `Workbook` (BIFF8) or `Book` (BIFF5), anything else is another Office file.
 * - zip files by their parts: ODF's `mimetype` part, `xl/workbook.bin` (.xlsb), the VBA project
 *   or the macro-enabled content type (.xlsm), `xl/workbook.xml` (.xlsx).
 * - anything else by its first bytes: HTML, CSV or other text, or unknown binary.
 */
import { readFileSync, statSync } from "node:fs";
import { type LoadErrorCode, loadError, WorkbookFileError } from "./errors";
import {
	checkDeclaredSizes,
	inflateWithin,
	MAX_TOTAL_BYTES,
	type ZipPart,
	zipParts,
} from "./zip-guard";

/** A zip's first record: a part (PK 03 04), or the end record of an empty zip (PK 05 06). */
function isZip(buf: Buffer): boolean {
	return (
		buf.length >= 4 &&
		buf[0] === 0x50 &&
		buf[1] === 0x4b &&
		((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6))
	);
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Buffer, magic: number[]): boolean {
	return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/**
 * Does the compound file's directory hold a stream named `name`? A directory entry is 128 bytes
 * at a multiple of 128 in the file (sectors are 512 or 4096 bytes, after a 512-byte header),
 * the name in UTF-16LE followed, at byte 64, by its length in bytes with the terminating NUL.
 */
function hasStream(buf: Buffer, name: string): boolean {
	const needle = Buffer.from(`${name}\u0000`, "utf16le");
	for (
		let at = buf.indexOf(needle);
		at >= 0;
		at = buf.indexOf(needle, at + 1)
	) {
		if (
			at % 128 === 0 &&
			at + 66 <= buf.length &&
			buf.readUInt16LE(at + 64) === needle.length
		)
			return true;
	}
	return false;
}

function oleKind(buf: Buffer): LoadErrorCode {
	if (hasStream(buf, "EncryptionInfo") || hasStream(buf, "EncryptedPackage"))
		return "encrypted";
	if (hasStream(buf, "Workbook") || hasStream(buf, "Book")) return "legacy-xls";
	return "other-office";
}

function partText(
	buf: Buffer,
	part: ZipPart | undefined,
	source: string,
): string {
	return part ? inflateWithin(buf, part, source).toString("utf8") : "";
}

/** A zip that is not an .xlsx this loader reads, or undefined for an .xlsx. */
function zipKind(
	buf: Buffer,
	parts: readonly ZipPart[],
	source: string,
): LoadErrorCode | undefined {
	const byName = new Map(parts.map((p) => [p.name, p]));
	const mimetype = partText(buf, byName.get("mimetype"), source);
	if (mimetype.startsWith("application/vnd.oasis.opendocument.spreadsheet"))
		return "ods";
	if (mimetype.startsWith("application/vnd.oasis.opendocument"))
		return "other-office";
	if (byName.has("xl/workbook.bin")) return "xlsb";
	const types = partText(buf, byName.get("[Content_Types].xml"), source);
	if (byName.has("xl/vbaProject.bin") || /macroEnabled/i.test(types))
		return "xlsm";
	return byName.has("xl/workbook.xml") ? undefined : "zip-other";
}

/** A control character text files do not have (tab, newlines, form feed and escape allowed). */
function isBinary(code: number): boolean {
	return code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b;
}

/** Text, judged by its first 8 KB; undefined for binary data. */
function textKind(buf: Buffer): LoadErrorCode | undefined {
	const head = buf.subarray(0, 8192);
	// UTF-16 with its byte-order mark: Excel's 「Unicode テキスト」.
	const utf16 = head[0] === 0xff && head[1] === 0xfe;
	const text = utf16 ? head.toString("utf16le") : head.toString("latin1");
	for (let i = 0; i < text.length; i++)
		if (isBinary(text.charCodeAt(i))) return undefined;
	const start = text.replace(/^(\ufeff|\u00ef\u00bb\u00bf)?\s*/, "");
	if (/^<(!doctype\s+html|html)/i.test(start)) return "html";
	const firstLine = start.split(/\r?\n/, 1)[0] ?? "";
	return /[,\t;]/.test(firstLine) ? "csv" : "text";
}

/**
 * Returns when `buf` is an .xlsx that is safe to unpack (every part inflated once within its
 * declared size); otherwise throws a WorkbookFileError naming what the file is.
 */
export function checkXlsxBytes(buf: Buffer, source: string): void {
	if (buf.length === 0) throw loadError("empty", source);
	if (startsWith(buf, OLE_MAGIC)) throw loadError(oleKind(buf), source);
	if (!isZip(buf)) throw loadError(textKind(buf) ?? "not-xlsx", source);
	const parts = zipParts(buf, source);
	checkDeclaredSizes(parts, source);
	const kind = zipKind(buf, parts, source);
	if (kind) throw loadError(kind, source);
	for (const part of parts) inflateWithin(buf, part, source);
}

/**
 * Why `path`, named without .xlsx, is not taken as a workbook: what the file is when it exists
 * and is one of the kinds above (「OpenDocument スプレッドシート（.ods）のため…」), else a plain
 * request for an .xlsx.
 */
export function notXlsxPathMessage(path: string): string {
	const plain = `.xlsx ファイルを指定してください: ${path}`;
	try {
		const st = statSync(path);
		if (!st.isFile() || st.size > MAX_TOTAL_BYTES) return plain;
		checkXlsxBytes(readFileSync(path), path);
	} catch (error) {
		if (error instanceof WorkbookFileError && error.code !== "not-found")
			return error.message;
	}
	return plain;
}
