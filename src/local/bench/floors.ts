/**
 * The floor of spreadsheet calls per operation: what the operation cannot do with fewer calls
 * when it follows Google's batching rule (guides/support/best-practices) — one batch read
 * (getValues) per sheet it must read, one batch write (setValues, or one set* of a formatting
 * attribute) per block it must write. Everything else (getSheetByName, getRange, getMaxRows,
 * styling, data validation, protections, charts, renames) is counted as overhead, so
 * `calls / floor` shows how far an operation is from pure data movement. The floor never depends
 * on the number of rows: an operation whose calls grow with rows shows a growing ratio.
 */

/** 設定 and the four master sheets (基本方針, 重点施策, 担当課, 取組). */
const SETTINGS_AND_MASTER = 5;

export const FLOORS = {
	/** One setValues per sheet it creates (header or seed rows), nothing to read. */
	setupWorkbook: (sheetsCreated: number) => sheetsCreated,
	/** Read 設定 + 4 master sheets; write the entry sheet's values in one block. */
	openFiscalYear: () => SETTINGS_AND_MASTER + 1,
	/**
	 * The edit trigger: read the edited rows (header included in that read when possible), write
	 * 状態/入力者/更新日時 in one block, append to 変更履歴 in one block.
	 */
	edit: () => 3,
	/** The edit trigger on the KPI sheet: as on the entry sheet. */
	kpiEdit: () => 3,
	/** Read 設定 + master + the entry sheet, read its protections once, write 状態 in one block. */
	validateAll: () => SETTINGS_AND_MASTER + 1 + 1 + 1,
	/**
	 * Read 設定 + master + every entry sheet up to the target year; write the new 集計 block:
	 * values, number formats, font weights, backgrounds (Apps Script has no single call for all).
	 */
	buildSummary: (years: number) => SETTINGS_AND_MASTER + years + 4,
	/**
	 * Read 設定 + master + the entry sheet + 送信履歴; write 状態 in one block and append the day's
	 * 送信履歴 rows in one block. Mails are not spreadsheet calls (MailApp.sendEmail, one each).
	 */
	dailyJob: () => SETTINGS_AND_MASTER + 1 + 1 + 2,
	/**
	 * Read 設定, 担当課 and the entry sheet's header, append 変更履歴 in one block; per file, read its
	 * rows' span and write its input cells and its verdicts in one block each.
	 */
	collect: (files: number) => 4 + 3 * files,
} as const;

export const FLOOR_NOTES: Record<string, string> = {
	setupWorkbook: "1 setValues per sheet created",
	openFiscalYear: "read 設定+4 master, write entry block",
	edit: "read edited rows, write verdicts, append 変更履歴",
	paste: "read edited rows, write verdicts, append 変更履歴",
	kpiEdit: "read edited rows, write verdicts, append 変更履歴",
	validateAll: "read 設定+4 master+entry, read protections, write 状態",
	buildSummary: "read 設定+4 master+each year's entry, write values+3 formats",
	dailyJob: "read 設定+4 master+entry+送信履歴, write 状態, append 送信履歴",
	split: "全行を検証's: read 設定+4 master+entry, read protections, write 状態",
	collect:
		"read 設定+担当課+header, append 変更履歴; per file read rows, write inputs+verdicts",
};
