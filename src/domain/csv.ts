/**
 * A small RFC 4180 CSV reader/writer: quoted fields with embedded commas, quotes ("") and line
 * breaks; CRLF, LF or CR line ends; a UTF-8 BOM at the start is ignored. Fields are strings.
 */

/**
 * A CSV syntax error: an Error with the 1-based `line` where the problem starts. Made by a
 * factory rather than a subclass with fields, because Apps Script's V8 parser has been reported
 * to reject some class field syntax.
 */
export interface CsvError extends Error {
	name: "CsvError";
	line: number;
}

function csvError(message: string, line: number): CsvError {
	const e = new Error(message) as CsvError;
	e.name = "CsvError";
	e.line = line;
	return e;
}

export function isCsvError(e: unknown): e is CsvError {
	return (
		e instanceof Error &&
		e.name === "CsvError" &&
		typeof (e as CsvError).line === "number"
	);
}

/**
 * Parses CSV text into rows of fields. A final line break does not make an extra row; an empty
 * line in the middle is a row with one empty field (callers skip blank rows). Throws CsvError
 * (Japanese message) on an unterminated quote or a quote inside an unquoted field.
 */
export function parseCsv(text: string): string[][] {
	const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = "";
	let i = 0;
	let line = 1;
	let quoted = false;
	let fieldStarted = false;
	let quoteLine = 0;
	while (i < s.length) {
		const ch = s[i] as string;
		if (quoted) {
			if (ch === '"') {
				if (s[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
				i++;
				const next = s[i];
				if (
					next !== undefined &&
					next !== "," &&
					next !== "\r" &&
					next !== "\n"
				) {
					throw csvError(
						`CSV ${line}行目: 引用符（"）の後に余分な文字があります`,
						line,
					);
				}
				continue;
			}
			if (ch === "\n" || (ch === "\r" && s[i + 1] !== "\n")) line++;
			field += ch;
			i++;
			continue;
		}
		if (ch === '"') {
			if (fieldStarted) {
				throw csvError(
					`CSV ${line}行目: 引用符（"）で囲まれていない項目の途中に引用符があります`,
					line,
				);
			}
			quoted = true;
			quoteLine = line;
			fieldStarted = true;
			i++;
			continue;
		}
		if (ch === ",") {
			row.push(field);
			field = "";
			fieldStarted = false;
			i++;
			continue;
		}
		if (ch === "\r" || ch === "\n") {
			row.push(field);
			rows.push(row);
			row = [];
			field = "";
			fieldStarted = false;
			i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
			line++;
			continue;
		}
		field += ch;
		fieldStarted = true;
		i++;
	}
	if (quoted) {
		throw csvError(
			`CSV ${quoteLine}行目: 引用符（"）が閉じられていません`,
			quoteLine,
		);
	}
	if (fieldStarted || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

function quoteField(value: string): string {
	return /[",\r\n]/.test(value) || /^\s|\s$/.test(value)
		? `"${value.replace(/"/g, '""')}"`
		: value;
}

/** Writes rows as CSV with CRLF line ends (RFC 4180) and a final line break. */
export function toCsv(
	rows: readonly (readonly unknown[])[],
	eol = "\r\n",
): string {
	return rows
		.map((r) =>
			r
				.map((v) => quoteField(v === null || v === undefined ? "" : String(v)))
				.join(","),
		)
		.map((l) => l + eol)
		.join("");
}
