/**
 * Codes of basic policies (`I`, `II`, `III`) and priority measures (`I-1` … `III-6`), accepting
 * the forms people type: full-width (`Ｉ－１`), Unicode numerals (`Ⅰ－①`), circled numbers
 * (`I-①`), hyphen look-alikes (`I‐1`, `I−1`, `Iー1`), lower case (`ii-3`), no separator (`I①`),
 * a parenthesised number (`I-(1)`), or an Arabic policy number (`1-1` = `I-1`).
 */
import {
	circledToDigits,
	normalizeHyphens,
	parseRoman,
	romanCharsToAscii,
	toHalfWidth,
	toRoman,
	trimAll,
} from "./text";

function prepare(text: string): string {
	return normalizeHyphens(
		romanCharsToAscii(circledToDigits(toHalfWidth(trimAll(text)))),
	).replace(/\s+/g, "");
}

/** `Ⅱ`, `ＩＩ`, `ii`, `2` → "II"; null when not a policy code. */
export function parsePolicyCode(text: string): string | null {
	const s = prepare(text);
	if (/^[0-9]{1,2}$/.test(s)) {
		const n = Number(s);
		return n >= 1 && n <= 50 ? toRoman(n) : null;
	}
	const n = parseRoman(s);
	return n !== null && n <= 50 ? toRoman(n) : null;
}

export interface MeasureCode {
	/** "I-1" */
	code: string;
	/** "I" */
	policyCode: string;
	/** 1 */
	number: number;
}

/** `I-①`, `Ⅰ－①`, `Ｉ－１`, `i-1`, `I①`, `I-(1)`, `1-1` → { code: "I-1", … }; null otherwise. */
export function parseMeasureCode(text: string): MeasureCode | null {
	const s = prepare(text);
	const m =
		/^([A-Za-z]+)[-._]?\(?([0-9]{1,3})\)?$/.exec(s) ??
		/^([0-9]{1,2})[-._]\(?([0-9]{1,3})\)?$/.exec(s);
	if (!m) return null;
	const policyCode = parsePolicyCode(m[1] ?? "");
	const number = Number(m[2]);
	if (policyCode === null || !Number.isInteger(number) || number < 1)
		return null;
	return { code: `${policyCode}-${number}`, policyCode, number };
}

/**
 * The key of an initiative number (取組No) for lookups: half-width, trimmed, and for purely
 * numeric numbers without leading zeros, because a spreadsheet turns a typed `001` into 1.
 */
export function initiativeKey(no: unknown): string {
	if (typeof no === "number" && Number.isSafeInteger(no) && no >= 0)
		return String(no);
	if (typeof no === "string" && /^[1-9][0-9]{0,14}$/.test(no)) return no;
	let s =
		typeof no === "number"
			? String(no)
			: trimAll(toHalfWidth(String(no ?? "")));
	s = normalizeHyphens(s).replace(/\s+/g, "");
	if (/^[0-9]+$/.test(s)) s = String(Number.parseInt(s, 10));
	return s.toUpperCase();
}
