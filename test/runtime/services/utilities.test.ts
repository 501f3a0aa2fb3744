/**
 * Utilities contract: https://developers.google.com/apps-script/reference/utilities/utilities
 *   formatDate follows Java SE SimpleDateFormat
 *   (https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html);
 *   base64Encode("Google グループ") === "R29vZ2xlIOOCsOODq+ODvOODlw==" and base64Decode gives
 *   Java (signed) bytes, as in the reference's examples.
 */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
	Charset,
	DigestAlgorithm,
	LocalUtilities,
} from "../../../src/local/runtime/utilities";
import { makeState } from "./helpers";

const u = new LocalUtilities(makeState());
const instant = new Date("2024-05-31T15:00:00Z");

describe("Utilities.formatDate", () => {
	it("formats in the given zone, not the host's", () => {
		expect(u.formatDate(instant, "Asia/Tokyo", "yyyy-MM-dd HH:mm:ss")).toBe(
			"2024-06-01 00:00:00",
		);
		expect(u.formatDate(instant, "UTC", "yyyy-MM-dd HH:mm:ss")).toBe(
			"2024-05-31 15:00:00",
		);
		expect(
			u.formatDate(instant, "America/Los_Angeles", "yyyy-MM-dd HH:mm"),
		).toBe("2024-05-31 08:00");
	});

	it("gives English month and day names", () => {
		expect(u.formatDate(instant, "Asia/Tokyo", "yyyy/M/d(E)")).toBe(
			"2024/6/1(Sat)",
		);
		expect(
			u.formatDate(instant, "Asia/Tokyo", "EEE, d MMM yyyy HH:mm:ss Z"),
		).toBe("Sat, 1 Jun 2024 00:00:00 +0900");
		expect(u.formatDate(instant, "Asia/Tokyo", "EEEE, MMMM dd")).toBe(
			"Saturday, June 01",
		);
	});

	it("supports the SimpleDateFormat fields", () => {
		const d = new Date("2024-01-05T03:04:05.007Z");
		expect(
			u.formatDate(d, "UTC", "yy y yyyy M MM d dd H HH m mm s ss S SSS"),
		).toBe("24 2024 2024 1 01 5 05 3 03 4 04 5 05 7 007");
		expect(u.formatDate(d, "UTC", "h hh a")).toBe("3 03 AM");
		expect(
			u.formatDate(new Date("2024-01-05T12:30:00Z"), "UTC", "h a K k"),
		).toBe("12 PM 0 12");
		expect(
			u.formatDate(new Date("2024-01-05T00:30:00Z"), "UTC", "h a K k"),
		).toBe("12 AM 0 24");
		expect(u.formatDate(d, "UTC", "D u F G")).toBe("5 5 1 AD");
	});

	it("prints zones as Java does (z, zzzz, Z, X, XX, XXX)", () => {
		expect(u.formatDate(instant, "Asia/Tokyo", "z zzzz Z X XX XXX")).toBe(
			"JST Japan Standard Time +0900 +09 +0900 +09:00",
		);
		expect(u.formatDate(instant, "UTC", "z Z X XXX")).toBe("UTC +0000 Z Z");
		expect(u.formatDate(instant, "America/New_York", "z Z")).toBe("EDT -0400");
		expect(
			u.formatDate(new Date("2024-01-15T12:00:00Z"), "America/New_York", "z Z"),
		).toBe("EST -0500");
		expect(u.formatDate(instant, "Asia/Kolkata", "HH:mm Z XXX")).toBe(
			"20:30 +0530 +05:30",
		);
	});

	it("handles quoted text and '' escapes", () => {
		expect(u.formatDate(instant, "Asia/Tokyo", "yyyy'年'M'月'd'日'")).toBe(
			"2024年6月1日",
		);
		expect(u.formatDate(instant, "Asia/Tokyo", "h 'o''clock' a, ''yy")).toBe(
			"12 o'clock AM, '24",
		);
		expect(u.formatDate(instant, "Asia/Tokyo", "'T'HH")).toBe("T00");
	});

	it("distinguishes the week year Y from the year y at the turn of the year", () => {
		const d = new Date("2024-12-30T12:00:00Z"); // a Monday in the week of 1 Jan 2025
		expect(u.formatDate(d, "UTC", "yyyy YYYY w")).toBe("2024 2025 1");
	});

	it("uses custom GMT offsets and treats an unknown zone as GMT (java.util.TimeZone)", () => {
		expect(u.formatDate(instant, "GMT+9", "HH:mm z")).toBe("00:00 GMT+09:00");
		expect(u.formatDate(instant, "Not/AZone", "yyyy-MM-dd HH:mm z")).toBe(
			"2024-05-31 15:00 GMT",
		);
		expect(u.formatDate(instant, "JST", "HH:mm")).toBe("00:00");
	});

	it("refuses illegal pattern letters and unterminated quotes", () => {
		expect(() => u.formatDate(instant, "UTC", "yyyy-bb")).toThrow(
			"Illegal pattern character 'b'",
		);
		expect(() => u.formatDate(instant, "UTC", "'open")).toThrow();
	});

	it("accepts Dates from the script's realm and refuses non-dates", () => {
		const scriptDate = vm.runInNewContext(
			'new Date("2024-05-31T15:00:00Z")',
		) as Date;
		expect(scriptDate instanceof Date).toBe(false);
		expect(u.formatDate(scriptDate, "Asia/Tokyo", "yyyy-MM-dd")).toBe(
			"2024-06-01",
		);
		expect(() =>
			u.formatDate("2024-05-31" as unknown as Date, "Asia/Tokyo", "yyyy"),
		).toThrow(
			"The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
		);
	});
});

