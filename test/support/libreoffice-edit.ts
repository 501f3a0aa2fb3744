/**
 * A person editing a cell in LibreOffice and saving as .xlsx: LibreOffice headless listens on a
 * pipe and test/support/uno-edit.py (Python-UNO, Debian python3-uno) types the text and saves.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPT = fileURLToPath(new URL("./uno-edit.py", import.meta.url));
const PYTHON = "/usr/bin/python3";

/** Is Python-UNO there (Debian's python3-uno is for /usr/bin/python3)? */
export function hasPythonUno(): boolean {
	return spawnSync(PYTHON, ["-c", "import uno"]).status === 0;
}

export interface CellEdit {
	sheet: string;
	a1: string;
	text: string;
}

/** Types `cells` (one or several) into `input` in LibreOffice and saves the result as `output`. */
export async function editWithLibreOffice(
	input: string,
	output: string,
	cells: CellEdit | readonly CellEdit[],
): Promise<void> {
	const edits = (Array.isArray(cells) ? cells : [cells]) as readonly CellEdit[];
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
		const r = spawnSync(
			PYTHON,
			[
				SCRIPT,
				pipe,
				input,
				output,
				...edits.flatMap((c) => [c.sheet, c.a1, c.text]),
			],
			{ encoding: "utf8", timeout: 240_000 },
		);
		if (r.status !== 0) throw new Error(`uno-edit.py failed: ${r.stderr}`);
	} finally {
		office.kill();
		await exited;
	}
}
