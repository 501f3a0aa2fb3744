/**
 * `split BOOK.xlsx --out DIR [--force]` (SPEC 9): 全行を検証, then one 照会 file per department,
 * `DIR/<年度>_<課名>.xlsx`, all under the book's lock. The book is saved first (it keeps the key
 * that signs the files), then the files are written. The output guard checks them before the
 * book is changed: none may be the book, and without --force none may exist — a folder holding
 * an earlier split's files is refused whole, naming --force; files of other names in the folder
 * are never touched (split deletes nothing).
 */
import { mkdirSync } from "node:fs";
import { relative, resolve } from "node:path";
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
import { runAction, runtimeFor, withBook } from "../book-session";
import { outputDir, outputFilesIn } from "../output-guard";
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
	const dir = resolve(outputDir(out, "--out", { books: [path] }));
	const force = args.flags.has("force");
	const now = new Date();
	const { plan, fiscalYear } = await withBook(
		path,
		{ command: "split", mode: "write" },
		(book) => {
			const rt = runtimeFor(book.workbook);
			const validated = runAction(rt, "validateAll");
			const year = {
				sheet: String(validated.sheet),
				fiscalYear: Number(validated.fiscalYear),
			};
			const planned = refusedAsCliError(() =>
				planSplit(rt.workbook, year, dir, now),
			);
			outputFilesIn(
				planned.forms.map((f) => f.path),
				"--out",
				{ books: [path], force },
			);
			ensureDir(dir, out);
			book.afterSave(() => writeFiles(planned));
			return { plan: planned, fiscalYear: year.fiscalYear };
		},
	);
	io.stdout(splitText(plan, out, fiscalYear));
	return 0;
}

async function writeFiles(plan: SplitPlan): Promise<void> {
	try {
		await writeForms(plan);
	} catch (error) {
		if (error instanceof WorkbookFileError)
			throw new CliError(error.message, 1);
		throw error;
	}
}

function refusedAsCliError<T>(work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (error instanceof OfflineError) throw new CliError(error.message, 1);
		throw error;
	}
}

function ensureDir(dir: string, shown: string): void {
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
