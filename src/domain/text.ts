/**
 * Text normalisation shared by every parser of the domain.
 *
 * Everything here is deliberately hand-written instead of relying on `String.prototype.normalize`
 * ("NFKC"): the mappings we need are few, and doing them by hand keeps the behaviour identical on
 * Node and on Apps Script's V8 whatever ICU data either ships, and keeps NFKC's other effects
 * (half-width katakana, ㈱, …) out of names that users typed and expect to see unchanged.
 */

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space (U+3000) → space. */
export function toHalfWidth(text: string): string {
	let out = "";
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
		else if (cp === 0x3000) out += " ";
		else out += ch;
	}
	return out;
}

/**
 * Look-alike marks of rating scales → one spelling each: 〇 ◯ ⭕ → ○, ⊚ → ◎, ▵ ∆ Δ → △,
 * ✕ ✖ ╳ ⨯ ☓ → × (people type whichever their IME offers first).
 */
const MARK_VARIANTS: Record<string, string> = {
	"\u3007": "○",
	"\u25ef": "○",
	"\u2b55": "○",
	"\u229a": "◎",
	"\u25b5": "△",
	"\u2206": "△",
	"\u0394": "△",
	"\u2715": "×",
	"\u2716": "×",
	"\u2573": "×",
	"\u2a2f": "×",
	"\u2613": "×",
};

export function foldMarks(text: string): string {
	let out = "";
	for (const ch of text) out += MARK_VARIANTS[ch] ?? ch;
	return out;
}

/** Every character we treat as white space: ASCII, NBSP, ideographic space, zero-width ones. */
const SPACE_CLASS = "\\s\\u00a0\\u3000\\u200b\\u200c\\u200d\\ufeff";
const LEADING_TRAILING_SPACE = new RegExp(
	`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`,
	"g",
);
const ANY_SPACE = new RegExp(`[${SPACE_CLASS}]+`, "g");

/** Trims ASCII and ideographic spaces (and zero-width spaces) on both ends. */
export function trimAll(text: string): string {
	return text.replace(LEADING_TRAILING_SPACE, "");
}

/** Removes every space, wherever it is (for comparing names: `DX 推進室` = `DX推進室`). */
export function removeSpaces(text: string): string {
	return text.replace(ANY_SPACE, "");
}

/** Collapses inner runs of spaces to one ASCII space and trims. */
export function collapseSpaces(text: string): string {
	return trimAll(text).replace(ANY_SPACE, " ");
}

/**
 * Hyphen look-alikes users type in codes (`Ⅰ－①`, `I‐1`, `I−1`, `Iー1`) → `-`.
 * `ー` (the katakana prolonged sound mark) is included because IMEs produce it for `-` in
 * Japanese mode; apply this only to codes, never to names (ビジネスチャットツール).
 */
export function normalizeHyphens(text: string): string {
	return text.replace(
		/[\u2010-\u2015\u2212\u2043\ufe63\uff0d\u30fc\uff70\u2500]/g,
		"-",
	);
}

/** ①–⑳ → 1–20 (and ⑴–⒇, ⒈–⒛ the parenthesised/dotted forms). */
export function circledToDigits(text: string): string {
	let out = "";
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp >= 0x2460 && cp <= 0x2473) out += String(cp - 0x2460 + 1);
		else if (cp >= 0x2474 && cp <= 0x2487) out += String(cp - 0x2474 + 1);
		else if (cp >= 0x2488 && cp <= 0x249b) out += String(cp - 0x2488 + 1);
		else out += ch;
	}
	return out;
}

const ROMAN_CHARS: Record<string, string> = {
	Ⅰ: "I",
	Ⅱ: "II",
	Ⅲ: "III",
	Ⅳ: "IV",
	Ⅴ: "V",
	Ⅵ: "VI",
	Ⅶ: "VII",
	Ⅷ: "VIII",
	Ⅸ: "IX",
	Ⅹ: "X",
	Ⅺ: "XI",
	Ⅻ: "XII",
	ⅰ: "I",
	ⅱ: "II",
	ⅲ: "III",
	ⅳ: "IV",
	ⅴ: "V",
	ⅵ: "VI",
	ⅶ: "VII",
	ⅷ: "VIII",
	ⅸ: "IX",
	ⅹ: "X",
	ⅺ: "XI",
	ⅻ: "XII",
};

