/** Running one of the bundle's menu actions in the local runtime and insisting it succeeded. */
import { type LocalRuntime, ScriptError } from "./runtime/runtime";

export interface ActionOutcome {
	ok: boolean;
	message: string;
	[key: string]: unknown;
}

/** A refused or failed action, with the Japanese message the user would have seen. */
export class ActionFailed extends Error {
	constructor(
		readonly functionName: string,
		message: string,
		readonly scriptError = false,
	) {
		super(message);
		this.name = "ActionFailed";
	}
}

/**
 * What the user is told after a script error: the command saves the book only when its work
 * succeeded (withBook), so the file is as it was and running it again is safe.
 */
export const STOPPED_UNSAVED =
	"ブックは保存していません。もう一度実行し、繰り返す場合はこの1行をプログラムの管理者に伝えてください";

/** An error text as one terminal line (the command line prints one line per failure). */
export function oneLine(text: string): string {
	return text.replace(/\s*\n\s*/g, " ").trim();
}

export function runActionOrThrow(
	rt: LocalRuntime,
	functionName: string,
	user = rt.workbook.owner,
): ActionOutcome {
	return outcomeOf(functionName, () => rt.runMenu(functionName, user));
}

/**
 * An entry point that takes arguments (the command line's importAnswers), run as `user` with full
 * authorization, as the Apps Script API's scripts.run runs a function with its parameters
 * (developers.google.com/apps-script/api/reference/rest/v1/scripts/run).
 */
export function callActionOrThrow(
	rt: LocalRuntime,
	functionName: string,
	args: unknown[],
	user = rt.workbook.owner,
): ActionOutcome {
	return outcomeOf(functionName, () =>
		rt.run(functionName, args, {
			activeUser: user,
			effectiveUser: user,
			authMode: "FULL",
			kind: "menu",
		}),
	);
}

function outcomeOf(functionName: string, call: () => unknown): ActionOutcome {
	let result: unknown;
	try {
		result = call();
	} catch (error) {
		if (error instanceof ScriptError)
			throw new ActionFailed(
				functionName,
				`${functionName} の実行中にエラーが発生したため中止しました。${STOPPED_UNSAVED}（詳細: ${oneLine(error.message)}）`,
				true,
			);
		throw error;
	}
	const outcome = result as ActionOutcome | undefined;
	if (!outcome || typeof outcome.ok !== "boolean")
		throw new ActionFailed(
			functionName,
			`${functionName} の結果を読めないため中止しました`,
		);
	if (!outcome.ok) throw new ActionFailed(functionName, outcome.message);
	return outcome;
}
