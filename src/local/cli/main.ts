/**
 * dx-progress — the command line (SPEC 8). Runs the built dist/Code.js in the local Apps Script
 * runtime on an .xlsx workbook. Errors are one line on stderr and a non-zero exit, never a stack.
 */
import { runCli } from "./run";

const code = await runCli(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