/** The Unicode Roman numeral characters (Ⅰ Ⅱ Ⅲ …, ⅰ ⅱ ⅲ …) → ASCII letters. */
export function romanCharsToAscii(text: string): string {
	let out = "";
	for (const ch of text) out += ROMAN_CHARS[ch] ?? ch;
	return out;
}

const ROMAN_VALUES: Array<[string, number]> = [
	["M", 1000],
	["CM", 900],
	["D", 500],
	["CD", 400],
	["C", 100],
	["XC", 90],
	["L", 50],
	["XL", 40],
	["X", 10],
	["IX", 9],
	["V", 5],
	["IV", 4],
	["I", 1],
];

/** 1 → "I", 4 → "IV", 12 → "XII". */
export function toRoman(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > 3999)
		throw new RangeError(`toRoman: ${n}`);
	let rest = n;
	let out = "";
	for (const [sym, val] of ROMAN_VALUES) {
		while (rest >= val) {
			out += sym;
			rest -= val;
		}
	}
	return out;
}

/**
 * A Roman numeral in any of the forms users type (`III`, `iii`, `Ⅲ`, `ＩＩＩ`) → its value;
 * null when it is not a well-formed numeral (`IIII`, `IC`, `A`).
 */
export function parseRoman(text: string): number | null {
	const s = romanCharsToAscii(toHalfWidth(trimAll(text))).toUpperCase();
	if (!/^[MDCLXVI]+$/.test(s)) return null;
	let total = 0;
	let i = 0;
	for (const [sym, val] of ROMAN_VALUES) {
		while (s.startsWith(sym, i)) {
			total += val;
			i += sym.length;
		}
	}
	if (i !== s.length || total === 0) return null;
	// Reject non-canonical spellings such as IIII or VV: they re-encode differently.
	return toRoman(total) === s ? total : null;
}

/**
 * Splits a multi-valued cell on `,` `、` `，` `､` `;` `；` and line breaks; trims each item and drops
 * blanks. Spaces are NOT separators (department names such as `DX 推進室` contain them).
 */
export function splitList(text: string): string[] {
	return text
		.split(/[,、，､;；\r\n\u2028\u2029]+/)
		.map((s) => trimAll(s))
		.filter((s) => s !== "");
}

/**
 * The text of a cell value as a person would read it: strings as is, numbers without a trailing
 * `.0`, booleans as TRUE/FALSE (Sheets' display), Dates as yyyy/m/d (Asia/Tokyo), null/undefined
 * as "". Used to echo what was typed in messages and to read text columns.
 */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "string") return value;
	if (typeof value === "number")
		return Number.isFinite(value) ? String(value) : "";
	if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return "";
		const t = new Date(value.getTime() + 9 * 3600_000);
		return `${t.getUTCFullYear()}/${t.getUTCMonth() + 1}/${t.getUTCDate()}`;
	}
	return String(value);
}

/** True for "", whitespace-only strings, null and undefined. */
export function isBlank(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === "string") return trimAll(value) === "";
	return false;
}

/** A cell value read as trimmed text (see cellText). */
export function cellString(value: unknown): string {
	return trimAll(cellText(value));
}

/**
 * A key for comparing names typed by people: half-width ASCII, upper-case, no spaces.
 * `ＤＸ 推進室`, `dx推進室` and `DX推進室` share one key.
 */
export function nameKey(text: string): string {
	return removeSpaces(toHalfWidth(text)).toUpperCase();
}

/**
 * A department name in its canonical spelling: full-width ASCII made half-width and all spaces
 * removed (the seed writes `DX 推進室` and `広報 秘書課`; the product stores `DX推進室`,
 * `広報秘書課`). Japanese department names never need an inner space.
 */
