/**
 * A person working on a workbook in LibreOffice: LibreOffice headless listens on a pipe and a
 * Python-UNO script (Debian python3-uno) does the work — test/support/uno-edit.py types a cell
 * and saves as .xlsx, test/support/uno-save.py saves in another format, with a password if asked;
 * test/support/uno-jobs.py does a list of such jobs in an office that stays up (openOffice).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PYTHON = "/usr/bin/python3";

/** Is Python-UNO there (Debian's python3-uno is for /usr/bin/python3)? */
export function hasPythonUno(): boolean {
	return spawnSync(PYTHON, ["-c", "import uno"]).status === 0;
}

/** A LibreOffice headless listening on a pipe, with a profile of its own. */
interface Office {
	work: string;
	pipe: string;
	close(): Promise<void>;
}

function startOffice(): Office {
	const work = mkdtempSync(join(tmpdir(), "dx-uno-"));
	const pipe = `dx${process.pid}${Date.now()}`;
	const office = spawn(
		"soffice",
		[
			`-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
			"--headless",
			"--norestore",
			`--accept=pipe,name=${pipe};urp;`,
		],
		{ stdio: "ignore" },
	);
	const exited = new Promise((done) => office.once("exit", done));
	return {
		work,
		pipe,
		async close() {
			office.kill();
			await exited;
			rmSync(work, { recursive: true, force: true });
		},
	};
}

/** Runs test/support/`script` with the office's pipe as its first argument. */
function runScript(office: Office, script: string, args: string[]): void {
	const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
	const r = spawnSync(PYTHON, [path, office.pipe, ...args], {
		encoding: "utf8",
		timeout: 240_000,
	});
	if (r.status !== 0)
		throw new Error(
			`${script} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}${r.error ?? ""}`,
		);
}

/** Runs test/support/`script` with a fresh LibreOffice listening on the pipe it is given first. */
async function withOffice(script: string, args: string[]): Promise<void> {
	const office = startOffice();
	try {
		runScript(office, script, args);
	} finally {
		await office.close();
	}
}

/** A cell as test/support/uno-jobs.py types it; `typed` enters it as a person types (1 → number). */
export interface JobCell {
	sheet: string;
	a1: string;
	text: string;
	typed?: boolean;
}

/** A job of test/support/uno-jobs.py: a new document, cells typed into a file, a file saved as. */
export type OfficeJob =
	| { new: string; sheet: string; cells: readonly JobCell[] }
	| { edit: string; out: string; cells: readonly JobCell[] }
	| { save: string; out: string; filter: string; password?: string };

/** One LibreOffice for many jobs (it starts once: several seconds on a loaded machine). */
export interface OfficeSession {
	run(jobs: readonly OfficeJob[]): void;
	close(): Promise<void>;
}

export function openOffice(): OfficeSession {
	const office = startOffice();
	let batches = 0;
	return {
		run(jobs) {
			const file = join(office.work, `jobs${++batches}.json`);
			writeFileSync(file, JSON.stringify(jobs));
			runScript(office, "uno-jobs.py", [file]);
		},
		close: () => office.close(),
	};
}

export interface CellEdit {
	sheet: string;
	a1: string;
	text: string;
}

/** Types `cells` (one or several) into `input` in LibreOffice and saves the result as `output`. */
export function editWithLibreOffice(
	input: string,
	output: string,
	cells: CellEdit | readonly CellEdit[],
): Promise<void> {
	const edits = (Array.isArray(cells) ? cells : [cells]) as readonly CellEdit[];
	return withOffice("uno-edit.py", [
		input,
		output,
		...edits.flatMap((c) => [c.sheet, c.a1, c.text]),
	]);
}

/**
 * Saves `input` as `output` with a LibreOffice filter ("calc8" for .ods, "MS Excel 97" for .xls,
 * "Calc MS Excel 2007 VBA XML" for .xlsm, "Calc MS Excel 2007 XML" for .xlsx), encrypted when a
 * password is given.
 */
export function saveWithLibreOffice(
	input: string,
	output: string,
	filter: string,
	password?: string,
): Promise<void> {
	return withOffice("uno-save.py", [
		input,
		output,
		filter,
		...(password === undefined ? [] : [password]),
	]);
}
