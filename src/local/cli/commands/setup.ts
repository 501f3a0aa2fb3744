/**
 * `setup BOOK.xlsx`: 初期設定（シート作成） on an existing workbook — the missing sheets are
 * created, the empty master sheets get the seed's rows, nothing already there is overwritten —
 * then トリガーを設定, so that edits made through the command line are validated as typed (the
 * daily run offline is `remind`).
 */
import { bookPath, parseArgs } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import type { CliIo } from "../run";

export async function setupCommand(argv: string[], io: CliIo): Promise<number> {
	const path = bookPath(parseArgs(argv, {}), "setup");
	const outcome = await withBook(
		path,
		{ command: "setup", mode: "write" },
		({ workbook }) => {
			const rt = runtimeFor(workbook);
			const made = runAction(rt, "setupWorkbook");
			runAction(rt, "installTriggers");
			return made;
		},
	);
	io.stdout(`${outcome.message}\n`);
	return 0;
}
