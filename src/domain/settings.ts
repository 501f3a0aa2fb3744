/**
 * The 設定 sheet (項目 | 値) → typed Settings with SPEC 2's defaults, and Japanese problems that
 * name the 項目 and say what to type.
 */
import {
	type CalendarDate,
	type DayOf,
	toIsoDate,
	tokyoDate,
	tokyoHour,
} from "./calendar";
import { parseEmailList } from "./email";
import {
	defaultTargetFiscalYear,
	fiscalYearShort,
	parseDeadline,
	parseFiscalYear,
} from "./fiscal-year";
import { SHEET_NAMES } from "./layout";
import { type Problem, problem } from "./problems";
import { headerKey } from "./table";
import {
	cellString,
	isBlank,
	quoteInput,
	removeSpaces,
	splitList,
	toHalfWidth,
} from "./text";

export interface Settings {
	/** 対象年度 (fiscal year, e.g. 2023). */
	fiscalYear: number;
	/** 回答期限; null = not set: no reminders. */
	deadline: CalendarDate | null;
	/** 催促日: days before the deadline, distinct, largest first (`7,3,1,0`). */
	remindDays: number[];
	/** 期限後催促間隔: remind every N business days after the deadline (≥ 1). */
	overdueInterval: number;
	/** 所属長へのエスカレーション: business days overdue from which heads are copied; null = never. */
	escalationDays: number | null;
	/** DX推進室メール; [] = not set: reminders refused. */
	dxOfficeEmails: string[];
	/** 送信者名 */
	senderName: string;
	/** 催促時刻: hour 0–23 (Asia/Tokyo). */
	runHour: number;
	/** 休日も送信 */
	sendOnHolidays: boolean;
	/** 回答方法 (SPEC 9): where to answer, said in every reminder; "" = not set. */
	answerMethod: string;
	/** KPI実績を必須にする (SPEC 11): a missing KPI 実績値 leaves the initiative unreported (absent: いいえ). */
	kpiRequired?: boolean;
}

export type SettingKey = keyof Settings;

export interface SettingItem {
	key: SettingKey;
	/** The 項目 text (exact). */
	label: string;
	/** What to type, for messages and the sheet's notes. */
	hint: string;
	/** Shown beside the 値 by its number format (the value stays as typed). */
	unit?: string;
}

export const SETTING_ITEMS: readonly SettingItem[] = [
	{
		key: "fiscalYear",
		label: "対象年度",
		hint: "R5・令和5年度・2023 のように入力してください",
	},
	{
		key: "deadline",
		label: "回答期限",
		hint: "2024-05-31・2024/5/31・令和6年5月31日 のように入力してください",
	},
	{
		key: "remindDays",
		label: "催促日",
		hint: "期限の何日前に催促するかを 7,3,1,0 のように入力してください",
	},
	{
		key: "overdueInterval",
		label: "期限後催促間隔",
		hint: "1 以上の整数（営業日）を入力してください",
		unit: "営業日ごと",
	},
	{
		key: "escalationDays",
		label: "所属長へのエスカレーション",
		hint: "0 以上の整数（期限後の営業日数）または「なし」を入力してください",
		unit: "営業日",
	},
	{
		key: "dxOfficeEmails",
		label: "DX推進室メール",
		hint: "dx@city.example.jp のように入力してください（複数は , で区切る）",
	},
	{
		key: "senderName",
		label: "送信者名",
		hint: "催促メールの差出人名を入力してください",
	},
	{
		key: "runHour",
		label: "催促時刻",
		hint: "0〜23 の整数（時）を入力してください",
		unit: "時",
	},
	{
		key: "sendOnHolidays",
		label: "休日も送信",
		hint: "「はい」または「いいえ」を入力してください",
	},
	{
		key: "answerMethod",
		label: "回答方法",
		hint: "催促メールに書く回答方法を入力してください（例: 添付ファイルに入力して返信、\\\\fileserver\\DX\\回答 に保存）。空欄のときはGoogleスプレッドシートへのリンクだけを書きます",
	},
	{
		key: "kpiRequired",
		label: "KPI実績を必須にする",
		hint: "「はい」にすると、KPIの実績値が未入力の取組も未回答として催促します（「はい」または「いいえ」）",
	},
];

/** 回答方法 longer than this is refused (it is repeated in every mail). */
const ANSWER_METHOD_MAX = 200;

