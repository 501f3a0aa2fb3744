/**
 * What Sheets makes of a string a script writes with Range.setValue(s), RangeList.setValue or
 * Sheet.appendRow. Apps Script documents only "If it begins with '=' it is interpreted as a
 * formula" (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object));
 * the rest is the input parser of the UI, which the Sheets API states for USER_ENTERED: "strings
 * may be converted to numbers, dates, etc. following the same rules that are applied when entering
 * text into a cell via the Google Sheets UI"
 * (https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption). Which date forms
 * are understood "may depend on region and language settings"
 * (https://support.google.com/docs/answer/3093039, DATEVALUE): the spreadsheet's locale.
 *
 * Emulated (everything else stays the string):
 * - numbers: sign, decimals, exponent, leading zeros (`001` → 1), `,` grouping (`1,234`). Our
 *   reading: the grouping is taken leniently, so `7,3,1,0` is 7310 (no Google page states the
 *   rule; the product protects such text either way). Locales with a decimal comma are not
 *   emulated: `.` is the decimal point everywhere.
 * - percentages: `12.5%` → 0.125 with a percent number format.
 * - booleans: TRUE / FALSE in any case.
 * - dates in the locale's order (ja/zh/ko: y/m/d, en_US: m/d/y, others d/m/y) with `/` or `-`,
 *   optionally followed by a time `9:00` or `9:00:00`, taken as wall-clock time in the
 *   spreadsheet's time zone. A day and month without a year (`1-1`, `1/1`, ja_JP: month then
 *   day) is that day of the current year. Decision: no Google page lists the forms; we follow
 *   the DATEVALUE page above ("any date format which is normally autoconverted when entered"),
 *   and Sheets in ja_JP turns a typed `1-1` into 1月1日, so a script's `1-1` (a 取組No) does too.
 *   Impossible dates (`2024/2/30`, `13/1`) stay text.
 * Not emulated: currency (`¥100`), times alone (`9:00`), full-width digits, 年月日 and era forms.
 */
import {
	DEFAULT_DATE_FORMAT,
	DEFAULT_DATETIME_FORMAT,
	instantToWallClock,
	wallClockToInstant,
} from "../xlsx/dates";

export interface InputContext {
	locale: string;
	timeZone: string;
	now(): Date;
}

export interface TypedInput {
	value: number | boolean | Date;
	/** The number format Sheets gives an automatic cell for this input. */
	numberFormat?: string;
}

const NUMBER = /^[+-]?(?:\d+(?:,\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$/;
const DATE =
	/^(\d{1,4})([/-])(\d{1,2})(?:\2(\d{1,4}))?(?: +(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Sheets' value for a typed string, or undefined when it stays text. */
export function parseTypedInput(
	text: string,
	ctx: InputContext,
): TypedInput | undefined {
	const s = text.trim();
	const ch = s.charCodeAt(0);
	// Cheap pre-check: only digits, '+', '-', '.' or t/f/T/F can start anything but text.
	if ((ch >= 48 && ch <= 57) || ch === 43 || ch === 45 || ch === 46) {
		return parseNumber(s) ?? parseDate(s, ctx);
	}
	if (s.length === 4 || s.length === 5) {
		const u = s.toUpperCase();
		if (u === "TRUE") return { value: true };
		if (u === "FALSE") return { value: false };
	}
	return undefined;
}

function parseNumber(s: string): TypedInput | undefined {
	if (!NUMBER.test(s)) return undefined;
	const percent = s.endsWith("%");
	const body = (percent ? s.slice(0, -1) : s).replace(/,/g, "");
	const n = Number(body);
	if (!Number.isFinite(n)) return undefined;
	const decimals = body.includes(".") && !/\.0*$/.test(body);
	if (percent)
		return { value: n / 100, numberFormat: decimals ? "0.00%" : "0%" };
	if (s.includes(","))
		return { value: n, numberFormat: decimals ? "#,##0.00" : "#,##0" };
	return { value: n };
}

type DateOrder = "ymd" | "mdy" | "dmy";

function dateOrder(locale: string): DateOrder {
	const lang = locale.slice(0, 2).toLowerCase();
	if (lang === "ja" || lang === "zh" || lang === "ko") return "ymd";
	return locale === "en_US" ? "mdy" : "dmy";
}

function parseDate(s: string, ctx: InputContext): TypedInput | undefined {
	const m = DATE.exec(s);
	if (!m) return undefined;
	const [, a, , b, c, hh, mi, ss] = m as unknown as string[];
	const order = dateOrder(ctx.locale);
	let year: number;
	let month: number;
	let day: number;
	if (c === undefined) {
		// Two parts: the month and day of the current year (d/m in day-first locales).
		year = instantToWallClock(ctx.now(), ctx.timeZone).getUTCFullYear();
		[month, day] =
			order === "dmy" ? [Number(b), Number(a)] : [Number(a), Number(b)];
	} else if (order === "ymd") {
		if ((a as string).length !== 4) return undefined;
		[year, month, day] = [Number(a), Number(b), Number(c)];
	} else {
		if (c.length !== 4) return undefined;
		[year, month, day] =
			order === "mdy"
				? [Number(c), Number(a), Number(b)]
				: [Number(c), Number(b), Number(a)];
	}
	const hour = hh === undefined ? 0 : Number(hh);
	const minute = mi === undefined ? 0 : Number(mi);
	const second = ss === undefined ? 0 : Number(ss);
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	if (
		month < 1 ||
		wall.getUTCMonth() !== month - 1 ||
		wall.getUTCDate() !== day
	)
		return undefined;
	return {
		value: wallClockToInstant(wall, ctx.timeZone),
		numberFormat:
			hh === undefined ? DEFAULT_DATE_FORMAT : DEFAULT_DATETIME_FORMAT,
	};
}
