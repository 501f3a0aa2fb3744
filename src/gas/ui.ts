/** Messages to the person at the spreadsheet: toasts for results, alerts for refusals. */
export function toast(message: string, title = "DX進捗管理"): void {
	SpreadsheetApp.getActive().toast(message, title, 10);
}

export function notYetAvailable(action: string): void {
	toast(`「${action}」はまだ実装されていません（未実装）。`);
}
