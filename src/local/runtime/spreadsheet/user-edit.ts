/**
 * A person editing in the Sheets UI (typing one cell or pasting a block), as opposed to a
 * script. Used by the runtime to simulate department users; it fires no triggers (the runtime
 * does that with the returned rect and values).
 *
 * - Protections are enforced for that user (https://developers.google.com/apps-script/reference/spreadsheet/protection): Sheets refuses
 *   the edit with its "protected cell" message.
 * - Data validation with "Reject input" (allowInvalid = false) refuses an invalid value typed
 *   into a single cell. Our decision for pastes: a multi-cell paste is written without list
 *   validation (Sheets lets pastes through and flags the cells), so the product must
 *   re-validate pasted rows itself.
 * - "=…" becomes a formula (stored, never evaluated); a leading apostrophe makes the rest text.
 *   No other type guessing: the caller gives the JS value the user's input stands for (a number
 *   typed as the string "5" stays the string "5").
 */
import type { CellValue, GridRect } from "../model";
import { getCell } from "../model";
import { GasError, type RuntimeState } from "../state";
import { parseA1Range, rectToA1, splitSheetPrefix } from "./a1";
import { writeBlock } from "./cells";
import { satisfies, validationAt } from "./data-validation";
import { assertCanEdit } from "./protection";
import { findSheet } from "./sheet";

export interface UserEditResult {
	rect: GridRect;
	/** Single-cell edits only: the value before (undefined when the cell was empty). */
	oldValue?: CellValue;
	/** Single-cell edits only: the value after (undefined when cleared or a formula). */
	value?: CellValue;
}

export function userEdit(
	state: RuntimeState,
	sheetName: string,
	a1: string,
	values: CellValue[][],
	user: string,
): UserEditResult {
	const sheet = findSheet(state.workbook, sheetName);
	if (!sheet) throw new GasError(`No sheet named "${sheetName}".`);
	if (
		!Array.isArray(values) ||
		values.length === 0 ||
		!Array.isArray(values[0]) ||
		values[0].length === 0
	) {
		throw new GasError("userEdit: values must be a non-empty 2-D array.");
	}
	const numCols = values[0].length;
	if (values.some((row) => !Array.isArray(row) || row.length !== numCols)) {
		throw new GasError(
			"userEdit: every row of values must have the same length.",
		);
	}
	const { ref } = splitSheetPrefix(a1);
	const target = parseA1Range(ref, sheet.maxRows, sheet.maxColumns);
	const single = target.numRows === 1 && target.numCols === 1;
	// A pasted block starts at the selected cell; a selected block must match the data.
	if (
		!single &&
		(target.numRows !== values.length || target.numCols !== numCols)
	) {
		throw new GasError(
			`userEdit: ${ref} is ${target.numRows}×${target.numCols} but the data is ${values.length}×${numCols}.`,
		);
	}
	const rect: GridRect = {
		row: target.row,
		col: target.col,
		numRows: values.length,
		numCols,
	};
	if (
		rect.row + rect.numRows > sheet.maxRows ||
		rect.col + rect.numCols > sheet.maxColumns
	) {
		throw new GasError(
			"The coordinates of the range are outside the dimensions of the sheet.",
		);
	}

	assertCanEdit(state, sheet, rect, user);

	const isSingleCell = rect.numRows === 1 && rect.numCols === 1;
	if (isSingleCell) {
		const raw = (values[0] as CellValue[])[0] as CellValue;
		const rule = validationAt(sheet, rect.row, rect.col);
		const typed =
			typeof raw === "string" && raw.startsWith("'") ? raw.slice(1) : raw;
		const isFormula =
			typeof raw === "string" && raw.length > 1 && raw.startsWith("=");
		if (
			rule &&
			!rule.allowInvalid &&
			!isFormula &&
			!satisfies(rule, typed ?? "")
		) {
			// The message Sheets shows under a rejecting rule (its help text when one is set).
			throw new GasError(
				rule.helpText ||
					`Invalid: the data you entered in cell ${rectToA1(rect)} violates the data validation rules set on this cell.`,
			);
		}
	}

	const before = isSingleCell ? getCell(sheet, rect.row, rect.col) : undefined;
	writeBlock(sheet, rect, values, "user");

	if (!isSingleCell) return { rect };
	const after = getCell(sheet, rect.row, rect.col);
	const result: UserEditResult = { rect };
	if (before !== undefined && before !== "") result.oldValue = before;
	if (after !== "") result.value = after;
	return result;
}
