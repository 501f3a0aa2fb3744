/**
 * 年度を締める (SPEC 6): the target year's entry sheet becomes the DX office's only, the year is
 * recorded as closed and its reminders stop. Run again on a closed year, it offers to reopen
 * (a Yes/No dialog: reopening is a deliberate act of the DX office).
 *
 * The protections change first and the record last, so a run interrupted midway is completed
 * by running the same action again.
 */
import { fiscalYearLabel, type Settings } from "../domain";
import { isClosed, markClosed, markOpen, protectEntry } from "./access";
import type { Book } from "./book";
import { protectKpi } from "./kpi";
import { withDocumentLock } from "./lock";
import { readSettings } from "./master-sheets";
import { requireDxOffice } from "./protections";
import type { ActionResult } from "./ui";
import { loadYear } from "./year";

export function closeFiscalYear(book: Book, now: Date): ActionResult {
	const { settings } = readSettings(book, now);
	requireDxOffice(settings, "年度を締める");
	const label = fiscalYearLabel(settings.fiscalYear);
	if (isClosed(settings.fiscalYear)) {
		// Asked before taking the lock: a dialog suspends the script and its locks (reference/base/ui#alert).
		const ui = SpreadsheetApp.getUi();
		const answer = ui.alert(
			"年度を締める",
			`${label}はすでに締めています。締めを解除して、各担当課が再び入力できるようにしますか？`,
			ui.ButtonSet.YES_NO,
		);
		if (answer !== ui.Button.YES)
			return {
				ok: true,
				message: `${label}は締めたままです。`,
				closed: true,
				wasClosed: true,
			};
		return setClosed(
			book,
			now,
			settings,
			false,
			() =>
				`${label}の締めを解除しました。各担当課が自課の行を再び入力でき、催促メールも再開します。`,
		);
	}
	return setClosed(
		book,
		now,
		settings,
		true,
		(sheet) =>
			`${label}の評価シート「${sheet}」を締めました。DX推進室以外は編集できなくなり、この年度の催促メールは送信されません。`,
	);
}

function setClosed(
	book: Book,
	now: Date,
	settings: Settings,
	closed: boolean,
	message: (sheet: string) => string,
): ActionResult {
	return withDocumentLock(() => {
		const year = loadYear(book, now);
		protectEntry(
			year.sheet,
			year.values,
			settings,
			year.master.draft.departments,
			closed,
		);
		if (year.kpi)
			protectKpi(
				year.kpi.sheet,
				year.kpi.values,
				settings,
				year.master.draft.departments,
				closed,
			);
		if (closed) markClosed(settings.fiscalYear);
		else markOpen(settings.fiscalYear);
		return {
			ok: true,
			message: message(year.name),
			closed,
			wasClosed: !closed,
		};
	});
}
