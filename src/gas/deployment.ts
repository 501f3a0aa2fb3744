/**
 * Where the code runs (SPEC 12). Every editor of a spreadsheet can open and change the script
 * bound to it (guides/bound), so the code that runs with the DX office's authority — the menu,
 * the edit and the daily triggers — lives in a control spreadsheet that only the DX office can
 * open. It reaches the shared spreadsheet the departments edit by its ID
 * (reference/spreadsheet/spreadsheet-app#openById(String), which needs the full spreadsheets
 * scope), and its edit trigger is made for that file (TriggerBuilder.forSpreadsheet).
 * Not connected, the project works on the spreadsheet it is bound to (offline, or a trial).
 */
import { emailKey, type Problem } from "../domain";
import { type Book, UserError } from "./book";
import type { ActionResult } from "./ui";

/** Script property: the project's own store, which only the project's editors can change. */
const SHARED_BOOK_KEY = "dxProgress.sharedSpreadsheetId";

let opened: Book | undefined;

/** The spreadsheet the product works on; opened once per execution. */
export function activeBook(): Book {
	if (opened) return opened;
	const id =
		PropertiesService.getScriptProperties().getProperty(SHARED_BOOK_KEY);
	if (!id) {
		opened = SpreadsheetApp.getActive();
		return opened;
	}
	try {
		opened = SpreadsheetApp.openById(id);
	} catch (_error) {
		throw new UserError(
			`接続している共有スプレッドシート（ID: ${id}）を開けません。削除されたか、このアカウントに編集権限がありません。共有スプレッドシートの編集権限を確かめるか、メニュー「DX進捗管理」→「共有スプレッドシートを接続」で接続し直してください。`,
		);
	}
	return opened;
}

/** The ID inside a spreadsheet URL (…/spreadsheets/d/<id>/edit…), or the text itself if it is one. */
function spreadsheetId(text: string): string {
	const t = text.trim();
	const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(t);
	if (fromUrl?.[1]) return fromUrl[1];
	return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : "";
}

/**
 * 共有スプレッドシートを接続: asks for the shared spreadsheet's URL once, checks this account can
 * open it and that it is not the control spreadsheet itself, and records its ID.
 */
export function connectSharedBook(): ActionResult {
	const ui = SpreadsheetApp.getUi();
	const answer = ui.prompt(
		"共有スプレッドシートを接続",
		"担当課が入力する共有スプレッドシートのURLを貼り付けてください。",
		ui.ButtonSet.OK_CANCEL,
	);
	if (answer.getSelectedButton() !== ui.Button.OK)
		return { ok: false, message: "接続を取りやめました。" };
	const id = spreadsheetId(answer.getResponseText());
	if (!id)
		throw new UserError(
			"スプレッドシートのURLとして読み取れませんでした。共有スプレッドシートを開き、アドレスバーのURL（https://docs.google.com/spreadsheets/d/…）をそのまま貼り付けてください。",
		);
	const control = SpreadsheetApp.getActive();
	if (id === control.getId())
		throw new UserError(
			"このスプレッドシートは管理用です。担当課が入力する別のスプレッドシートのURLを貼り付けてください。",
		);
	let shared: Book;
	try {
		shared = SpreadsheetApp.openById(id);
	} catch (error) {
		throw new UserError(
			`スプレッドシート（ID: ${id}）を開けません。このアカウントが編集者になっているか確かめてから、もう一度実行してください。（詳細: ${error instanceof Error ? error.message : String(error)}）`,
		);
	}
	PropertiesService.getScriptProperties().setProperty(SHARED_BOOK_KEY, id);
	return {
		ok: true,
		message: `共有スプレッドシート「${shared.getName()}」に接続しました。以後このメニューの操作はそのスプレッドシートに対して行われます。続けて「初期設定（シート作成）」を実行してください。`,
		spreadsheetId: id,
	};
}

/**
 * The accounts outside the DX office that can edit the spreadsheet holding the code, and so the
 * code itself (guides/bound): the control spreadsheet, or the shared one when not connected.
 */
function codeEditorsOutsideOffice(office: readonly string[]): string[] {
	const container = SpreadsheetApp.getActive();
	// The container's owner made the project and the clicker passed requireDxOffice: both are ours.
	const ours = [
		...office,
		container.getOwner()?.getEmail() ?? "",
		Session.getEffectiveUser().getEmail(),
	].map(emailKey);
	return container
		.getEditors()
		.map((u) => emailKey(u.getEmail()))
		.filter((e) => e !== "" && !ours.includes(e));
}

function outsidersMessage(outsiders: readonly string[]): string {
	const who = outsiders.join("、");
	const connected =
		PropertiesService.getScriptProperties().getProperty(SHARED_BOOK_KEY);
	return connected
		? `管理用スプレッドシート「${SpreadsheetApp.getActive().getName()}」がDX推進室以外（${who}）と共有されています。スプレッドシートに付いたスクリプトは、その編集者なら誰でも書き換えられます。管理用スプレッドシートの共有をDX推進室だけにしてください。`
		: `このスプレッドシートはDX推進室以外（${who}）と共有されています。スプレッドシートに付いたスクリプトはその編集者なら誰でも書き換えられるため、DX推進室の権限で動くトリガーをここに置くことはできません。DX推進室だけが開ける管理用スプレッドシートにスクリプトを置き、「共有スプレッドシートを接続」でこのスプレッドシートを接続してください（README「Security model」）。`;
}

/** Triggers run as the installer with the DX office's rights: refused while others can edit their code. */
export function assertCodeOnlyForOffice(office: readonly string[]): void {
	const outsiders = codeEditorsOutsideOffice(office);
	if (outsiders.length > 0) throw new UserError(outsidersMessage(outsiders));
}

/** 全行を検証 says so too: a file shared after the triggers were installed is caught there. */
export function codeAccessProblems(office: readonly string[]): Problem[] {
	const outsiders = codeEditorsOutsideOffice(office);
	if (outsiders.length === 0) return [];
	return [
		{
			sheet: SpreadsheetApp.getActive().getName(),
			row: null,
			message: outsidersMessage(outsiders),
			level: "warning",
		},
	];
}
