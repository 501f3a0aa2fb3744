import { describe, expect, it } from "vitest";
import {
	addBusinessDays,
	businessDayOnOrBefore,
	businessDaysBetween,
	closedDayLabel,
	HOLIDAY_DATA_YEARS,
	holidayName,
	isBusinessDay,
	isHoliday,
	isPublicHoliday,
} from "../../../src/domain/reminders";
import { day, iso } from "./helpers";

describe("holidays", () => {
	it.each([
		["2024-05-06", "こどもの日 振替休日"],
		["2024-02-12", "建国記念の日 振替休日"],
		["2025-11-24", "勤労感謝の日 振替休日"],
		["2019-04-30", "国民の休日"],
		["2019-05-02", "国民の休日"],
		["2024-05-03", "憲法記念日"],
		["2024-01-01", "元日"],
		["2024-09-16", "敬老の日"],
	])("%s is a public holiday (%s)", (date, name) => {
		expect(holidayName(day(date))).toBe(name);
		expect(isPublicHoliday(day(date))).toBe(true);
		expect(isHoliday(day(date))).toBe(true);
		expect(isBusinessDay(day(date))).toBe(false);
	});

	it.each([
		"2024-05-07",
		"2024-02-13",
		"2025-11-25",
		"2019-05-07",
		"2024-05-31",
	])("%s is a business day", (date) => {
		expect(holidayName(day(date))).toBeNull();
		expect(isBusinessDay(day(date))).toBe(true);
	});

	it("closes the city office on 年末年始 (12/29–1/3), not on 12/28 or 1/4", () => {
		for (const d of [
			"2023-12-29",
			"2024-01-02",
			"2024-01-03",
			"2025-12-29",
			"2025-12-30",
			"2025-12-31",
			"2026-01-02",
		]) {
			expect(isBusinessDay(day(d)), d).toBe(false);
			expect(isHoliday(day(d)), d).toBe(true);
		}
		expect(holidayName(day("2025-12-30"))).toBe("年末年始");
		expect(holidayName(day("2026-01-01"))).toBe("元日");
		expect(isPublicHoliday(day("2025-12-30"))).toBe(false);
		expect(isBusinessDay(day("2025-12-26"))).toBe(true);
		expect(isBusinessDay(day("2026-01-05"))).toBe(true);
		expect(addBusinessDays(day("2025-12-26"), 1)).toEqual(day("2026-01-05"));
	});

	it("weekends are closed and labelled", () => {
		expect(isBusinessDay(day("2024-06-01"))).toBe(false);
		expect(isBusinessDay(day("2024-06-02"))).toBe(false);
		expect(closedDayLabel(day("2024-06-01"))).toBe("土曜日");
		expect(closedDayLabel(day("2024-06-02"))).toBe("日曜日");
		expect(closedDayLabel(day("2024-05-05"))).toBe("祝日（こどもの日）");
		expect(closedDayLabel(day("2024-05-31"))).toBeNull();
	});

	it("covers the years the product uses", () => {
		expect(HOLIDAY_DATA_YEARS.first).toBeLessThanOrEqual(2019);
		expect(HOLIDAY_DATA_YEARS.last).toBeGreaterThanOrEqual(2050);
	});
});

describe("business-day arithmetic", () => {
	it("adds business days over weekends and golden week", () => {
		expect(iso(addBusinessDays(day("2024-05-31"), 1))).toBe("2024-06-03");
		expect(iso(addBusinessDays(day("2024-05-31"), 3))).toBe("2024-06-05");
		expect(iso(addBusinessDays(day("2024-05-02"), 1))).toBe("2024-05-07");
		expect(iso(addBusinessDays(day("2024-05-07"), -1))).toBe("2024-05-02");
		expect(iso(addBusinessDays(day("2024-05-04"), 0))).toBe("2024-05-04");
		expect(iso(addBusinessDays(day("2024-02-09"), 1))).toBe("2024-02-13");
	});

	it("counts business days after a up to and including b", () => {
		expect(businessDaysBetween(day("2024-05-31"), day("2024-05-31"))).toBe(0);
		expect(businessDaysBetween(day("2024-05-31"), day("2024-06-01"))).toBe(0);
		expect(businessDaysBetween(day("2024-05-31"), day("2024-06-03"))).toBe(1);
		expect(businessDaysBetween(day("2024-05-31"), day("2024-06-05"))).toBe(3);
		expect(businessDaysBetween(day("2024-05-02"), day("2024-05-07"))).toBe(1);
		expect(businessDaysBetween(day("2024-06-05"), day("2024-05-31"))).toBe(-3);
		// A Sunday deadline: Monday is the first business day after it.
		expect(businessDaysBetween(day("2024-06-02"), day("2024-06-03"))).toBe(1);
	});

	it("is consistent: addBusinessDays(a, businessDaysBetween(a, b)) ≤ b", () => {
		let a = day("2024-04-20");
		for (let i = 0; i < 60; i++) {
			const b = day("2024-06-15");
			const n = businessDaysBetween(a, b);
			const c = addBusinessDays(a, n);
			expect(iso(c) <= iso(b)).toBe(true);
			if (n > 0) expect(iso(c)).toBe(iso(businessDayOnOrBefore(b)));
			a = addBusinessDays(a, 1);
			if (iso(a) > iso(b)) break;
		}
	});
});
