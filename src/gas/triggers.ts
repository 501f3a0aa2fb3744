/**
 * トリガーを設定: exactly one installable edit trigger (handleEdit) and one daily trigger
 * (dailyJob at 設定!催促時刻, Asia/Tokyo), however often it is run. Installable triggers run
 * as, and send mail from, the account that installs them (guides/triggers/installable).
 */

import { protectWorkbook } from "./access";
import type { Book } from "./book";
import { assertCodeOnlyForOffice } from "./deployment";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { recordInstaller, requireDxOffice } from "./protections";
import { TIME_ZONE } from "./time-zone";
import type { ActionResult } from "./ui";

const EDIT_HANDLER = "handleEdit";
const DAILY_HANDLER = "dailyJob";

export function installTriggers(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const { settings } = readSettings(book, now);
		assertCodeOnlyForOffice(requireDxOffice(settings, "トリガーを設定"));
		// The clicker is one of the DX office's accounts: every protection names them as editor.
		protectWorkbook(book, settings, readMaster(book).draft.departments);
		// getProjectTriggers lists only this user's triggers; another account's stay untouched.
		let removed = 0;
		for (const trigger of ScriptApp.getProjectTriggers()) {
			const handler = trigger.getHandlerFunction();
			if (handler === EDIT_HANDLER || handler === DAILY_HANDLER) {
				ScriptApp.deleteTrigger(trigger);
				removed++;
			}
		}
		ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(book).onEdit().create();
		ScriptApp.newTrigger(DAILY_HANDLER)
			.timeBased()
			.atHour(settings.runHour)
			.everyDays(1)
			.inTimezone(TIME_ZONE)
			.create();
		// Recorded last: until the new triggers exist, the previous installer's keep working.
		recordInstaller();
		const me = Session.getEffectiveUser().getEmail() || "このアカウント";
		return {
			ok: true,
			message: `トリガーを設定しました（編集時の検証、毎日${settings.runHour}時台の催促）。どちらも ${me} の権限で実行され、催促メールは ${me} から送信されます。担当者が替わるときは、新しい担当者がこのメニューを実行してください。`,
			removed,
			runHour: settings.runHour,
		};
	});
}
