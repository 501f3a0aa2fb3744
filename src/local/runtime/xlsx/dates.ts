/**
 * Date conversion between the two clocks involved.
 *
 * - exceljs reads a date cell into a JS Date whose UTC fields are the wall-clock time written
 *   in the cell (serial 45443 → 2024-05-31T00:00:00Z), and writes a Date the same way.
 * - The runtime model holds instants, as Apps Script's getValues() returns them: a date cell
 *   shows wall-clock time in the spreadsheet's time zone (WorkbookModel.timeZone).
 *
 * The zone offset of an instant is computed with Intl, so zones with DST and historical
 * offsets (Asia/Tokyo's LMT +09:18:59 before 1888, which Sheets also applies to time-only
 * values on 1899-12-30) convert consistently in both directions.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat("en-US", {
			timeZone,
			hourCycle: "h23",
			year: "numeric",
			month: "numeric",
			day: "numeric",
			hour: "numeric",
			minute: "numeric",
			second: "numeric",
			era: "short",
		});
		formatters.set(timeZone, f);
	}
	return f;
}

/** True when Intl knows the zone name. */
export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds (Tokyo: +32,400,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
	const whole = Math.floor(ms / 1000) * 1000;
	const parts = formatter(timeZone).formatToParts(new Date(whole));
	let year = 0;
	let month = 1;
	let day = 1;
	let hour = 0;
	let minute = 0;
	let second = 0;
	let bc = false;
	for (const p of parts) {
		switch (p.type) {
			case "year":
				year = Number(p.value);
				break;
			case "month":
				month = Number(p.value);
				break;
			case "day":
				day = Number(p.value);
				break;
			case "hour":
				hour = Number(p.value);
				break;
			case "minute":
				minute = Number(p.value);
				break;
			case "second":
				second = Number(p.value);
				break;
			case "era":
				bc = p.value.startsWith("B");
				break;
		}
	}
	if (bc) year = 1 - year;
	const d = new Date(0);
	d.setUTCFullYear(year, month - 1, day);
	d.setUTCHours(hour, minute, second, 0);
	return d.getTime() - whole;
}

/** Instant → a Date whose UTC fields are the wall-clock time in `timeZone` (for exceljs). */
export function instantToWallClock(instant: Date, timeZone: string): Date {
	const ms = instant.getTime();
	return new Date(ms + zoneOffsetMs(ms, timeZone));
}

/**
 * A Date whose UTC fields are a wall-clock time in `timeZone` (from exceljs) → the instant.
 * For a wall-clock time that occurs twice (DST ends) the earlier instant is taken; one that
 * does not exist (DST starts) is moved forward by the gap, as Sheets does.
 */
export function wallClockToInstant(wall: Date, timeZone: string): Date {
	const w = wall.getTime();
	let t = w - zoneOffsetMs(w, timeZone);
	for (let i = 0; i < 3; i++) {
		const next = w - zoneOffsetMs(t, timeZone);
		if (next === t) break;
		t = next;
	}
	// Prefer the earlier of two candidates when the wall-clock time is ambiguous.
	const earlier = w - zoneOffsetMs(t - 3 * 3600_000, timeZone);
	if (earlier < t && earlier + zoneOffsetMs(earlier, timeZone) === w)
		t = earlier;
	return new Date(t);
}

/** True when the instant is exactly midnight (wall clock) in `timeZone`. */
export function isMidnight(instant: Date, timeZone: string): boolean {
	const wall = instantToWallClock(instant, timeZone).getTime();
	return wall % 86_400_000 === 0;
}

/** Number format written for a Date cell that has none in the model. */
export const DEFAULT_DATE_FORMAT = "yyyy/mm/dd";
export const DEFAULT_DATETIME_FORMAT = "yyyy/mm/dd h:mm:ss";

function formatSections(format: string): string[] {
	const sections: string[] = [];
	let cur = "";
	let inQuote = false;
	for (let i = 0; i < format.length; i++) {
		const ch = format[i] as string;
		if (ch === '"') inQuote = !inQuote;
		if (ch === "\\" && !inQuote && i + 1 < format.length) {
			cur += ch + format[i + 1];
			i++;
			continue;
		}
		if (ch === ";" && !inQuote) {
			sections.push(cur);
			cur = "";
			continue;
		}
		cur += ch;
	}
	sections.push(cur);
	return sections;
}

/**
 * A number format that displays a number as a boolean. LibreOffice writes boolean cells as
 * numbers 0/1 with a format such as `"TRUE";"TRUE";"FALSE"` (localised: `"WAHR";"WAHR";"FALSCH"`);
 * some writers use the word `BOOLEAN`.
 */
export function isBooleanFormat(format: string | undefined): boolean {
	if (!format) return false;
	if (/^\s*boolean\s*$/i.test(format)) return true;
	const sections = formatSections(format).map((s) =>
		s.replace(/^\s*(\[[^\]]*\]\s*)*/, "").trim(),
	);
	if (sections.length !== 3) return false;
	const literal = /^"([^"]*)"$/;
	const m = sections.map((s) => literal.exec(s));
	if (!m[0] || !m[1] || !m[2]) return false;
	return (
		m[0][1] === m[1][1] &&
		m[0][1] !== m[2][1] &&
		m[0][1] !== "" &&
		m[2][1] !== ""
	);
}
