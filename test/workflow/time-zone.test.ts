/**
 * A spreadsheet whose time zone is not the script's (appsscript.json Asia/Tokyo): its date cells
 * are midnights in its own zone (reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()), so
 * 回答期限 and "today" are read there, and the DX office is told that 催促時刻 stays Tokyo time.
 */
import { describe, expect, it } from "vitest";
import { newWorkbookModel } from "../../src/local/runtime/model";
import {
	enterSampleRatings,
	openSampleYear,
} from "../../src/local/sample-book";
import { setSettings } from "../../src/local/workbook-ops";
import { sampleDepartmentEmail } from "../../src/sample/departments";
import { manifest, newRuntime } from "../support/bundle";
import { DX, expectOk } from "./helpers";

const LATE = ["市民課", "税務課", "学校教育課"];

function aucklandBook(now: Date) {
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: DX, timeZone: "Pacific/Auckland" }),
		now: () => now,
	});
	openSampleYear(rt, DX);
	enterSampleRatings(rt, (d) => !LATE.includes(d));
	// The 回答期限 cell as a date: 2024-05-31 00:00 in Auckland (NZST, UTC+12) = 5/30 21:00 Tokyo.
	setSettings(rt, DX, { 回答期限: new Date("2024-05-31T00:00:00+12:00") });
	return rt;
}

describe("a spreadsheet in another time zone", () => {
	it("is distinct from the script's zone in the runtime", () => {
		const rt = aucklandBook(new Date("2024-05-31T09:00:00+09:00"));
		expect(manifest().timeZone).toBe("Asia/Tokyo");
		expect(rt.workbook.timeZone).toBe("Pacific/Auckland");
	});

	it("reads 回答期限 and today in the spreadsheet's zone, and warns that 催促時刻 is Tokyo time", () => {
		// 5/31 09:00 Tokyo = 5/31 12:00 Auckland: the deadline day itself.
		const rt = aucklandBook(new Date("2024-05-31T09:00:00+09:00"));
		const preview = expectOk(rt.runMenu("previewReminders", DX)) as {
			date: string;
			planned: Array<{ department: string; kind: string }>;
			message: string;
		};
		expect(preview.date).toBe("2024-05-31");
		expect(preview.planned.map((p) => p.department).sort()).toEqual(
			[...LATE].sort(),
		);
		expect(new Set(preview.planned.map((p) => p.kind))).toEqual(
			new Set(["当日催促"]),
		);
		expect(preview.message).toContain("タイムゾーンが Pacific/Auckland");
		expect(preview.message).toContain("催促時刻は Asia/Tokyo");
		const sent = expectOk(rt.runMenu("sendRemindersNow", DX));
		expect(String(sent.message)).toContain("タイムゾーンが Pacific/Auckland");
		const mail = rt.state.mail.outbox.find((m) =>
			m.to.includes(sampleDepartmentEmail("市民課")),
		);
		expect(mail?.body).toContain("5月31日");
	});

	it("a Tokyo spreadsheet gets no time-zone note", () => {
		const rt = newRuntime({
			workbook: newWorkbookModel({ owner: DX }),
			now: () => new Date("2024-05-31T09:00:00+09:00"),
		});
		openSampleYear(rt, DX);
		const preview = expectOk(rt.runMenu("previewReminders", DX));
		expect(String(preview.message)).not.toContain("タイムゾーン");
	});
});
