/** A1-notation helpers (0-based rows and columns in, Excel letters out). */
import type { GridRect } from "../model";

export function columnLetters(col: number): string {
	let n = col + 1;
	let s = "";
	while (n > 0) {
		const r = (n - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}

export function a1(row: number, col: number): string {
	return `${columnLetters(col)}${row + 1}`;
}

export function rectA1(rect: GridRect): string {
	const start = a1(rect.row, rect.col);
	if (rect.numRows === 1 && rect.numCols === 1) return start;
	return `${start}:${a1(rect.row + rect.numRows - 1, rect.col + rect.numCols - 1)}`;
}

/** "$B$3" / "b3" → {row: 2, col: 1}; undefined if not a cell address. */
export function parseA1(
	text: string,
): { row: number; col: number } | undefined {
	const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text.trim());
	if (!m) return undefined;
	const letters = (m[1] as string).toUpperCase();
	let col = 0;
	for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
	const row = Number(m[2]);
	if (row < 1) return undefined;
	return { row: row - 1, col: col - 1 };
}

/** "A1:C3" or "A1" → rect; undefined if not a range. */
function parseRangeA1(text: string): GridRect | undefined {
	const [a, b] = text.split(":");
	const start = a === undefined ? undefined : parseA1(a);
	if (!start) return undefined;
	const end = b === undefined ? start : parseA1(b);
	if (!end) return undefined;
	const row = Math.min(start.row, end.row);
	const col = Math.min(start.col, end.col);
	return {
		row,
		col,
		numRows: Math.abs(end.row - start.row) + 1,
		numCols: Math.abs(end.col - start.col) + 1,
	};
}

/** Sheet-qualified reference: "'評価'!$F$2:$F$9" → {sheet: "評価", rect}. */
export function parseSheetRef(
	text: string,
): { sheet?: string; rect: GridRect } | undefined {
	const t = text.trim().replace(/^=/, "");
	const bang = t.lastIndexOf("!");
	let sheet: string | undefined;
	let ref = t;
	if (bang >= 0) {
		sheet = t.slice(0, bang);
		ref = t.slice(bang + 1);
		if (sheet.startsWith("'") && sheet.endsWith("'"))
			sheet = sheet.slice(1, -1).replace(/''/g, "'");
	}
	const rect = parseRangeA1(ref);
	if (!rect) return undefined;
	return sheet === undefined ? { rect } : { sheet, rect };
}
