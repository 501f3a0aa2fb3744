/** The demo workbook (`dx-progress demo`), made by the built command line in a fresh folder. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_PATH, ensureBuilt } from "./bundle";

export function makeDemoBook(): { dir: string; book: string } {
	ensureBuilt();
	const dir = mkdtempSync(join(tmpdir(), "dx-demo-"));
	const r = spawnSync(process.execPath, [CLI_PATH, "demo", "--out", dir], {
		encoding: "utf8",
	});
	if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
	return { dir, book: join(dir, "dx-progress-demo.xlsx") };
}
