/**
 * Utilities for the local runtime: Java SimpleDateFormat date formatting in a time zone,
 * base-64, digests, UUIDs and minimal blobs. Byte arrays are Java bytes (signed, -128..127).
 *
 * Reference: https://developers.google.com/apps-script/reference/utilities/utilities
 * Patterns:  https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html
 * Zones:     https://docs.oracle.com/javase/8/docs/api/java/util/TimeZone.html
 */

import { createHash, randomUUID } from "node:crypto";
import { GasError, type RuntimeState } from "./state";
import { zoneOffsetMs } from "./xlsx/dates";

type G = typeof GoogleAppsScript.Utilities;

type UtilitiesApi = Pick<
	GoogleAppsScript.Utilities.Utilities,
	| "Charset"
	| "DigestAlgorithm"
	| "formatDate"
	| "sleep"
	| "base64Encode"
	| "base64Decode"
	| "base64EncodeWebSafe"
	| "base64DecodeWebSafe"
	| "computeDigest"
	| "getUuid"
	| "newBlob"
>;

/** reference/utilities/charset */
export const Charset = Object.freeze({
	US_ASCII: "US_ASCII",
	UTF_8: "UTF_8",
}) as unknown as G["Charset"];

/** reference/utilities/digest-algorithm */
export const DigestAlgorithm = Object.freeze({
	MD2: "MD2",
	MD5: "MD5",
	SHA_1: "SHA_1",
	SHA_256: "SHA_256",
	SHA_384: "SHA_384",
	SHA_512: "SHA_512",
}) as unknown as G["DigestAlgorithm"];

const NODE_DIGEST: Record<string, string> = {
	MD5: "md5",
	SHA_1: "sha1",
	SHA_256: "sha256",
	SHA_384: "sha384",
	SHA_512: "sha512",
};

// ---------------------------------------------------------------------------------------------
// Bytes and charsets

/** Java bytes (signed) from unsigned octets. */
function toJavaBytes(buffer: Uint8Array): number[] {
	return Array.from(buffer, (b) => (b > 127 ? b - 256 : b));
}

/** Octets from Java bytes (signed or unsigned accepted). */
function fromJavaBytes(bytes: ArrayLike<number>): Buffer {
	return Buffer.from(Array.from(bytes, (b) => Number(b) & 0xff));
}

/**
 * Encodes a string in a charset. US-ASCII replaces every character it cannot represent with
 * '?', as Java's String.getBytes does.
 */
function encodeString(text: string, charset: unknown): Buffer {
	const name =
		charset === undefined || charset === null ? "UTF_8" : String(charset);
	if (name === "US_ASCII" || name.toUpperCase() === "US-ASCII") {
		const out: number[] = [];
		for (const ch of text) {
			const code = ch.codePointAt(0) ?? 0x3f;
			out.push(code < 0x80 ? code : 0x3f);
		}
		return Buffer.from(out);
	}
	return Buffer.from(text, "utf8");
}

function decodeBytes(buffer: Buffer, charset: unknown): string {
	const name =
		charset === undefined || charset === null
			? "UTF-8"
			: String(charset).toUpperCase();
	if (name === "US_ASCII" || name === "US-ASCII" || name === "ASCII") {
		return Array.from(buffer, (b) =>
			b < 0x80 ? String.fromCharCode(b) : "\ufffd",
		).join("");
	}
	return buffer.toString("utf8");
}

function dataToBuffer(
	data: string | ArrayLike<number>,
	charset?: unknown,
): Buffer {
	if (typeof data === "string") return encodeString(data, charset);
	if (data && typeof data === "object" && typeof data.length === "number")
		return fromJavaBytes(data);
	return encodeString(String(data), charset);
}

// ---------------------------------------------------------------------------------------------
// Time zones

interface Zone {
	/** An IANA id Intl understands, or null for a fixed offset. */
	iana: string | null;
	/** Fixed zones: minutes east of UTC. */
	fixedOffset: number;
	/** The id as Java would print it for a fixed zone ("GMT", "GMT+09:00"). */
	fixedName: string;
}

