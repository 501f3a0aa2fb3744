/**
 * A corpus of bad or odd inputs, each with the exact Japanese message the user sees.
 */
import { describe, expect, it } from "vitest";
import {
	formatProblem,
	type MasterTables,
	parseDeadline,
	parseFiscalYear,
	parsePlan,
	parseRating,
	parseSettings,
	planFromCsv,
	rowStatus,
} from "../../src/domain";
import { tables } from "./helpers";

const NOW = new Date("2024-05-01T00:00:00Z");

function ratingReason(input: unknown): string {
	const r = parseRating(input);
	return r.ok ? "(accepted)" : r.reason;
}

function planErrors(
	initiatives: unknown[][],
	overrides: Partial<MasterTables> = {},
): string[] {
	return parsePlan(tables(initiatives, overrides))
		.problems.filter((p) => p.level === "error")
		.map(formatProblem);
}

function settingsErrors(item: string, value: unknown): string[] {
	return parseSettings(
		[
			["項目", "値"],
			[item, value],
		],
		NOW,
	).problems.map(formatProblem);
}

const CHOOSE = "評価は A・B・C・D のいずれかを選んでください";

const cases: Array<[string, () => unknown, unknown]> = [
	// --- ratings
	[
		"rating Ｅ (full-width)",
		() => ratingReason("Ｅ"),
		`${CHOOSE}（入力値: 「Ｅ」）`,
	],
	["rating E", () => ratingReason("E"), `${CHOOSE}（入力値: 「E」）`],
	["rating AB", () => ratingReason("AB"), `${CHOOSE}（入力値: 「AB」）`],
	["rating A,B", () => ratingReason("A,B"), `${CHOOSE}（入力値: 「A,B」）`],
	["rating '1' text", () => ratingReason("1"), `${CHOOSE}（入力値: 「1」）`],
	["rating 1 number", () => ratingReason(1), `${CHOOSE}（入力値: 数値「1」）`],
	[
		"rating true",
		() => ratingReason(true),
		`${CHOOSE}（入力値: チェックボックス「TRUE」）`,
	],
	[
		"rating false",
		() => ratingReason(false),
		`${CHOOSE}（入力値: チェックボックス「FALSE」）`,
	],
	[
		"rating a Date",
		() => ratingReason(new Date("2024-05-30T15:00:00Z")),
		`${CHOOSE}（入力値: 日付「2024/5/31」）`,
	],
	[
		"rating =A1",
		() => ratingReason("=A1"),
		`評価に数式は使えません。${CHOOSE}（入力値: 「=A1」）`,
	],
	[
		"rating very long text",
		() => ratingReason("とても".repeat(100)),
		`${CHOOSE}（入力値: 「${"とても".repeat(10)}…（300文字）」）`,
	],
	[
		"rating letter and another label",
		() => ratingReason("A まずまず進んだ"),
		`評価の記号（A）と説明（まずまず進んだ）が一致しません。${CHOOSE}（入力値: 「A まずまず進んだ」）`,
	],
	["rating 順調", () => ratingReason("順調"), `${CHOOSE}（入力値: 「順調」）`],
	["rating 良い", () => ratingReason("良い"), `${CHOOSE}（入力値: 「良い」）`],
	[
		"rating with newline",
		() => ratingReason("A\nB"),
		`${CHOOSE}（入力値: 「A⏎B」）`,
	],
	[
		"status: C without reason",
		() => rowStatus("c", "実績", "").text,
		"要修正：評価がC・Dの場合は「評価理由・課題」を入力してください",
	],
	[
		"status: reason without rating",
		() => rowStatus("", "", "理由").text,
		"要修正：評価が未入力です（主な取組実績・評価理由は入力されています）",
	],
	// --- fiscal year / deadline
	[
		"対象年度 来年",
		() => parseFiscalYear("来年"),
		{
			ok: false,
			reason:
				"対象年度「来年」を読み取れません。R5・令和5年度・2023 のように入力してください",
		},
	],
	[
		"対象年度 平成30年度",
		() => parseFiscalYear("平成30年度"),
		{
			ok: false,
			reason:
				"対象年度「平成30年度」を読み取れません。R5・令和5年度・2023 のように入力してください",
		},
	],
	[
		"回答期限 2024-02-30",
		() => parseDeadline("2024-02-30"),
		{
			ok: false,
			reason:
				"回答期限「2024-02-30」は存在しない日付です（2024年2月は29日まで）",
		},
	],
	[
		"回答期限 2023-02-29 (not a leap year)",
		() => parseDeadline("2023-02-29"),
		{
			ok: false,
			reason:
				"回答期限「2023-02-29」は存在しない日付です（2023年2月は28日まで）",
		},
	],
	[
		"回答期限 R6.13.1",
		() => parseDeadline("R6.13.1"),
		{
			ok: false,
			reason:
				"回答期限「R6.13.1」は存在しない日付です（月は1〜12で入力してください）",
		},
	],
	[
		"回答期限 5月末",
		() => parseDeadline("5月末"),
		{
			ok: false,
			reason:
				"回答期限「5月末」を日付として読み取れません。2024-05-31・2024/5/31・令和6年5月31日 のように入力してください",
		},
	],
	// --- settings
	[
		"催促時刻 25",
		() => settingsErrors("催促時刻", 25),
		["設定 シート 2行目: 催促時刻「25」は 0〜23 の整数で入力してください"],
	],
	[
		"催促時刻 -1",
		() => settingsErrors("催促時刻", "-1"),
		["設定 シート 2行目: 催促時刻「-1」は 0〜23 の整数で入力してください"],
	],
	[
		"催促時刻 9.5",
		() => settingsErrors("催促時刻", 9.5),
		["設定 シート 2行目: 催促時刻「9.5」は 0〜23 の整数で入力してください"],
	],
	[
		"催促日 七",
		() => settingsErrors("催促日", "七"),
		[
			"設定 シート 2行目: 催促日「七」は数字で入力してください（読み取れない値: 「七」）（例: 7,3,1,0）",
		],
	],
	[
		"催促日 7,x,1",
		() => settingsErrors("催促日", "7,x,1"),
		[
			"設定 シート 2行目: 催促日「7,x,1」は数字で入力してください（読み取れない値: 「x」）（例: 7,3,1,0）",
		],
	],
	[
		"催促日 400",
		() => settingsErrors("催促日", "400"),
		[
			"設定 シート 2行目: 催促日「400」は 0〜365 の整数で入力してください（読み取れない値: 「400」）（例: 7,3,1,0）",
		],
	],
	[
		"期限後催促間隔 0",
		() => settingsErrors("期限後催促間隔", 0),
		["設定 シート 2行目: 期限後催促間隔「0」は1 以上の整数で入力してください"],
	],
	[
		"所属長へのエスカレーション abc",
		() => settingsErrors("所属長へのエスカレーション", "abc"),
		[
			"設定 シート 2行目: 所属長へのエスカレーション「abc」は0 以上の整数で入力してください（しない場合は「なし」）",
		],
	],
	[
		"休日も送信 たぶん",
		() => settingsErrors("休日も送信", "たぶん"),
		[
			"設定 シート 2行目: 休日も送信「たぶん」は「はい」または「いいえ」で入力してください",
		],
	],
	[
		"DX推進室メール bad",
		() => settingsErrors("DX推進室メール", "dx@city.example.jp, dx@@city"),
		[
			"設定 シート 2行目: DX推進室メールのメールアドレス「dx@@city」が正しくありません（例: dx@city.example.jp）",
		],
	],
	[
		"対象年度 in settings",
		() => settingsErrors("対象年度", "R"),
		[
			"設定 シート 2行目: 対象年度「R」を読み取れません。R5・令和5年度・2023 のように入力してください",
		],
	],
	[
		"unknown settings item",
		() => settingsErrors("締切", "2024-05-31"),
		[
			"設定 シート 2行目: 項目「締切」は使われません（項目名: 対象年度・回答期限・催促日・期限後催促間隔・所属長へのエスカレーション・DX推進室メール・送信者名・催促時刻・休日も送信・回答方法・KPI実績を必須にする）",
		],
	],
	// --- master
	[
		"duplicate 取組No (001 = 1)",
		() =>
			planErrors([
				["1", "A", "DX推進室", "I-1"],
				["001", "B", "DX推進室", "I-1"],
			]),
		["取組 シート 3行目: 取組No「001」が重複しています（2行目と同じ）"],
	],
	[
		"unknown measure IV-1",
		() => planErrors([["12", "A", "DX推進室", "IV-1"]]),
		["取組 シート 2行目: 重点施策「IV-1」は重点施策シートにありません"],
	],
	[
		"unknown measure Ⅰ－⑦ in a variant form",
		() => planErrors([["1", "A", "DX推進室", "Ⅰ－⑦"]]),
		["取組 シート 2行目: 重点施策「Ⅰ－⑦」は重点施策シートにありません"],
	],
	[
		"measure not a code",
		() => planErrors([["1", "A", "DX推進室", "行政手続"]]),
		[
			"取組 シート 2行目: 重点施策「行政手続」は重点施策のコードではありません（I-1 のように入力してください）",
		],
	],
	[
		"unknown department",
		() => planErrors([["1", "A", "DX推進課", "I-1"]]),
		["取組 シート 2行目: 担当課「DX推進課」は担当課シートにありません"],
	],
	[
		"initiative with no department",
		() => planErrors([["1", "A", " ", "I-1"]]),
		["取組 シート 2行目: 取組No「1」の担当課が空欄です"],
	],
	[
		"initiative with no measure",
		() => planErrors([["1", "A", "DX推進室", ""]]),
		["取組 シート 2行目: 取組No「1」の重点施策が空欄です"],
	],
	[
		"blank rows skipped, errors keep their real row",
		() => planErrors([[], ["", "", "", ""], ["3", "A", "DX推進室", "IV-1"]]),
		["取組 シート 4行目: 重点施策「IV-1」は重点施策シートにありません"],
	],
	[
		"row shifted one column right",
		() => planErrors([["", "1", "A", "DX推進室", "I-1"]]),
		[
			"取組 シート 2行目: 取組Noが空欄です（取組名「1」）",
			"取組 シート 2行目: 担当課「A」は担当課シートにありません",
			"取組 シート 2行目: 重点施策「DX推進室」は重点施策のコードではありません。列がずれていないか確認してください",
		],
	],
	[
		"renamed header",
		() =>
			planErrors([], {
				initiatives: [
					["取組No", "取組の名前", "担当課", "重点施策"],
					["1", "A", "DX推進室", "I-1"],
				],
			}),
		[
			"取組 シート 1行目: 見出し「取組名」が見つかりません（見出し行: 取組No・取組の名前・担当課・重点施策）",
		],
	],
	[
		"duplicated header",
		() =>
			planErrors([], {
				initiatives: [
					["取組No", "取組名", "担当課", "重点施策", "担当課"],
					["1", "A", "DX推進室", "I-1", ""],
				],
			}),
		["取組 シート 1行目: 見出し「担当課」が2つあります（C列とE列）"],
	],
	[
		"bad department email",
		() =>
			planErrors([["1", "A", "DX推進室", "I-1"]], {
				departments: [
					["課名", "メールアドレス", "所属長メールアドレス"],
					["DX推進室", "dx.city.example.jp", ""],
				],
			}),
		[
			"担当課 シート 2行目: DX推進室のメールアドレス「dx.city.example.jp」が正しくありません（例: dx@city.example.jp）",
		],
	],
	[
		"measure whose code and policy disagree",
		() =>
			planErrors([["1", "A", "DX推進室", "I-1"]], {
				measures: [
					["コード", "基本方針", "名称"],
					["I-1", "II", "x"],
				],
			}),
		[
			"重点施策 シート 2行目: コード「I-1」と基本方針「II」が一致しません（コードの先頭は基本方針のコードにしてください）",
			"取組 シート 2行目: 重点施策「I-1」は重点施策シートの行に誤りがあるため使えません",
		],
	],
	[
		"measure under an unknown policy",
		() =>
			planErrors([["1", "A", "DX推進室", "I-1"]], {
				measures: [
					["コード", "基本方針", "名称"],
					["I-1", "I", "x"],
					["IV-1", "IV", "y"],
				],
			}),
		["重点施策 シート 3行目: 基本方針「IV」は基本方針シートにありません"],
	],
	[
		"CSV with an unterminated quote",
		() =>
			planFromCsv('取組No,取組名,担当課,重点施策\n1,"A\n').problems.map(
				formatProblem,
			),
		['CSV シート 2行目: CSV 2行目: 引用符（"）が閉じられていません'],
	],
];

describe("corpus of bad and odd inputs", () => {
	it("has at least 40 cases", () => {
		expect(cases.length).toBeGreaterThanOrEqual(40);
	});
	for (const [name, run, expected] of cases) {
		it(name, () => {
			expect(run()).toEqual(expected);
		});
	}
});
