/** The DX office's custom menu (SPEC 3): caption → the bundle's top-level function. */
export const MENU_TITLE = "DX進捗管理";

export const MENU_ITEMS: ReadonlyArray<{
	caption: string;
	functionName: string;
} | null> = [
	{ caption: "初期設定（シート作成）", functionName: "setupWorkbook" },
	{ caption: "新年度の評価シートを作成", functionName: "openFiscalYear" },
	null,
	{ caption: "全行を検証", functionName: "validateAll" },
	{ caption: "集計を作成", functionName: "buildSummary" },
	{ caption: "報告資料を作成", functionName: "buildReport" },
	null,
	{ caption: "催促メールのプレビュー", functionName: "previewReminders" },
	{ caption: "催促メールを今すぐ送信", functionName: "sendRemindersNow" },
	null,
	{ caption: "トリガーを設定", functionName: "installTriggers" },
	{ caption: "年度を締める", functionName: "closeFiscalYear" },
	null,
	{
		caption: "共有スプレッドシートを接続",
		functionName: "connectSharedSpreadsheet",
	},
];

/**
 * Builds the menu. Runs inside the simple trigger onOpen (AuthMode LIMITED), so it touches
 * only the UI: no mail, no triggers, no user lookup (guides/triggers#restrictions).
 */
export function addMenu(): void {
	const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
	for (const item of MENU_ITEMS) {
		if (item) menu.addItem(item.caption, item.functionName);
		else menu.addSeparator();
	}
	menu.addToUi();
}
