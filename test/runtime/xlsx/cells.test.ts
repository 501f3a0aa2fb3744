import { describe, expect, it } from "vitest";
import { cellKey, getCell } from "../../../src/local/runtime/model";
import {
	instantToWallClock,
	isBooleanFormat,
	loadWorkbookFromBuffer,
	pixelsToWidth,
	wallClockToInstant,
	widthToPixels,
} from "../../../src/local/runtime/xlsx";

describe("time zones", () => {
	it("converts instants to wall clock and back", () => {
		const cases: Array<[string, string]> = [
			["2024-05-30T15:00:00.000Z", "Asia/Tokyo"],
			["2024-05-20T04:45:30.123Z", "Asia/Tokyo"],
			["2024-07-01T12:00:00.000Z", "America/New_York"],
			["2024-01-15T12:00:00.000Z", "America/New_York"],
			["1899-12-29T14:41:01.000Z", "Asia/Tokyo"],
			["2024-02-29T23:59:59.000Z", "UTC"],
		];
		for (const [iso, tz] of cases) {
			const instant = new Date(iso);
			expect(wallClockToInstant(instantToWallClock(instant, tz), tz)).toEqual(
				instant,
			);
		}
		expect(
			instantToWallClock(
				new Date("2024-05-30T15:00:00Z"),
				"Asia/Tokyo",
			).toISOString(),
		).toBe("2024-05-31T00:00:00.000Z");
		expect(
			instantToWallClock(
				new Date("2024-07-01T12:00:00Z"),
				"America/New_York",
			).toISOString(),
		).toBe("2024-07-01T08:00:00.000Z");
		// Time-only values sit on 1899-12-30; whatever offset Node's ICU data gives for that day
		// (Sheets uses Tokyo's local mean time, +09:18:59), the conversion is consistent both ways.
		const epoch = wallClockToInstant(
			new Date("1899-12-30T09:30:00Z"),
			"Asia/Tokyo",
		);
		expect(instantToWallClock(epoch, "Asia/Tokyo").toISOString()).toBe(
			"1899-12-30T09:30:00.000Z",
		);
		// An ambiguous wall-clock time (DST ends) takes the earlier instant.
		expect(
			wallClockToInstant(
				new Date("2024-11-03T01:30:00Z"),
				"America/New_York",
			).toISOString(),
		).toBe("2024-11-03T05:30:00.000Z");
	});

	it("loads dates in the zone given for a file without runtime state", async () => {
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		const ws = book.addWorksheet("s");
		ws.getCell("A1").value = new Date(Date.UTC(2024, 4, 31, 9, 0, 0));
		ws.getCell("A1").numFmt = "yyyy-mm-dd hh:mm";
		const buf = Buffer.from(await book.xlsx.writeBuffer());
		const tokyo = await loadWorkbookFromBuffer(buf);
		expect(getCell(tokyo.sheets[0] as never, 0, 0)).toEqual(
			new Date("2024-05-31T09:00:00+09:00"),
		);
		const ny = await loadWorkbookFromBuffer(buf, {
			timeZone: "America/New_York",
		});
		expect(ny.timeZone).toBe("America/New_York");
		expect(getCell(ny.sheets[0] as never, 0, 0)).toEqual(
			new Date("2024-05-31T09:00:00-04:00"),
		);
	});
});

describe("number formats and widths", () => {
	it("recognises boolean number formats", () => {
		expect(isBooleanFormat('"TRUE";"TRUE";"FALSE"')).toBe(true);
		expect(isBooleanFormat('"WAHR";"WAHR";"FALSCH"')).toBe(true);
		expect(isBooleanFormat('[$-411]"TRUE";"TRUE";"FALSE"')).toBe(true);
		expect(isBooleanFormat("BOOLEAN")).toBe(true);
		expect(isBooleanFormat("General")).toBe(false);
		expect(isBooleanFormat('0;-0;"ゼロ"')).toBe(false);
		expect(isBooleanFormat("yyyy/m/d")).toBe(false);
		expect(isBooleanFormat(undefined)).toBe(false);
	});

	it("converts pixel widths and Excel widths exactly for whole pixels", () => {
		for (let px = 0; px <= 1000; px++)
			expect(widthToPixels(pixelsToWidth(px))).toBe(px);
		expect(pixelsToWidth(75)).toBe(10);
		expect(widthToPixels(8.43)).toBe(64);
	});
});

describe("cells written by other programs", () => {
	it("reads booleans stored as numbers, rich text, inline strings, hyperlinks, errors and shared formulas", async () => {
		const ExcelJS = (await import("exceljs")).default;
		const book = new ExcelJS.Workbook();
		const ws = book.addWorksheet("型");
		ws.getCell("A1").value = 1;
		ws.getCell("A1").numFmt = '"TRUE";"TRUE";"FALSE"';
		ws.getCell("A2").value = 0;
		ws.getCell("A2").numFmt = '"TRUE";"TRUE";"FALSE"';
		ws.getCell("A3").value = true;
		ws.getCell("A4").value = false;
		ws.getCell("B1").value = {
			richText: [{ text: "太字", font: { bold: true } }, { text: "と普通" }],
		};
		ws.getCell("B2").value = {
			text: "リンク",
			hyperlink: "https://example.jp",
		};
		ws.getCell("B3").value = { error: "#N/A" };
		ws.getCell("B4").value = { formula: "NA()", result: { error: "#N/A" } };
		ws.getCell("C1").value = 1;
		ws.getCell("C2").value = 2;
		ws.getCell("D1").value = {
			formula: "C1*2",
			result: 2,
			shareType: "shared",
			ref: "D1:D2",
		} as never;
		ws.getCell("D2").value = { sharedFormula: "D1", result: 4 } as never;
		ws.getCell("E1").value = { formula: "C1=1", result: true };
		ws.getCell("F1").value = "インライン";
		ws.getCell("G1").note = { texts: [{ text: "前半" }, { text: "後半" }] };
		ws.getCell("G1").value = "x";
		const buf = Buffer.from(
			await book.xlsx.writeBuffer({ useSharedStrings: false }),
		);
		const wb = await loadWorkbookFromBuffer(buf);
		const s = wb.sheets[0];
		if (!s) throw new Error("no sheet");
		expect([0, 1, 2, 3].map((r) => getCell(s, r, 0))).toEqual([
			true,
			false,
			true,
			false,
		]);
		expect(s.formats.get(cellKey(0, 0))).toBeUndefined();
		expect(getCell(s, 0, 1)).toBe("太字と普通");
		expect(getCell(s, 1, 1)).toBe("リンク");
		expect(getCell(s, 2, 1)).toBe("#N/A");
		expect(getCell(s, 3, 1)).toBe("#N/A");
		expect(s.formulas.get(cellKey(3, 1))).toBe("NA()");
		expect(s.formulas.get(cellKey(0, 3))).toBe("C1*2");
		expect(s.formulas.get(cellKey(1, 3))).toBe("C2*2");
		expect(getCell(s, 1, 3)).toBe(4);
		expect(getCell(s, 0, 4)).toBe(true);
		expect(getCell(s, 0, 5)).toBe("インライン");
		expect(s.notes.get(cellKey(0, 6))).toBe("前半後半");
	});
});
