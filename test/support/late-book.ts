/**
 * The late-season workbook of the `remind` command-line tests: the sample as in openSampleYear
 * (令和5年度, 回答期限 2024-05-31, DX推進室メール set), one title made tricky for HTML, every
 * department but LATE has answered. And the built command line run as a child process.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { SEED_DEPARTMENT_NAMES, SHEET_NAMES } from "../../src/domain";
import { runActionOrThrow } from "../../src/local/run-action";
import { newWorkbookModel } from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import {
	enterSampleRatings,
	SAMPLE_DEADLINE,
} from "../../src/local/sample-book";
import { pasteTable, setSettings } from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import {
	SAMPLE_DX_OFFICE,
	sampleDepartmentEmail,
	sampleDepartmentRows,
} from "../../src/sample/departments";
import { SETUP_BUDGET_MS } from "./budgets";
import { CLI_PATH, ensureBuilt, newRuntime } from "./bundle";

export const LATE = ["市民課", "税務課", "学校教育課"];
/** 市民課's initiative 7 gets a title HTML would misread: the HTML part must escape it. */
const TRICKY_NO = "7";
export const TRICKY_TITLE = `コンビニ交付<写し>の周知 & "利用促進"`;

/** Writes the workbook to `path`; returns each late department's unreported 取組No. */
async function buildLateBook(path: string): Promise<Map<string, string[]>> {
	let now = new Date("2024-04-15T09:00:00+09:00");
	const DX = SAMPLE_DX_OFFICE;
	const rt = newRuntime({
		workbook: newWorkbookModel({ owner: DX }),
		now: () => now,
	});
	rt.open(DX);
	runActionOrThrow(rt, "setupWorkbook", DX);
	const rows = loadSamplePlan().initiativeRows.map((r) =>
		r[0] === TRICKY_NO ? [r[0], TRICKY_TITLE, ...r.slice(2)] : r,
	);
	pasteTable(rt, DX, SHEET_NAMES.initiatives, rows);
	pasteTable(
		rt,
		DX,
		SHEET_NAMES.departments,
		sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
	);
	rt.share(...SEED_DEPARTMENT_NAMES.map(sampleDepartmentEmail));
	setSettings(rt, DX, {
		対象年度: "R5",
		回答期限: SAMPLE_DEADLINE,
		DX推進室メール: DX,
	});
	runActionOrThrow(rt, "openFiscalYear", DX);
	now = new Date("2024-05-20T10:00:00+09:00");
	enterSampleRatings(rt, (d) => !LATE.includes(d));
	const missing = new Map<string, string[]>();
	for (const row of rows.slice(1)) {
		const depts = String(row[2]).split(/[,、\n]/);
		for (const d of LATE.filter((x) => depts.includes(x)))
			missing.set(d, [...(missing.get(d) ?? []), String(row[0])]);
	}
	await saveWorkbook(rt.workbook, path);
	return missing;
}

/** The rows of 送信履歴 (header left out). */
export async function sendLogRows(path: string): Promise<unknown[][]> {
	const wb = await loadWorkbook(path);
	const sheet = wb.sheets.find((s) => s.name === SHEET_NAMES.sendLog);
	return (sheet?.values ?? []).slice(1).filter((r) => r.some((c) => c !== ""));
}

export interface Run {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface CliOptions {
	cwd: string;
	env?: Record<string, string>;
	/** Called with the child once it runs (e.g. to kill it). */
	started?: (child: ReturnType<typeof spawn>) => void;
}

/** Asynchronous, so that an SMTP server in the test process can answer while the CLI runs. */
export function runCli(options: CliOptions, ...args: string[]): Promise<Run> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI_PATH, ...args], {
			cwd: options.cwd,
			env: { ...process.env, ...options.env },
		});
		let stdout = "";
		let stderr = "";
		child.stdout.setEncoding("utf8").on("data", (d) => {
			stdout += d;
		});
		child.stderr.setEncoding("utf8").on("data", (d) => {
			stderr += d;
		});
		child.on("error", reject);
		child.on("close", (code, signal) =>
			resolve({ code, signal, stdout, stderr }),
		);
		options.started?.(child);
	});
}

/** A test file's folder with the late-season workbook, made in beforeAll and removed afterAll. */
export interface LateFolder {
	dir: string;
	/** The workbook as built; tests work on copies (book). */
	base: string;
	/** Department → the 取組No it has not reported. */
	missingNos: Map<string, string[]>;
	/** A fresh copy of the workbook in the folder, by name. */
	book(name: string): string;
}

export function lateBookFolder(prefix: string): LateFolder {
	const folder: LateFolder = {
		dir: "",
		base: "",
		missingNos: new Map(),
		book(name) {
			copyFileSync(folder.base, join(folder.dir, name));
			return name;
		},
	};
	beforeAll(async () => {
		ensureBuilt();
		folder.dir = mkdtempSync(join(tmpdir(), prefix));
		folder.base = join(folder.dir, "late-base.xlsx");
		folder.missingNos = await buildLateBook(folder.base);
	}, SETUP_BUDGET_MS);
	afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));
	return folder;
}
