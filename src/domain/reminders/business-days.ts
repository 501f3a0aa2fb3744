/**
 * Business days of a Japanese city office.
 *
 * A day is closed (not a business day) when it is
 * - a Saturday or a Sunday;
 * - a public holiday under 国民の祝日に関する法律: the 祝日 themselves, 振替休日 (substitute
 *   holidays) and 国民の休日 (a weekday between two holidays, e.g. 2019-04-30, 2019-05-02);
 * - 年末年始 (December 29 – January 3): municipal offices are closed on these days by their
 *   休日条例 (地方自治法 4条の2), so reminders neither go out nor count as elapsed business days.
 *
 * Public holidays come from `@holiday-jp/holiday_jp` (the `lib/holidays` data table only: it is a
 * plain object keyed `YYYY-MM-DD`, with no `require` of Node modules and no time-zone dependent
 * Date parsing, which the package's main module has). The table covers 1970–2050
 * ({@link HOLIDAY_DATA_YEARS}); outside it only weekends and 年末年始 are closed days.
 */
import holidayTable from "@holiday-jp/holiday_jp/lib/holidays.js";
import {
	addDays,
	type CalendarDate,
	compareDates,
	toIsoDate,
	weekday,
} from "../calendar";

type HolidayTable = Readonly<Record<string, { readonly name: string }>>;

// The package types every entry as a literal; we only need the name.
const HOLIDAYS = holidayTable as unknown as HolidayTable;

// A Map rather than `Object.hasOwn` on the table: ES2022, which esbuild does not lower and
// Apps Script's V8 is not documented to have.
const HOLIDAY_NAMES: ReadonlyMap<string, string> = new Map(
	Object.keys(HOLIDAYS).map((key) => [key, HOLIDAYS[key]?.name ?? ""]),
);

function yearsOf(table: HolidayTable): { first: number; last: number } {
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (const key of Object.keys(table)) {
		const y = Number(key.slice(0, 4));
		if (y < first) first = y;
		if (y > last) last = y;
	}
	return { first, last };
}

/** The calendar years the public-holiday table covers (inclusive). */
export const HOLIDAY_DATA_YEARS: Readonly<{ first: number; last: number }> =
	yearsOf(HOLIDAYS);

/** The name the 年末年始 closed days are given. */
const YEAR_END_HOLIDAY_NAME = "年末年始";

/** True when the public-holiday table covers the date's year. */
export function holidayDataCovers(date: CalendarDate): boolean {
	return (
		date.y >= HOLIDAY_DATA_YEARS.first && date.y <= HOLIDAY_DATA_YEARS.last
	);
}

/**
 * The name of a public holiday (`元日`, `こどもの日 振替休日`, `国民の休日`), null on other days
 * (年末年始 days that are not public holidays included).
 */
function publicHolidayName(date: CalendarDate): string | null {
	const name = HOLIDAY_NAMES.get(toIsoDate(date));
	if (name === undefined) return null;
	// The data names 国民の休日 (the day between two holidays) just 休日.
	return name === "休日" ? "国民の休日" : name;
}

/** A public holiday (祝日, 振替休日 or 国民の休日). */
export function isPublicHoliday(date: CalendarDate): boolean {
	return publicHolidayName(date) !== null;
}

/** December 29 – January 3, the 年末年始 closing of municipal offices. */
function isYearEndHoliday(date: CalendarDate): boolean {
	return (date.m === 12 && date.d >= 29) || (date.m === 1 && date.d <= 3);
}

/** A public holiday or a 年末年始 day (weekends are not "holidays" here: see isBusinessDay). */
export function isHoliday(date: CalendarDate): boolean {
	return isPublicHoliday(date) || isYearEndHoliday(date);
}

/** The public holiday's name, else `年末年始` on Dec 29 – Jan 3, else null. */
export function holidayName(date: CalendarDate): string | null {
	return (
		publicHolidayName(date) ??
		(isYearEndHoliday(date) ? YEAR_END_HOLIDAY_NAME : null)
	);
}

function isWeekend(date: CalendarDate): boolean {
	const w = weekday(date);
	return w === 0 || w === 6;
}

/** Not a Saturday, Sunday, public holiday or 年末年始 day. */
export function isBusinessDay(date: CalendarDate): boolean {
	return !isWeekend(date) && !isHoliday(date);
}

/**
 * Why a day is closed, in Japanese (`土曜日`, `日曜日`, `祝日（こどもの日 振替休日）`,
 * `年末年始`), null on business days. A holiday on a weekend is named as the holiday.
 */
export function closedDayLabel(date: CalendarDate): string | null {
	const pub = publicHolidayName(date);
	if (pub !== null) return `祝日（${pub}）`;
	if (isYearEndHoliday(date)) return `${YEAR_END_HOLIDAY_NAME}の休日`;
	const w = weekday(date);
	if (w === 6) return "土曜日";
	if (w === 0) return "日曜日";
	return null;
}

/** The latest business day on or before `date`. */
export function businessDayOnOrBefore(date: CalendarDate): CalendarDate {
	let d = date;
	while (!isBusinessDay(d)) d = addDays(d, -1);
	return d;
}

/**
 * The n-th business day after `date` (n > 0) or before it (n < 0); `date` itself when n is 0
 * (whether or not it is a business day). `addBusinessDays(Fri, 1)` is the next Monday (when it is
 * not a holiday); `date` need not be a business day.
 */
export function addBusinessDays(date: CalendarDate, n: number): CalendarDate {
	if (!Number.isInteger(n))
		throw new RangeError(`addBusinessDays: n must be an integer (${n})`);
	const step = n > 0 ? 1 : -1;
	let left = Math.abs(n);
	let d = date;
	while (left > 0) {
		d = addDays(d, step);
		if (isBusinessDay(d)) left--;
	}
	return d;
}

/**
 * The number of business days after `a` up to and including `b`: Fri → next Mon is 1, a day to
 * itself is 0. When b is before a, the negative of businessDaysBetween(b, a).
 */
export function businessDaysBetween(a: CalendarDate, b: CalendarDate): number {
	const cmp = compareDates(a, b);
	if (cmp === 0) return 0;
	if (cmp > 0) return -businessDaysBetween(b, a);
	let count = 0;
	for (let d = addDays(a, 1); compareDates(d, b) <= 0; d = addDays(d, 1)) {
		if (isBusinessDay(d)) count++;
	}
	return count;
}
