/**
 * The command line's last resort: whatever escapes as an error that is not a CliError (a bug, a
 * missing package, an error event nobody listened to) is still one Japanese line on stderr and
 * exit code 1, never Node's `Error: …` and stack trace. `DX_DEBUG=1` adds the stack for whoever
 * maintains the program.
 */
import { errnoCode } from "../fs-errors";

const PREFIX = "dx-progress: ";

function firstLine(error: unknown): string {
	const text =
		error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return text.split("\n", 1)[0]?.trim() ?? "";
}

/** The one line for an unexpected error (without the trailing newline). */
export function unexpectedErrorLine(error: unknown): string {
	if (errnoCode(error) === "ERR_MODULE_NOT_FOUND") {
		const name = /package '([^']+)'/.exec(String(error))?.[1];
		return `${PREFIX}必要なパッケージ${name ? `（${name}）` : ""}が見つかりません。dx-progress のフォルダで npm ci を実行してから、もう一度実行してください`;
	}
	return `${PREFIX}予期しないエラーのため処理を中止しました（内部エラー: ${firstLine(error)}）。繰り返す場合は、この1行と実行したコマンドをプログラムの管理者に伝えてください（DX_DEBUG=1 を付けて実行すると詳細を表示します）`;
}

/** Writes the line (and, with DX_DEBUG=1, the stack) to stderr. */
export function reportUnexpected(error: unknown): void {
	process.stderr.write(`${unexpectedErrorLine(error)}\n`);
	if (process.env.DX_DEBUG === "1" && error instanceof Error && error.stack)
		process.stderr.write(`${error.stack}\n`);
}

/**
 * Errors thrown from callbacks and promises nobody awaited end the process the same way: one
 * line, exit code 1 (the work in progress is abandoned; a workbook is only ever replaced by a
 * finished save, so it stays as it was or as saved).
 */
export function installLastResort(): void {
	const fail = (error: unknown) => {
		reportUnexpected(error);
		process.exit(1);
	};
	process.on("uncaughtException", fail);
	process.on("unhandledRejection", fail);
}