const GMT: Zone = { iana: null, fixedOffset: 0, fixedName: "GMT" };

/**
 * Java's deprecated three-letter ids that Intl does not know (TimeZone: "Three-letter time zone
 * IDs ... are also supported"). EST, MST and HST are fixed offsets in Java.
 */
const JAVA_SHORT_IDS: Record<string, Zone | string> = {
	JST: "Asia/Tokyo",
	PST: "America/Los_Angeles",
	CST: "America/Chicago",
	IST: "Asia/Kolkata",
	EST: { iana: null, fixedOffset: -300, fixedName: "GMT-05:00" },
	MST: { iana: null, fixedOffset: -420, fixedName: "GMT-07:00" },
	HST: { iana: null, fixedOffset: -600, fixedName: "GMT-10:00" },
};

const zoneCache = new Map<string, Zone>();

/**
 * Resolves a time zone id the way java.util.TimeZone.getTimeZone does: IANA ids, custom
 * "GMT+9" / "GMT+09:00" ids, and — for anything it does not understand — GMT ("the GMT zone if
 * the given ID cannot be understood", docs.oracle.com/javase/8/docs/api/java/util/TimeZone.html
 * #getTimeZone-java.lang.String-). Utilities.formatDate formats "according to specification
 * described in Java SE SimpleDateFormat class" (reference/utilities/utilities#formatDate), so an
 * unknown zone formats as GMT instead of throwing.
 */
function resolveZone(id: string): Zone {
	const key = String(id);
	const cached = zoneCache.get(key);
	if (cached) return cached;
	let zone: Zone = GMT;
	const custom = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(key);
	if (custom) {
		const hours = Number(custom[2]);
		const minutes = Number(custom[3] ?? "0");
		if (hours <= 23 && minutes <= 59) {
			const sign = custom[1] === "-" ? -1 : 1;
			zone = {
				iana: null,
				fixedOffset: sign * (hours * 60 + minutes),
				fixedName: `GMT${custom[1]}${pad(hours, 2)}:${pad(minutes, 2)}`,
			};
		}
	} else if (key === "GMT") {
		zone = GMT;
	} else if (key in JAVA_SHORT_IDS) {
		const short = JAVA_SHORT_IDS[key];
		zone =
			typeof short === "string"
				? { iana: short, fixedOffset: 0, fixedName: "" }
				: (short ?? GMT);
	} else if (key !== "" && /^[A-Za-z]/.test(key)) {
		try {
			new Intl.DateTimeFormat("en-US", { timeZone: key });
			zone = { iana: key, fixedOffset: 0, fixedName: "" };
		} catch {
			zone = GMT;
		}
	}
	zoneCache.set(key, zone);
	return zone;
}

/** Minutes east of UTC of `zone` at instant `t` (the .xlsx codec computes the same offset). */
function offsetAt(zone: Zone, t: number): number {
	if (zone.iana === null) return zone.fixedOffset;
	return Math.round(zoneOffsetMs(t, zone.iana) / 60000);
}

