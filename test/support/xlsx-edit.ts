/**
 * Another program changing cells of an .xlsx directly (as a script or an add-in would), without
 * the runtime: the sheet's XML is rewritten with JSZip, each cell given as an inline string
 * (keeping its style), everything else in the package left as it was.
 */
import JSZip from "jszip";

function escapeXml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;");
}

async function sheetPath(zip: JSZip, sheet: string): Promise<string> {
	const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
	const id = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(
		workbook,
	)?.[1];
	const rels =
		(await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
	const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
	if (!id || !target) throw new Error(`no sheet ${sheet} in the package`);
	return `xl/${target.replace(/^\/?xl\//, "")}`;
}

function colNumber(letters: string): number {
	let n = 0;
	for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
	return n;
}

/** The sheet XML with `cell` (a whole <c> element) put in place of A1 `a1`, or added. */
function putCell(
	xml: string,
	a1: string,
	cell: (style: string) => string,
): string {
	const existing = new RegExp(`<c r="${a1}"( s="\\d+")?[^>]*?(/>|>.*?</c>)`);
	const m = existing.exec(xml);
	if (m) return xml.replace(existing, cell(m[1] ?? ""));
	const [, letters = "", rowText = ""] = /^([A-Z]+)(\d+)$/.exec(a1) ?? [];
	const row = new RegExp(`<row r="${rowText}"[^>]*?(/>|>(.*?)</row>)`);
	const r = row.exec(xml);
	if (!r) throw new Error(`row ${rowText} is not in the sheet`);
	const cells = r[2] ?? "";
	const after = [...cells.matchAll(/<c r="([A-Z]+)\d+"/g)].find(
		(c) => colNumber(c[1] ?? "") > colNumber(letters),
	);
	const at = after?.index ?? cells.length;
	const open = r[0].slice(0, r[0].indexOf(">") + 1).replace(/\/>$/, ">");
	return xml.replace(
		row,
		`${open}${cells.slice(0, at)}${cell("")}${cells.slice(at)}</row>`,
	);
}

/** Sets each cell (A1 → text; "" empties it) of `sheet` in the package. */
export async function editXlsxCells(
	xlsx: Buffer,
	sheet: string,
	cells: Record<string, string>,
): Promise<Buffer> {
	const zip = await JSZip.loadAsync(xlsx);
	const path = await sheetPath(zip, sheet);
	let xml = (await zip.file(path)?.async("string")) ?? "";
	for (const [a1, text] of Object.entries(cells))
		xml = putCell(xml, a1, (style) =>
			text === ""
				? `<c r="${a1}"${style}/>`
				: `<c r="${a1}"${style} t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`,
		);
	zip.file(path, xml);
	return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
