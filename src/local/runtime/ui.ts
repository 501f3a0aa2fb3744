/**
 * The spreadsheet's Ui for the local runtime (SpreadsheetApp.getUi() returns a LocalUi). Menus,
 * alerts, prompts and dialogs are recorded in `state.ui`; alerts and prompts are answered from
 * `state.uiReplies` (default: OK, or YES for yes/no sets).
 *
 * Reference: https://developers.google.com/apps-script/reference/base/ui
 *            https://developers.google.com/apps-script/reference/base/menu
 * Guide:     https://developers.google.com/apps-script/guides/dialogs
 */
import type { ShowableHtml } from "./html";
import { releaseExecutionLocks } from "./lock";
import {
	permissionError,
	type RuntimeState,
	SCOPES,
	type UiEvent,
} from "./state";

type G = typeof GoogleAppsScript.Base;

type UiApi = Pick<
	GoogleAppsScript.Base.Ui,
	| "Button"
	| "ButtonSet"
	| "alert"
	| "prompt"
	| "createMenu"
	| "showModalDialog"
	| "showModelessDialog"
	| "showSidebar"
>;
type MenuApi = Pick<
	GoogleAppsScript.Base.Menu,
	"addItem" | "addSeparator" | "addSubMenu" | "addToUi"
>;
type PromptResponseApi = GoogleAppsScript.Base.PromptResponse;

/** reference/base/button */
const Button = Object.freeze({
	CLOSE: "CLOSE",
	OK: "OK",
	CANCEL: "CANCEL",
	YES: "YES",
	NO: "NO",
}) as unknown as G["Button"];

/** reference/base/button-set */
const ButtonSet = Object.freeze({
	OK: "OK",
	OK_CANCEL: "OK_CANCEL",
	YES_NO: "YES_NO",
	YES_NO_CANCEL: "YES_NO_CANCEL",
}) as unknown as G["ButtonSet"];

const BUTTON_SETS = new Set(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]);

type MenuItem = { caption: string; functionName: string } | null;

export class LocalMenu implements MenuApi {
	private readonly items: MenuItem[] = [];

	constructor(
		private readonly state: RuntimeState,
		readonly caption: string,
	) {}

	toString(): string {
		return "Menu";
	}

	/** "Adds an item to the menu." — the function is named by its string name. */
	addItem(caption: string, functionName: string): LocalMenu {
		this.items.push({
			caption: String(caption),
			functionName: String(functionName),
		});
		return this;
	}

	/** "Adds a visual separator to the menu." Recorded as null. */
	addSeparator(): LocalMenu {
		this.items.push(null);
		return this;
	}

	/**
	 * "Adds a sub-menu to the menu." The record is flat: the sub-menu's items appear in place with
	 * the caption "Sub menu > Item".
	 */
	addSubMenu(menu: GoogleAppsScript.Base.Menu): LocalMenu {
		const sub = menu as unknown as LocalMenu;
		for (const item of sub.menuItems()) {
			this.items.push(
				item
					? {
							caption: `${sub.caption} > ${item.caption}`,
							functionName: item.functionName,
						}
					: null,
			);
		}
		return this;
	}

	/**
	 * "Inserts the menu into the instance of the editor's user interface." Allowed in simple
	 * triggers: onOpen builds menus in AuthMode.LIMITED (guides/menus).
	 */
	addToUi(): void {
		const event: UiEvent = {
			kind: "menu",
			title: this.caption,
			message: "",
			items: [...this.items],
		};
		this.state.ui.push(event);
	}

	menuItems(): MenuItem[] {
		return [...this.items];
	}
}

export class LocalPromptResponse implements PromptResponseApi {
	constructor(
		private readonly text: string,
		private readonly button: GoogleAppsScript.Base.Button,
	) {}

	toString(): string {
		return "PromptResponse";
	}

	getResponseText(): string {
		return this.text;
	}

	getSelectedButton(): GoogleAppsScript.Base.Button {
		return this.button;
	}
}

export class LocalUi implements UiApi {
	readonly Button = Button;
	readonly ButtonSet = ButtonSet;

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "Ui";
	}

	/** "Creates a builder that can be used to add a menu to the editor's user interface." */
	createMenu(caption: string): LocalMenu {
		return new LocalMenu(this.state, String(caption));
	}

	/**
	 * alert(prompt) / alert(prompt, buttons) / alert(title, prompt, buttons). "This method
	 * suspends the server-side script while the dialog is open. The script resumes after the user
	 * dismisses the dialog, but Jdbc connections and LockService locks don't persist across the
	 * suspension." (reference/base/ui#alert(String)) — so this execution's locks are released.
	 * No scope is listed for alert/prompt/createMenu; only the HTML dialogs need
	 * script.container.ui.
	 */
	alert(...args: unknown[]): GoogleAppsScript.Base.Button {
		const { title, message, buttons } = dialogArgs(args);
		this.state.ui.push({ kind: "alert", title, message });
		releaseExecutionLocks(this.state);
		return this.reply(buttons).button;
	}

	/** prompt(prompt) / prompt(prompt, buttons) / prompt(title, prompt, buttons): as alert, with a text. */
	prompt(...args: unknown[]): LocalPromptResponse {
		const { title, message, buttons } = dialogArgs(args);
		this.state.ui.push({ kind: "prompt", title, message });
		releaseExecutionLocks(this.state);
		const { button, text } = this.reply(buttons);
		return new LocalPromptResponse(text, button);
	}

	/** "Opens a modal dialog box in the user's editor with custom client-side content." */
	showModalDialog(userInterface: ShowableHtml, title: string): void {
		this.dialog("Ui.showModalDialog", userInterface, String(title));
	}

	/** "Opens a modeless dialog box in the user's editor with custom client-side content." */
	showModelessDialog(userInterface: ShowableHtml, title: string): void {
		this.dialog("Ui.showModelessDialog", userInterface, String(title));
	}

	/** "Opens a sidebar in the user's editor"; its title is the output's setTitle. */
	showSidebar(userInterface: ShowableHtml): void {
		this.dialog("Ui.showSidebar", userInterface, userInterface.getTitle());
	}

	/**
	 * The HTML dialogs list https://www.googleapis.com/auth/script.container.ui under
	 * "Authorization" (reference/base/ui#showModalDialog(Object,String)); they are refused where
	 * the script runs without authorization (simple triggers, guides/triggers#restrictions).
	 */
	private dialog(method: string, html: ShowableHtml, title: string): void {
		if (this.state.exec.authMode !== "FULL")
			throw permissionError(method, SCOPES.containerUi);
		this.state.requireScope(SCOPES.containerUi, method);
		this.state.ui.push({ kind: "dialog", title, message: html.getContent() });
	}

	private reply(buttons: string): {
		button: GoogleAppsScript.Base.Button;
		text: string;
	} {
		const scripted = this.state.uiReplies?.shift();
		const fallback =
			buttons === "YES_NO" || buttons === "YES_NO_CANCEL" ? "YES" : "OK";
		const name = scripted?.button ?? fallback;
		return {
			button: Button[name] as GoogleAppsScript.Base.Button,
			text: scripted?.text ?? "",
		};
	}
}

function dialogArgs(args: unknown[]): {
	title: string;
	message: string;
	buttons: string;
} {
	if (args.length >= 3) {
		return {
			title: String(args[0]),
			message: String(args[1]),
			buttons: String(args[2]),
		};
	}
	if (args.length === 2 && BUTTON_SETS.has(String(args[1]))) {
		return { title: "", message: String(args[0]), buttons: String(args[1]) };
	}
	return { title: "", message: String(args[0] ?? ""), buttons: "OK" };
}
