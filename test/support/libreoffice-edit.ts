/**
 * A person working on a workbook in LibreOffice: LibreOffice headless listens on a pipe and a
 * Python-UNO script (Debian python3-uno) does the work — test/support/uno-edit.py types a cell
 * and saves as .xlsx, test/support/uno-save.py saves in another format, with a password if asked.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PYTHON = "/usr/bin/python3";

/** Is Python-UNO there (Debian's python3-uno is for /usr/bin/python3)? */
export function hasPythonUno(): boolean {
	return spawnSync(PYTHON, ["-c", "import uno"]).status === 0;
}

/** Runs test/support/`script` with a fresh LibreOffice listening on the pipe it is given first. */
async function withOffice(script: string, args: string[]): Promise<void> {
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
	try {
		const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
		const r = spawnSync(PYTHON, [path, pipe, ...args], {
			encoding: "utf8",
			timeout: 240_000,
		});
		if (r.status !== 0)
			throw new Error(
				`${script} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}${r.error ?? ""}`,
			);
	} finally {
		office.kill();
		await exited;
	}
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
