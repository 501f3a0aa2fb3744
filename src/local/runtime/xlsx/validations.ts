/**
 * List validations ↔ xlsx data validations.
 *
 * Writing: a list whose items joined by "," fit in 255 characters (Excel's limit for a literal
 * list) and contain no `,` or `"` is written literally (`"A 順調に進んだ,B まずまず進んだ,…"`);
 * any other list is written into a column of the hidden `__dx_runtime__` sheet and referenced
 * (`__dx_runtime__!$B$1:$B$4`), which Excel and LibreOffice both show as a dropdown.
 * allowInvalid → errorStyle "warning" (Excel lets the user keep the value), otherwise "stop";
 * helpText → the input prompt (cut to Excel's 255-character limit; the full text is restored
 * from the runtime JSON). Excel cannot hide the dropdown arrow of a validation written by
 * exceljs, so showDropdown=false is kept in the runtime JSON only.
 *
 * Reading: list validations only (other types have no model form and are dropped). A list
 * referring to a range is resolved from the loaded cell values.
 */
import type ExcelJS from "exceljs";
import type { GridRect, ValidationModel } from "../model";
import { columnLetters, parseSheetRef } from "./a1";
import { RUNTIME_SHEET_NAME, rectEquals } from "./runtime-sheet";

const LITERAL_LIST_LIMIT = 255;
const PROMPT_LIMIT = 255;

type DataValidation = ExcelJS.DataValidation;

/** Collects list items that must live in the runtime sheet; deduplicated by content. */
export class ListColumns {
	readonly columns: string[][] = [];
	private readonly index = new Map<string, number>();

	/** The absolute reference of the column holding `items` (column B is the first). */
	reference(items: string[]): string {
		const key = JSON.stringify(items);
		let i = this.index.get(key);
		if (i === undefined) {
			i = this.columns.length;
			this.columns.push(items);
			this.index.set(key, i);
		}
		const letters = columnLetters(i + 1);
		return `${RUNTIME_SHEET_NAME}!$${letters}$1:$${letters}$${Math.max(items.length, 1)}`;
	}
}

function canBeLiteral(items: string[]): boolean {
	if (items.some((v) => v.includes(",") || v.includes('"'))) return false;
	return items.join(",").length <= LITERAL_LIST_LIMIT;
}

export function encodeValidation(
	v: ValidationModel,
	lists: ListColumns,
): DataValidation {
	const formula = canBeLiteral(v.values)
		? `"${v.values.join(",")}"`
		: lists.reference(v.values);
	const dv: DataValidation = {
		type: "list",
		allowBlank: true,
		formulae: [formula],
		showErrorMessage: true,
		errorStyle: v.allowInvalid ? "warning" : "stop",
	};
	if (v.helpText) {
		dv.showInputMessage = true;
		dv.prompt = v.helpText.slice(0, PROMPT_LIMIT);
	}
	return dv;
}

/**
 * exceljs expands every sqref of a validation into single addresses sharing one object;
 * regroup them into rectangles (column runs, then adjacent columns with the same run).
 */
function rectsOf(cells: Array<{ row: number; col: number }>): GridRect[] {
	const byCol = new Map<number, number[]>();
	for (const { row, col } of cells) {
		const list = byCol.get(col);
		if (list) list.push(row);
		else byCol.set(col, [row]);
	}
	const runs: GridRect[] = [];
	for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
		const rows = (byCol.get(col) as number[]).sort((a, b) => a - b);
		let start = rows[0] as number;
		let prev = start;
		for (let i = 1; i <= rows.length; i++) {
			const r = rows[i];
			if (r !== undefined && r === prev + 1) {
				prev = r;
				continue;
			}
			const existing = runs.find(
				(x) =>
					x.row === start &&
					x.numRows === prev - start + 1 &&
					x.col + x.numCols === col,
			);
			if (existing) existing.numCols++;
			else
				runs.push({ row: start, col, numRows: prev - start + 1, numCols: 1 });
			if (r !== undefined) {
				start = r;
				prev = r;
			}
		}
	}
	return runs;
}

function splitLiteral(formula: string): string[] {
	return formula.slice(1, -1).replace(/""/g, '"').split(",");
}

export function decodeValidations(
	model: Record<string, DataValidation | undefined>,
	sheetName: string,
	resolveRange: (sheet: string, rect: GridRect) => string[] | undefined,
	parseAddress: (address: string) => { row: number; col: number } | undefined,
): ValidationModel[] {
	const groups = new Map<DataValidation, Array<{ row: number; col: number }>>();
	for (const [address, dv] of Object.entries(model)) {
		if (dv?.type !== "list") continue;
		const cell = parseAddress(address);
		if (!cell) continue;
		const list = groups.get(dv);
		if (list) list.push(cell);
		else groups.set(dv, [cell]);
	}
	const out: ValidationModel[] = [];
	for (const [dv, cells] of groups) {
		const formula = String(dv.formulae?.[0] ?? "").trim();
		let values: string[] | undefined;
		if (
			formula.startsWith('"') &&
			formula.endsWith('"') &&
			formula.length >= 2
		) {
			values = splitLiteral(formula);
		} else {
			const ref = parseSheetRef(formula);
			if (ref) values = resolveRange(ref.sheet ?? sheetName, ref.rect);
		}
		if (!values) continue;
		const allowInvalid =
			dv.showErrorMessage === false ||
			dv.showErrorMessage === undefined ||
			dv.errorStyle === "warning" ||
			dv.errorStyle === "information";
		for (const rect of rectsOf(cells)) {
			out.push({
				rect,
				kind: "list",
				values: [...values],
				showDropdown: true,
				allowInvalid,
				helpText: dv.showInputMessage === false ? "" : String(dv.prompt ?? ""),
			});
		}
	}
	out.sort((a, b) => a.rect.row - b.rect.row || a.rect.col - b.rect.col);
	return out;
}

/**
 * Replace each loaded validation by the saved model validation with the same rectangle and
 * items (restores showDropdown and a helpText longer than Excel's prompt limit).
 */
export function restoreValidations(
	loaded: ValidationModel[],
	saved: ValidationModel[] | undefined,
): ValidationModel[] {
	if (!saved || saved.length === 0) return loaded;
	const used = new Set<number>();
	const restored = loaded.map((v) => {
		const i = saved.findIndex(
			(s, idx) =>
				!used.has(idx) &&
				rectEquals(s.rect, v.rect) &&
				s.values.length === v.values.length &&
				s.values.every((x, k) => x === v.values[k]) &&
				s.allowInvalid === v.allowInvalid &&
				s.helpText.slice(0, PROMPT_LIMIT) === v.helpText,
		);
		if (i < 0) return v;
		used.add(i);
		return structuredClone(saved[i] as ValidationModel);
	});
	// Keep the model's order when every validation was matched.
	if (used.size === saved.length && restored.length === saved.length) {
		return saved.map((s) => structuredClone(s));
	}
	return restored;
}
