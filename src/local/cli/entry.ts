/**
 * dist-local/cli.mjs: installs the last-resort handlers, then loads the command line itself
 * (dist-local/cli-main.mjs, built from main.ts). The command line is loaded at run time rather
 * than bundled in, so that an error while loading it — a package missing because `npm ci` was
 * not run — reaches the handlers too instead of Node's stack trace.
 */
import { installLastResort, reportUnexpected } from "./last-resort";

installLastResort();
try {
	await import(new URL("./cli-main.mjs", import.meta.url).href);
} catch (error) {
	reportUnexpected(error);
	process.exitCode = 1;
}