describe("Utilities encoding and digests", () => {
	it("base64-encodes strings as UTF-8 and decodes to signed bytes", () => {
		expect(u.base64Encode("Google グループ")).toBe(
			"R29vZ2xlIOOCsOODq+ODvOODlw==",
		);
		expect(u.base64Decode("R29vZ2xlIOOCsOODq+ODvOODlw==")).toEqual([
			71, 111, 111, 103, 108, 101, 32, -29, -126, -80, -29, -125, -85, -29,
			-125, -68, -29, -125, -105,
		]);
		expect(u.base64Encode([-29, -126, -80])).toBe(u.base64Encode("グ"));
		expect(u.base64Encode("é", Charset.US_ASCII)).toBe(u.base64Encode("?"));
		expect(u.base64EncodeWebSafe([-5, -1])).toBe("-_8=");
		expect(u.base64DecodeWebSafe("-_8=")).toEqual([-5, -1]);
	});

	it("computes digests as signed byte arrays", () => {
		expect(u.computeDigest(DigestAlgorithm.MD5, "abc")).toEqual([
			-112, 1, 80, -104, 60, -46, 79, -80, -42, -106, 63, 125, 40, -31, 127,
			114,
		]);
		const sha = u.computeDigest(DigestAlgorithm.SHA_256, "abc");
		expect(sha).toHaveLength(32);
		expect(sha.every((b) => b >= -128 && b <= 127)).toBe(true);
		expect(Buffer.from(sha.map((b) => b & 0xff)).toString("hex")).toBe(
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		);
	});

	it("makes UUIDs and blobs", () => {
		expect(u.getUuid()).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		const blob = u.newBlob("進捗", "text/plain", "a.txt");
		expect(blob.getDataAsString()).toBe("進捗");
		expect(blob.getBytes()).toEqual([-23, -128, -78, -26, -115, -105]);
		expect(blob.getName()).toBe("a.txt");
		expect(blob.getContentType()).toBe("text/plain");
		expect(u.newBlob([104, 105]).getDataAsString()).toBe("hi");
	});

	it("sleep returns at once and is named Utilities", () => {
		const started = Date.now();
		u.sleep(300000);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(String(u)).toBe("Utilities");
	});
});
