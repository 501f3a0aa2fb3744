/**
 * Fiscal years (April–March, named by the calendar year they start in: FY2023 = 令和5年度 =
 * 2023-04-01 … 2024-03-31), their labels and entry sheet names, and date inputs such as 回答期限.
 */
import {
	type CalendarDate,
	type DayOf,
	daysInMonth,
	isValidDate,
	tokyoDate,
} from "./calendar";
import {
	isBlank,
	quoteInput,
	removeSpaces,
	toHalfWidth,
	trimAll,
} from "./text";

/** Reiwa 1 = 2019. */
const REIWA_OFFSET = 2018;
const MIN_FISCAL_YEAR = 2019;
const MAX_FISCAL_YEAR = 2118;

export type ParsedFiscalYear =
	| { ok: true; year: number | null }
	| { ok: false; reason: string };

const FY_HINT = "R5・令和5年度・2023 のように入力してください";

function fyFromReiwa(n: number): number {
	return n + REIWA_OFFSET;
}

function checkRange(year: number, input: unknown): ParsedFiscalYear {
	if (year < MIN_FISCAL_YEAR) {
		return {
			ok: false,
			reason: `対象年度${quoteInput(input)}は令和元年度（2019年度）以降を指定してください`,
		};
	}
	if (year > MAX_FISCAL_YEAR) {
		return {
			ok: false,
			reason: `対象年度${quoteInput(input)}が大きすぎます。${FY_HINT}`,
		};
	}
	return { ok: true, year };
}

/**
 * Reads 対象年度: `R5`, `r5`, `Ｒ５`, `R05`, `令和5年度`, `令和５`, `令和元年度`, `2023`, `2023年度`,
 * `FY2023`, and numbers (2023, or 5 as a Reiwa year because a cell typed `5` arrives as a number).
 * Blank → year null (the caller applies the default). Dates are rejected: a date is not a year.
 */
export function parseFiscalYear(input: unknown): ParsedFiscalYear {
	if (isBlank(input)) return { ok: true, year: null };
	if (typeof input === "number") {
		if (Number.isInteger(input) && input >= 1 && input <= 100)
			return checkRange(fyFromReiwa(input), input);
		if (Number.isInteger(input) && input >= 1000)
			return checkRange(input, input);
		return {
			ok: false,
			reason: `対象年度${quoteInput(input)}を読み取れません。${FY_HINT}`,
		};
	}
	if (typeof input !== "string") {
		return {
			ok: false,
			reason: `対象年度${quoteInput(input)}を読み取れません。${FY_HINT}`,
		};
	}
	const s = removeSpaces(toHalfWidth(input)).toUpperCase();
	const reiwa = /^(?:R|令和)(\d{1,3}|元)(?:年度?)?$/.exec(s);
	if (reiwa) {
		const n = reiwa[1] === "元" ? 1 : Number(reiwa[1]);
		if (n < 1)
			return {
				ok: false,
				reason: `対象年度${quoteInput(input)}を読み取れません。${FY_HINT}`,
			};
		return checkRange(fyFromReiwa(n), input);
	}
	const greg = /^(?:FY)?(\d{4})(?:年度?)?$/.exec(s);
	if (greg) return checkRange(Number(greg[1]), input);
	if (/^\d{1,2}$/.test(s)) return checkRange(fyFromReiwa(Number(s)), input);
	return {
		ok: false,
		reason: `対象年度${quoteInput(input)}を読み取れません。${FY_HINT}`,
	};
}

/** 2023 → 5 */
function reiwaYear(fiscalYear: number): number {
	return fiscalYear - REIWA_OFFSET;
}

/** 2023 → `令和5年度`; 2019 → `令和元年度`. */
export function fiscalYearLabel(fiscalYear: number): string {
	const n = reiwaYear(fiscalYear);
	if (n < 1) return `${fiscalYear}年度`;
	return `令和${n === 1 ? "元" : n}年度`;
}

/** 2023 → `R5` */
export function fiscalYearShort(fiscalYear: number): string {
	return `R${reiwaYear(fiscalYear)}`;
}

const ENTRY_SHEET_PREFIX = "評価_";

/** 2023 → `評価_R5` */
export function entrySheetName(fiscalYear: number): string {
	return `${ENTRY_SHEET_PREFIX}${fiscalYearShort(fiscalYear)}`;
}

/** `評価_R5` → 2023; any other sheet name → null. */
export function parseEntrySheetName(name: string): number | null {
	const m = /^評価_R(\d{1,3})$/.exec(trimAll(toHalfWidth(name)));
	if (!m) return null;
	const n = Number(m[1]);
	return n >= 1 ? fyFromReiwa(n) : null;
}

/** The fiscal year a calendar day belongs to (April 1 starts a year). */
function fiscalYearOfDate(date: CalendarDate): number {
	return date.m >= 4 ? date.y : date.y - 1;
}