/** Java short names Intl's en-US data lacks (it prints "GMT+9" for Asia/Tokyo, Java "JST"). */
const JAVA_ZONE_NAMES: Record<string, [string, string, string, string]> = {
	// id: [short standard, short daylight, long standard, long daylight]
	"Asia/Tokyo": ["JST", "JDT", "Japan Standard Time", "Japan Daylight Time"],
	Japan: ["JST", "JDT", "Japan Standard Time", "Japan Daylight Time"],
	"Asia/Seoul": ["KST", "KDT", "Korean Standard Time", "Korean Daylight Time"],
	"Asia/Shanghai": ["CST", "CDT", "China Standard Time", "China Daylight Time"],
	"Asia/Hong_Kong": ["HKT", "HKST", "Hong Kong Time", "Hong Kong Summer Time"],
	"Asia/Singapore": ["SGT", "SGT", "Singapore Time", "Singapore Time"],
	"Asia/Kolkata": ["IST", "IDT", "India Standard Time", "India Daylight Time"],
	"Asia/Calcutta": ["IST", "IDT", "India Standard Time", "India Daylight Time"],
	"Europe/London": ["GMT", "BST", "Greenwich Mean Time", "British Summer Time"],
	"Europe/Paris": [
		"CET",
		"CEST",
		"Central European Time",
		"Central European Summer Time",
	],
	"Europe/Berlin": [
		"CET",
		"CEST",
		"Central European Time",
		"Central European Summer Time",
	],
	"Australia/Sydney": [
		"AEST",
		"AEDT",
		"Australian Eastern Standard Time",
		"Australian Eastern Daylight Time",
	],
	UTC: [
		"UTC",
		"UTC",
		"Coordinated Universal Time",
		"Coordinated Universal Time",
	],
	"Etc/UTC": [
		"UTC",
		"UTC",
		"Coordinated Universal Time",
		"Coordinated Universal Time",
	],
	"Etc/GMT": ["GMT", "GMT", "Greenwich Mean Time", "Greenwich Mean Time"],
};

