/**
 * The trace of direct edits (SPEC 9): the input cells the loader found changed in the .xlsx
 * since the product last saved it (WorkbookModel.fileEdits) go through the bundle's
 * recordFileEdits, as the DX office, before the command's own work — logged in 変更履歴 and
 * validated as the edit trigger would. The command then saves the book as usual, with a fresh
 * snapshot; a command that does not save (remind --dry-run) leaves them for the next one. A
 * script error stops the command before it saves, so the edits are found again next time.
 */

import { STOPPED_UNSAVED } from "../run-action";
import type { LocalRuntime } from "../runtime/runtime";
import { ScriptError } from "../runtime/runtime";
import { CliError } from "./usage";

/** Returns the Japanese line to show, or undefined when nothing was edited in the file. */
export function recordFileEdits(rt: LocalRuntime): string | undefined {
	const edits = rt.workbook.fileEdits;
	if (!edits || edits.length === 0) return undefined;
	delete rt.workbook.fileEdits;
	const owner = rt.workbook.owner;
	let result: { ok?: unknown; message?: unknown } | undefined;
	try {
		result = rt.run("recordFileEdits", [edits], {
			activeUser: owner,
			effectiveUser: owner,
			authMode: "FULL",
			kind: "menu",
		}) as typeof result;
	} catch (error) {
		if (!(error instanceof ScriptError)) throw error;
		// Saving now would take the edited cells as the product's own (a fresh snapshot) and lose
		// their trace for good: the command stops, the file stays as it was, the next run retries.
		throw new CliError(
			`ファイルで直接編集されたセルを変更履歴に記録できなかったため中止しました。${STOPPED_UNSAVED}（詳細: ${error.message}）`,
			1,
		);
	}
	return result?.ok === true
		? `注意: ${String(result.message)}`
		: `警告: ファイルで直接編集されたセルを変更履歴に記録できませんでした（${String(result?.message ?? "")}）`;
}
