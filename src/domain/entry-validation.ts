/**
 * Checking rows of an entry sheet as they are typed (SPEC 4): what to write back into 評価
 * (the canonical label for an accepted variant, anything else left as typed), 状態, and whether
 * the row is highlighted. Works on the fixed layout the product creates (ENTRY_HEADERS).
 */
import { ENTRY_COL, ENTRY_HEADERS, ENTRY_WIDTH, type EntryRow } from "./entry";
import { columnLetter } from "./problems";
import {
	canonicalRatingCell,
	DEFAULT_SCALE,
	fixColumn,
	rowStatus,
	type Scale,
	STATUS_FIX_PREFIX,
} from "./ratings";
import { cellString, isBlank } from "./text";

export interface RowVerdict {
	/** The 評価 cell after validation (canonical label, or the input as typed). */
	rating: unknown;
	ratingChanged: boolean;
	/** 状態: 未入力 / 入力済 / 要修正：… ; "" for an empty row without 取組No. */
	status: string;
	/** The row needs fixing: highlight it. */
	fix: boolean;
	/** The row holds department input (評価, 主な取組実績 or 評価理由・課題). */
	hasInput: boolean;
}

const NO_INITIATIVE = `${STATUS_FIX_PREFIX}取組Noのない行です。入力は集計されません（入力する行を確認してください）`;

/** 1-based sheet columns of the cells departments type into. */
export const INPUT_COLUMNS = {
	first: ENTRY_COL.rating + 1,
	last: ENTRY_COL.reason + 1,
} as const;

export function validateEntryRow(
	row: readonly unknown[],
	scale: Scale = DEFAULT_SCALE,
): RowVerdict {
	const rating = row[ENTRY_COL.rating] ?? "";
	const achievement = row[ENTRY_COL.achievement] ?? "";
	const reason = row[ENTRY_COL.reason] ?? "";
	const hasInput =
		!isBlank(rating) || !isBlank(achievement) || !isBlank(reason);
	if (cellString(row[ENTRY_COL.no]) === "") {
		return {
			rating,
			ratingChanged: false,
			status: hasInput ? NO_INITIATIVE : "",
			fix: hasInput,
			hasInput,
		};
	}
	const canonical = canonicalRatingCell(rating, scale);
	const status = rowStatus(rating, achievement, reason, scale);
	return {
		rating: canonical,
		ratingChanged: canonical !== rating,
		status: status.text,
		fix: status.kind === "fix",
		hasInput,
	};
}

/**
 * The header row must be the product's (columns are located by position, so that an edit is
 * checked in a constant number of calls). Returns a Japanese message naming the first column
 * that differs, or null.
 */
export function entryHeaderProblem(
	header: readonly unknown[],
	sheetName: string,
): string | null {
	for (let c = 0; c < ENTRY_WIDTH; c++) {
		const expected = ENTRY_HEADERS[c];
		const actual = cellString(header[c]);
		if (actual !== expected) {
			const column = String.fromCharCode(65 + c);
			return `「${sheetName}」シートの見出し（1行目）が変更されています。${column}列の見出しは「${expected}」である必要があります（現在：「${actual}」）。列を削除・移動した場合は元に戻してください。`;
		}
	}
	return null;
}

/** A row of the entry sheet that needs fixing (全行を検証, `validate`). */
export interface RowToFix {
	/** 1-based sheet row. */
	row: number;
	/** 取組No as in the cell. */
	no: string;
	/** The row's 担当課, `、`-separated. */
	department: string;
	/** The input cell to fix, A1 (`F12`). */
	cell: string;
	/** 状態 without 「要修正：」. */
	reason: string;
}

/** Every 要修正 row of `rows`, in sheet order, with the cell to fix and why. */
export function rowsToFix(rows: readonly EntryRow[]): RowToFix[] {
	return rows
		.filter((r) => r.status.kind === "fix")
		.map((r) => ({
			row: r.row,
			no: r.no,
			department: r.departments.join("、"),
			cell: `${columnLetter(ENTRY_COL[fixColumn(r.status)])}${r.row}`,
			reason: r.status.text.startsWith(STATUS_FIX_PREFIX)
				? r.status.text.slice(STATUS_FIX_PREFIX.length)
				: r.status.text,
		}));
}
