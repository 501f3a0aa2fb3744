/**
 * Fault injection (SPEC 6, issue 5): for every operation and every k from 1 to the number of
 * service calls it makes, the k-th call throws (as a flaky Google backend would). Afterwards:
 * department input is unchanged, 集計 is the old one or a complete new one, the logs hold only
 * whole rows, and running the operation again completes the work exactly as an undisturbed run
 * does — no duplicate sheet, protection, log row or mail.
 *
 * The offline entry points (importAnswers for collect, recordFileEdits for edits made in the
 * .xlsx) run as their command runs them, through the command line's own harness: the command
 * saves the book only when the entry point returned, so after a fault that surfaces the book is
 * the file as it was, the user has a Japanese line saying the work stopped, and the rerun is the
 * next command on that file.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
	type AnswerBatch,
	ENTRY_COL,
	type FileEdit,
	parseEntrySheetName,
	SEED_DEPARTMENT_NAMES,
	SHEET_NAMES,
} from "../../src/domain";
import { recordFileEdits } from "../../src/local/cli/file-edits";
import { callActionOrThrow } from "../../src/local/run-action";
import {
	newWorkbookModel,
	type WorkbookModel,
} from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import {
	enterSampleRatings,
	openSampleYear,
	SAMPLE_DEADLINE,
} from "../../src/local/sample-book";
import { paste, pasteTable, setSettings } from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import {
	SAMPLE_DX_OFFICE as DX,
	sampleDepartmentEmail,
	sampleDepartmentRows,
} from "../../src/sample/departments";
import { SWEEP_BUDGET_MS } from "../support/budgets";
import { newRuntime } from "../support/bundle";
import { cloneRuntime } from "../support/clone";

const NOW = new Date("2024-05-24T09:05:00+09:00");
const LATE = ["市民課", "税務課", "学校教育課"];
const X = sampleDepartmentEmail("市民課");

function base(): LocalRuntime {
	return newRuntime({
		workbook: newWorkbookModel({ owner: DX }),
		now: () => NOW,
	});
}

function opened(): LocalRuntime {
	const rt = base();
	openSampleYear(rt, DX);
	enterSampleRatings(rt, (d) => !LATE.includes(d));
	return rt;
}

function beforeOpen(): LocalRuntime {
	const rt = base();
	rt.runMenu("setupWorkbook", DX);
	pasteTable(rt, DX, SHEET_NAMES.initiatives, loadSamplePlan().initiativeRows);
	pasteTable(
		rt,
		DX,
		SHEET_NAMES.departments,
		sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
	);
	setSettings(rt, DX, {
		対象年度: "R5",
		回答期限: SAMPLE_DEADLINE,
		DX推進室メール: DX,
	});
	rt.runMenu("installTriggers", DX);
	return rt;
}

function xRow(rt: LocalRuntime): number {
	const sheet = rt.workbook.sheets.find((s) => s.name === "評価_R5");
	return (
		(sheet?.values.findIndex((r) => r[ENTRY_COL.departments] === "市民課") ??
			-1) + 1
	);
}

/** The entry sheet's rows (1-based sheet row, values) of `department`. */
function rowsOf(rt: LocalRuntime, department: string) {
	const sheet = rt.workbook.sheets.find((s) => s.name === "評価_R5");
	return (sheet?.values ?? [])
		.map((values, i) => ({ row: i + 1, values }))
		.filter((r) => r.row > 1 && r.values[ENTRY_COL.departments] === department);
}

const INPUT_COLUMNS = [
	ENTRY_COL.rating,
	ENTRY_COL.achievement,
	ENTRY_COL.reason,
] as const;

/**
 * 回答 files of two late departments as collect hands them over: every row as sent, answers in
 * some (a letter to canonicalise, a C without its reason), so that each file writes several
 * blocks of rows.
 */
function answers(rt: LocalRuntime): AnswerBatch {
	const answer = (i: number) =>
		i % 3 === 0 ? ["a", `実績${i}`, ""] : i % 3 === 1 ? ["C", "", ""] : null;
	return {
		files: ["市民課", "税務課"].map((department) => ({
			file: `R5_${department}.xlsx`,
			department,
			fiscalYear: 2023,
			savedAt: new Date("2024-05-23T17:00:00+09:00"),
			rows: rowsOf(rt, department).map((r, i) => {
				const sent = INPUT_COLUMNS.map((c) => r.values[c] ?? "");
				return {
					row: r.row,
					no: String(r.values[ENTRY_COL.no]),
					sent,
					answer: answer(i) ?? sent,
				};
			}),
		})),
	};
}

/**
 * The book as the loader finds it after 市民課's input cells were changed in Excel: the cells
 * changed, and the edits on `fileEdits` for the command line to record.
 */
