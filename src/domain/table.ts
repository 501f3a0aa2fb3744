/**
 * Reading a 2-D block of cell values (row 1 = headers) by header text, so that reordered columns
 * still read correctly and a missing or renamed header is reported.
 */
import { columnLetter, type Problem, problem } from "./problems";
import { cellString, isBlank, nameKey } from "./text";

export interface ColumnSpec<K extends string> {
	key: K;
	/** The exact header of SPEC 2. */
	header: string;
	/** Other spellings accepted (compared like names: spaces, width and case ignored). */
	aliases?: string[];
	/** Default true. */
	required?: boolean;
}

export interface LocatedTable<K extends string> {
	/** 0-based index of the header row in `values`. */
	headerRow: number;
	/** 0-based column of each key found. */
	cols: Partial<Record<K, number>>;
	/** Data rows (non-blank), with their 1-based sheet row number. */
	rows: Array<{ row: number; cells: unknown[] }>;
}

/** A header's comparison key: like nameKey, without bracketed notes (`（必須）`) or a final `.`. */
export function headerKey(text: string): string {
	return nameKey(text)
		.replace(/[(（][^)）]*[)）]/g, "")
		.replace(/[※*].*$/, "")
		.replace(/[.．:：]$/, "");
}

function rowIsBlank(row: readonly unknown[] | undefined): boolean {
	return !row || row.every((c) => isBlank(c));
}

const HEADER_SEARCH_ROWS = 10;

/**
 * Locates the header row (row 1, or — tolerated with a warning — one of the first rows when a
 * title was inserted above it) and the columns of `specs`. Problems: no header row, missing or
 * duplicated headers (errors), header not in row 1, values in columns without a header (warnings,
 * usually a shifted row).
 */
export function locateTable<K extends string>(
	sheet: string,
	values: readonly (readonly unknown[])[],
	specs: readonly ColumnSpec<K>[],
	problems: Problem[],
): LocatedTable<K> | null {
	const keysOf = (spec: ColumnSpec<K>): string[] =>
		[spec.header, ...(spec.aliases ?? [])].map((h) => headerKey(h));
	const expected = specs.map((s) => s.header).join("・");
	let best = -1;
	let bestScore = 0;
	for (let r = 0; r < Math.min(values.length, HEADER_SEARCH_ROWS); r++) {
		const keys = (values[r] ?? []).map((c) => headerKey(cellString(c)));
		const score = specs.filter((s) =>
			keysOf(s).some((k) => keys.includes(k)),
		).length;
		if (score > bestScore) {
			best = r;
			bestScore = score;
		}
	}
	if (best < 0) {
		if (values.every((row) => rowIsBlank(row))) {
			problems.push(
				problem(
					sheet,
					null,
					`シートが空です（1行目に見出し ${expected} が必要です）`,
				),
			);
		} else {
			problems.push(
				problem(
					sheet,
					1,
					`見出し行が見つかりません（1行目に ${expected} を入力してください）`,
				),
			);
		}
		return null;
	}
	if (best > 0) {
		problems.push(
			problem(
				sheet,
				best + 1,
				`見出しは1行目に置いてください（${best + 1}行目を見出しとして読みました）`,
				"warning",
			),
		);
	}
	const headerCells = (values[best] ?? []).map((c) => cellString(c));
	const headerKeys = headerCells.map((c) => headerKey(c));
	const cols: Partial<Record<K, number>> = {};
	let ok = true;
	for (const spec of specs) {
		const keys = keysOf(spec);
		const found: number[] = [];
		headerKeys.forEach((k, i) => {
			if (k !== "" && keys.includes(k)) found.push(i);
		});
		if (found.length === 0) {
			if (spec.required !== false) {
				const present =
					headerCells.filter((c) => c !== "").join("・") || "なし";
				problems.push(
					problem(
						sheet,
						best + 1,
						`見出し「${spec.header}」が見つかりません（見出し行: ${present}）`,
					),
				);
				ok = false;
			}
			continue;
		}
		if (found.length > 1) {
			problems.push(
				problem(
					sheet,
					best + 1,
					`見出し「${spec.header}」が${found.length}つあります（${found.map(columnLetter).join("列と")}列）`,
				),
			);
			ok = false;
		}
		cols[spec.key] = found[0] as number;
	}
	if (!ok) return null;
	const rows: Array<{ row: number; cells: unknown[] }> = [];
	const headerless = new Set<number>();
	for (let r = best + 1; r < values.length; r++) {
		const cells = [...(values[r] ?? [])];
		if (rowIsBlank(cells)) continue;
		cells.forEach((c, i) => {
			if (!isBlank(c) && (headerCells[i] ?? "") === "" && !headerless.has(i)) {
				headerless.add(i);
				problems.push(
					problem(
						sheet,
						r + 1,
						`見出しのない列（${columnLetter(i)}列）に値${quoteShort(c)}があります。列がずれていないか確認してください`,
						"warning",
					),
				);
			}
		});
		rows.push({ row: r + 1, cells });
	}
	return { headerRow: best, cols, rows };
}

function quoteShort(value: unknown): string {
	const text = cellString(value);
	const chars = Array.from(text);
	return `「${chars.length > 20 ? `${chars.slice(0, 20).join("")}…` : text}」`;
}

/** The cell of a located column in a row ("" when the column is absent). */
export function cellAt<K extends string>(
	table: LocatedTable<K>,
	cells: readonly unknown[],
	key: K,
): unknown {
	const c = table.cols[key];
	return c === undefined ? "" : (cells[c] ?? "");
}
