/**
 * A person working on a workbook in LibreOffice: LibreOffice headless listens on a pipe and a
 * Python-UNO script (Debian python3-uno), test/support/uno-jobs.py, does a list of jobs — cells
 * typed and saved as .xlsx, a file saved in another format (with a password if asked) — in an
 * office that stays up for a scenario (openOffice) or for one edit or save.
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

const JOBS_SCRIPT = fileURLToPath(new URL("./uno-jobs.py", import.meta.url));

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
			const r = spawnSync(PYTHON, [JOBS_SCRIPT, office.pipe, file], {
				encoding: "utf8",
				timeout: 240_000,
			});
			if (r.status !== 0)
				throw new Error(
					`uno-jobs.py failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}${r.error ?? ""}`,
				);
		},
		close: () => office.close(),
	};
}

export type CellEdit = Omit<JobCell, "typed">;

/** Runs `jobs` in a LibreOffice started for them. */
async function withOffice(jobs: readonly OfficeJob[]): Promise<void> {
	const office = openOffice();
	try {
		office.run(jobs);
	} finally {
		await office.close();
	}
}

/** Types `cells` (one or several, as strings) into `input` in LibreOffice and saves `output`. */
export function editWithLibreOffice(
	input: string,
	output: string,
	cells: CellEdit | readonly CellEdit[],
): Promise<void> {
	const edits = (Array.isArray(cells) ? cells : [cells]) as readonly CellEdit[];
	return withOffice([{ edit: input, out: output, cells: edits }]);
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
	return withOffice([
		{
			save: input,
			out: output,
			filter,
			...(password === undefined ? {} : { password }),
		},
	]);
}
