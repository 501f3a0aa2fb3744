import { describe, expect, it } from "vitest";
import { SEND_LOG_HEADERS } from "../../../src/domain";
import {
	parseSendLog,
	recipientsText,
	SEND_RESULT_HELD_QUOTA,
	SEND_RESULT_SENT,
	sendLogRow,
	sendResultText,
	sendStatusOf,
	splitByQuota,
} from "../../../src/domain/reminders";
import { day } from "./helpers";

const header = [...SEND_LOG_HEADERS];

describe("送信履歴", () => {
	it("reads Date and text 日時 as Tokyo days", () => {
		const parsed = parseSendLog([
			header,
			// 2024-05-31 00:30 in Tokyo is 2024-05-30 15:30 UTC.
			[
				new Date("2024-05-30T15:30:00Z"),
				"市民課",
				"a@x.jp",
				"事前催促",
				2,
				"送信済",
			],
			[
				"2024/6/3 9:05:10",
				"税務課",
				"b@x.jp",
				"期限後催促",
				"3",
				"失敗：Invalid",
			],
			["2024-06-04", "総務課", "", "エスカレーション", "", "保留：送信上限"],
			["", "", "", "", "", ""],
			["きのう", "企画課", "", "事前催促", 1, "送信済"],
		]);
		expect(parsed.ok).toBe(true);
		expect(
			parsed.entries.map((e) => [e.date, e.department, e.kind, e.result]),
		).toEqual([
			[day("2024-05-31"), "市民課", "事前催促", "送信済"],
			[day("2024-06-03"), "税務課", "期限後催促", "失敗：Invalid"],
			[day("2024-06-04"), "総務課", "エスカレーション", "保留：送信上限"],
		]);
		expect(parsed.entries[1]?.missingCount).toBe(3);
		expect(parsed.problems.map((p) => p.row)).toEqual([6]);
		expect(parsed.problems[0]?.level).toBe("warning");
	});

	it("reads reordered columns by header, an empty sheet, and refuses a sheet without header", () => {
		const re = parseSendLog([
			["結果", "種別", "課名", "日時"],
			["送信済", "当日催促", "市民課", "2024-05-31 09:00"],
		]);
		expect(re.entries[0]?.kind).toBe("当日催促");
		expect(parseSendLog([]).ok).toBe(true);
		expect(parseSendLog([["", ""]]).entries).toEqual([]);
		const bad = parseSendLog([
			["foo", "bar"],
			["1", "2"],
		]);
		expect(bad.ok).toBe(false);
		expect(bad.problems.some((p) => p.level === "error")).toBe(true);
	});

	it("builds rows as meant that read back the same (the adapter writes them with keepTextRows)", () => {
		const at = new Date("2024-06-05T00:05:00Z");
		const rows = [
			sendLogRow({
				at,
				department: "=市民課",
				to: ["a@x.jp"],
				cc: ["h@x.jp", "dx@x.jp"],
				kind: "エスカレーション",
				missingCount: 2,
				outcome: { status: "sent" },
			}),
			sendLogRow({
				at,
				department: "税務課",
				to: ["b@x.jp"],
				kind: "エスカレーション",
				missingCount: 1,
				outcome: { status: "failed", reason: "Invalid\nemail" },
			}),
			sendLogRow({
				at,
				department: "総務課",
				to: ["c@x.jp"],
				kind: "エスカレーション",
				missingCount: 1,
				outcome: { status: "held" },
			}),
		];
		expect(rows[0]).toEqual([
			at,
			"=市民課",
			"a@x.jp（CC: h@x.jp, dx@x.jp）",
			"エスカレーション",
			2,
			"送信済（Gmailへ引き渡し・到達は未確認）",
		]);
		expect(rows[1]?.[5]).toBe("失敗：Invalid email");
		expect(rows[2]?.[5]).toBe(SEND_RESULT_HELD_QUOTA);
		const back = parseSendLog([header, ...rows]).entries;
		expect(
			back.map((e) => [e.date, e.department, sendStatusOf(e.result)]),
		).toEqual([
			[day("2024-06-05"), "=市民課", "sent"],
			[day("2024-06-05"), "税務課", "failed"],
			[day("2024-06-05"), "総務課", "held"],
		]);
	});

	it("result texts and statuses", () => {
		expect(sendResultText({ status: "sent" })).toBe(SEND_RESULT_SENT);
		// Offline the command line sends by SMTP or into a folder: the log does not claim Gmail.
		expect(sendResultText({ status: "sent", offline: true })).toBe(
			"送信済（到達は未確認）",
		);
		expect(
			sendStatusOf(sendResultText({ status: "sent", offline: true })),
		).toBe("sent");
		expect(sendResultText({ status: "failed", reason: "" })).toBe(
			"失敗：不明なエラー",
		);
		expect(
			sendResultText({ status: "failed", reason: "x".repeat(500) }).length,
		).toBe(3 + 200 + 1);
		expect(sendStatusOf("送信済")).toBe("sent");
		expect(sendStatusOf("プレビュー")).toBe("other");
		expect(recipientsText(["a@x.jp", "b@x.jp"])).toBe("a@x.jp, b@x.jp");
	});
});

describe("splitByQuota", () => {
	const m = (to: number, cc: number) => ({
		to: Array(to).fill("a@x.jp"),
		cc: Array(cc).fill("c@x.jp"),
	});
	it("counts recipients, keeps a reserve and stops at the first mail that does not fit", () => {
		const mails = [m(1, 0), m(2, 2), m(1, 0)];
		expect(splitByQuota(mails, 10).send.length).toBe(3);
		const r = splitByQuota(mails, 5, 1);
		expect(r.send).toEqual([mails[0]]);
		expect(r.waiting).toEqual([mails[1], mails[2]]);
		expect(splitByQuota(mails, 0).waiting.length).toBe(3);
	});
});
