/** Writing validation verdicts back into an entry sheet: at most three block writes. */
import {
	columnLetter,
	ENTRY_COL,
	ENTRY_WIDTH,
	keepText,
	type RowVerdict,
	STATUS_BLANK,
	STATUS_DONE,
	STATUS_FIX_PREFIX,
} from "../domain";
import type { Sheet } from "./book";
import { FIX_BACKGROUND } from "./sheet-style";

const RATING_COLUMN = columnLetter(ENTRY_COL.rating);

export function padEntryRow(row: readonly unknown[]): unknown[] {
	const out = row.slice(0, ENTRY_WIDTH);
	while (out.length < ENTRY_WIDTH) out.push("");
	return out;
}

/**
 * Writes back the canonical 評価 labels, 状態 (with 入力者 and 更新日時 when `stamp` is given) and
 * the row highlight.
 */
export function writeVerdicts(
	sheet: Sheet,
	firstRow: number,
	verdicts: RowVerdict[],
	stamp: ((v: RowVerdict) => unknown[]) | null,
): void {
	if (verdicts.length === 0) return;
	// Only the cells whose label was canonicalised are written, one RangeList per label (at most
	// four calls): a department typing elsewhere meanwhile is never overwritten with a stale
	// copy, and text such as '=1+1 is never written back (it would become a formula).
	const byLabel = new Map<string, string[]>();
	verdicts.forEach((v, i) => {
		if (!v.ratingChanged || typeof v.rating !== "string") return;
		const cells = byLabel.get(v.rating) ?? [];
		cells.push(`${RATING_COLUMN}${firstRow + i}`);
		byLabel.set(v.rating, cells);
	});
	for (const [label, cells] of byLabel)
		sheet.getRangeList(cells).setValue(keepText(label));
	const statusBlock = verdicts.map((v) =>
		(stamp ? stamp(v) : [v.status]).map(keepText),
	);
	sheet
		.getRange(
			firstRow,
			ENTRY_COL.status + 1,
			verdicts.length,
			statusBlock[0]?.length ?? 1,
		)
		.setValues(statusBlock);
	const backgrounds = verdicts.map((v) =>
		new Array<string | null>(ENTRY_WIDTH).fill(v.fix ? FIX_BACKGROUND : null),
	);
	sheet
		.getRange(firstRow, 1, verdicts.length, ENTRY_WIDTH)
		.setBackgrounds(backgrounds);
}

type RuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

/** The status colours: 要修正 red, 未入力 yellow, 入力済 green. */
const STATUS_RULES: ReadonlyArray<(b: RuleBuilder) => RuleBuilder> = [
	(b) =>
		b
			.whenTextStartsWith(STATUS_FIX_PREFIX)
			.setBackground("#f4c7c3")
			.setFontColor("#a50e0e"),
	(b) => b.whenTextEqualTo(STATUS_BLANK).setBackground("#fce8b2"),
	(b) => b.whenTextEqualTo(STATUS_DONE).setBackground("#b7e1cd"),
];

/** The status colours on a 状態 range (entry sheet, KPI sheet). */
export function statusRules(
	status: GoogleAppsScript.Spreadsheet.Range,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
	return STATUS_RULES.map((rule) =>
		rule(SpreadsheetApp.newConditionalFormatRule()).setRanges([status]).build(),
	);
}
