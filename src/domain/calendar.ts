/**
 * Calendar dates (no time, no time zone) and the Asia/Tokyo reading of instants.
 *
 * Japan has had no daylight saving time since 1951, so Asia/Tokyo is a fixed UTC+9 and we convert
 * by shifting 9 hours instead of relying on Intl time-zone data. A Date read from a date cell is
 * midnight in the spreadsheet's time zone (Asia/Tokyo for this product) or, from some .xlsx
 * readers, midnight UTC: both fall on the same Tokyo calendar day, so either reads correctly.
 */

export interface CalendarDate {
	y: number;
	/** 1–12 */
	m: number;
	/** 1–31 */
	d: number;
}

const TOKYO_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;
const pad2 = (n: number): string => String(n).padStart(2, "0");

/** An instant as DATE_TIME_FORMAT shows it (yyyy/mm/dd HH:mm, Asia/Tokyo), for text. */
export function tokyoDateTimeText(instant: Date): string {
	const t = new Date(instant.getTime() + TOKYO_OFFSET_MS);
	return `${t.getUTCFullYear()}/${pad2(t.getUTCMonth() + 1)}/${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
}

function isLeapYear(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
	return (
		[31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
			m - 1
		] ?? 0
	);
}

export function isValidDate(y: number, m: number, d: number): boolean {
	return (
		Number.isInteger(y) &&
		Number.isInteger(m) &&
		Number.isInteger(d) &&
		y >= 1 &&
		y <= 9999 &&
		m >= 1 &&
		m <= 12 &&
		d >= 1 &&
		d <= daysInMonth(y, m)
	);
}

/** How an instant is read as a calendar day: tokyoDate, or the spreadsheet's zone (src/gas). */
export type DayOf = (instant: Date) => CalendarDate;

/** The calendar day in Asia/Tokyo of an instant. */
export function tokyoDate(instant: Date): CalendarDate {
	const t = new Date(instant.getTime() + TOKYO_OFFSET_MS);
	return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The hour (0–23) in Asia/Tokyo of an instant. */
export function tokyoHour(instant: Date): number {
	return new Date(instant.getTime() + TOKYO_OFFSET_MS).getUTCHours();
}

/** Midnight Asia/Tokyo of a calendar day, as an instant. */
export function tokyoMidnight(date: CalendarDate): Date {
	return new Date(Date.UTC(date.y, date.m - 1, date.d) - TOKYO_OFFSET_MS);
}

function dayNumber(date: CalendarDate): number {
	return Math.floor(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
	const t = new Date((dayNumber(date) + days) * DAY_MS);
	return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** b − a in days. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
	return dayNumber(b) - dayNumber(a);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
	return dayNumber(a) - dayNumber(b);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
	return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

/** `2024-05-31` */
export function toIsoDate(date: CalendarDate): string {
	return `${String(date.y).padStart(4, "0")}-${pad2(date.m)}-${pad2(date.d)}`;
}

const WEEKDAYS_JA = ["日", "月", "火", "水", "木", "金", "土"];

/** `2024年5月31日（金）` */
export function formatDateJa(date: CalendarDate, withWeekday = true): string {
	const base = `${date.y}年${date.m}月${date.d}日`;
	return withWeekday ? `${base}（${WEEKDAYS_JA[weekday(date)]}）` : base;
}