export function defaultSettings(now: Date): Settings {
	return {
		fiscalYear: defaultTargetFiscalYear(now),
		deadline: null,
		remindDays: [7, 3, 1, 0],
		overdueInterval: 1,
		escalationDays: 3,
		dxOfficeEmails: [],
		senderName: "DX推進室",
		runHour: 9,
		sendOnHolidays: false,
		answerMethod: "",
		kpiRequired: false,
	};
}

/** The 設定 rows (header first) that setupWorkbook writes: defaults, 回答期限 and mail blank. */
export function defaultSettingsRows(now: Date): string[][] {
	const d = defaultSettings(now);
	return [
		["項目", "値"],
		["対象年度", fiscalYearShort(d.fiscalYear)],
		["回答期限", ""],
		["催促日", d.remindDays.join(",")],
		["期限後催促間隔", String(d.overdueInterval)],
		["所属長へのエスカレーション", String(d.escalationDays)],
		["DX推進室メール", ""],
		["送信者名", d.senderName],
		["催促時刻", String(d.runHour)],
		["休日も送信", "いいえ"],
		["回答方法", d.answerMethod],
		["KPI実績を必須にする", "いいえ"],
	];
}

/**
 * The default rows of the 項目 missing from the 設定 values given (初期設定 on an existing sheet
 * adds them below; what is there stays as it is).
 */
export function missingSettingsRows(
	values: readonly (readonly unknown[])[],
	now: Date,
): string[][] {
	const present = new Set(values.map((r) => itemKey(cellString(r[0]))));
	return defaultSettingsRows(now)
		.slice(1)
		.filter((r) => !present.has(itemKey(r[0] as string)));
}

/**
 * The number format of each 値 cell below the header of defaultSettingsRows: a date format for
 * 回答期限 (a typed date shows as 2024/05/31), the unit after numbers and text (`9 時`), General
 * otherwise.
 */
export function settingsValueFormats(rows: readonly string[][]): string[][] {
	return rows.slice(1).map(([label]) => {
		const item = SETTING_ITEMS.find((i) => i.label === label);
		if (item?.key === "deadline") return ["yyyy/mm/dd"];
		const u = item?.unit;
		return [u ? `0" ${u}";-0" ${u}";0" ${u}";@" ${u}"` : "General"];
	});
}

/** The 値 text of a Settings object, for writing back or showing. */
export function settingsValueText(s: Settings, key: SettingKey): string {
	switch (key) {
		case "fiscalYear":
			return fiscalYearShort(s.fiscalYear);
		case "deadline":
			return s.deadline ? toIsoDate(s.deadline) : "";
		case "remindDays":
			return s.remindDays.join(",");
		case "overdueInterval":
			return String(s.overdueInterval);
		case "escalationDays":
			return s.escalationDays === null ? "なし" : String(s.escalationDays);
		case "dxOfficeEmails":
			return s.dxOfficeEmails.join(", ");
		case "senderName":
			return s.senderName;
		case "runHour":
			return String(s.runHour);
		case "sendOnHolidays":
			return s.sendOnHolidays ? "はい" : "いいえ";
		case "answerMethod":
			return s.answerMethod;
		case "kpiRequired":
			return s.kpiRequired ? "はい" : "いいえ";
	}
}

