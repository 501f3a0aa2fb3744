/**
 * A workbook opened in the local runtime with the built dist/Code.js: load the .xlsx, run the
 * bundle's entry points as the DX office, save atomically only when the work succeeded.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseEmailList, SHEET_NAMES } from "../../domain";
import { connectShared, newControlWorkbook } from "../control-deployment";
import {
	ActionFailed,
	type ActionOutcome,
	runActionOrThrow,
} from "../run-action";
import { newWorkbookModel, type WorkbookModel } from "../runtime/model";
import { LocalRuntime, type Manifest } from "../runtime/runtime";
import type { SentMail } from "../runtime/state";
import { loadWorkbook, saveWorkbook, WorkbookFileError } from "../runtime/xlsx";
import { restoreBookState, storeBookState } from "./book-state";
import { recordFileEdits } from "./file-edits";
import { CliError } from "./usage";

/** The DX office's account when a workbook made offline names no owner. */
export const LOCAL_DX_OFFICE = "dx-office@local.invalid";

interface Bundle {
	code: string;
	manifest: Manifest;
}

let bundle: Bundle | undefined;

/** dist/Code.js and dist/appsscript.json next to this program (dist-local/cli.mjs). */
export function loadBundle(): Bundle {
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

export function newBook(owner = LOCAL_DX_OFFICE): WorkbookModel {
	return newWorkbookModel({ owner, name: "DX進捗管理" });
}

export async function openBook(path: string): Promise<WorkbookModel> {
	try {
		return atFile(await loadWorkbook(path), path);
	} catch (error) {
		if (error instanceof WorkbookFileError) throw new CliError(error.message);
		throw error;
	}
}

/** The workbook is the .xlsx at `path`, not a Google file: its getUrl says so. */
export function atFile(workbook: WorkbookModel, path: string): WorkbookModel {
	workbook.url = pathToFileURL(resolve(path)).href;
	return workbook;
}

export async function saveBook(
	workbook: WorkbookModel,
	path: string,
): Promise<void> {
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
