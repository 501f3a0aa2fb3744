import { describe, expect, it } from "vitest";
import {
	defaultSettings,
	defaultSettingsRows,
	formatProblem,
	missingSettingsRows,
	parseSettings,
	reminderPrerequisites,
	SETTING_ITEMS,
	settingsValueText,
} from "../../src/domain";

const NOW = new Date("2024-05-01T00:00:00Z");

describe("設定", () => {
	it("uses SPEC 2's defaults when the sheet is empty", () => {
		const { settings, problems } = parseSettings([["項目", "値"]], NOW);
		expect(problems).toEqual([]);
		expect(settings).toEqual({
			fiscalYear: 2023,
			deadline: null,
			remindDays: [7, 3, 1, 0],
			overdueInterval: 1,
			escalationDays: 3,
			dxOfficeEmails: [],
			senderName: "DX推進室",
			runHour: 9,
			sendOnHolidays: false,
			answerMethod: "",
			kpiRequired: false,
		});
		expect(reminderPrerequisites(settings)).toHaveLength(2);
	});

	it("回答方法 is free text, line breaks kept, at most 200 characters", () => {
		const ok = parseSettings(
			[["回答方法", "  添付ファイルに入力して返信\r\n\\\\fs01\\DX\\回答  "]],
			NOW,
		);
		expect(ok.problems).toEqual([]);
		expect(ok.settings.answerMethod).toBe(
			"添付ファイルに入力して返信\n\\\\fs01\\DX\\回答",
		);
		expect(ok.given).toEqual(["answerMethod"]);
		const long = parseSettings([["回答方法", "あ".repeat(201)]], NOW);
		expect(long.problems.map(formatProblem)).toEqual([
			"設定 シート 1行目: 回答方法は200文字以内で入力してください",
		]);
		expect(long.settings.answerMethod).toBe("");
	});

	it("missingSettingsRows gives the default rows of the 項目 a sheet lacks, nothing else", () => {
		const older = defaultSettingsRows(NOW).filter((r) => r[0] !== "回答方法");
		expect(missingSettingsRows(older, NOW)).toEqual([["回答方法", ""]]);
		expect(missingSettingsRows(defaultSettingsRows(NOW), NOW)).toEqual([]);
		// Typed with other spacing or width, an item is still there.
		expect(missingSettingsRows([...older, ["回答 方法", "返信"]], NOW)).toEqual(
			[],
		);
	});

	it("reads every item in the forms people type", () => {
		const { settings, problems, given } = parseSettings(
			[
				["項目", "値"],
				["対象年度", "Ｒ５"],
				["回答期限", "令和6年5月31日"],
				["催促日", "７、３、１、０"],
				["期限後催促間隔", 2],
				["所属長へのエスカレーション", "５"],
				[
					"DX推進室メール",
					"dx@city.example.jp、 ｋａｃｈｏ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ",
				],
				["送信者名", "亀山市 DX推進室"],
				["催促時刻", "8時"],
				["休日も送信", "はい"],
				["回答方法", "添付ファイルに入力して返信"],
			],
			NOW,
		);
		expect(problems).toEqual([]);
		expect(given).toHaveLength(10);
		expect(settings).toEqual({
			fiscalYear: 2023,
			deadline: { y: 2024, m: 5, d: 31 },
			remindDays: [7, 3, 1, 0],
			overdueInterval: 2,
			escalationDays: 5,
			dxOfficeEmails: ["dx@city.example.jp", "kacho@city.example.jp"],
			senderName: "亀山市 DX推進室",
			runHour: 8,
			sendOnHolidays: true,
			answerMethod: "添付ファイルに入力して返信",
			kpiRequired: false,
		});
		expect(reminderPrerequisites(settings)).toEqual([]);
	});

	it("accepts numbers, booleans and time cells", () => {
		const { settings, problems } = parseSettings(
			[
				["対象年度", 2024],
				["催促日", 5],
				["催促時刻", new Date("1899-12-30T09:00:00+09:00")],
				["休日も送信", false],
				["所属長へのエスカレーション", "なし"],
				["催促日 ", "10 5 1"],
			],
			NOW,
		);
		expect(settings.fiscalYear).toBe(2024);
		expect(settings.remindDays).toEqual([5]);
		expect(settings.runHour).toBe(9);
		expect(settings.sendOnHolidays).toBe(false);
		expect(settings.escalationDays).toBeNull();
		expect(problems.map(formatProblem)).toEqual([
			"設定 シート 6行目: 項目「催促日」が重複しています（2行目の値を使います）",
		]);
	});

	it("sorts and de-duplicates 催促日", () => {
		expect(
			parseSettings([["催促日", "0,1,7,3,3"]], NOW).settings.remindDays,
		).toEqual([7, 3, 1, 0]);
	});

	it("writes default rows that read back as the defaults", () => {
		const rows = defaultSettingsRows(NOW);
		expect(rows.map((r) => r[0])).toEqual([
			"項目",
			...SETTING_ITEMS.map((i) => i.label),
		]);
		const { settings, problems } = parseSettings(rows, NOW);
		expect(problems).toEqual([]);
		expect(settings).toEqual(defaultSettings(NOW));
		for (const item of SETTING_ITEMS)
			expect(typeof settingsValueText(settings, item.key)).toBe("string");
	});
});
