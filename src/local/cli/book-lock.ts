/**
 * One process at a time per workbook (SPEC 9): the exclusive lock a command takes before it
 * loads a book it will save. Commands do not call this directly: `withBook` (book-session.ts)
 * takes the lock, loads, runs, saves and releases.
 *
 *   const lock = acquireBookLock("book.xlsx", "remind");   // refuses (CliError, exit 1) when held
 *   try { … } finally { lock.release(); }
 *
 * The lock is the file `BOOK.xlsx.lock` beside the book, created with O_EXCL (open "wx"), holding
 * `{pid, host, command, startedAt}` as JSON. A lock whose process is gone (same host, pid no
 * longer alive) is stale: it is taken over. A lock from another host, a live process, or a file
 * that cannot be read (a process died while writing it) is respected, and the command refuses
 * with one line naming the other command and what to do. Only the holder removes its lock, also
 * when the work failed.
 */
import {
	closeSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { fsReason } from "../fs-errors";
import { CliError } from "./usage";

export interface BookLock {
	readonly path: string;
	release(): void;
}

interface LockInfo {
	pid: number;
	host: string;
	command: string;
	startedAt: string;
}

export function lockPathOf(bookPath: string): string {
	return `${bookPath}.lock`;
}

export function acquireBookLock(bookPath: string, command: string): BookLock {
	const path = lockPathOf(bookPath);
	const mine: LockInfo = {
		pid: process.pid,
		host: hostname(),
		command,
		startedAt: new Date().toISOString(),
	};
	// A stale lock taken over by another process at the same moment: look again, a few times.
	for (let attempt = 0; attempt < 5; attempt++) {
		if (createExclusive(path, JSON.stringify(mine))) return heldLock(path);
		const other = readLock(path);
		if (other === "gone") continue;
		if (other === "unreadable" || !isStale(other))
			throw refusal(bookPath, path, other);
		takeOverStale(path, other);
	}
	throw refusal(bookPath, path, readLock(path));
}

function heldLock(path: string): BookLock {
	let held = true;
	return {
		path,
		release() {
			if (!held) return;
			held = false;
			try {
				unlinkSync(path);
			} catch {
				// already gone (removed by hand): nothing to release
			}
		},
	};
}

/** Creates `path` with `text` unless it exists; false when it does. */
function createExclusive(path: string, text: string): boolean {
	let fd: number;
	try {
		fd = openSync(path, "wx");
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === "EEXIST") return false;
		if (code === "ENOENT")
			throw new CliError(`フォルダが見つかりません: ${dirname(path)}`);
		throw new CliError(
			code === "EACCES" || code === "EPERM" || code === "EROFS"
				? `ブックのフォルダに書き込む権限がないため実行しません（ロックファイル ${path} を作れません）`
				: `ロックファイルを作れないため実行しません（${fsReason(error, "write")}）: ${path}`,
			1,
		);
	}
	try {
		writeSync(fd, text);
	} finally {
		closeSync(fd);
	}
	return true;
}

function readLock(path: string): LockInfo | "gone" | "unreadable" {
	let text: string;
	try {
		text = readFileSync(path, "utf8");
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "ENOENT"
			? "gone"
			: "unreadable";
	}
	try {
		const info = JSON.parse(text) as Partial<LockInfo>;
		if (typeof info.pid === "number" && typeof info.host === "string")
			return {
				pid: info.pid,
				host: info.host,
				command: String(info.command ?? "?"),
				startedAt: String(info.startedAt ?? ""),
			};
	} catch {
		// fall through: half-written
	}
	return "unreadable";
}

/** Only a process of this host can be checked; signal 0 tests for existence (EPERM: it exists). */
function isStale(info: LockInfo): boolean {
	if (info.host !== hostname()) return false;
	try {
		process.kill(info.pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === "ESRCH";
	}
}

/**
 * Removes the stale lock `seen`, unless another process replaced it meanwhile. Two processes
 * finding the same stale lock take turns through `.takeover` (itself O_EXCL), so neither can
 * remove the fresh lock the other has just made.
 */
function takeOverStale(path: string, seen: LockInfo): void {
	const guard = `${path}.takeover`;
	if (
		!createExclusive(
			guard,
			JSON.stringify({ pid: process.pid, host: hostname() }),
		)
	) {
		const holder = readLock(guard);
		if (holder !== "gone" && holder !== "unreadable" && isStale(holder))
			unlinkQuietly(guard);
		return;
	}
	try {
		const now = readLock(path);
		if (
			now !== "gone" &&
			now !== "unreadable" &&
			now.pid === seen.pid &&
			now.host === seen.host &&
			now.startedAt === seen.startedAt
		)
			unlinkQuietly(path);
	} finally {
		unlinkQuietly(guard);
	}
}

function unlinkQuietly(path: string): void {
	try {
		unlinkSync(path);
	} catch {
		// someone else removed it
	}
}

function refusal(
	bookPath: string,
	lockPath: string,
	other: LockInfo | "gone" | "unreadable",
): CliError {
	const advice = `終わってからもう一度実行してください。実行中のものがないのに残っている場合は ${lockPath} を削除してください`;
	if (other === "gone" || other === "unreadable")
		return new CliError(
			`${bookPath} はほかの処理が使用中です（ロックファイル ${lockPath}）。${advice}`,
			1,
		);
	const where =
		other.host === hostname()
			? `プロセス ${other.pid}`
			: `${other.host} の プロセス ${other.pid}`;
	const since = other.startedAt ? `、${startedText(other.startedAt)}開始` : "";
	return new CliError(
		`${bookPath} はほかのコマンドが使用中です（dx-progress ${other.command}、${where}${since}）。${advice}`,
		1,
	);
}

/** `2024/05/24 09:00:01`, Asia/Tokyo (the product's zone). */
function startedText(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return "";
	return new Intl.DateTimeFormat("ja-JP", {
		timeZone: "Asia/Tokyo",
		dateStyle: "medium",
		timeStyle: "medium",
	}).format(date);
}
