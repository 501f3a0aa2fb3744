/**
 * A file written whole or not at all: the bytes go to a temporary file in the same folder,
 * flushed to disk, then moved into place. Without `overwrite` an existing file is never
 * replaced — the move is a hard link, which fails when the name exists (on file systems
 * without hard links: a check just before a rename).
 */
import { randomBytes } from "node:crypto";
import {
	closeSync,
	existsSync,
	fsyncSync,
	linkSync,
	openSync,
	renameSync,
	unlinkSync,
	writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

/** Thrown (code EEXIST) when the file exists and `overwrite` is false. */
export function writeFileAtomic(
	path: string,
	data: string | Uint8Array,
	overwrite: boolean,
): void {
	const tmp = join(
		dirname(path),
		`.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
	);
	const fd = openSync(tmp, "wx");
	try {
		try {
			writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
		if (overwrite) renameSync(tmp, path);
		else placeNew(tmp, path);
	} finally {
		if (existsSync(tmp)) unlinkSync(tmp);
	}
}

function placeNew(tmp: string, path: string): void {
	try {
		linkSync(tmp, path);
		return;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS")
			throw error;
	}
	if (existsSync(path))
		throw Object.assign(new Error(`file exists: ${path}`), { code: "EEXIST" });
	renameSync(tmp, path);
}
