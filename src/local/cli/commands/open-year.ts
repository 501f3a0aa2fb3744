/**
 * `open-year BOOK.xlsx`: 新年度の評価シートを作成 — the entry sheet of 設定!対象年度, made from the
 * master, protected so that each department types only into its own rows.
 */
import { bookPath, parseArgs } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import type { CliIo } from "../run";

export async function openYearCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const path = bookPath(parseArgs(argv, {}), "open-year");
	const outcome = await withBook(
		path,
		{ command: "open-year", mode: "write" },
		({ workbook }) => runAction(runtimeFor(workbook), "openFiscalYear"),
	);
	io.stdout(`${outcome.message}\n`);
	return 0;
}
