/**
 * A workbook opened in the local runtime with the built dist/Code.js: load the .xlsx, run the
 * bundle's entry points as the DX office, save atomically only when the work succeeded.
 *
 * Every command that opens or makes a book goes through withBook, the one harness for SPEC 9's
 * "one process at a time per workbook" (openBook and saveBook are not exported):
 *
 *   return withBook(path, { command: "summary", mode: "write" }, async (book) => {
 *     const rt = runtimeFor(book.workbook);
 *     runAction(rt, "buildSummary");
 *     return 0;                       // saved after this returns, then the lock is released
 *   });
 *
 * - mode "write": takes the book's exclusive lock (book-lock.ts: BOOK.xlsx.lock; a live holder
 *   makes the command refuse with one line, exit 1), loads the book, runs `work`, saves it
 *   atomically when `work` returned, runs the `book.afterSave` callbacks in order (awaited),
 *   releases the lock — also when `work`, the save or a callback threw (then, when it was `work`,
 *   nothing is saved). `book.leaveUnsaved()` from `work`: it changed nothing worth keeping
 *   (collect with nothing taken, close-year answered No), so the book file stays byte for byte
 *   as it was and no afterSave callback runs; the lock was held all the same.
 * - mode "create": the same for a new book (`init`, `demo`): refuses an existing file unless
 *   `force`, hands `work` an empty workbook of `owner`.
 * - mode "read": loads without lock and never saves, for commands that only read the book
 *   (`remind --dry-run`, `report`). A reader sees the book as last saved — saves replace the file
 *   in one rename — so it needs no lock and may run beside a writer.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseEmailList, SHEET_NAMES } from "../../domain";
import { connectShared, newControlWorkbook } from "../control-deployment";
import { killPoint } from "../kill-point";
import {
	ActionFailed,
	type ActionOutcome,
	runActionOrThrow,
} from "../run-action";
import { newWorkbookModel, type WorkbookModel } from "../runtime/model";
import { LocalRuntime, type Manifest } from "../runtime/runtime";
import type { SentMail } from "../runtime/state";
import { loadWorkbook, saveWorkbook, WorkbookFileError } from "../runtime/xlsx";
import { acquireBookLock } from "./book-lock";
import { restoreBookState, storeBookState } from "./book-state";
import { recordFileEdits } from "./file-edits";
import { CliError } from "./usage";

/** The DX office's account when a workbook made offline names no owner. */
const LOCAL_DX_OFFICE = "dx-office@local.invalid";

interface Bundle {
	code: string;
	manifest: Manifest;
}

let bundle: Bundle | undefined;

/** dist/Code.js and dist/appsscript.json next to this program (dist-local/cli.mjs). */
function loadBundle(): Bundle {
	if (bundle) return bundle;
	const code = new URL("../dist/Code.js", import.meta.url);
	const manifest = new URL("../dist/appsscript.json", import.meta.url);
	if (!existsSync(code) || !existsSync(manifest)) {
		throw new CliError(
			`${fileURLToPath(code)} がありません。先に npm run build を実行してください`,
			1,
		);
	}
	bundle = {
		code: readFileSync(code, "utf8"),
		manifest: JSON.parse(readFileSync(manifest, "utf8")),
	};
	return bundle;
}

export interface SessionOptions {
	now?: () => Date;
	/** Delivers each MailApp.sendEmail for real (remind --smtp); a throw fails that send. */
	mailTransport?: (mail: SentMail) => void;
}

/**
 * Offline, mail goes through the city's own server (--smtp) or into files (--outbox), not Gmail:
 * MailApp's 100 recipients a day (guides/services/quotas) does not apply, and keeping it held back
 * every department past the 100th (measured: 110 late departments, 11 held). What the city's
 * server refuses comes back per mail as an SMTP error. The figure only bounds a runaway run.
 */
const OFFLINE_MAIL_QUOTA = 100_000;

/**
 * The bundle runs as it is deployed in Google (SPEC 12): bound to a control spreadsheet only the
 * book's owner can open, connected to the book. Offline nobody can edit that code either, so the
 * deployment check of 全行を検証 has nothing to report.
 */
