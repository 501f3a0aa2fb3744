/**
 * What the offline cycle adds to the reminder domain (SPEC 9): the 照会 file name shared by split
 * and remind --attach, the 送信不明 outcome (never a second mail), and the journal entry format
 * the command line mirrors.
 */
import { describe, expect, it } from "vitest";
import {
	composeDigest,
	decodeJournalEntry,
	encodeJournalEntry,
	inquiryFileName,
	journalAttempt,
	planReminders,
	SEND_LOG_HEADERS,
	SEND_RESULT_UNCERTAIN_PREFIX,
	sendLogRow,
	sendResultText,
	sendStatusOf,
	uncertainDeliveryReason,
} from "../../../src/domain";
import { parseSendLog } from "../../../src/domain/reminders";
import { day, dept, settings } from "./helpers";

describe("照会 file name", () => {
	it("is <年度>_<課名>.xlsx, with characters no file system takes replaced", () => {
		expect(inquiryFileName(2024, "市民課")).toBe("R6_市民課.xlsx");
		expect(inquiryFileName(2023, "企画/財政課")).toBe("R5_企画_財政課.xlsx");
		expect(inquiryFileName(2023, ' 課:*?"<>|\\ . ')).toBe("R5_課________.xlsx");
		// NFC: a name typed on a Mac (decomposed) names the same file.
		expect(inquiryFileName(2023, "ガス課".normalize("NFD"))).toBe(
			"R5_ガス課.xlsx",
		);
	});
});

describe("送信不明", () => {
	const reason = "SMTPサーバーがメールの本文を受け取った後、応答しませんでした";

	it("is read from a MailApp exception and written as its own 結果", () => {
		const message = `Failed to send email: ${SEND_RESULT_UNCERTAIN_PREFIX}${reason}`;
		expect(uncertainDeliveryReason(message)).toBe(reason);
		expect(
			uncertainDeliveryReason("Failed to send email: Invalid email: x"),
		).toBe(null);
		const result = sendResultText({ status: "uncertain", reason });
		expect(result).toBe(`送信不明：${reason}`);
		expect(sendStatusOf(result)).toBe("sent");
	});

	it("blocks a second mail that day and is no failure to retry the next day", () => {
		const row = sendLogRow({
			at: new Date("2024-05-24T09:00:05+09:00"),
			department: "市民課",
			to: ["市民課@city.example.jp"],
			kind: "事前催促",
			missingCount: 2,
			outcome: { status: "uncertain", reason },
		});
		const log = parseSendLog([[...SEND_LOG_HEADERS], row]).entries;
		const plan = (today: string) =>
			planReminders({
				today: day(today),
				settings: settings({ remindDays: [7, 3] }),
				unreported: [dept("市民課")],
				sentLog: log,
				departmentsReported: [],
			});
		const sameDay = plan("2024-05-24");
		expect(sameDay.ok && sameDay.mails).toEqual([]);
		// 5/27 is no reminder day (7 and 3 days before 5/31 are 5/24 and 5/28): nothing to retry.
		const next = plan("2024-05-27");
		expect(next.ok && next.mails).toEqual([]);
		const third = plan("2024-05-28");
		expect(third.ok && third.mails.map((m) => m.department)).toEqual([
			"市民課",
		]);
	});

	it("has its own section in the digest, only when there is one", () => {
		const input = {
			today: day("2024-05-24"),
			fiscalYear: 2023,
			deadline: day("2024-05-31"),
			reported: [],
			unreported: [],
			sent: [],
			failed: [],
			waiting: [],
			progress: { done: 1, target: 2 },
		};
		const with1 = composeDigest({
			...input,
			uncertain: [{ department: "市民課", kind: "事前催促", reason }],
		});
		expect(with1.body).toContain(
			`■ 届いたか分からない催促（1件）\n※SMTPサーバーがメールを受け取った後に応答しなかったため`,
		);
		expect(with1.body).toContain(`・市民課（事前催促：${reason}）`);
		expect(composeDigest(input).body).not.toContain("届いたか分からない");
	});
});

describe("journal entries", () => {
	it("round-trip their row with its 日時 and say whom the attempt mails", () => {
		const at = new Date("2024-05-24T00:00:05.123Z");
		const row = [at, "税務課", "zei@x.jp", "事前催促", 3, "送信済"];
		const back = decodeJournalEntry(
			encodeJournalEntry({ row, confirmed: false }),
		);
		expect(back).toEqual({ row, confirmed: false });
		expect((back.row[0] as Date).getTime()).toBe(at.getTime());
		expect(journalAttempt(back)).toEqual({
			department: "税務課",
			kind: "事前催促",
		});
	});
});