/** Java's fallback name for a zone without a name: "GMT+09:00". */
function gmtName(offset: number): string {
	if (offset === 0) return "GMT";
	const sign = offset < 0 ? "-" : "+";
	const abs = Math.abs(offset);
	return `GMT${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

function zoneName(
	zone: Zone,
	t: number,
	offset: number,
	long: boolean,
): string {
	if (zone.iana === null)
		return long && zone.fixedName === "GMT"
			? "Greenwich Mean Time"
			: zone.fixedName;
	const known = JAVA_ZONE_NAMES[zone.iana];
	if (known) {
		const year = new Date(t).getUTCFullYear();
		const jan = offsetAt(zone, Date.UTC(year, 0, 1));
		const jul = offsetAt(zone, Date.UTC(year, 6, 1));
		const daylight = offset > Math.min(jan, jul);
		return known[(long ? 2 : 0) + (daylight ? 1 : 0)] as string;
	}
	const name =
		new Intl.DateTimeFormat("en-US", {
			timeZone: zone.iana,
			timeZoneName: long ? "long" : "short",
		})
			.formatToParts(new Date(t))
			.find((p) => p.type === "timeZoneName")?.value ?? "";
	return name === "" || /^GMT[+-]/.test(name) ? gmtName(offset) : name;
}

// ---------------------------------------------------------------------------------------------
// SimpleDateFormat

const MONTHS = [
	"January",
	"February",
	"March",
	"April",
	"May",
	"June",
	"July",
	"August",
	"September",
	"October",
	"November",
	"December",
];
const DAYS = [
	"Sunday",
	"Monday",
	"Tuesday",
	"Wednesday",
	"Thursday",
	"Friday",
	"Saturday",
];
/** Every pattern letter SimpleDateFormat defines; any other ASCII letter is illegal. */
const PATTERN_LETTERS = "GyYMLwWDdFEuaHkKhmsSzZX";

function pad(n: number, width: number): string {
	const s = String(Math.abs(n));
	return (
		(n < 0 ? "-" : "") +
		(s.length >= width ? s : "0".repeat(width - s.length) + s)
	);
}

interface Wall {
	year: number;
	month: number; // 1-12
	day: number;
	hour: number;
	minute: number;
	second: number;
	millis: number;
	weekday: number; // 0 = Sunday
	dayOfYear: number;
	offset: number; // minutes east of UTC
}

function wallTime(t: number, zone: Zone): Wall {
	const offset = offsetAt(zone, t);
	const d = new Date(t + offset * 60000);
	const year = d.getUTCFullYear();
	const startOfYear = new Date(0);
	startOfYear.setUTCFullYear(year, 0, 1);
	startOfYear.setUTCHours(0, 0, 0, 0);
	const midnight = new Date(d.getTime());
	midnight.setUTCHours(0, 0, 0, 0);
	return {
		year,
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		millis: d.getUTCMilliseconds(),
		weekday: d.getUTCDay(),
		dayOfYear:
			Math.round((midnight.getTime() - startOfYear.getTime()) / 86400000) + 1,
		offset,
	};
}

/**
 * Week fields with the rules of the US locale Apps Script formats in: weeks start on Sunday
 * and week 1 is the week containing January 1 (minimal days in first week = 1).
 */
function weekOfYear(w: Wall): { weekYear: number; week: number } {
	const daysToSaturday = 6 - w.weekday;
	const jan1Weekday = (((w.weekday - (w.dayOfYear - 1)) % 7) + 7) % 7;
	const daysInYear = isLeap(w.year) ? 366 : 365;
	if (w.dayOfYear + daysToSaturday > daysInYear)
		return { weekYear: w.year + 1, week: 1 };
	return {
		weekYear: w.year,
		week: Math.floor((w.dayOfYear - 1 + jan1Weekday) / 7) + 1,
	};
}

function isLeap(y: number): boolean {
	return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function offsetText(offset: number, style: "Z" | "X1" | "X2" | "X3"): string {
	if (style !== "Z" && offset === 0) return "Z";
	const sign = offset < 0 ? "-" : "+";
	const abs = Math.abs(offset);
	const hh = pad(Math.floor(abs / 60), 2);
	const mm = pad(abs % 60, 2);
	if (style === "X1") return `${sign}${hh}`;
	if (style === "X3") return `${sign}${hh}:${mm}`;
	return `${sign}${hh}${mm}`;
}

function field(
	letter: string,
	count: number,
	w: Wall,
	zone: Zone,
	t: number,
): string {
	switch (letter) {
		case "G":
			return w.year > 0 ? "AD" : "BC";
		case "y":
		case "Y": {
			const year = letter === "y" ? w.year : weekOfYear(w).weekYear;
			const shown = year > 0 ? year : 1 - year;
			return count === 2 ? pad(shown % 100, 2) : pad(shown, count);
		}
		case "M":
		case "L":
			if (count >= 4) return MONTHS[w.month - 1] as string;
			if (count === 3) return (MONTHS[w.month - 1] as string).slice(0, 3);
			return pad(w.month, count);
		case "w":
			return pad(weekOfYear(w).week, count);
		case "W": {
			const firstWeekday = (((w.weekday - (w.day - 1)) % 7) + 7) % 7;
			return pad(Math.floor((w.day - 1 + firstWeekday) / 7) + 1, count);
		}
		case "D":
			return pad(w.dayOfYear, count);
		case "d":
			return pad(w.day, count);
		case "F":
			return pad(Math.floor((w.day - 1) / 7) + 1, count);
		case "E":
			return count >= 4
				? (DAYS[w.weekday] as string)
				: (DAYS[w.weekday] as string).slice(0, 3);
		case "u":
			return pad(w.weekday === 0 ? 7 : w.weekday, count);
		case "a":
			return w.hour < 12 ? "AM" : "PM";
		case "H":
			return pad(w.hour, count);
		case "k":
			return pad(w.hour === 0 ? 24 : w.hour, count);
		case "K":
			return pad(w.hour % 12, count);
		case "h":
			return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
		case "m":
			return pad(w.minute, count);
		case "s":
			return pad(w.second, count);
		case "S":
			return pad(w.millis, count);
		case "z":
			return zoneName(zone, t, w.offset, count >= 4);
		case "Z":
			return offsetText(w.offset, "Z");
		case "X":
			if (count > 3)
				throw new GasError(`invalid ISO 8601 format: length=${count}`);
			return offsetText(
				w.offset,
				count === 1 ? "X1" : count === 2 ? "X2" : "X3",
			);
		default:
			throw new GasError(`Illegal pattern character '${letter}'`);
	}
}

/**
 * Formats like Java's SimpleDateFormat (US English names). Quoted text: 'text', and '' for a
 * single quote, inside or outside quotes.
 */
function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
	const t = date.getTime();
	const zone = resolveZone(timeZone);
	const w = wallTime(t, zone);
	let out = "";
	let i = 0;
	const p = String(pattern);
	while (i < p.length) {
		const c = p[i] as string;
		if (c === "'") {
			if (p[i + 1] === "'") {
				out += "'";
				i += 2;
				continue;
			}
			let j = i + 1;
			let text = "";
			for (;;) {
				if (j >= p.length) throw new GasError("Unterminated quote");
				if (p[j] === "'") {
					if (p[j + 1] === "'") {
						text += "'";
						j += 2;
						continue;
					}
					break;
				}
				text += p[j];
				j++;
			}
			out += text;
			i = j + 1;
			continue;
		}
		if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) {
			if (!PATTERN_LETTERS.includes(c))
				throw new GasError(`Illegal pattern character '${c}'`);
			let count = 1;
			while (p[i + count] === c) count++;
			out += field(c, count, w, zone, t);
			i += count;
			continue;
		}
		out += c;
		i++;
	}
	return out;
}

function gasTypeName(value: unknown): string {
	if (value === null) return "null";
	if (value instanceof Date) return "Date";
	if (Array.isArray(value)) return "number[]";
	switch (typeof value) {
		case "string":
			return "String";
		case "number":
			return "number";
		case "boolean":
			return "Boolean";
		case "undefined":
			return "undefined";
		default:
			return "Object";
	}
}

function isDateLike(value: unknown): value is Date {
	return (
		value instanceof Date ||
		(typeof value === "object" &&
			value !== null &&
			typeof (value as { getTime?: unknown }).getTime === "function" &&
			Object.prototype.toString.call(value) === "[object Date]")
	);
}

// ---------------------------------------------------------------------------------------------
// Blob

const EXTENSION_TYPES: Record<string, string> = {
	txt: "text/plain",
	csv: "text/csv",
	html: "text/html",
	htm: "text/html",
	json: "application/json",
	pdf: "application/pdf",
	png: "image/png",
	jpg: "image/jpeg",
	jpeg: "image/jpeg",
	gif: "image/gif",
	xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	zip: "application/zip",
};

export class LocalBlob implements GoogleAppsScript.Base.Blob {
	private data: Buffer;

	constructor(
		data: Buffer,
		private contentType: string | null = null,
		private name: string | null = null,
	) {
		this.data = Buffer.from(data);
	}

	toString(): string {
		return "Blob";
	}

	getBytes(): number[] {
		return toJavaBytes(this.data);
	}

	setBytes(data: number[]): LocalBlob {
		this.data = fromJavaBytes(data);
		return this;
	}

	/** "Gets the data of this blob as a String with UTF-8 encoding" unless a charset is given. */
	getDataAsString(charset?: string): string {
		return decodeBytes(this.data, charset);
	}

	setDataFromString(text: string, charset?: string): LocalBlob {
		this.data = encodeString(
			String(text),
			charset === undefined ? undefined : charset.replace("-", "_"),
		);
		return this;
	}

	getContentType(): string | null {
		return this.contentType;
	}

	setContentType(contentType: string | null): LocalBlob {
		this.contentType = contentType;
		return this;
	}

	setContentTypeFromExtension(): LocalBlob {
		const ext = /\.([^.]+)$/.exec(this.name ?? "")?.[1]?.toLowerCase();
		const type = ext ? EXTENSION_TYPES[ext] : undefined;
		if (!type)
			throw new GasError(
				"Blob object must have non-null name with a known extension.",
			);
		this.contentType = type;
		return this;
	}

	getName(): string | null {
		return this.name;
	}

	setName(name: string): LocalBlob {
		this.name = name;
		return this;
	}

	isGoogleType(): boolean {
		return false;
	}

	/** Deprecated in Apps Script; a plain blob contains only itself. */
	getAllBlobs(): LocalBlob[] {
		return [this];
	}

	copyBlob(): LocalBlob {
		return new LocalBlob(this.data, this.contentType, this.name);
	}

	getBlob(): LocalBlob {
		return this;
	}

	/** Conversions are not emulated: only a copy in the blob's own content type. */
	getAs(contentType: string): LocalBlob {
		if (contentType !== this.contentType) {
			throw new GasError(
				`Converting from ${this.contentType} to ${contentType} is not supported.`,
			);
		}
		return this.copyBlob();
	}
}

// ---------------------------------------------------------------------------------------------
// Utilities

export class LocalUtilities implements UtilitiesApi {
	readonly Charset = Charset;
	readonly DigestAlgorithm = DigestAlgorithm;

	// Built from the RuntimeState like every service, though nothing here reads it.
	// biome-ignore lint/complexity/noUselessConstructor: keeps the (state) constructor of every service
	constructor(_state?: RuntimeState) {}

	toString(): string {
		return "Utilities";
	}

	/**
	 * "Formats date according to specification described in Java SE SimpleDateFormat class"
	 * (reference/utilities/utilities#formatDate(Date,String,String)). Names are English, as
	 * Apps Script gives them. An unknown time zone formats as GMT (java.util.TimeZone).
	 */
	formatDate(
		date: GoogleAppsScript.Base.Date,
		timeZone: string,
		format: string,
	): string {
		if (
			!isDateLike(date) ||
			typeof timeZone !== "string" ||
			typeof format !== "string"
		) {
			throw new GasError(
				`The parameters (${[date, timeZone, format].map(gasTypeName).join(",")}) don't match the method signature for Utilities.formatDate.`,
			);
		}
		// An Invalid Date has no Java counterpart; refused (wording is the local runtime's).
		if (Number.isNaN(date.getTime()))
			throw new GasError("Invalid argument: date");
		return formatJavaDate(date, timeZone, format);
	}

	/**
	 * "Sleeps for specified number of milliseconds. ... The maximum allowed value is 300000 (or 5
	 * minutes)." (reference/utilities/utilities#sleep(Integer)). The local runtime has no timers
	 * and its clock is the runner's: sleeping returns at once.
	 */
	sleep(_milliseconds: number): void {
		// intentionally no wait
	}

	/** reference/utilities/utilities#base64Encode(String): the string's UTF-8 bytes by default. */
	base64Encode(
		data: string | number[],
		charset?: GoogleAppsScript.Utilities.Charset,
	): string {
		return dataToBuffer(data, charset).toString("base64");
	}

	base64EncodeWebSafe(
		data: string | number[],
		charset?: GoogleAppsScript.Utilities.Charset,
	): string {
		return dataToBuffer(data, charset)
			.toString("base64")
			.replace(/\+/g, "-")
			.replace(/\//g, "_");
	}

	/** "Decodes a base-64 encoded string into a UTF-8 byte array." Returns Java (signed) bytes. */
	base64Decode(
		encoded: string,
		_charset?: GoogleAppsScript.Utilities.Charset,
	): number[] {
		return toJavaBytes(Buffer.from(String(encoded), "base64"));
	}

	base64DecodeWebSafe(
		encoded: string,
		_charset?: GoogleAppsScript.Utilities.Charset,
	): number[] {
		const standard = String(encoded).replace(/-/g, "+").replace(/_/g, "/");
		return toJavaBytes(Buffer.from(standard, "base64"));
	}

	/**
	 * "Compute a digest using the specified algorithm on the specified String value" — returns
	 * Java bytes, so values above 127 are negative (reference/utilities/utilities#computeDigest).
	 */
	computeDigest(
		algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
		value: string | number[],
		charset?: GoogleAppsScript.Utilities.Charset,
	): number[] {
		const name = NODE_DIGEST[String(algorithm)];
		if (!name)
			throw new GasError(
				`Digest algorithm ${String(algorithm)} is not supported by the local runtime.`,
			);
		return toJavaBytes(
			createHash(name).update(dataToBuffer(value, charset)).digest(),
		);
	}

	getUuid(): string {
		return randomUUID();
	}

	/** reference/utilities/utilities#newBlob(String,String,String) */
	newBlob(
		data: string | number[],
		contentType?: string,
		name?: string,
	): LocalBlob {
		return new LocalBlob(dataToBuffer(data), contentType ?? null, name ?? null);
	}
}
