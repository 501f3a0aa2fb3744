/**
 * What people do in the spreadsheet, done through the local runtime as those people: the DX
 * office pastes the master and fills 設定, departments type or paste their ratings. Every
 * change goes through LocalRuntime.edit, so protections apply and the edit trigger fires.
 */
import { ENTRY_COL, type RatingInput, SHEET_NAMES, splitList } from "../domain";
import type { CellValue, SheetModel } from "./runtime/model";
import { getCell, lastRow } from "./runtime/model";
import type { LocalRuntime } from "./runtime/runtime";
import { rectToA1 } from "./runtime/spreadsheet";

export function sheetModel(rt: LocalRuntime, name: string): SheetModel {
	const sheet = rt.workbook.sheets.find((s) => s.name === name);
	if (!sheet) throw new Error(`シート「${name}」がありません`);
	return sheet;
}

/** `user` pastes `rows` with its top-left cell at (row, col), 1-based. */
export function paste(
	rt: LocalRuntime,
	user: string,
	sheetName: string,
	row: number,
	col: number,
	rows: CellValue[][],
): void {
	const width = Math.max(...rows.map((r) => r.length));
	const block = rows.map((r) => {
		const out = [...r];
		while (out.length < width) out.push("");
		return out;
	});
	const a1 = rectToA1({
		row: row - 1,
		col: col - 1,
		numRows: block.length,
		numCols: width,
	});
	growGrid(sheetModel(rt, sheetName), row - 1 + block.length, col - 1 + width);
	rt.edit(user, sheetName, a1, block);
}

/**
 * A paste taller or wider than the grid: the person first adds the rows (columns) it needs at
 * the end, as the 「行を追加」 control below the grid does. Nothing moves, so no protection,
 * validation or formula shifts.
 */
function growGrid(sheet: SheetModel, rows: number, columns: number): void {
	sheet.maxRows = Math.max(sheet.maxRows, rows);
	sheet.maxColumns = Math.max(sheet.maxColumns, columns);
}

/** `user` replaces a master sheet's rows (header included) by pasting over it from A1. */
export function pasteTable(
	rt: LocalRuntime,
	user: string,
	sheetName: string,
	rows: CellValue[][],
): void {
	const sheet = sheetModel(rt, sheetName);
	const width = Math.max(...rows.map((r) => r.length));
	const height = Math.max(rows.length, lastRow(sheet));
	const block: CellValue[][] = [];
	for (let r = 0; r < height; r++) {
		const src = rows[r] ?? [];
		block.push(Array.from({ length: width }, (_, c) => src[c] ?? ""));
	}
	paste(rt, user, sheetName, 1, 1, block);
}

/** `user` types values into 設定 (項目 → 値), each in its own row. */
export function setSettings(
	rt: LocalRuntime,
	user: string,
	values: Record<string, CellValue>,
): void {
	const sheet = sheetModel(rt, SHEET_NAMES.settings);
	const last = lastRow(sheet);
	for (const [item, value] of Object.entries(values)) {
		let row = -1;
		for (let r = 0; r < last; r++) if (getCell(sheet, r, 0) === item) row = r;
		if (row < 0) {
			paste(rt, user, SHEET_NAMES.settings, last + 1, 1, [[item, value]]);
			continue;
		}
		paste(rt, user, SHEET_NAMES.settings, row + 1, 2, [[value]]);
	}
}

/**
 * Departments enter ratings: each initiative's first department pastes 評価 | 主な取組実績 |
 * 評価理由・課題 for its own consecutive rows, as that department's user.
 */
export function enterRatings(
	rt: LocalRuntime,
	sheetName: string,
	ratings: ReadonlyMap<string, RatingInput>,
	userOf: (department: string) => string,
	only?: (department: string) => boolean,
): number {
	const sheet = sheetModel(rt, sheetName);
	const last = lastRow(sheet);
	let pastes = 0;
	let run: { user: string; start: number; rows: CellValue[][] } | null = null;
	const flush = () => {
		if (!run) return;
		paste(rt, run.user, sheetName, run.start, ENTRY_COL.rating + 1, run.rows);
		pastes++;
		run = null;
	};
	for (let r = 1; r < last; r++) {
		const no = String(getCell(sheet, r, ENTRY_COL.no));
		const department =
			splitList(String(getCell(sheet, r, ENTRY_COL.departments)))[0] ?? "";
		const rating = ratings.get(no);
		if (!rating || (only && !only(department))) {
			flush();
			continue;
		}
		const user = userOf(department);
		const cells: CellValue[] = [
			(rating.rating as CellValue) ?? "",
			(rating.achievement as CellValue) ?? "",
			(rating.reason as CellValue) ?? "",
		];
		if (run && run.user === user && run.start + run.rows.length === r + 1)
			run.rows.push(cells);
		else {
			flush();
			run = { user, start: r + 1, rows: [cells] };
		}
	}
	flush();
	return pastes;
}
