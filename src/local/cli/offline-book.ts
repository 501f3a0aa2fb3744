/**
 * The book as split and collect change it: opened in the runtime, worked on, saved once when the
 * work asks for it. Their one call site of openBook/runtimeFor/saveBook, the place to adopt the
 * lock harness of book-session.
 */
import type { LocalRuntime } from "../runtime/runtime";
import { openBook, runtimeFor, saveBook } from "./book-session";

export async function changeBook<T>(
	path: string,
	work: (rt: LocalRuntime) => Promise<{ result: T; save: boolean }>,
): Promise<T> {
	const workbook = await openBook(path);
	const rt = runtimeFor(workbook);
	const { result, save } = await work(rt);
	if (save) await saveBook(workbook, path);
	return result;
}
