/**
 * `close-year BOOK.xlsx [--reopen]`: 年度を締める. In Google, running it on a closed year asks
 * whether to reopen it (a Yes/No dialog: reopening is a deliberate act); offline `--reopen` is
 * that Yes, and without it the answer is No. `--reopen` on a year that is not closed is refused
 * and nothing is saved (the run would have closed it).
 */
import { bookPath, parseArgs } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import { commandFor } from "../menu-commands";
import type { CliIo } from "../run";
import { CliError } from "../usage";

export async function closeYearCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, { reopen: "boolean" });
	const path = bookPath(args, "close-year");
	const reopen = args.flags.has("reopen");
	const message = await withBook(
		path,
		{ command: "close-year", mode: "write" },
		(book) => {
			const rt = runtimeFor(book.workbook);
			// The answer to the dialog (reference/base/ui#alert: the runtime takes it from uiReplies).
			rt.state.uiReplies = [{ button: reopen ? "YES" : "NO" }];
			const outcome = runAction(rt, "closeFiscalYear");
			rt.state.uiReplies = [];
			const wasClosed = outcome.wasClosed === true;
			if (reopen && !wasClosed)
				throw new CliError(
					"対象年度はまだ締めていないため、締めを解除できません（ブックは変更していません）。締めるには --reopen を付けずに実行してください",
					1,
				);
			if (reopen || !wasClosed) return outcome.message;
			book.leaveUnsaved();
			return `${outcome.message}締めを解除するには「${commandFor("closeFiscalYear", path)} --reopen」を実行してください。`;
		},
	);
	io.stdout(`${message}\n`);
	return 0;
}
