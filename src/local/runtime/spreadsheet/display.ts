/**
 * Range.getDisplayValue(s): the text Sheets shows for a value under its number format
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValues()). A simple subset of Sheets' number-format
 * language: General, 0 / 0.00, #,##0(.00), percentages, plain text "@", and date/time patterns
 * (yyyy yy m mm d dd h hh H m mm s ss, with "mm" meaning minutes after an hour or before
 * seconds, as in Sheets). Dates are shown in the spreadsheet's time zone.
 */
import type { CellValue } from "../model";

/** The format Range.getNumberFormat() returns for an unformatted cell. */
export const GENERAL_FORMAT = "0.###############";

const dtfCache = new Map<string, Intl.DateTimeFormat>();

interface DateParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function datePartsInZone(date: Date, timeZone: string): DateParts {
	let dtf = dtfCache.get(timeZone);
	if (!dtf) {
		dtf = new Intl.DateTimeFormat("en-US", {
			timeZone,
			year: "numeric",
			month: "numeric",
			day: "numeric",
			hour: "numeric",
			minute: "numeric",
			second: "numeric",
			hourCycle: "h23",
		});
		dtfCache.set(timeZone, dtf);
	}
	const parts: Record<string, number> = {};
	for (const p of dtf.formatToParts(date))
		if (p.type !== "literal") parts[p.type] = Number(p.value);
	return {
		year: parts.year ?? 1970,
		month: parts.month ?? 1,
		day: parts.day ?? 1,
		hour: (parts.hour ?? 0) % 24,
		minute: parts.minute ?? 0,
		second: parts.second ?? 0,
	};
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function formatDate(
	date: Date,
	format: string | undefined,
	timeZone: string,
): string {
	const p = datePartsInZone(date, timeZone);
	let pattern = format;
	if (!pattern || pattern === GENERAL_FORMAT || !/[ydhs]/i.test(pattern)) {
		// Sheets' ja_JP defaults: a date, or a date-time when there is a time of day.
		pattern =
			p.hour === 0 && p.minute === 0 && p.second === 0
				? "yyyy/mm/dd"
				: "yyyy/mm/dd h:mm:ss";
	}
	const tokens =
		pattern.match(/yyyy|yy|mm|m|dd|d|hh|h|HH|H|ss|s|"[^"]*"|\\.|./gi) ?? [];
	let out = "";
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i] as string;
		const lower = t.toLowerCase();
		if (lower === "yyyy") out += pad(p.year, 4);
		else if (lower === "yy") out += pad(p.year % 100);
		else if (lower === "dd") out += pad(p.day);
		else if (lower === "d") out += String(p.day);
		else if (lower === "hh") out += pad(p.hour);
		else if (lower === "h") out += String(p.hour);
		else if (lower === "ss") out += pad(p.second);
		else if (lower === "s") out += String(p.second);
		else if (lower === "mm" || lower === "m") {
			const prev = tokens
				.slice(0, i)
				.reverse()
				.find((x) => /^[a-z]+$/i.test(x))
				?.toLowerCase();
			const next = tokens
				.slice(i + 1)
				.find((x) => /^[a-z]+$/i.test(x))
				?.toLowerCase();
			const minutes = prev?.startsWith("h") || next?.startsWith("s");
			const n = minutes ? p.minute : p.month;
			out += lower === "mm" ? pad(n) : String(n);
		} else if (t.startsWith('"')) out += t.slice(1, -1);
		else if (t.startsWith("\\")) out += t.slice(1);
		else out += t;
	}
	return out;
}

function formatNumber(n: number, format: string | undefined): string {
	if (
		!format ||
		format === GENERAL_FORMAT ||
		format === "@" ||
		/general/i.test(format)
	) {
		if (Number.isInteger(n)) return String(n);
		return String(Number(n.toPrecision(15)));
	}
	const percent = format.includes("%");
	const value = percent ? n * 100 : n;
	const decimalsMatch = /\.([0#]+)/.exec(format);
	const decimals = decimalsMatch
		? (decimalsMatch[1] as string).replace(/#/g, "").length
		: 0;
	const maxDecimals = decimalsMatch ? (decimalsMatch[1] as string).length : 0;
	let text: string;
	if (format.includes(",")) {
		text = value.toLocaleString("en-US", {
			minimumFractionDigits: decimals,
			maximumFractionDigits: maxDecimals,
		});
	} else if (/[0#]/.test(format)) {
		text = value.toFixed(maxDecimals);
		if (maxDecimals > decimals)
			text = text.replace(/0+$/, "").replace(/\.$/, "");
	} else {
		text = String(value);
	}
	return percent ? `${text}%` : text;
}

export function displayValue(
	value: CellValue,
	format: string | undefined,
	timeZone: string,
): string {
	if (value === "") return "";
	if (typeof value === "string") return value;
	if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
	if (value instanceof Date) return formatDate(value, format, timeZone);
	return formatNumber(value, format);
}
