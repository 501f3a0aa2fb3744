/** Reading back a .docx we wrote: its parts (JSZip) and its body as headings, paragraphs, tables. */
import { DomUtils, parseDocument } from "htmlparser2";
import JSZip from "jszip";

type Node = ReturnType<typeof parseDocument>["children"][number];
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

export interface DocxBody {
	/** [style, text] of every paragraph with a Heading style. */
	headings: Array<[string, string]>;
	/** Each table as rows of cell texts (a cell's paragraphs joined by \n). */
	tables: string[][][];
	/** Every paragraph's text outside tables, in order. */
	paragraphs: string[];
	/** document.xml as stored. */
	xml: string;
}

const isElement = (n: Node): n is Element => DomUtils.isTag(n);

function children(el: Element, name: string): Element[] {
	return el.children.filter(isElement).filter((c) => c.name === name);
}

/** A paragraph's text: its w:t runs, w:br as \n. */
function paragraphText(p: Element): string {
	return DomUtils.findAll(
		(e) => e.name === "w:t" || e.name === "w:br",
		p.children,
	)
		.map((e) => (e.name === "w:br" ? "\n" : DomUtils.textContent(e)))
		.join("");
}

export async function readDocx(
	data: Buffer,
): Promise<DocxBody & { zip: JSZip }> {
	const zip = await JSZip.loadAsync(data);
	const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
	const dom = parseDocument(xml, { xmlMode: true, decodeEntities: true });
	const body = DomUtils.findOne((e) => e.name === "w:body", dom.children);
	if (!body) throw new Error("no w:body");
	const out: DocxBody = { headings: [], tables: [], paragraphs: [], xml };
	for (const el of body.children.filter(isElement)) {
		if (el.name === "w:p") {
			const style = DomUtils.findOne((e) => e.name === "w:pStyle", el.children)
				?.attribs["w:val"];
			const text = paragraphText(el);
			if (style?.startsWith("Heading")) out.headings.push([style, text]);
			out.paragraphs.push(text);
		}
		if (el.name === "w:tbl")
			out.tables.push(
				children(el, "w:tr").map((tr) =>
					children(tr, "w:tc").map((tc) =>
						children(tc, "w:p").map(paragraphText).join("\n"),
					),
				),
			);
	}
	return { ...out, zip };
}
