import type { CalendarDate, Settings } from "../../../src/domain";
import type { UnreportedDepartment } from "../../../src/domain/tally";

/** `2024-05-31` → CalendarDate. */
export function day(iso: string): CalendarDate {
	const [y, m, d] = iso.split("-").map(Number);
	return { y: y ?? 0, m: m ?? 0, d: d ?? 0 };
}

export function iso(date: CalendarDate): string {
	return `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;
}

export const DX = "dx@city.example.jp";

export function settings(overrides: Partial<Settings> = {}): Settings {
	return {
		fiscalYear: 2023,
		deadline: day("2024-05-31"),
		remindDays: [7, 3, 1, 0],
		overdueInterval: 1,
		escalationDays: 3,
		dxOfficeEmails: [DX],
		senderName: "DX推進室",
		runHour: 9,
		sendOnHolidays: false,
		answerMethod: "",
		...overrides,
	};
}

export function dept(
	name: string,
	overrides: Partial<UnreportedDepartment> = {},
): UnreportedDepartment {
	return {
		name,
		emails: [`${name}@city.example.jp`],
		headEmails: [`head-${name}@city.example.jp`],
		target: 3,
		missing: [
			{ no: "1", name: `${name}の取組1`, status: "未入力" },
			{
				no: "2",
				name: `${name}の取組2`,
				status: "要修正：C・D評価の場合は評価理由・課題を入力してください",
			},
		],
		...overrides,
	};
}
