/**
 * appsscript.json's oauthScopes are exactly what the product needs (SPEC 6): the whole cycle runs
 * with them, as deployed in Google (the script bound to the DX office's control spreadsheet,
 * SPEC 12), and without any one of them some step fails with Apps Script's permission error.
 * The local runtime enforces scopes per service (state.requireScope).
 */
import { describe, expect, it } from "vitest";
import { newControlWorkbook } from "../../src/local/control-deployment";
import { newWorkbookModel } from "../../src/local/runtime/model";
import {
	enterSampleRatings,
	openSampleYear,
} from "../../src/local/sample-book";
import { manifest, newRuntime } from "../support/bundle";
import { DX } from "./helpers";

const LATE = ["市民課"];

function fullCycle(scopes: string[]): string[] {
	const failures: string[] = [];
	let now = new Date("2024-05-20T09:00:00+09:00");
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: DX }),
		manifest: { ...manifest(), oauthScopes: scopes },
		now: () => now,
		container: newControlWorkbook(DX),
	});
	const step = (name: string, action: () => unknown) => {
		try {
			const result = action() as { ok?: boolean; message?: string } | undefined;
			if (result && result.ok === false)
				failures.push(`${name}: ${result.message}`);
		} catch (error) {
			failures.push(`${name}: ${(error as Error).message}`);
		}
	};
	step("open+setup", () => openSampleYear(rt, DX));
	step("edit", () => enterSampleRatings(rt, (d) => !LATE.includes(d)));
	step("validateAll", () => rt.runMenu("validateAll", DX));
	step("buildSummary", () => rt.runMenu("buildSummary", DX));
	step("buildReport", () => rt.runMenu("buildReport", DX));
	now = new Date("2024-05-24T09:00:00+09:00");
	step("previewReminders", () => rt.runMenu("previewReminders", DX));
	step("dailyJob", () => rt.runTimeTriggers(now));
	step("mail sent", () => {
		if (rt.state.mail.outbox.length === 0) throw new Error("no mail");
	});
	return failures;
}

describe("OAuth scopes", () => {
	const declared = manifest().oauthScopes;

	it("the whole cycle runs with exactly the declared scopes", () => {
		expect(fullCycle(declared)).toEqual([]);
	});

	it.each(declared)(
		"without %s some step fails with the permission error",
		(scope) => {
			const failures = fullCycle(declared.filter((s) => s !== scope));
			expect(failures.length).toBeGreaterThan(0);
			expect(failures.join("\n")).toMatch(
				/permission|権限|Required permissions/i,
			);
		},
	);

	it("declares no Drive, Docs or Gmail scope (報告資料 is a dialog, not a Google Doc)", () => {
		for (const s of declared)
			expect(s).not.toMatch(/\/auth\/(drive|documents|gmail|mail\.google)/);
	});

	it("all spreadsheets only because the control spreadsheet opens the shared one by ID", () => {
		const narrowed = declared.map((s) =>
			s.endsWith("/auth/spreadsheets") ? `${s}.currentonly` : s,
		);
		expect(narrowed).not.toEqual(declared);
		expect(fullCycle(narrowed).join("\n")).toMatch(
			/開けません.*SpreadsheetApp\.openById.*Required permissions: https:\/\/www\.googleapis\.com\/auth\/spreadsheets）/,
		);
	});
});
