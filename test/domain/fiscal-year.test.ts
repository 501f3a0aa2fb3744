import { describe, expect, it } from "vitest";
import {
	addDays,
	compareDates,
	currentFiscalYear,
	daysBetween,
	defaultTargetFiscalYear,
	entrySheetName,
	fiscalYearLabel,
	formatDateJa,
	parseDateTime,
	parseDeadline,
	parseEntrySheetName,
	parseFiscalYear,
	toIsoDate,
	tokyoDate,
	tokyoMidnight,
	weekday,
} from "../../src/domain";

describe("対象年度", () => {
	const same2023: unknown[] = [
		"R5",
		"r5",
		"Ｒ５",
		"R05",
		"令和5年度",
		"令和５",
		"令和5",
		"令和5年",
		"2023",
		"２０２３年度",
		"FY2023",
		2023,
		5,
		" R5 ",
	];
	for (const input of same2023) {
		it(`reads ${JSON.stringify(input)} as 2023`, () => {
			expect(parseFiscalYear(input)).toEqual({ ok: true, year: 2023 });
		});
	}
	it("reads 令和元年度 as 2019 and blank as null", () => {
		expect(parseFiscalYear("令和元年度")).toEqual({ ok: true, year: 2019 });
		expect(parseFiscalYear("")).toEqual({ ok: true, year: null });
	});
	it("rejects other text, dates and years before Reiwa", () => {
		expect(parseFiscalYear("来年")).toMatchObject({ ok: false });
		expect(parseFiscalYear(new Date())).toMatchObject({ ok: false });
		expect(parseFiscalYear("H30")).toMatchObject({ ok: false });
		expect(parseFiscalYear(2018)).toEqual({
			ok: false,
			reason: "対象年度「2018」は令和元年度（2019年度）以降を指定してください",
		});
		expect(parseFiscalYear(5.5)).toMatchObject({ ok: false });
	});
	it("labels and names sheets", () => {
		expect(fiscalYearLabel(2023)).toBe("令和5年度");
		expect(fiscalYearLabel(2019)).toBe("令和元年度");
		expect(entrySheetName(2023)).toBe("評価_R5");
		expect(entrySheetName(2024)).toBe("評価_R6");
		expect(parseEntrySheetName("評価_R5")).toBe(2023);
		expect(parseEntrySheetName("評価_R12")).toBe(2030);
		expect(parseEntrySheetName("集計")).toBeNull();
		expect(parseEntrySheetName("評価_R5のコピー")).toBeNull();
	});
	it("defaults to the previous fiscal year in Asia/Tokyo", () => {
		// 2024-03-31 23:30 JST is still FY2023; 2024-04-01 00:10 JST is FY2024.
		expect(currentFiscalYear(new Date("2024-03-31T14:30:00Z"))).toBe(2023);
		expect(currentFiscalYear(new Date("2024-03-31T15:10:00Z"))).toBe(2024);
		expect(defaultTargetFiscalYear(new Date("2024-05-01T00:00:00Z"))).toBe(
			2023,
		);
		expect(defaultTargetFiscalYear(new Date("2024-01-15T00:00:00Z"))).toBe(
			2022,
		);
	});
});

describe("回答期限", () => {
	const may31 = { y: 2024, m: 5, d: 31 };
	const inputs: unknown[] = [
		"2024-05-31",
		"2024/5/31",
		"2024.5.31",
		"20240531",
		"2024年5月31日",
		"令和6年5月31日",
		"R6.5.31",
		"R6/5/31",
		"Ｒ６．５．３１",
		"2024/5/31 17:00",
		"2024年5月31日（金）",
		new Date("2024-05-30T15:00:00Z"), // midnight JST
		new Date("2024-05-31T00:00:00Z"), // midnight UTC (some .xlsx readers)
	];
	for (const input of inputs) {
		it(`reads ${input instanceof Date ? input.toISOString() : input}`, () => {
			expect(parseDeadline(input)).toEqual({ ok: true, date: may31 });
		});
	}
	it("rejects impossible dates, naming the month's last day", () => {
		expect(parseDeadline("2024-02-30")).toEqual({
			ok: false,
			reason:
				"回答期限「2024-02-30」は存在しない日付です（2024年2月は29日まで）",
		});
		expect(parseDeadline("2023/2/29")).toMatchObject({ ok: false });
		expect(parseDeadline("2024-13-01")).toMatchObject({ ok: false });
		expect(parseDeadline("令和6年4月31日")).toMatchObject({ ok: false });
		expect(parseDeadline("来週")).toMatchObject({ ok: false });
		expect(parseDeadline(45443)).toMatchObject({ ok: false });
		expect(parseDeadline(new Date(Number.NaN))).toMatchObject({ ok: false });
		expect(parseDeadline("")).toEqual({ ok: true, date: null });
	});
	it("reads 更新日時 text as Asia/Tokyo", () => {
		expect(parseDateTime("2024/5/31 10:20")?.toISOString()).toBe(
			"2024-05-31T01:20:00.000Z",
		);
		expect(parseDateTime("nope")).toBeNull();
	});
});

describe("calendar", () => {
	it("does date arithmetic", () => {
		const d = { y: 2024, m: 2, d: 28 };
		expect(addDays(d, 1)).toEqual({ y: 2024, m: 2, d: 29 });
		expect(addDays(d, 2)).toEqual({ y: 2024, m: 3, d: 1 });
		expect(addDays({ y: 2024, m: 1, d: 1 }, -1)).toEqual({
			y: 2023,
			m: 12,
			d: 31,
		});
		expect(daysBetween(d, { y: 2024, m: 3, d: 1 })).toBe(2);
		expect(compareDates(d, d)).toBe(0);
		expect(weekday({ y: 2024, m: 5, d: 31 })).toBe(5);
		expect(toIsoDate({ y: 2024, m: 5, d: 1 })).toBe("2024-05-01");
		expect(formatDateJa({ y: 2024, m: 5, d: 31 })).toBe("2024年5月31日（金）");
		expect(tokyoDate(tokyoMidnight({ y: 2024, m: 5, d: 31 }))).toEqual({
			y: 2024,
			m: 5,
			d: 31,
		});
	});
});
