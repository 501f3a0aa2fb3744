/**
 * A problem found in user input, in Japanese, located by sheet and row so the DX office can fix it.
 *
 * `level` "error" makes the input unusable (e.g. parsePlan returns plan: null); "warning" is worth
 * telling but does not block (e.g. a department with no mail address yet).
 */
export interface Problem {
	sheet: string;
	/** 1-based sheet row, or null when the problem is about the sheet as a whole. */
	row: number | null;
	message: string;
	level: "error" | "warning";
	/** The 設定 項目 or the master column the problem is about, where it is one (see blocksTally). */
	field?: string;
}

export function problem(
	sheet: string,
	row: number | null,
	message: string,
	level: "error" | "warning" = "error",
	field?: string,
): Problem {
	return field === undefined
		? { sheet, row, message, level }
		: { sheet, row, message, level, field };
}

/** `取組 シート 12行目: 重点施策「IV-1」は重点施策シートにありません` */
export function formatProblem(
	p: Pick<Problem, "sheet" | "row" | "message">,
): string {
	const where =
		p.row === null ? `${p.sheet} シート` : `${p.sheet} シート ${p.row}行目`;
	return `${where}: ${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
	return problems.some((p) => p.level === "error");
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = "";
	while (n > 0) {
		const r = (n - 1) % 26;
		out = String.fromCharCode(65 + r) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}
