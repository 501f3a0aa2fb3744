/** Rectangle arithmetic on 0-based GridRects. */
import type { GridRect } from "../model";
import { rectsIntersect } from "../model";

function intersect(a: GridRect, b: GridRect): GridRect | null {
	const row = Math.max(a.row, b.row);
	const col = Math.max(a.col, b.col);
	const rowEnd = Math.min(a.row + a.numRows, b.row + b.numRows);
	const colEnd = Math.min(a.col + a.numCols, b.col + b.numCols);
	if (rowEnd <= row || colEnd <= col) return null;
	return { row, col, numRows: rowEnd - row, numCols: colEnd - col };
}

export function containsRect(outer: GridRect, inner: GridRect): boolean {
	return (
		inner.row >= outer.row &&
		inner.col >= outer.col &&
		inner.row + inner.numRows <= outer.row + outer.numRows &&
		inner.col + inner.numCols <= outer.col + outer.numCols
	);
}

/** a minus b, as up to four rects (top, bottom, left, right bands). */
export function subtract(a: GridRect, b: GridRect): GridRect[] {
	if (!rectsIntersect(a, b)) return [a];
	const i = intersect(a, b) as GridRect;
	const out: GridRect[] = [];
	const aEndR = a.row + a.numRows;
	const iEndR = i.row + i.numRows;
	if (i.row > a.row)
		out.push({
			row: a.row,
			col: a.col,
			numRows: i.row - a.row,
			numCols: a.numCols,
		});
	if (aEndR > iEndR)
		out.push({
			row: iEndR,
			col: a.col,
			numRows: aEndR - iEndR,
			numCols: a.numCols,
		});
	if (i.col > a.col)
		out.push({
			row: i.row,
			col: a.col,
			numRows: i.numRows,
			numCols: i.col - a.col,
		});
	const aEndC = a.col + a.numCols;
	const iEndC = i.col + i.numCols;
	if (aEndC > iEndC)
		out.push({
			row: i.row,
			col: iEndC,
			numRows: i.numRows,
			numCols: aEndC - iEndC,
		});
	return out;
}
