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

export function runActionOrThrow(
	rt: LocalRuntime,
	functionName: string,
	user = rt.workbook.owner,
): ActionOutcome {
	let result: unknown;
	try {
		result = rt.runMenu(functionName, user);
	} catch (error) {
		if (error instanceof ScriptError)
			throw new ActionFailed(
				functionName,
				`${functionName} の実行中にスクリプトでエラーが発生したため中止しました（${error.message}）`,
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
