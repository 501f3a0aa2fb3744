/**
 * Entry points of the Apps Script project. Each export becomes a top-level function in
 * dist/Code.js (build.mjs generates the declarations), so menu items and triggers can name it.
 * This file only wires: the work lives in src/gas (Apps Script adapters) and src/domain (pure
 * logic). Menu actions return their result as well, for the local command line.
 */
import type { AnswerBatch, FileEdit } from "./domain";
import { takeAnswers } from "./gas/answers";
import { closeFiscalYear as closeYear } from "./gas/close-year";
import { activeBook, connectSharedBook } from "./gas/deployment";
import {
	FILE_EDITS_ACTION,
	recordFileEdits as recordEdits,
} from "./gas/file-edits";
import { openFiscalYear as openYear } from "./gas/fiscal-year";
import { addMenu } from "./gas/menu";
import { showPreview } from "./gas/preview-dialog";
import { isCurrentInstaller } from "./gas/protections";
import { runDaily, runReminders } from "./gas/reminders";
import { buildReport as report } from "./gas/report";
import { setupWorkbook as setup } from "./gas/setup";
import { buildSummary as summarize } from "./gas/summary";
import { installTriggers as install } from "./gas/triggers";
import { type ActionResult, runAction } from "./gas/ui";
import { validateEdit, validateAll as validateRows } from "./gas/validation";

/** Simple trigger: builds the DX進捗管理 menu when the spreadsheet opens. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
	addMenu();
}

export function setupWorkbook(): ActionResult {
	return runAction("初期設定（シート作成）", () =>
		setup(activeBook(), new Date()),
	);
}

export function openFiscalYear(): ActionResult {
	return runAction("新年度の評価シートを作成", () =>
		openYear(activeBook(), new Date()),
	);
}

export function validateAll(): ActionResult {
	return runAction("全行を検証", () => validateRows(activeBook(), new Date()));
}

export function buildSummary(): ActionResult {
	return runAction("集計を作成", () => summarize(activeBook(), new Date()));
}

/** 報告資料を作成 (SPEC 10): the year's report in a dialog, to print or copy. */
export function buildReport(): ActionResult {
	return runAction("報告資料を作成", () => report(activeBook(), new Date()));
}

export function previewReminders(): ActionResult {
	return runAction("催促メールのプレビュー", () => {
		const result = runReminders(activeBook(), new Date(), "preview");
		showPreview(result);
		return { ...result, shown: true };
	});
}

export function sendRemindersNow(): ActionResult {
	return runAction("催促メールを今すぐ送信", () =>
		runReminders(activeBook(), new Date(), "send"),
	);
}

export function installTriggers(): ActionResult {
	return runAction("トリガーを設定", () => install(activeBook(), new Date()));
}

/** 管理用スプレッドシート only: records which shared spreadsheet the menu and triggers work on (SPEC 12). */
export function connectSharedSpreadsheet(): ActionResult {
	return runAction("共有スプレッドシートを接続", connectSharedBook);
}

export function closeFiscalYear(): ActionResult {
	return runAction("年度を締める", () => closeYear(activeBook(), new Date()));
}

/**
 * The command line's \`collect\` (SPEC 9, offline): 回答 files checked by the command line, merged
 * into the target year's entry sheet as the edit trigger would validate and log them. Not a menu
 * item: it takes the files' rows as its argument (as the Apps Script API's scripts.run passes
 * parameters); run without them it says where it is used.
 */
export function importAnswers(batch?: AnswerBatch): ActionResult {
	return runAction("回答ファイルの取り込み", () =>
		takeAnswers(activeBook(), new Date(), batch),
	);
}

/**
 * Offline only (SPEC 9): input cells changed in the .xlsx with Excel or LibreOffice since the
 * command line last saved it, which it finds when loading the book and passes here, as the DX
 * office, before its own work: logged in 変更履歴 and validated as the edit trigger would.
 */
export function recordFileEdits(edits: FileEdit[]): ActionResult {
	return runAction(FILE_EDITS_ACTION, () =>
		recordEdits(activeBook(), edits, new Date()),
	);
}

/** Installable edit trigger handler (not named onEdit, so it never also runs as a simple trigger). */
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit) {
	if (!isCurrentInstaller())
		return { checked: 0, skipped: "trigger of an earlier installer" };
	return validateEdit(e, new Date());
}

/**
 * Daily time-driven trigger handler: re-validates, then reminds. There is nobody to show a
 * dialog to: a refusal is logged and rethrown, so Apps Script mails it to the account that
 * installed the trigger (guides/triggers/installable), never a silent no-op.
 */
export function dailyJob(_e?: GoogleAppsScript.Events.TimeDriven) {
	// Another account installed newer triggers (トリガーを設定): this one stands down.
	if (!isCurrentInstaller())
		return {
			ok: true,
			message: "以前の担当者のトリガーのため実行しません",
			ran: false,
		};
	return runDaily(activeBook(), new Date());
}