/** The current fiscal year at an instant, in Asia/Tokyo. */
export function currentFiscalYear(now: Date): number {
	return fiscalYearOfDate(tokyoDate(now));
}

/** The default 対象年度: the fiscal year before the current one (last year's results). */
export function defaultTargetFiscalYear(now: Date): number {
	return currentFiscalYear(now) - 1;
}

export type ParsedDate =
	| { ok: true; date: CalendarDate | null }
	| { ok: false; reason: string };

const DATE_HINT =
	"2024-05-31・2024/5/31・令和6年5月31日 のように入力してください";

/**
 * Reads a date cell such as 回答期限: a Date (its Asia/Tokyo day), `2024-05-31`, `2024/5/31`,
 * `2024.5.31`, `20240531`, `2024年5月31日`, `令和6年5月31日`, `R6.5.31`, `R6/5/31`, optionally
 * followed by a weekday `（金）` or a time `17:00` (ignored). Blank → date null. Impossible dates
 * (`2024-02-30`) and numbers are rejected with a Japanese reason naming `field`.
 */
function parseDateInput(
	input: unknown,
	field = "回答期限",
	dayOf: DayOf = tokyoDate,
): ParsedDate {
	if (isBlank(input)) return { ok: true, date: null };
	if (input instanceof Date) {
		if (Number.isNaN(input.getTime()))
			return {
				ok: false,
				reason: `${field}の日付が正しくありません。${DATE_HINT}`,
			};
		return { ok: true, date: dayOf(input) };
	}
	const unreadable: ParsedDate = {
		ok: false,
		reason: `${field}${quoteInput(input)}を日付として読み取れません。${DATE_HINT}`,
	};
	if (typeof input !== "string") return unreadable;
	let s = trimAll(toHalfWidth(input));
	s = s.replace(
		/(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/,
		"",
	);
	s = s.replace(/\s*\(\s*[日月火水木金土](?:曜日?)?\s*\)$/, "");
	s = removeSpaces(s).toUpperCase();
	const ymd = readYmd(s);
	if (!ymd) return unreadable;
	const [y, m, d] = ymd;
	if (!isValidDate(y, m, d)) {
		const detail =
			m >= 1 && m <= 12
				? `${y}年${m}月は${daysInMonth(y, m)}日まで`
				: "月は1〜12で入力してください";
		return {
			ok: false,
			reason: `${field}${quoteInput(input)}は存在しない日付です（${detail}）`,
		};
	}
	return { ok: true, date: { y, m, d } };
}

/** [y, m, d] from a normalised date text (may be impossible: checked by the caller). */
function readYmd(s: string): [number, number, number] | null {
	const iso = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(s);
	if (iso) return [Number(iso[1]), Number(iso[3]), Number(iso[4])];
	const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
	if (compact)
		return [Number(compact[1]), Number(compact[2]), Number(compact[3])];
	const kanji = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s);
	if (kanji) return [Number(kanji[1]), Number(kanji[2]), Number(kanji[3])];
	const reiwa =
		/^(?:令和|R)(\d{1,2}|元)(?:年(\d{1,2})月(\d{1,2})日?|([-/.])(\d{1,2})\4(\d{1,2}))$/.exec(
			s,
		);
	if (reiwa) {
		const n = reiwa[1] === "元" ? 1 : Number(reiwa[1]);
		if (n < 1) return null;
		return [
			fyFromReiwa(n),
			Number(reiwa[2] ?? reiwa[5]),
			Number(reiwa[3] ?? reiwa[6]),
		];
	}
	return null;
}

/** parseDateInput for 回答期限. */
export function parseDeadline(
	input: unknown,
	dayOf: DayOf = tokyoDate,
): ParsedDate {
	return parseDateInput(input, "回答期限", dayOf);
}

/**
 * Reads a date-time cell such as 更新日時: a Date as is, or text `2024/5/31 10:20(:30)` /
 * `2024-05-31T10:20:30` read as Asia/Tokyo. null when blank or unreadable.
 */
export function parseDateTime(input: unknown): Date | null {
	if (input instanceof Date)
		return Number.isNaN(input.getTime()) ? null : input;
	if (typeof input !== "string" || isBlank(input)) return null;
	const s = trimAll(toHalfWidth(input));
	const m =
		/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
			s,
		);
	if (!m) return null;
	const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) =>
		Number(x ?? 0),
	);
	if (
		!isValidDate(y ?? 0, mo ?? 0, d ?? 0) ||
		(h ?? 0) > 23 ||
		(mi ?? 0) > 59 ||
		(se ?? 0) > 59
	)
		return null;
	return new Date(
		Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, se ?? 0) -
			9 * 3600_000,
	);
}
