/** The built dist/Code.js and a LocalRuntime loaded with it, for tests that drive the bundle. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
	newWorkbookModel,
	type WorkbookModel,
} from "../../src/local/runtime/model";
import {
	LocalRuntime,
	type LocalRuntimeOptions,
} from "../../src/local/runtime/runtime";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CODE_PATH = `${ROOT}dist/Code.js`;

export const CLI_PATH = `${ROOT}dist-local/cli.mjs`;

let cached: string | undefined;

/** npm test builds first; a test run on its own builds once if the outputs are missing. */
export function ensureBuilt(): void {
	if (!existsSync(CODE_PATH) || !existsSync(CLI_PATH)) {
		execFileSync(process.execPath, ["build.mjs"], { cwd: ROOT });
	}
}

/** dist/Code.js; built once if missing (npm test always builds first). */
export function bundleCode(): string {
	if (cached) return cached;
	if (!existsSync(CODE_PATH))
		execFileSync(process.execPath, ["build.mjs"], { cwd: ROOT });
	cached = readFileSync(CODE_PATH, "utf8");
	return cached;
}

export function manifest(): { timeZone: string; oauthScopes: string[] } {
	return JSON.parse(readFileSync(`${ROOT}appsscript.json`, "utf8"));
}

export const DX_OFFICE = "dx-office@city.kameyama.lg.jp";

export function newRuntime(
	options: Partial<LocalRuntimeOptions> & { workbook?: WorkbookModel } = {},
): LocalRuntime {
	return new LocalRuntime({
		workbook: options.workbook ?? newWorkbookModel({ owner: DX_OFFICE }),
		code: options.code ?? bundleCode(),
		manifest: options.manifest ?? manifest(),
		...(options.now ? { now: options.now } : {}),
		...(options.mailQuota !== undefined
			? { mailQuota: options.mailQuota }
			: {}),
		...(options.container ? { container: options.container } : {}),
		...(options.revealUsers ? { revealUsers: options.revealUsers } : {}),
		...(options.groups ? { groups: options.groups } : {}),
	});
}
