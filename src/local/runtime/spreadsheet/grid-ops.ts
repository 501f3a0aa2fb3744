/**
 * Inserting and deleting rows/columns: everything anchored to cells moves with them (values,
 * formulas, notes, formats, validations, protections, merges, conditional formats, charts,
 * hidden rows, column widths), as in Sheets. Formula texts are not rewritten (the runtime never
 * evaluates them). Inserted rows/columns start empty and unformatted (Sheets copies the
 * neighbouring format; we do not).
 */
import type { CellValue, GridRect, SheetModel } from "../model";

export type Dimension = "row" | "col";

/** The new [start, end) of a span after inserting `count` at `at` (count > 0) or deleting [at, at-count). */
function shiftSpan(
	start: number,
	end: number,
	at: number,
	count: number,
): [number, number] | null {
	if (count > 0) {
		const s = start >= at ? start + count : start;
		const e = end > at ? end + count : end;
		return [s, e];
	}
	const k = -count;
	const delEnd = at + k;
	const move = (x: number) => (x <= at ? x : x >= delEnd ? x - k : at);
	const s = move(start);
	const e = move(end);
	return e > s ? [s, e] : null;
}

function shiftRect(
	rect: GridRect,
	dim: Dimension,
	at: number,
	count: number,
): GridRect | null {
	if (dim === "row") {
		const span = shiftSpan(rect.row, rect.row + rect.numRows, at, count);
		return span ? { ...rect, row: span[0], numRows: span[1] - span[0] } : null;
	}
	const span = shiftSpan(rect.col, rect.col + rect.numCols, at, count);
	return span ? { ...rect, col: span[0], numCols: span[1] - span[0] } : null;
}

function shiftIndex(i: number, at: number, count: number): number | null {
	if (count > 0) return i >= at ? i + count : i;
	if (i < at) return i;
	if (i < at - count) return null;
	return i + count;
}

function shiftKeys<T>(
	map: Map<string, T>,
	dim: Dimension,
	at: number,
	count: number,
): Map<string, T> {
	if (map.size === 0) return map;
	const out = new Map<string, T>();
	for (const [key, value] of map) {
		const comma = key.indexOf(",");
		let r = Number(key.slice(0, comma));
		let c = Number(key.slice(comma + 1));
		const moved = shiftIndex(dim === "row" ? r : c, at, count);
		if (moved === null) continue;
		if (dim === "row") r = moved;
		else c = moved;
		out.set(`${r},${c}`, value);
	}
	return out;
}

/** Inserts (count > 0) or deletes (count < 0) rows or columns at 0-based index `at`. */
export function shiftGrid(
	sheet: SheetModel,
	dim: Dimension,
	at: number,
	count: number,
): void {
	if (dim === "row") {
		if (count > 0) {
			if (at < sheet.values.length) {
				const blank: CellValue[][] = Array.from({ length: count }, () => []);
				sheet.values.splice(at, 0, ...blank);
			}
			sheet.maxRows += count;
		} else {
			sheet.values.splice(at, -count);
			sheet.maxRows += count;
		}
		const hidden = new Set<number>();
		for (const r of sheet.hiddenRows) {
			const m = shiftIndex(r, at, count);
			if (m !== null) hidden.add(m);
		}
		sheet.hiddenRows = hidden;
		if (count < 0 && sheet.frozenRows > at)
			sheet.frozenRows = Math.max(at, sheet.frozenRows + count);
		else if (count > 0 && sheet.frozenRows > at) sheet.frozenRows += count;
	} else {
		for (const row of sheet.values) {
			if (!row || row.length <= at) continue;
			if (count > 0) row.splice(at, 0, ...new Array<CellValue>(count).fill(""));
			else row.splice(at, -count);
		}
		sheet.maxColumns += count;
		const widths = new Map<number, number>();
		for (const [c, w] of sheet.columnWidths) {
			const m = shiftIndex(c, at, count);
			if (m !== null) widths.set(m, w);
		}
		sheet.columnWidths = widths;
		const hidden = new Set<number>();
		for (const c of sheet.hiddenColumns) {
			const m = shiftIndex(c, at, count);
			if (m !== null) hidden.add(m);
		}
		sheet.hiddenColumns = hidden;
		if (count < 0 && sheet.frozenColumns > at)
			sheet.frozenColumns = Math.max(at, sheet.frozenColumns + count);
		else if (count > 0 && sheet.frozenColumns > at)
			sheet.frozenColumns += count;
	}

	sheet.formulas = shiftKeys(sheet.formulas, dim, at, count);
	sheet.notes = shiftKeys(sheet.notes, dim, at, count);
	sheet.formats = shiftKeys(sheet.formats, dim, at, count);

	const keep = <T>(rect: GridRect, make: (r: GridRect) => T): T | null => {
		const moved = shiftRect(rect, dim, at, count);
		return moved ? make(moved) : null;
	};

	sheet.merges = sheet.merges.flatMap((m) => keep(m, (r) => r) ?? []);
	sheet.validations = sheet.validations.flatMap(
		(v) => keep(v.rect, (rect) => ({ ...v, rect })) ?? [],
	);
	// A range protection whose cells are all deleted goes away; a sheet protection stays. The
	// models are updated in place so live Protection objects keep seeing them.
	sheet.protections = sheet.protections.filter((p) => {
		p.unprotected = p.unprotected.flatMap((u) => keep(u, (r) => r) ?? []);
		if (!p.rect) return true;
		const rect = shiftRect(p.rect, dim, at, count);
		if (!rect) return false;
		p.rect = rect;
		return true;
	});
	sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
		const rects = cf.rects.flatMap((r) => keep(r, (x) => x) ?? []);
		return rects.length ? [{ ...cf, rects }] : [];
	});
	for (const chart of sheet.charts) {
		chart.ranges = chart.ranges.flatMap((r) => keep(r, (x) => x) ?? []);
		const anchor =
			shiftIndex(
				dim === "row" ? chart.anchorRow : chart.anchorCol,
				at,
				count,
			) ?? at;
		if (dim === "row") chart.anchorRow = anchor;
		else chart.anchorCol = anchor;
	}
}
