/**
 * Ui / Menu / HtmlService contract:
 *   https://developers.google.com/apps-script/reference/base/ui
 *     alert "suspends the server-side script ... LockService locks don't persist across the suspension";
 *     showModalDialog/showModelessDialog/showSidebar need script.container.ui.
 *   https://developers.google.com/apps-script/reference/base/menu
 *   https://developers.google.com/apps-script/reference/html/html-output
 */
import { describe, expect, it } from "vitest";
import { LocalHtmlService } from "../../../src/local/runtime/html";
import { LocalLockService } from "../../../src/local/runtime/lock";
import { SCOPES } from "../../../src/local/runtime/state";
import { LocalUi } from "../../../src/local/runtime/ui";
import { asSimpleTrigger, makeState, OWNER, without } from "./helpers";

describe("Ui menus", () => {
	it("records the menu with its items and separators on addToUi, also in a simple trigger", () => {
		const state = makeState();
		asSimpleTrigger(state, OWNER);
		const ui = new LocalUi(state);
		const sub = ui.createMenu("ツール").addItem("再計算", "recalc");
		ui.createMenu("DX進捗管理")
			.addItem("全行を検証", "validateAll")
			.addSeparator()
			.addSubMenu(sub)
			.addToUi();
		expect(state.ui).toEqual([
			{
				kind: "menu",
				title: "DX進捗管理",
				message: "",
				items: [
					{ caption: "全行を検証", functionName: "validateAll" },
					null,
					{ caption: "ツール > 再計算", functionName: "recalc" },
				],
			},
		]);
	});

	it("records nothing before addToUi", () => {
		const state = makeState();
		new LocalUi(state).createMenu("x").addItem("a", "a");
		expect(state.ui).toEqual([]);
	});
});

describe("Ui.alert and Ui.prompt", () => {
	it("records the alert and answers OK by default, YES for yes/no sets", () => {
		const state = makeState();
		const ui = new LocalUi(state);
		expect(ui.alert("保存しました")).toBe(ui.Button.OK);
		expect(ui.alert("確認", "送信しますか？", ui.ButtonSet.YES_NO)).toBe(
			ui.Button.YES,
		);
		expect(ui.alert("続けますか？", ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.OK);
		expect(state.ui).toEqual([
			{ kind: "alert", title: "", message: "保存しました" },
			{ kind: "alert", title: "確認", message: "送信しますか？" },
			{ kind: "alert", title: "", message: "続けますか？" },
		]);
	});

	it("answers from state.uiReplies in order", () => {
		const state = makeState();
		state.uiReplies = [{ button: "NO" }, { button: "OK", text: "令和6年度" }];
		const ui = new LocalUi(state);
		expect(ui.alert("t", "m", ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
		const response = ui.prompt(
			"年度",
			"入力してください",
			ui.ButtonSet.OK_CANCEL,
		);
		expect(response.getSelectedButton()).toBe(ui.Button.OK);
		expect(response.getResponseText()).toBe("令和6年度");
		expect(state.ui.at(-1)).toEqual({
			kind: "prompt",
			title: "年度",
			message: "入力してください",
		});
	});

	it("releases this execution's locks: they do not survive the suspension", () => {
		const state = makeState();
		const lock = new LocalLockService(state).getScriptLock();
		lock.waitLock(1000);
		new LocalUi(state).alert("wait");
		expect(lock.hasLock()).toBe(false);
		expect(state.locks.script).toBeNull();
	});
});

describe("Ui dialogs with HtmlService", () => {
	it("records a modal dialog's title and HTML content", () => {
		const state = makeState();
		const html = new LocalHtmlService(state)
			.createHtmlOutput("<p>a</p>")
			.append("<p>b</p>")
			.appendUntrusted("<x>&");
		html.setWidth(400).setHeight(300);
		new LocalUi(state).showModalDialog(html, "プレビュー");
		expect(state.ui).toEqual([
			{
				kind: "dialog",
				title: "プレビュー",
				message: "<p>a</p><p>b</p>&lt;x&gt;&amp;",
			},
		]);
		expect([html.getWidth(), html.getHeight()]).toEqual([400, 300]);
	});

	it("a sidebar takes its title from the output", () => {
		const state = makeState();
		const html = new LocalHtmlService(state)
			.createHtmlOutput()
			.setTitle("結果")
			.setContent("<b>ok</b>");
		new LocalUi(state).showSidebar(html);
		new LocalUi(state).showModelessDialog(html, "別");
		expect(state.ui).toEqual([
			{ kind: "dialog", title: "結果", message: "<b>ok</b>" },
			{ kind: "dialog", title: "別", message: "<b>ok</b>" },
		]);
	});

	it("refuses dialogs without script.container.ui, and in a simple trigger", () => {
		const html = new LocalHtmlService().createHtmlOutput("x");
		const noScope = makeState({ scopes: without(SCOPES.containerUi) });
		expect(() => new LocalUi(noScope).showModalDialog(html, "t")).toThrow(
			`You do not have permission to call Ui.showModalDialog. Required permissions: ${SCOPES.containerUi}`,
		);
		const simple = makeState();
		asSimpleTrigger(simple, OWNER);
		expect(() => new LocalUi(simple).showSidebar(html)).toThrow(
			/Ui.showSidebar/,
		);
		expect(noScope.ui).toEqual([]);
		expect(simple.ui).toEqual([]);
		// alerts need no scope
		expect(new LocalUi(noScope).alert("ok")).toBe("OK");
	});

	it("names its classes as Apps Script does", () => {
		const state = makeState();
		const ui = new LocalUi(state);
		expect([
			String(ui),
			String(ui.createMenu("m")),
			String(new LocalHtmlService().createHtmlOutput()),
		]).toEqual(["Ui", "Menu", "HtmlOutput"]);
	});
});