function editedInFile(): LocalRuntime {
	const rt = opened();
	const edits: FileEdit[] = [];
	rowsOf(rt, "市民課")
		.slice(0, 3)
		.forEach((r, i) => {
			const col = i === 1 ? ENTRY_COL.achievement : ENTRY_COL.rating;
			const newValue = i === 1 ? "ファイルで書いた実績" : i === 0 ? "b" : "D";
			edits.push({
				sheet: "評価_R5",
				row: r.row,
				col: col + 1,
				no: r.values[ENTRY_COL.no],
				oldValue: r.values[col] ?? "",
				newValue,
			});
			r.values[col] = newValue;
		});
	rt.workbook.fileEdits = edits;
	return rt;
}

interface Case {
	name: string;
	prepare: () => LocalRuntime;
	perform: (rt: LocalRuntime) => void;
	/** Completing the work after a failure (default: perform again). */
	rerun?: (rt: LocalRuntime) => void;
	/** Sheets whose content may legitimately differ after a failure and a rerun. */
	volatile?: string[];
	/** Entry-sheet columns that may differ (0-based). */
	volatileEntryColumns?: number[];
	/**
	 * Run by a command that saves the book only when `perform` returns: a thrown fault leaves the
	 * book as prepared, and what was thrown is the command's line to the user.
	 */
	offline?: true;
}

const CASES: Case[] = [
	{
		name: "setupWorkbook",
		prepare: base,
		perform: (rt) => rt.runMenu("setupWorkbook", DX),
	},
	{
		name: "openFiscalYear",
		prepare: beforeOpen,
		perform: (rt) => rt.runMenu("openFiscalYear", DX),
	},
	{
		name: "handleEdit",
		prepare: opened,
		perform: (rt) =>
			rt.edit(X, "評価_R5", `F${xRow(rt)}:H${xRow(rt) + 1}`, [
				["a", "実績", ""],
				["Z", "", ""],
			]),
		// Apps Script does not retry a failed trigger; 全行を検証 (and the daily job) re-validate.
		rerun: (rt) => rt.runMenu("validateAll", DX),
		volatile: [SHEET_NAMES.editLog],
		// Who edited is known only to the edit event: if its trigger fails, 入力者 and 更新日時 stay
		// as they were (Apps Script drops edit events under load too; SPEC 4).
		volatileEntryColumns: [ENTRY_COL.editor, ENTRY_COL.updatedAt],
	},
	{
		name: "validateAll",
		prepare: opened,
		perform: (rt) => rt.runMenu("validateAll", DX),
	},
	{
		name: "buildSummary",
		prepare: () => {
			const rt = opened();
			rt.runMenu("buildSummary", DX);
			paste(rt, DX, "評価_R5", 2, ENTRY_COL.rating + 1, [["C", "", "遅れ"]]);
			return rt;
		},
		perform: (rt) => rt.runMenu("buildSummary", DX),
	},
	{
		name: "dailyJob",
		prepare: opened,
		perform: (rt) => rt.runTimeTriggers(NOW),
		volatile: [SHEET_NAMES.sendLog],
	},
	{
		// collect: the files' rows through callActionOrThrow, as offline/collect.ts hands them over.
		name: "importAnswers",
		prepare: opened,
		perform: (rt) => {
			callActionOrThrow(rt, "importAnswers", [answers(rt)]);
		},
		offline: true,
	},
	{
		// Any command's start (runtimeFor): the edits the loader found are recorded, once; after a
		// save the next load finds none, so a rerun after success records nothing.
		name: "recordFileEdits",
		prepare: editedInFile,
		perform: (rt) => {
			recordFileEdits(rt);
		},
		offline: true,
	},
	{
		name: "closeFiscalYear",
		prepare: opened,
		perform: (rt) => rt.runMenu("closeFiscalYear", DX),
		// Run again on a year that did get closed, it asks whether to reopen: the DX office says no.
		rerun: (rt) => {
			rt.state.uiReplies = [{ button: "NO" }];
			rt.runMenu("closeFiscalYear", DX);
		},
	},
];

/** The department-typed cells of every entry sheet, by sheet and 取組No. */
function departmentInput(wb: WorkbookModel): string {
	const out: Record<string, unknown[]> = {};
	for (const sheet of wb.sheets) {
		if (parseEntrySheetName(sheet.name) === null) continue;
		for (const row of sheet.values.slice(1)) {
			out[`${sheet.name}/${String(row[ENTRY_COL.no])}`] = [
				row[ENTRY_COL.rating],
				row[ENTRY_COL.achievement],
				row[ENTRY_COL.reason],
			];
		}
	}
	return JSON.stringify(out);
}

function sheetValues(wb: WorkbookModel, name: string): string | null {
	const sheet = wb.sheets.find((s) => s.name === name);
	return sheet ? JSON.stringify(sheet.values) : null;
}

