/**
 * `collect BOOK.xlsx FILE|DIR …` (SPEC 9): merges returned 照会 files. Prints one line per file —
 * 取込 / 変更なし / 拒否 with counts or the reason — and each conflict; holds the book's lock and
 * saves the book once when something was taken. Exit 0 when every file was taken or had nothing
 * new, 1 when a file was refused or a cell conflicted, 2 for bad arguments or an unreadable book.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ANSWER_RESULT, type AnswerFileOutcome } from "../../../domain";
import { collectFiles } from "../../offline/collect";
import { ActionFailed } from "../../run-action";
import { parseArgs, xlsxPath } from "../args";
import { runtimeFor, withBook } from "../book-session";
import type { CliIo } from "../run";
import { CliError } from "../usage";

export async function collectCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, {});
	const [book, ...inputs] = args.positional;
	if (book === undefined || inputs.length === 0)
		throw new CliError(
			"使い方: dx-progress collect BOOK.xlsx 回答ファイルまたはフォルダ…",
		);
	xlsxPath(book);
	const files = answerFiles(inputs, book);
	const now = new Date();
	const outcomes = await withBook(
		book,
		{ command: "collect", mode: "write" },
		async (open) => {
			let result: AnswerFileOutcome[];
			try {
				result = await collectFiles(runtimeFor(open.workbook), files, now);
			} catch (error) {
				if (error instanceof ActionFailed) throw new CliError(error.message, 1);
				throw error;
			}
			if (!result.some((o) => o.result === ANSWER_RESULT.taken))
				open.leaveUnsaved();
			return result;
		},
	);
	io.stdout(collectText(outcomes));
	const clean = outcomes.every(
		(o) => o.result !== ANSWER_RESULT.refused && o.conflicts.length === 0,
	);
	return clean ? 0 : 1;
}

/**
 * The files named, and the .xlsx files directly in each folder named (not the book, not the
 * lock files Excel and LibreOffice leave beside an open file), each once, in name order.
 */
function answerFiles(inputs: readonly string[], book: string): string[] {
	const self = resolve(book);
	const seen = new Set<string>([self]);
	const files: string[] = [];
	const add = (path: string) => {
		const key = resolve(path);
		if (seen.has(key)) return;
		seen.add(key);
		files.push(path);
	};
	for (const input of inputs) {
		let isDir: boolean;
		try {
			isDir = statSync(input).isDirectory();
		} catch {
			throw new CliError(
				`回答ファイルまたはフォルダが見つかりません: ${input}`,
			);
		}
		if (!isDir) {
			add(input);
			continue;
		}
		readdirSync(input)
			.filter((n) => /\.xlsx$/i.test(n) && !/^(~\$|\.~lock\.|\.)/.test(n))
			.sort()
			.forEach((n) => {
				add(join(input, n));
			});
	}
	if (files.length === 0)
		throw new CliError(
			`取り込む回答ファイル（.xlsx）がありません: ${inputs.join(" ")}`,
		);
	return files;
}

function collectText(outcomes: readonly AnswerFileOutcome[]): string {
	const lines: string[] = [];
	for (const o of outcomes) {
		const who = o.department ? `（${o.department}）` : "";
		if (o.result === ANSWER_RESULT.refused)
			lines.push(`${o.result}: ${o.file}${who} ${o.reason ?? ""}`);
		else if (o.result === ANSWER_RESULT.taken)
			lines.push(
				`${o.result}: ${o.file}${who} ${o.rows}行・${o.cells}セル${o.fix > 0 ? `（うち要修正 ${o.fix}行）` : ""}`,
			);
		else lines.push(`${o.result}: ${o.file}${who}`);
		for (const c of o.conflicts)
			lines.push(
				`  競合: 取組No ${c.no} ${c.cell}（${c.column}）はブックの値「${c.book}」のままです（ファイルの値「${c.file}」）。DX推進室で確認してください`,
			);
	}
	const count = (r: string) => outcomes.filter((o) => o.result === r).length;
	const conflicts = outcomes.reduce((n, o) => n + o.conflicts.length, 0);
	const saved =
		count(ANSWER_RESULT.taken) > 0
			? "ブックを保存しました。"
			: "ブックは変更していません。";
	lines.push(
		`合計 ${outcomes.length}件: ${ANSWER_RESULT.taken} ${count(ANSWER_RESULT.taken)}件、${ANSWER_RESULT.unchanged} ${count(ANSWER_RESULT.unchanged)}件、${ANSWER_RESULT.refused} ${count(ANSWER_RESULT.refused)}件、競合 ${conflicts}件。${saved}`,
	);
	return `${lines.join("\n")}\n`;
}
