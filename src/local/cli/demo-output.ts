/**
 * The demo's files in its folder (`demo --out DIR`, default ./out). Every run starts from a clean
 * demo output: the files the previous demo wrote there are removed first, so a second run gives
 * the same files as the first (its mails 01…04 again, not 05…08 beside the old ones). Only the
 * demo's own files go: each run lists what it wrote in DIR/.dx-progress-demo.json, and only a
 * listed name the demo can write (its book, its reports, a mail/*.eml) is removed. Anything else
 * in DIR stays; a file of the demo's names that the demo did not write (none listed, e.g. the
 * user's own report.html, or one left by a demo older than the record) makes the demo refuse
 * before it writes anything.
 *
 *   const output = DemoOutput.clean(out, ["book.xlsx", "report.html"]);   // or CliError, exit 2
 *   …write book.xlsx…; output.wrote(join(out, "book.xlsx"));
 */
import { existsSync, lstatSync, readFileSync, unlinkSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { writeFileAtomic } from "../atomic-write";
import { fsErrorMessage } from "../fs-errors";
import { CliError } from "./usage";

const RECORD = ".dx-progress-demo.json";
/** The demo's mails: `mail/2024-05-24_01_市民課.eml` (mail/eml.ts names them). */
const MAIL = /^mail\/[^/]+\.eml$/;

export class DemoOutput {
	private readonly written: string[] = [];

	private constructor(
		readonly dir: string,
		private readonly fixed: readonly string[],
	) {}

	/** `fixed`: the names (relative to `dir`, `/`-separated) every run writes besides its mails. */
	static clean(dir: string, fixed: readonly string[]): DemoOutput {
		const output = new DemoOutput(dir, fixed);
		const earlier = output.readRecord();
		const foreign = fixed.filter(
			(name) => existsSync(output.pathOf(name)) && !earlier.includes(name),
		);
		if (foreign.length > 0)
			throw new CliError(
				`デモの出力先 ${dir} に、デモが書いた記録（${RECORD}）のないファイルがあります: ${foreign.join("、")}（上書きしません）。別のフォルダを --out で指定するか、そのファイルを移してください`,
			);
		for (const name of earlier) output.remove(name);
		output.store();
		return output;
	}

	/** Records files just written (paths inside the folder). */
	wrote(...paths: string[]): void {
		for (const path of paths)
			this.written.push(relative(this.dir, path).split(sep).join("/"));
		this.store();
	}

	private pathOf(name: string): string {
		return join(this.dir, ...name.split("/"));
	}

	/** The names of the previous run's record that the demo can have written. */
	private readRecord(): string[] {
		let files: unknown;
		try {
			files = JSON.parse(readFileSync(this.pathOf(RECORD), "utf8")).files;
		} catch {
			return []; // no record (a folder the demo never used) or an unreadable one
		}
		return Array.isArray(files)
			? files.filter(
					(f): f is string =>
						typeof f === "string" && (this.fixed.includes(f) || MAIL.test(f)),
				)
			: [];
	}

	/** Removes a file of the previous run; a folder or a missing file is left as it is. */
	private remove(name: string): void {
		const path = this.pathOf(name);
		try {
			if (!lstatSync(path).isDirectory()) unlinkSync(path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
			throw new CliError(
				fsErrorMessage("前回のデモのファイルを削除できません", path, error),
				1,
			);
		}
	}

	private store(): void {
		const path = this.pathOf(RECORD);
		try {
			writeFileAtomic(
				path,
				`${JSON.stringify({ files: this.written }, null, 1)}\n`,
				true,
			);
		} catch (error) {
			throw new CliError(
				fsErrorMessage("デモの記録を書き込めません", path, error, "write"),
				1,
			);
		}
	}
}
