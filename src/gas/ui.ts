/**
 * Talking to the person who clicked a menu item: a toast for a short success, an alert for
 * anything longer (a list of problems, rows to fix) and for refusals and failures. Menu actions
 * return their result too, so the local command line can report it.
 */
import { UserError } from "./book";

const APP_TITLE = "DX進捗管理";

export interface ActionResult {
	ok: boolean;
	message: string;
	/** The action showed its own dialog (the reminder preview): nothing more is shown. */
	shown?: boolean;
	[key: string]: unknown;
}

/**
 * A toast is a small popup in the lower right corner that closes by itself after its timeout
 * (reference/spreadsheet/spreadsheet#toast(String,String,Number)): fit for one short line.
 * Google documents no length limit, so the limit is ours: what a glance reads in 10 seconds.
 */
const TOAST_MAX_CHARS = 80;

function fitsToast(message: string): boolean {
	return (
		!message.includes("\n") && Array.from(message).length <= TOAST_MAX_CHARS
	);
}

function toast(message: string, title = APP_TITLE): void {
	SpreadsheetApp.getActive().toast(message, title, 10);
}

function alert(title: string, message: string): void {
	const ui = SpreadsheetApp.getUi();
	ui.alert(title, message, ui.ButtonSet.OK);
}

/**
 * Runs a menu action. A short success: a toast; a longer one (problems listed): an alert, which
 * shows every line until dismissed. A UserError: an alert saying what to fix, no stack.
 * Anything else: an alert in plain Japanese, then the error is rethrown so it is logged.
 * Alerts come last: they suspend the script and its locks (reference/base/ui#alert).
 */
export function runAction(
	title: string,
	action: () => ActionResult,
): ActionResult {
	let result: ActionResult;
	try {
		result = action();
	} catch (error) {
		if (error instanceof UserError) {
			alert(title, error.message);
			return { ok: false, message: error.message };
		}
		const detail = error instanceof Error ? error.message : String(error);
		alert(
			title,
			`処理を完了できませんでした。入力された内容は変更されていません。\nしばらくしてからもう一度実行してください。繰り返す場合はこの文面をDX推進室の担当者に伝えてください。\n（詳細: ${detail}）`,
		);
		throw error;
	}
	if (result.shown) return result;
	if (result.ok && fitsToast(result.message)) toast(result.message, title);
	else alert(title, result.message);
	return result;
}
