/**
 * `split BOOK.xlsx --out DIR [--force]` (SPEC 9): 全行を検証, then one 照会 file per department,
 * `DIR/<年度>_<課名>.xlsx`. The book is saved first (it keeps the key that signs the files), then
 * the files are written; an existing file is replaced only with --force, never the book.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { fiscalYearLabel } from "../../../domain";
import { fsErrorMessage } from "../../fs-errors";
import {
	OfflineError,
	planSplit,
	type SplitPlan,
	writeForms,
} from "../../offline/split";
import { WorkbookFileError } from "../../runtime/xlsx";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runAction } from "../book-session";
import { changeBook } from "../offline-book";
import type { CliIo } from "../run";
import { CliError } from "../usage";

export async function splitCommand(argv: string[], io: CliIo): Promise<number> {
	const args = parseArgs(argv, { out: "value", force: "boolean" });
	const path = bookPath(args, "split");
	const out = stringFlag(args, "out");
	if (out === undefined)
		throw new CliError(
			"照会ファイルの出力先フォルダを --out で指定してください（例: dx-progress split book.xlsx --out 照会）",
		);
	const dir = resolve(out);
	const force = args.flags.has("force");
	const now = new Date();
	const { plan, fiscalYear } = await changeBook(path, async (rt) => {
		const validated = runAction(rt, "validateAll");
		const year = {
			sheet: String(validated.sheet),
			fiscalYear: Number(validated.fiscalYear),
		};
		const planned = refusedAsCliError(() =>
			planSplit(rt.workbook, year, dir, now),
		);
		guardOutputs(
			planned.forms.map((f) => f.path),
			path,
			force,
		);
		ensureDir(dir, out);
		return {
			result: { plan: planned, fiscalYear: year.fiscalYear },
			save: true,
		};
	});
	try {
		await writeForms(plan);
	} catch (error) {
		if (error instanceof WorkbookFileError)
			throw new CliError(error.message, 1);
		throw error;
	}
	io.stdout(splitText(plan, out, fiscalYear));
	return 0;
}

function refusedAsCliError<T>(work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (error instanceof OfflineError) throw new CliError(error.message, 1);
		throw error;
	}
}

/**
 * No output may be the book itself, nor replace an existing file without --force. Kept as one
 * function so that the shared output guard can take its place.
 */
function guardOutputs(
	paths: readonly string[],
	book: string,
	force: boolean,
): void {
	const self = resolve(book);
	const own = paths.find((p) => resolve(p) === self);
	if (own) throw new CliError(`出力するファイルがブック自身と同じです: ${own}`);
	if (force) return;
	const existing = paths.filter((p) => existsSync(p));
	if (existing.length > 0)
		throw new CliError(
			`照会ファイルがすでにあります（上書きするには --force）: ${basename(existing[0] as string)}${existing.length > 1 ? ` ほか${existing.length - 1}件` : ""}`,
		);
}

function ensureDir(dir: string, shown: string): void {
	if (existsSync(dir) && !statSync(dir).isDirectory())
		throw new CliError(`--out にはフォルダを指定してください: ${shown}`);
	try {
		mkdirSync(dir, { recursive: true });
	} catch (error) {
		throw new CliError(
			fsErrorMessage("出力先フォルダを作れません", shown, error, "write"),
			1,
		);
	}
}

function splitText(plan: SplitPlan, out: string, fiscalYear: number): string {
	const lines = [
		`${fiscalYearLabel(fiscalYear)}の照会ファイル ${plan.forms.length}件を ${out} に作成しました。`,
		...plan.forms.map(
			(f) =>
				`  ${relative(resolve(out), f.path)}（${f.department}、取組 ${f.rows}件）`,
		),
		...plan.skipped.map(
			(d) =>
				`注意: ${d} は担当の取組がないため、照会ファイルを作成しませんでした`,
		),
	];
	return `${lines.join("\n")}\n`;
}
