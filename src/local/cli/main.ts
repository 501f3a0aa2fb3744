/**
 * dx-progress — the command line (SPEC 8). Runs the built dist/Code.js in the local Apps Script
 * runtime on an .xlsx workbook. Errors are one line on stderr and a non-zero exit, never a stack
 * (the last resort for what escapes: last-resort.ts, installed by entry.ts).
 *
 * Output piped into a program that stops reading (`dx-progress help | head -1`) ends quietly:
 * once stdout or stderr reports EPIPE nothing more is written to it, the command finishes its
 * work (a workbook is still saved) and exits with its own code.
 */
import { errnoCode } from "../fs-errors";
import { reportUnexpected } from "./last-resort";
import { runCli } from "./run";

function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
	let closed = false;
	stream.on("error", (error) => {
		closed = true;
		if (errnoCode(error) !== "EPIPE" && stream === process.stdout)
			reportUnexpected(error);
	});
	return (text) => {
		if (!closed) stream.write(text);
	};
}

const code = await runCli(process.argv.slice(2), {
	stdout: quietWhenClosed(process.stdout),
	stderr: quietWhenClosed(process.stderr),
});
process.exitCode = code;