export function runtimeFor(
	workbook: WorkbookModel,
	options: SessionOptions = {},
): LocalRuntime {
	const { code, manifest } = loadBundle();
	const rt = new LocalRuntime({
		workbook,
		container: newControlWorkbook(workbook.owner),
		code,
		manifest,
		...(options.now ? { now: options.now } : {}),
		...(options.mailTransport ? { mailTransport: options.mailTransport } : {}),
		mailQuota: OFFLINE_MAIL_QUOTA,
	});
	restoreBookState(rt);
	connectShared(rt, workbook.owner);
	shareWithDepartments(rt);
	const traced = recordFileEdits(rt);
	if (traced) process.stderr.write(`${traced}\n`);
	return rt;
}

/**
 * Offline the book is a file: whoever is handed it can edit it. So every address of the 担当課
 * sheet counts as shared — there is no Drive sharing to fix, and 全行を検証 must not ask for it.
 */
function shareWithDepartments(rt: LocalRuntime): void {
	const sheet = rt.workbook.sheets.find(
		(s) => s.name === SHEET_NAMES.departments,
	);
	const columns = [1, 2]; // メールアドレス, 所属長メールアドレス (SPEC 2 column order)
	const addresses = (sheet?.values.slice(1) ?? []).flatMap((row) =>
		columns.flatMap((c) => parseEmailList(String(row[c] ?? "")).emails),
	);
	if (addresses.length > 0) rt.share(...addresses);
}

function newBook(owner = LOCAL_DX_OFFICE): WorkbookModel {
	return newWorkbookModel({ owner, name: "DX進捗管理" });
}

async function openBook(path: string): Promise<WorkbookModel> {
	try {
		return atFile(await loadWorkbook(path), path);
	} catch (error) {
		if (error instanceof WorkbookFileError) throw new CliError(error.message);
		throw error;
	}
}

/** The workbook is the .xlsx at `path`, not a Google file: its getUrl says so. */
function atFile(workbook: WorkbookModel, path: string): WorkbookModel {
	workbook.url = pathToFileURL(resolve(path)).href;
	return workbook;
}

async function saveBook(workbook: WorkbookModel, path: string): Promise<void> {
	storeBookState(workbook);
	try {
		await saveWorkbook(workbook, path);
	} catch (error) {
		if (error instanceof WorkbookFileError)
			throw new CliError(error.message, 1);
		throw error;
	}
}

/** Runs a menu action as `user`; a refusal or a script error becomes a one-line CliError. */
export function runAction(
	rt: LocalRuntime,
	functionName: string,
	user = rt.workbook.owner,
): ActionOutcome {
	try {
		return runActionOrThrow(rt, functionName, user);
	} catch (error) {
		if (error instanceof ActionFailed) throw new CliError(error.message, 1);
		throw error;
	}
}

export interface BookOptions {
	/** The command's name, written in the lock so that others can say who holds it. */
	command: string;
	mode: "read" | "write" | "create";
	/** mode "create": replace an existing file (`--force`). */
	force?: boolean;
	/** mode "create": the new book's owner (default LOCAL_DX_OFFICE). */
	owner?: string;
}

export interface OpenBook {
	path: string;
	workbook: WorkbookModel;
	/**
	 * Runs after the book was saved, still under the lock (e.g. removing the send journal, writing
	 * the 照会 files whose key the book keeps).
	 */
	afterSave(callback: () => void | Promise<void>): void;
	/** The work changed nothing to keep: the book is not saved (nor created). */
	leaveUnsaved(): void;
}

export async function withBook<T>(
	path: string,
	options: BookOptions,
	work: (book: OpenBook) => Promise<T> | T,
): Promise<T> {
	if (options.mode === "read") {
		const workbook = await openBook(path);
		return work({
			path,
			workbook,
			afterSave: () => undefined,
			leaveUnsaved: () => undefined,
		});
	}
	const lock = acquireBookLock(path, options.command);
	try {
		const workbook =
			options.mode === "create"
				? atFile(newBookAt(path, options), path)
				: await openBook(path);
		const after: Array<() => void | Promise<void>> = [];
		let save = true;
		const value = await work({
			path,
			workbook,
			afterSave: (callback) => after.push(callback),
			leaveUnsaved: () => {
				save = false;
			},
		});
		if (!save) return value;
		killPoint("save");
		await saveBook(workbook, path);
		killPoint("saved");
		for (const callback of after) await callback();
		return value;
	} finally {
		lock.release();
	}
}

function newBookAt(path: string, options: BookOptions): WorkbookModel {
	if (existsSync(path) && !options.force)
		throw new CliError(
			`ファイルがすでにあります（上書きしません。上書きするには --force を付けてください）: ${path}`,
		);
	return newBook(options.owner);
}
