import { demoCommand } from "./commands/demo";
import { initCommand } from "./commands/init";
import { remindCommand } from "./commands/remind";
import { reportCommand } from "./commands/report";
import { summaryCommand } from "./commands/summary";
import { validateCommand } from "./commands/validate";
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
	report: reportCommand,
};

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === "help" || name === "--help" || name === "-h") {
		io.stdout(USAGE);
		return name ? 0 : 2;
	}
	const command = COMMANDS[name];
	try {
		if (!command)
			throw new CliError(
				`不明なコマンドです: ${name}（dx-progress help で使い方を表示）`,
			);
		return await command(rest, io);
	} catch (error) {
		io.stderr(`dx-progress: ${oneLine(error)}\n`);
		return error instanceof CliError ? error.exitCode : 1;
	}
}

function oneLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/\s*\n\s*/g, " ").trim();
}
