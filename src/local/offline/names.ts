/**
 * The name of a department's 照会 file, `<年度>_<課名>.xlsx` (SPEC 9, e.g. `R6_市民課.xlsx`): one
 * function, used by `split` to write it and by `remind --attach` to find it.
 */
import { fiscalYearShort } from "../../domain";

/**
 * Characters Windows does not allow in a file name (learn.microsoft.com, "Naming Files, Paths,
 * and Namespaces": < > : " / \ | ? * and the control characters 0–31), each replaced by `_`.
 */
const NOT_IN_WINDOWS_NAMES = /[<>:"/\\|?*]/g;

export function answerFileName(fiscalYear: number, department: string): string {
	// Windows also drops a trailing dot or space from a name; keep them visible as `_`.
	const safe = Array.from(department, (ch) =>
		ch.charCodeAt(0) < 0x20 ? "_" : ch,
	)
		.join("")
		.replace(NOT_IN_WINDOWS_NAMES, "_")
		.replace(/[. ]+$/, (tail) => "_".repeat(tail.length));
	return `${fiscalYearShort(fiscalYear)}_${safe}.xlsx`;
}
