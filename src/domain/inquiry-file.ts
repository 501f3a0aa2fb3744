/**
 * The 照会 file of a department (SPEC 9): `split` writes it, `remind --attach` attaches it, both
 * by this one name — `<年度>_<課名>.xlsx`, e.g. `R6_市民課.xlsx`.
 */
import { fiscalYearShort } from "./fiscal-year";

/**
 * The file name for `department`'s 照会 file of `fiscalYear`. Characters no file system accepts
 * (\ / : * ? " < > |, controls) become `_`; leading and trailing dots and spaces are dropped.
 */
export function inquiryFileName(
	fiscalYear: number,
	department: string,
): string {
	const name = department
		.normalize("NFC")
		// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
		.replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, "_")
		.replace(/^[.\s]+|[.\s]+$/g, "");
	return `${fiscalYearShort(fiscalYear)}_${name === "" ? "_" : name}.xlsx`;
}
