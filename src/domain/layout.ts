/**
 * Sheet names and header texts of the workbook (SPEC 2). Exact strings: the contract.
 */

/** The one date-and-time format of every sheet the product writes (24-hour clock). */
export const DATE_TIME_FORMAT = "yyyy/mm/dd HH:mm";

/**
 * The one font family of every sheet the product writes, in Google and in the saved .xlsx: a
 * Google Fonts family that Sheets renders on any PC, shipped with Windows 10 (1903) and later for
 * Excel, and packaged for Linux (Debian fonts-morisawa-bizud-gothic) for LibreOffice.
 */
export const BOOK_FONT = "BIZ UDPGothic";

export const SHEET_NAMES = {
	settings: "設定",
	policies: "基本方針",
	measures: "重点施策",
	departments: "担当課",
	initiatives: "取組",
	scale: "評価区分",
	kpis: "KPI",
	summary: "集計",
	sendLog: "送信履歴",
	editLog: "変更履歴",
	/** 計画 (SPEC 10): the plan's name, period, basic idea… for the 報告資料. */
	plan: "計画",
} as const;

export const SETTINGS_HEADERS = ["項目", "値"] as const;
export const DEPARTMENT_HEADERS = [
	"課名",
	"メールアドレス",
	"所属長メールアドレス",
] as const;
export const INITIATIVE_HEADERS = [
	"取組No",
	"取組名",
	"担当課",
	"重点施策",
] as const;
/** 評価区分 (SPEC 11): the rating scale. */
export const SCALE_HEADERS = ["コード", "表示", "集計区分", "並び順"] as const;
/** KPI (SPEC 11): the indicators of the initiatives. */
export const KPI_HEADERS = [
	"取組No",
	"指標名",
	"種別",
	"単位",
	"基準値",
	"目標値",
	"目標年度",
] as const;
export const SEND_LOG_HEADERS = [
	"日時",
	"課名",
	"宛先",
	"種別",
	"未入力件数",
	"結果",
] as const;
export const EDIT_LOG_HEADERS = [
	"日時",
	"利用者",
	"シート",
	"セル",
	"取組No",
	"旧値",
	"新値",
] as const;

/** 送信履歴 種別, strongest first. */
export const REMINDER_KINDS = [
	"エスカレーション",
	"期限後催促",
	"当日催促",
	"事前催促",
	"ダイジェスト",
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
