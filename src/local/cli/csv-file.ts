/**
 * CSV files given to the command line (`init --plan`, `departments --csv`): read as UTF-8 (with
 * or without a BOM) when the bytes are valid UTF-8, else as Shift_JIS (CP932, what Japanese
 * Excel saves as 「CSV（コンマ区切り）」); every problem of the file reported at once.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { isCsvError, keepText, type Problem, parseCsv } from "../../domain";
import { CliError } from "./usage";

/** The text of a CSV file; refuses (exit 2) a file it cannot read or decode, naming why. */
export function readCsvText(path: string, what: string): string {
	let bytes: Buffer;
	try {
		bytes = readFileSync(path);
	} catch {
		throw new CliError(`${what}を読めません: ${path}`);
	}
	try {
		return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
	} catch {
		// Not UTF-8: Japanese Excel's CSV.
	}
	let decoder: InstanceType<typeof TextDecoder>;
	try {
		decoder = new TextDecoder("shift_jis", { fatal: true });
	} catch {
		throw new CliError(
			`${what}は UTF-8 ではありません。この Node.js は Shift_JIS を読めないため、UTF-8 で保存し直してください: ${path}`,
		);
	}
	try {
		return decoder.decode(bytes);
	} catch {
		throw new CliError(
			`${what}の文字コードが UTF-8 でも Shift_JIS でもありません。UTF-8 か Shift_JIS（Excel の「CSV（コンマ区切り）」）で保存し直してください: ${path}`,
		);
	}
}

/** The rows of a CSV file; a syntax error refuses it with its line. */
export function readCsvRows(path: string, what: string): string[][] {
	const text = readCsvText(path, what);
	try {
		return parseCsv(text);
	} catch (error) {
		if (isCsvError(error))
			throw new CliError(
				`${what}を読めません（${basename(path)}）: ${error.message}`,
			);
		throw error;
	}
}

/**
 * A CSV refused for its contents: one line saying so, then every problem with its row (the
 * CSV's row; row 1 is the header) and reason.
 */
export function csvProblemsError(
	what: string,
	path: string,
	problems: readonly Problem[],
	csvSheets: readonly string[],
	/** What was left undone, e.g. 「ブックを作成しません」. */
	outcome: string,
): CliError {
	const errors = problems.filter((p) => p.level === "error");
	const lines = errors.map((p) => {
		// A syntax error names its line itself (parseCsv: `CSV 2行目: …`).
		const where =
			p.row === null || p.message.startsWith("CSV ") ? "" : `${p.row}行目: `;
		return csvSheets.includes(p.sheet)
			? `${where}${p.message}`
			: `${p.sheet} シート ${where}${p.message}`;
	});
	return new CliError(
		`${what}（${basename(path)}）に問題が${errors.length}件あるため、${outcome}。次の点を直してからもう一度実行してください。`,
		2,
		lines,
	);
}

/**
 * CSV cells as a person pastes them to keep them text: `=…`, `+…`, `-…`, `@…` (and anything
 * Sheets would turn into a number, date or boolean) get a leading apostrophe (keepText), so a
 * CSV never puts a live formula into the book.
 */
export function pastedAsText(rows: readonly (readonly string[])[]): string[][] {
	return rows.map((r) => r.map((v) => keepText(v)));
}
