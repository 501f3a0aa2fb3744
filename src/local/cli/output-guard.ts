/**
 * Outputs never overwrite by accident (SPEC 9): no output option may name the book, its lock or
 * its send journal, and no existing file is replaced without `--force`. Every command writes
 * its files (other than the book) through here:
 *
 *   const file = outputFile(flag, "--html", { books: [path], force });  // refuses: one line, exit 2
 *   writeOutput(file, bytes, force);                // atomic; without force never replaces a file
 *   const dir = outputDir(flag, "--outbox", { books: [path] });  // a folder, not a book or a file
 *   outputFilesIn(paths, "--out", { books: [path], force });     // split: the files it writes there
 *
 * The check runs before the book is changed, so a refused output costs nothing; writeOutput
 * checks again at the moment of writing (a file that appeared meanwhile is not replaced).
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic-write";
import { fsErrorMessage } from "../fs-errors";
import { journalPathOf } from "../mail/send-journal";
import { lockPathOf } from "./book-lock";
import { CliError } from "./usage";

export interface OutputGuard {
	/** The workbooks the command reads or writes. */
	books: readonly string[];
	/** `--force`: an existing file (not a book) may be replaced. */
	force?: boolean;
	/** The command's outputs checked before this one (report's --docx for its --html). */
	others?: readonly { option: string; file: string }[];
}

/** The files that belong to a book: the book, its lock and its send journal. */
function protectedFiles(book: string): string[] {
	const lock = lockPathOf(book);
	return [book, lock, `${lock}.takeover`, journalPathOf(book)];
}

/** The book or book's file that `file` is, if any. */
function protectedHit(
	file: string,
	books: readonly string[],
): { book: string; hit: string } | undefined {
	for (const book of books) {
		const hit = protectedFiles(book).find((p) => samePath(file, p));
		if (hit !== undefined) return { book, hit };
	}
	return undefined;
}

/** `file` as given, once it names neither a book nor (without force) an existing file. */
export function outputFile(
	file: string,
	option: string,
	guard: OutputGuard,
): string {
	const own = protectedHit(file, guard.books);
	if (own)
		throw new CliError(
			own.hit === own.book
				? `${option} にブック自身（${own.book}）は指定できません。別のファイル名を指定してください`
				: `${option} にブックの管理用ファイル（${own.hit}）は指定できません。別のファイル名を指定してください`,
		);
	const twice = guard.others?.find((o) => samePath(file, o.file));
	if (twice)
		throw new CliError(
			`${option} と ${twice.option} に同じファイル（${file}）は指定できません。別のファイル名を指定してください`,
		);
	if (existsSync(file)) {
		if (statSync(file).isDirectory())
			throw new CliError(
				`${option} にはファイル名を指定してください（フォルダです）: ${file}`,
			);
		if (!guard.force)
			throw new CliError(
				`${option} の出力先 ${file} はすでにあります（上書きしません。上書きするには --force を付けてください）`,
			);
	}
	return file;
}

/**
 * The files a command writes into the folder of `option` (split's 照会 files), checked as
 * outputFile checks one: none may be a book's file, and without force none may exist — every
 * existing one is counted in the one line. The other files of the folder are never touched.
 */
export function outputFilesIn(
	files: readonly string[],
	option: string,
	guard: OutputGuard,
): void {
	for (const file of files) {
		const own = protectedHit(file, guard.books);
		if (own)
			throw new CliError(
				`${option} のフォルダに書くファイル ${file} は${own.hit === own.book ? "ブック自身" : `ブックの管理用ファイル（${own.hit}）`}です。別のフォルダを指定してください`,
			);
		if (existsSync(file) && statSync(file).isDirectory())
			throw new CliError(
				`${option} のフォルダに、書くファイルと同じ名前のフォルダがあります: ${file}`,
			);
	}
	const existing = guard.force ? [] : files.filter((f) => existsSync(f));
	if (existing.length > 0)
		throw new CliError(
			`${option} のフォルダにファイルがすでにあります: ${basename(existing[0] as string)}${existing.length > 1 ? ` ほか${existing.length - 1}件` : ""}（上書きしません。上書きするには --force を付けてください）`,
		);
}

/** A folder the command writes new files into: it must not be a book or any other file. */
export function outputDir(
	dir: string,
	option: string,
	guard: Pick<OutputGuard, "books">,
): string {
	if (protectedHit(dir, guard.books))
		throw new CliError(
			`${option} にはブックではなくフォルダを指定してください: ${dir}`,
		);
	if (existsSync(dir) && !statSync(dir).isDirectory())
		throw new CliError(
			`${option} にはフォルダを指定してください（ファイルです）: ${dir}`,
		);
	return dir;
}

/** Writes an output checked by outputFile; a failure is one line, exit 1. */
export function writeOutput(
	file: string,
	data: string | Uint8Array,
	force: boolean,
): void {
	try {
		writeFileAtomic(file, data, force);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CliError(
			code === "EEXIST"
				? `出力先 ${file} がすでにあるため書き込みませんでした（上書きするには --force を付けてください）`
				: fsErrorMessage("出力先に書き込めません", file, error, "write"),
			1,
		);
	}
}

/** The same file: by inode when both exist (links, case-insensitive disks), else by real path. */
function samePath(a: string, b: string): boolean {
	try {
		const sa = statSync(a);
		const sb = statSync(b);
		return sa.dev === sb.dev && sa.ino === sb.ino;
	} catch {
		return canonical(a) === canonical(b);
	}
}

function canonical(path: string): string {
	const abs = resolve(path);
	let dir = dirname(abs);
	try {
		dir = realpathSync(dir);
	} catch {
		// a folder that does not exist yet: compare as written
	}
	const full = join(dir, basename(abs));
	return process.platform === "win32" || process.platform === "darwin"
		? full.toLowerCase()
		: full;
}