export interface SettingsResult {
	/** Always complete: invalid or missing values are replaced by their defaults. */
	settings: Settings;
	problems: Problem[];
	/** The items actually given (non-blank and valid) in the sheet. */
	given: SettingKey[];
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A whole number from a cell: 3, `３`, `3日`, `3営業日`. */
function parseInteger(
	value: unknown,
	suffix: RegExp = /(?:営業日|日|時)$/,
): number | null {
	if (typeof value === "number") return Number.isInteger(value) ? value : null;
	if (typeof value !== "string") return null;
	const s = removeSpaces(toHalfWidth(value)).replace(suffix, "");
	return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

function parseRemindDays(value: unknown, label: string): Parsed<number[]> {
	const example = "（例: 7,3,1,0）";
	if (typeof value === "number") {
		if (Number.isInteger(value) && value >= 0 && value <= 365)
			return { ok: true, value: [value] };
		return {
			ok: false,
			message: `${label}${quoteInput(value)}は 0〜365 の整数で入力してください${example}`,
		};
	}
	if (typeof value !== "string") {
		return {
			ok: false,
			message: `${label}${quoteInput(value)}は数字で入力してください${example}`,
		};
	}
	const items = splitList(toHalfWidth(value)).flatMap((s) =>
		s.split(/\s+/).filter((x) => x),
	);
	const days: number[] = [];
	const bad: string[] = [];
	for (const item of items) {
		const n = parseInteger(item, /日前?$/);
		if (n === null || n < 0 || n > 365) bad.push(item);
		else if (!days.includes(n)) days.push(n);
	}
	if (bad.length > 0) {
		const what = bad.some((b) => parseInteger(b, /日前?$/) === null)
			? "は数字で入力してください"
			: "は 0〜365 の整数で入力してください";
		return {
			ok: false,
			message: `${label}${quoteInput(value)}${what}（読み取れない値: ${bad.map((b) => `「${b}」`).join("")}）${example}`,
		};
	}
	if (days.length === 0)
		return { ok: false, message: `${label}が空です${example}` };
	return { ok: true, value: days.sort((a, b) => b - a) };
}

const YES = new Set([
	"はい",
	"する",
	"TRUE",
	"YES",
	"Y",
	"1",
	"○",
	"〇",
	"有",
	"あり",
	"送信する",
]);
const NO = new Set([
	"いいえ",
	"しない",
	"FALSE",
	"NO",
	"N",
	"0",
	"×",
	"✕",
	"無",
	"なし",
	"送信しない",
]);

function parseYesNo(value: unknown, label: string): Parsed<boolean> {
	if (typeof value === "boolean") return { ok: true, value };
	const s = removeSpaces(toHalfWidth(cellString(value))).toUpperCase();
	if (YES.has(s)) return { ok: true, value: true };
	if (NO.has(s)) return { ok: true, value: false };
	return {
		ok: false,
		message: `${label}${quoteInput(value)}は「はい」または「いいえ」で入力してください`,
	};
}

function parseHour(value: unknown, label: string): Parsed<number> {
	const bad: Parsed<number> = {
		ok: false,
		message: `${label}${quoteInput(value)}は 0〜23 の整数で入力してください`,
	};
	if (value instanceof Date) {
		// A time cell (e.g. 9:00) arrives as a Date on 1899-12-30 in the spreadsheet's zone.
		return Number.isNaN(value.getTime())
			? bad
			: { ok: true, value: tokyoHour(value) };
	}
	let n: number | null;
	if (typeof value === "string") {
		const s = removeSpaces(toHalfWidth(value));
		const m = /^(\d{1,2})(?::00)?(?:時)?$/.exec(s);
		n = m ? Number(m[1]) : null;
	} else n = parseInteger(value);
	if (n === null || n < 0 || n > 23) return bad;
	return { ok: true, value: n };
}

function parseCount(
	value: unknown,
	label: string,
	min: number,
	allowNone: boolean,
): Parsed<number | null> {
	if (
		allowNone &&
		typeof value === "string" &&
		/^(なし|無し|しない|-|－)$/.test(removeSpaces(value))
	) {
		return { ok: true, value: null };
	}
	const n = parseInteger(value);
	if (n === null || n < min || n > 365) {
		const range = `${min} 以上の整数`;
		return {
			ok: false,
			message: `${label}${quoteInput(value)}は${range}で入力してください${allowNone ? "（しない場合は「なし」）" : ""}`,
		};
	}
	return { ok: true, value: n };
}

function itemKey(text: string): string {
	return headerKey(text);
}

/** The 設定 item a 項目 text names, as the sheet reads it (spaces, width and case ignored). */
export function settingItemOf(label: string): SettingItem | undefined {
	const key = itemKey(label);
	return SETTING_ITEMS.find((i) => itemKey(i.label) === key);
}

/**
 * Parses the 設定 sheet's values (2-D, header row `項目 | 値` optional). Unknown 項目 and
 * duplicates are reported as warnings; invalid values as errors naming the 項目 and what to type
 * (the default is used instead). Blank values take the default silently.
 */
export function parseSettings(
	values: readonly (readonly unknown[])[],
	now: Date,
	dayOf: DayOf = tokyoDate,
): SettingsResult {
	const sheet = SHEET_NAMES.settings;
	const settings = defaultSettings(now);
	const problems: Problem[] = [];
	const given: SettingKey[] = [];
	const seen = new Map<SettingKey, number>();
	const byKey = new Map(SETTING_ITEMS.map((i) => [itemKey(i.label), i]));
	values.forEach((cells, r) => {
		const row = r + 1;
		const labelText = cellString(cells[0]);
		const value = cells[1];
		if (labelText === "" && isBlank(value)) return;
		if (r === 0 && itemKey(labelText) === itemKey("項目")) return;
		if (labelText === "") {
			problems.push(
				problem(
					sheet,
					row,
					`項目名が空欄の行に値${quoteInput(value)}があります`,
					"warning",
				),
			);
			return;
		}
		const item = byKey.get(itemKey(labelText));
		if (!item) {
			problems.push(
				problem(
					sheet,
					row,
					`項目${quoteInput(labelText)}は使われません（項目名: ${SETTING_ITEMS.map((i) => i.label).join("・")}）`,
					"warning",
				),
			);
			return;
		}
		const prev = seen.get(item.key);
		if (prev !== undefined) {
			problems.push(
				problem(
					sheet,
					row,
					`項目「${item.label}」が重複しています（${prev}行目の値を使います）`,
					"warning",
				),
			);
			return;
		}
		seen.set(item.key, row);
		if (isBlank(value)) return;
		const label = item.label;
		const fail = (message: string) =>
			problems.push(problem(sheet, row, message, "error", label));
		switch (item.key) {
			case "fiscalYear": {
				const p = parseFiscalYear(value);
				if (!p.ok) fail(p.reason);
				else if (p.year !== null) {
					settings.fiscalYear = p.year;
					given.push(item.key);
				}
				break;
			}
			case "deadline": {
				const p = parseDeadline(value, dayOf);
				if (!p.ok) fail(p.reason);
				else if (p.date !== null) {
					settings.deadline = p.date;
					given.push(item.key);
				}
				break;
			}
			case "remindDays": {
				const p = parseRemindDays(value, label);
				if (!p.ok) fail(p.message);
				else {
					settings.remindDays = p.value;
					given.push(item.key);
				}
				break;
			}
			case "overdueInterval": {
				const p = parseCount(value, label, 1, false);
				if (!p.ok) fail(p.message);
				else if (p.value !== null) {
					settings.overdueInterval = p.value;
					given.push(item.key);
				}
				break;
			}
			case "escalationDays": {
				const p = parseCount(value, label, 0, true);
				if (!p.ok) fail(p.message);
				else {
					settings.escalationDays = p.value;
					given.push(item.key);
				}
				break;
			}
			case "dxOfficeEmails": {
				const list = parseEmailList(cellString(value));
				if (list.invalid.length > 0) {
					fail(
						`${label}のメールアドレス${list.invalid.map((b) => `「${b}」`).join("")}が正しくありません（例: dx@city.example.jp）`,
					);
				}
				if (list.emails.length > 0 && list.invalid.length === 0) {
					settings.dxOfficeEmails = list.emails;
					given.push(item.key);
				}
				break;
			}
			case "senderName": {
				const name = cellString(value).replace(/[\r\n]+/g, " ");
				if (Array.from(name).length > 50)
					fail(`${label}は50文字以内で入力してください`);
				else {
					settings.senderName = name;
					given.push(item.key);
				}
				break;
			}
			case "runHour": {
				const p = parseHour(value, label);
				if (!p.ok) fail(p.message);
				else {
					settings.runHour = p.value;
					given.push(item.key);
				}
				break;
			}
			case "sendOnHolidays":
			case "kpiRequired": {
				const p = parseYesNo(value, label);
				if (!p.ok) fail(p.message);
				else {
					settings[item.key] = p.value;
					given.push(item.key);
				}
				break;
			}
			case "answerMethod": {
				const text = cellString(value).replace(/\r\n?/g, "\n").trim();
				if (Array.from(text).length > ANSWER_METHOD_MAX)
					fail(`${label}は${ANSWER_METHOD_MAX}文字以内で入力してください`);
				else {
					settings.answerMethod = text;
					given.push(item.key);
				}
				break;
			}
		}
	});
	return { settings, problems, given };
}

/**
 * What stops reminders from being sent, in Japanese (empty when nothing does): no 回答期限, no
 * DX推進室メール.
 */
export function reminderPrerequisites(settings: Settings): string[] {
	const out: string[] = [];
	if (!settings.deadline) {
		out.push(
			"回答期限が設定されていません。設定シートの「回答期限」に 2024-05-31 のように入力してください",
		);
	}
	if (settings.dxOfficeEmails.length === 0) {
		out.push(
			"DX推進室メールが設定されていません。設定シートの「DX推進室メール」に dx@city.example.jp のように入力してください",
		);
	}
	return out;
}
