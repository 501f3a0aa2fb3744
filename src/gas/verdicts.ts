/** Writing validation verdicts back into an entry sheet: at most three block writes. */
import { ENTRY_COL, ENTRY_WIDTH, type RowVerdict } from "../domain";
import type { Sheet } from "./book";
import { FIX_BACKGROUND } from "./sheet-style";

export function padEntryRow(row: readonly unknown[]): unknown[] {
	const out = row.slice(0, ENTRY_WIDTH);
	while (out.length < ENTRY_WIDTH) out.push("");
	return out;
}

/**
 * Writes back 評価 (only the span of rows whose label was canonicalised, so a department's
 * typing elsewhere is never overwritten with a stale copy), 状態 (with 入力者 and 更新日時 when
 * `stamp` is given) and the row highlight.
 */
export function writeVerdicts(
	sheet: Sheet,
	firstRow: number,
	verdicts: RowVerdict[],
	stamp: ((v: RowVerdict) => unknown[]) | null,
): void {
	if (verdicts.length === 0) return;
	const changed = verdicts.flatMap((v, i) => (v.ratingChanged ? [i] : []));
	if (changed.length > 0) {
		const from = changed[0] as number;
		const to = changed[changed.length - 1] as number;
		const span = verdicts.slice(from, to + 1).map((v) => [v.rating]);
		sheet
			.getRange(firstRow + from, ENTRY_COL.rating + 1, span.length, 1)
			.setValues(span);
	}
	const statusBlock = verdicts.map((v) => (stamp ? stamp(v) : [v.status]));
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
