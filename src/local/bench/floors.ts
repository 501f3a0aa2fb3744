/**
 * The floor of spreadsheet calls per operation: what the operation cannot do with fewer calls
 * when it follows Google's batching rule (guides/support/best-practices) — one batch read
 * (getValues) per sheet it must read, one batch write (setValues, or one set* of a formatting
 * attribute) per block it must write. Everything else (getSheetByName, getRange, getMaxRows,
 * styling, data validation, protections, charts, renames) is counted as overhead, so
 * `calls / floor` shows how far an operation is from pure data movement. The floor never depends
 * on the number of rows: an operation whose calls grow with rows shows a growing ratio.
 */

/**
 * 設定, the four master sheets (基本方針, 重点施策, 担当課, 取組) and 評価区分, the scale the year is
 * checked against (SPEC 11; 初期設定 makes it).
 */
const SETTINGS_MASTER_SCALE = 6;

/** Whether the workbook has indicators (SPEC 11): the KPI sheet and the year's KPI entry sheet. */
export interface FloorOptions {
	kpi: boolean;
}

export const FLOORS = {
	/** One setValues per sheet it creates with rows (header or seed rows; 集計 starts empty). */
	setupWorkbook: (sheetsWritten: number) => sheetsWritten,
	/**
	 * Read 設定 + master + 評価区分 (+ the KPI sheet, + last year's entry sheet for the 前年度
	 * columns); write the entry sheet's values in one block (+ the KPI entry sheet's).
	 */
	openFiscalYear: (o: FloorOptions & { lastYear: boolean }) =>
		SETTINGS_MASTER_SCALE + (o.lastYear ? 1 : 0) + 1 + (o.kpi ? 2 : 0),
	/**
	 * The edit trigger: read the edited rows (header included in that read when possible), write
	 * 状態/入力者/更新日時 in one block, append to 変更履歴 in one block.
	 */
	edit: () => 3,
	/** The edit trigger on the KPI sheet: as on the entry sheet. */
	kpiEdit: () => 3,
	/**
	 * Read 設定 + master + 評価区分 + the entry sheet, read its protections once, write 状態 in one
	 * block; with KPIs also read the KPI sheet and the KPI entry sheet and write its 状態 block.
	 */
	validateAll: (o: FloorOptions) =>
		SETTINGS_MASTER_SCALE + 1 + 1 + 1 + (o.kpi ? 3 : 0),
	/**
	 * Read 設定 + master + 評価区分 + every entry sheet up to the target year (+ the KPI entry
	 * sheet); write the new 集計 block: values, number formats, font weights, backgrounds (Apps
	 * Script has no single call for all).
	 */
	buildSummary: (years: number, o: FloorOptions) =>
		SETTINGS_MASTER_SCALE + years + (o.kpi ? 1 : 0) + 4,
	/**
	 * Read 設定 + master + 評価区分 + the entry sheet + 送信履歴; write 状態 in one block and append
	 * the day's 送信履歴 rows in one block; with KPIs also read the KPI entry sheet and write its
	 * 状態. Mails are not spreadsheet calls (MailApp.sendEmail, one each).
	 */
	dailyJob: (o: FloorOptions) =>
		SETTINGS_MASTER_SCALE + 1 + 1 + 2 + (o.kpi ? 2 : 0),
	/**
	 * Read 設定, 担当課 and the entry sheet's header, append 変更履歴 in one block; per file, read its
	 * rows' span and write its input cells and its verdicts in one block each.
	 */
	collect: (files: number) => 4 + 3 * files,
} as const;

export const FLOOR_NOTES: Record<string, string> = {
	setupWorkbook: "1 setValues per sheet created with rows",
	openFiscalYear:
		"read 設定+4 master+評価区分+KPI (+last year's entry), write entry and KPI entry blocks",
	edit: "read edited rows, write verdicts, append 変更履歴",
	paste: "read edited rows, write verdicts, append 変更履歴",
	kpiEdit: "read edited rows, write verdicts, append 変更履歴",
	validateAll:
		"read 設定+4 master+評価区分+entry+KPI+KPI entry, read protections, write 状態 and KPI 状態",
	buildSummary:
		"read 設定+4 master+評価区分+each year's entry+KPI entry, write values+3 formats",
	dailyJob:
		"read 設定+4 master+評価区分+entry+KPI entry+送信履歴, write 状態 and KPI 状態, append 送信履歴",
	split:
		"全行を検証's (no KPIs): read 設定+4 master+評価区分+entry, read protections, write 状態",
	collect:
		"read 設定+担当課+header, append 変更履歴; per file read rows, write inputs+verdicts",
};
