/**
 * Validation as typed (handleEdit) and of every row (全行を検証): SPEC 4. Both read and write in
 * blocks; an edit costs a constant number of calls whatever the paste size.
 */
import {
	ENTRY_WIDTH,
	entryHeaderProblem,
	INPUT_COLUMNS,
	parseEntrySheetName,
	validateEntryRow,
} from "../domain";
import type { Book } from "./book";
import { withDocumentLock } from "./lock";
import { problemsMessage } from "./problems";
import type { ActionResult } from "./ui";
import { writeVerdicts } from "./verdicts";
import { loadYear, revalidate } from "./year";

/** 入力者 when Apps Script does not reveal who edited (reference/base/session#getActiveUser). */
export const EDITOR_UNKNOWN = "（取得できません）";

export interface EditOutcome {
	checked: number;
	skipped?: string;
}

/** The installable edit trigger's work: validates the edited rows of an entry sheet. */
export function validateEdit(
	e: GoogleAppsScript.Events.SheetsOnEdit,
	now: Date,
): EditOutcome {
	const range = e.range;
	const sheet = range.getSheet();
	if (parseEntrySheetName(sheet.getName()) === null)
		return { checked: 0, skipped: "not an entry sheet" };
	const firstRow = Math.max(range.getRow(), 2);
	const lastRow = range.getRow() + range.getNumRows() - 1;
	const firstCol = range.getColumn();
	const lastCol = firstCol + range.getNumColumns() - 1;
	if (lastRow < firstRow) return { checked: 0, skipped: "header row" };
	if (lastCol < INPUT_COLUMNS.first || firstCol > INPUT_COLUMNS.last) {
		return { checked: 0, skipped: "outside the input columns" };
	}
	const editor = e.user?.getEmail() || EDITOR_UNKNOWN;
	return withDocumentLock(() => {
		const header = sheet.getRange(1, 1, 1, ENTRY_WIDTH).getValues()[0] ?? [];
		// A changed header is reported by 全行を検証; writing by position would then be wrong.
		if (entryHeaderProblem(header, sheet.getName()))
			return { checked: 0, skipped: "header changed" };
		const rows = sheet
			.getRange(firstRow, 1, lastRow - firstRow + 1, ENTRY_WIDTH)
			.getValues();
		const verdicts = rows.map((r) => validateEntryRow(r));
		writeVerdicts(sheet, firstRow, verdicts, (v) => [
			v.status,
			v.hasInput || v.status ? editor : "",
			now,
		]);
		return { checked: rows.length };
	}, 10_000);
}

/** 全行を検証: every row of the target year's entry sheet, plus the master. */
export function validateAll(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const year = loadYear(book, now);
		const { problems, counts } = revalidate(year);
		const summary = `${year.name} を検証しました：入力済 ${counts.done}件、未入力 ${counts.blank}件、要修正 ${counts.fix}件。`;
		const message =
			problems.length > 0
				? problemsMessage(`${summary}\n次の点を確認してください。`, problems)
				: summary;
		return {
			ok: true,
			message,
			...counts,
			problems,
			sheet: year.name,
			fiscalYear: year.settings.settings.fiscalYear,
		};
	});
}