export function normalizeDepartmentName(text: string): string {
	return removeSpaces(toHalfWidth(text));
}

/** Quotes a user's input for a message, shortening it when long: 「…」. */
export function quoteInput(value: unknown, max = 30): string {
	const text = cellText(value).replace(/\r?\n/g, "⏎");
	const chars = Array.from(text);
	const shown =
		chars.length > max
			? `${chars.slice(0, max).join("")}…（${chars.length}文字）`
			: text;
	return `「${shown}」`;
}

/**
 * A string as the product writes it into a cell, so that it reads back as the same string.
 *
 * Sheets parses a string a script writes as if it were typed: "strings may be converted to
 * numbers, dates, etc." (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption,
 * USER_ENTERED), and one starting with `=` is a formula
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)). So
 * 取組No `001` would come back as 1, `1-1` as a date (ja_JP), 催促日 `7,3,1,0` as a number, `TRUE`
 * as a boolean, `12%` as 0.12, `=HYPERLINK(…)` would run (formula injection) and a leading `'`
 * would vanish. A leading apostrophe keeps the rest as text and is not part of the value read
 * back ("TO_TEXT is equivalent to prefixing a number with an apostrophe",
 * https://support.google.com/docs/answer/3094285); it costs no call, unlike a text format.
 *
 * It is added to every string Sheets could read as something else: one starting (after spaces)
 * with a digit, a sign, `.`, `=`, `@`, `'`, `(` or a currency sign, in ASCII or full width, and
 * TRUE/FALSE in any case. The test is a few character checks, no regular expression. Protecting
 * more than Sheets would parse is harmless (the text reads back the same); other strings and
 * non-strings (numbers, Dates, booleans meant as such) are returned unchanged.
 */
export function keepText<T>(value: T): T | string {
	if (typeof value !== "string" || value === "") return value;
	let i = 0;
	while (i < value.length && isSpaceCode(value.charCodeAt(i))) i++;
	let ch = value.charCodeAt(i);
	if (ch >= 0xff01 && ch <= 0xff5e) ch -= 0xfee0; // full width → ASCII
	if ((ch >= 48 && ch <= 57) || RISKY_START.includes(ch)) return `'${value}`;
	// t/T/f/F only: no upper-case copy of every other string.
	if (ch === 84 || ch === 116 || ch === 70 || ch === 102) {
		const word = trimAll(value).toUpperCase();
		if (word === "TRUE" || word === "FALSE") return `'${value}`;
	}
	return value;
}

/** Every cell of a block as the product writes it (keepText); what reads back is `rows`. */
export function keepTextRows(
	rows: readonly (readonly unknown[])[],
): unknown[][] {
	return rows.map((r) => r.map(keepText));
}

/** + - . = @ ' ( $ ¥ € £ and full-width ￥ (code units). */
const RISKY_START = [
	43, 45, 46, 61, 64, 39, 40, 36, 0xa5, 0x20ac, 0xa3, 0xffe5,
];

function isSpaceCode(ch: number): boolean {
	return (
		ch === 32 ||
		ch === 9 ||
		ch === 10 ||
		ch === 13 ||
		ch === 0x3000 ||
		ch === 0xa0
	);
}

/** Escapes text for HTML bodies (mail, reports). */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;")
		.replace(/'/g, "&#39;");
}

/**
 * Width of text in the book's font (BOOK_FONT, proportional), for column widths and row heights:
 * its kana, kanji and full-width punctuation average 0.70–0.78 em in LibreOffice's PDF of the
 * demo (0.8 here, leaving room for a line broken early), digits and Latin letters about 0.55 em
 * (0.6).
 */
export function bookTextWidth(text: string, fontPx: number): number {
	let em = 0;
	for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 0.8 : 0.6;
	return em * fontPx;
}

/** Rough rendered width of text: CJK / full-width ≈ 1 em, others ≈ 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
	let w = 0;
	for (const ch of text) {
		const cp = ch.codePointAt(0) ?? 0;
		w += cp >= 0x2e80 ? fontSize : fontSize * 0.6;
	}
	return w;
}
