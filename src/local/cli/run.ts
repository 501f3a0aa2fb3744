import { oneLine } from "../run-action";
import { closeYearCommand } from "./commands/close-year";
import { collectCommand } from "./commands/collect";
import { demoCommand } from "./commands/demo";
import { departmentsCommand } from "./commands/departments";
import { initCommand } from "./commands/init";
import { openYearCommand } from "./commands/open-year";
import { remindCommand } from "./commands/remind";
import { reportCommand } from "./commands/report";
import { setCommand } from "./commands/set";
import { setupCommand } from "./commands/setup";
import { splitCommand } from "./commands/split";
import { summaryCommand } from "./commands/summary";
import { validateCommand } from "./commands/validate";
import { unexpectedErrorLine } from "./last-resort";
import { forCommandLine } from "./menu-commands";
import { CliError, USAGE } from "./usage";

export interface CliIo {
	stdout(text: string): void;
	stderr(text: string): void;
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
	demo: demoCommand,
	init: initCommand,
	validate: validateCommand,
	summary: summaryCommand,
	remind: remindCommand,
	setup: setupCommand,
	"open-year": openYearCommand,
	"close-year": closeYearCommand,
	set: setCommand,
	departments: departmentsCommand,
	split: splitCommand,
	collect: collectCommand,
	report: reportCommand,
};

/**
 * Runs one command line; returns the exit code. An expected failure (CliError) is its own
 * message on one line (plus its details); anything else is a bug and gets the last resort's line.
 */
export async function runCli(argv: string[], raw: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	// Whatever a command prints names commands, never the Google menu (SPEC 9).
	const book = rest.find((a) => /\.xlsx$/i.test(a) && !a.startsWith("-"));
	const io: CliIo = {
		stdout: (text) => raw.stdout(forCommandLine(text, book ?? "BOOK.xlsx")),
		stderr: (text) => raw.stderr(forCommandLine(text, book ?? "BOOK.xlsx")),
	};
	try {
		if (!name || name === "help" || name === "--help" || name === "-h") {
			io.stdout(USAGE);
			return name ? 0 : 2;
		}
		const command = COMMANDS[name];
		if (!command)
			throw new CliError(
				`不明なコマンドです: ${name}（dx-progress help で使い方を表示）`,
			);
		return await command(rest, io);
	} catch (error) {
		if (!(error instanceof CliError)) {
			io.stderr(`${unexpectedErrorLine(error)}\n`);
			return 1;
		}
		io.stderr(`dx-progress: ${oneLine(error.message)}\n`);
		for (const line of error.details) io.stderr(`  ${line}\n`);
		return error.exitCode;
	}
}
