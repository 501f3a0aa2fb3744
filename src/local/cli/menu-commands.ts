/**
 * The bundle's messages name menu items (「新年度の評価シートを作成」を実行してください); offline there
 * is no menu, so everything the command line prints names the command to run instead (SPEC 9).
 * The menu's captions come from src/gas/menu.ts; this is the one place that says which command
 * stands for each.
 */
import { MENU_ITEMS, MENU_TITLE } from "../../gas/menu";

/** The command line's counterpart of each menu item, by the item's function; `{book}` is the book. */
export const MENU_COMMANDS: Readonly<Record<string, string>> = {
	setupWorkbook: "dx-progress setup {book}",
	openFiscalYear: "dx-progress open-year {book}",
	validateAll: "dx-progress validate {book}",
	buildSummary: "dx-progress summary {book}",
	previewReminders: "dx-progress remind {book} --dry-run",
	sendRemindersNow: "dx-progress remind {book} --outbox DIR",
	// Offline the triggers are the runtime's record, installed by setup (remind is the daily run).
	installTriggers: "dx-progress setup {book}",
	closeFiscalYear: "dx-progress close-year {book}",
	buildReport: "dx-progress report {book} --docx 報告資料.docx",
	// Offline every command is given the book's file: there is nothing to connect.
	connectSharedSpreadsheet:
		"dx-progress の各コマンドへのブックのファイルの指定",
};

/** Shorter names the bundle also uses for menu items, e.g. 「初期設定」 for 初期設定（シート作成）. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
	初期設定: "setupWorkbook",
};

const escapeRegExp = (text: string) =>
	text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const functionOfCaption = new Map<string, string>([
	...MENU_ITEMS.flatMap((item) =>
		item ? [[item.caption, item.functionName] as [string, string]] : [],
	),
	...Object.entries(SHORT_NAMES),
]);

/** 「…」 naming a menu item, with an optional メニュー「DX進捗管理」→ or メニュー before it. */
const MENU_MENTION = new RegExp(
	`(?:メニュー「${escapeRegExp(MENU_TITLE)}」\\s*→\\s*|メニュー)?「(${[
		...functionOfCaption.keys(),
	]
		.sort((a, b) => b.length - a.length)
		.map(escapeRegExp)
		.join("|")})」`,
	"g",
);

/** A path as typed in a shell: quoted when it holds spaces or shell characters. */
function shellWord(path: string): string {
	return /[\s'"\\$`!*?&;|<>(){}[\]#~]/.test(path)
		? `'${path.replace(/'/g, `'\\''`)}'`
		: path;
}

/** The command to run on `book` instead of the menu item of `functionName`. */
export function commandFor(functionName: string, book: string): string {
	return (MENU_COMMANDS[functionName] ?? functionName).replace(
		"{book}",
		shellWord(book),
	);
}

/**
 * A command the bundle names itself, for an action that has no menu item (collect), with `{book}`
 * where the book goes: the bundle does not know the file's name.
 */
const BUNDLE_COMMAND = /(dx-progress [a-z-]+ )\{book\}/g;

/**
 * `text` with every menu item it names replaced by the command to run on `book`, and `{book}`
 * in the commands the bundle names filled in. Text that is JSON (a `--json` output) gets the
 * command JSON-escaped, so it stays valid JSON.
 */
export function forCommandLine(text: string, book: string): string {
	const json = /^\s*[[{]/.test(text);
	const jsonSafe = (command: string) =>
		json ? JSON.stringify(command).slice(1, -1) : command;
	return text
		.replace(MENU_MENTION, (_match, caption: string) => {
			const command = commandFor(
				functionOfCaption.get(caption) ?? caption,
				book,
			);
			return `「${jsonSafe(command)}」`;
		})
		.replace(
			BUNDLE_COMMAND,
			(_match, command: string) => `${command}${jsonSafe(shellWord(book))}`,
		);
}
