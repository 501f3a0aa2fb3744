import { demoCommand } from "./commands/demo";
import { initCommand } from "./commands/init";
import { remindCommand } from "./commands/remind";
import { summaryCommand } from "./commands/summary";
import { validateCommand } from "./commands/validate";
import { unexpectedErrorLine } from "./last-resort";
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
};

/**
 * Runs one command line; returns the exit code. An expected failure (CliError) is its own
 * message on one line; anything else is a bug and gets the last resort's line.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
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
		return error.exitCode;
	}
}

function oneLine(message: string): string {
	return message.replace(/\s*\n\s*/g, " ").trim();
}
