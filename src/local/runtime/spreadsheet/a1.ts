/**
 * A1 notation: column letters, cell and range references, optional sheet prefix.
 * Grammar as in Sheets (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)): `A1`, `A1:B2`, `A:B`
 * (whole columns), `2:5` (whole rows), `A2:B` (open end), `$A$1`, `Sheet1!A1`, `'My sheet'!A1`.
 */
import type { GridRect } from "../model";
import { GasError } from "../state";

/** 1 → "A", 27 → "AA". */
function columnToLetters(column: number): string {
	let n = column;
	let s = "";
	while (n > 0) {
		const m = (n - 1) % 26;
		s = String.fromCharCode(65 + m) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}

/** "A" → 1, "aa" → 27. */
function lettersToColumn(letters: string): number {
	let n = 0;
	for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n;
}

/** A 0-based rect as A1 notation ("B2", "A1:C3"). */
export function rectToA1(rect: GridRect): string {
	const start = `${columnToLetters(rect.col + 1)}${rect.row + 1}`;
	if (rect.numRows === 1 && rect.numCols === 1) return start;
	return `${start}:${columnToLetters(rect.col + rect.numCols)}${rect.row + rect.numRows}`;
}

/** Splits `Sheet!A1:B2` into the sheet name (unquoted) and the range part. */
export function splitSheetPrefix(a1: string): {
	sheetName: string | null;
	ref: string;
} {
	const bang = a1.lastIndexOf("!");
	if (bang < 0) return { sheetName: null, ref: a1.trim() };
	let name = a1.slice(0, bang).trim();
	if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) {
		name = name.slice(1, -1).replace(/''/g, "'");
	}
	return { sheetName: name, ref: a1.slice(bang + 1).trim() };
}

interface Endpoint {
	row: number | null; // 1-based
	col: number | null; // 1-based
}

const ENDPOINT = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function parseEndpoint(s: string): Endpoint | null {
	const m = ENDPOINT.exec(s);
	if (!m || (m[1] === "" && m[2] === "")) return null;
	const col = m[1] ? lettersToColumn(m[1]) : null;
	const row = m[2] ? Number(m[2]) : null;
	if (row === 0) return null;
	return { row, col };
}

/**
 * Parses the range part of A1 notation against a grid of `maxRows` × `maxColumns`.
 * Throws "Range not found" (the message Sheets gives for an unparsable reference).
 */
export function parseA1Range(
	ref: string,
	maxRows: number,
	maxColumns: number,
): GridRect {
	const parts = ref.split(":");
	if (parts.length > 2 || parts[0] === undefined)
		throw new GasError("Range not found");
	const a = parseEndpoint(parts[0]);
	const b =
		parts.length === 2 && parts[1] !== undefined ? parseEndpoint(parts[1]) : a;
	if (!a || !b) throw new GasError("Range not found");
	if (parts.length === 1 && (a.row === null || a.col === null))
		throw new GasError("Range not found");
	// Whole columns (A:B) or rows (2:5); an open end (A2:B) runs to the grid's edge.
	const r1 = a.row ?? 1;
	const c1 = a.col ?? 1;
	const r2 = b.row ?? maxRows;
	const c2 = b.col ?? maxColumns;
	const top = Math.min(r1, r2);
	const left = Math.min(c1, c2);
	return {
		row: top - 1,
		col: left - 1,
		numRows: Math.max(r1, r2) - top + 1,
		numCols: Math.max(c1, c2) - left + 1,
	};
}