/** Everything a user can see, for comparing a faulted-then-rerun run with a clean one. */
function fingerprint(
	rt: LocalRuntime,
	volatile: string[] = [],
	volatileEntryColumns: number[] = [],
): string {
	const wb = rt.workbook;
	return JSON.stringify({
		sheets: wb.sheets.map((s) => ({
			name: s.name,
			values: volatile.includes(s.name)
				? null
				: parseEntrySheetName(s.name) === null
					? s.values
					: s.values.map((r) =>
							r.map((v, c) => (volatileEntryColumns.includes(c) ? null : v)),
						),
			protections: s.protections
				.map((p) => ({
					rect: p.rect,
					description: p.description,
					editors: [...p.editors].sort(),
					unprotected: p.unprotected,
				}))
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
			charts: s.charts.length,
			validations: s.validations.length,
		})),
		triggers: rt.state.triggers
			.map(
				(t) =>
					`${t.owner}:${t.handlerFunction}:${t.eventType}:${t.atHour ?? ""}`,
			)
			.sort(),
		properties: [...rt.state.properties.document.entries()].sort(),
	});
}

function wholeLogRows(wb: WorkbookModel): void {
	for (const [name, width] of [
		[SHEET_NAMES.sendLog, 6],
		[SHEET_NAMES.editLog, 7],
	] as const) {
		const sheet = wb.sheets.find((s) => s.name === name);
		for (const row of sheet?.values.slice(1) ?? []) {
			if (!row || row.every((v) => v === "")) continue;
			expect(row[0], name).toBeInstanceOf(Date);
			expect(row.length, name).toBeLessThanOrEqual(width);
			expect(row[2], name).not.toBe("");
		}
	}
}

/** What the user reads when an offline command stops: one Japanese line saying so. */
function expectStopLine(error: unknown, where: string): void {
	const message = error instanceof Error ? error.message : String(error);
	expect(message, where).toMatch(/中止しました。ブックは保存していません。/);
	expect(message, where).not.toContain("\n");
}

const counted: Record<string, number> = {};

describe.each(CASES)("a fault at every call of $name", (c) => {
	it("loses nothing, leaves no half-written summary or log row, and a rerun completes the work", {
		timeout: SWEEP_BUDGET_MS,
	}, () => {
		const prepared = c.prepare();
		const probe = cloneRuntime(prepared);
		probe.calls.reset();
		c.perform(probe);
		const calls = probe.calls.total;
		expect(calls).toBeGreaterThan(3);
		const clean = cloneRuntime(prepared);
		c.perform(clean);
		(c.rerun ?? c.perform)(clean);
		// The edit as typed, before any validation: what a failed edit trigger leaves.
		const typed = cloneRuntime(prepared);
		typed.state.triggers = [];
		if (c.name === "handleEdit") c.perform(typed);
		const expected = fingerprint(clean, c.volatile, c.volatileEntryColumns);
		const inputBefore = departmentInput(prepared.workbook);
		const inputAfterClean = departmentInput(probe.workbook);
		const summaries = [
			sheetValues(prepared.workbook, SHEET_NAMES.summary),
			sheetValues(probe.workbook, SHEET_NAMES.summary),
		];
		for (let k = 1; k <= calls; k++) {
			let rt = cloneRuntime(prepared);
			rt.calls.reset();
			rt.calls.failAtCall(k);
			let stopped: unknown = null;
			try {
				c.perform(rt);
			} catch (error) {
				// the injected fault, surfacing as Apps Script would show it
				stopped = error;
			}
			rt.calls.clearFault();
			if (c.offline && stopped !== null) {
				expectStopLine(stopped, `${c.name} k=${k}`);
				// The command stopped before its save: the next one opens the file as it was.
				rt = cloneRuntime(prepared);
			}
			const input = departmentInput(rt.workbook);
			expect(
				[inputBefore, inputAfterClean, departmentInput(typed.workbook)],
				`${c.name} k=${k}: department input`,
			).toContain(input);
			const summary = sheetValues(rt.workbook, SHEET_NAMES.summary);
			if (summary !== null)
				expect(summaries, `${c.name} k=${k}: 集計`).toContain(summary);
			wholeLogRows(rt.workbook);
			(c.rerun ?? c.perform)(rt);
			expect(
				fingerprint(rt, c.volatile, c.volatileEntryColumns),
				`${c.name} k=${k}: after the rerun`,
			).toBe(expected);
			if (c.name === "dailyJob") {
				for (const d of LATE) {
					expect(
						rt.state.mail.outbox.filter(
							(m) => m.to === sampleDepartmentEmail(d),
						),
						`${c.name} k=${k}: ${d}`,
					).toHaveLength(1);
				}
				expect(
					rt.state.mail.outbox.filter((m) => m.to === DX),
					`${c.name} k=${k}: digest`,
				).toHaveLength(1);
			}
		}
		counted[c.name] = calls;
	});
});

afterAll(() => {
	const total = Object.values(counted).reduce((a, b) => a + b, 0);
	console.log(
		`fault-injection cases: ${total} (${Object.entries(counted)
			.map(([n, k]) => `${n} ${k}`)
			.join(", ")})`,
	);
});
