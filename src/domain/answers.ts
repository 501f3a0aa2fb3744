/**
 * 回答 files merged into the book (SPEC 9, `collect`): what the command line hands the bundle, what
 * the bundle answers, and the pure rule deciding each input cell. A cell is taken when the file
 * changed it since it was sent and the book did not; when both changed it to different values it is
 * a conflict and the book's value stays; the same value from two sides is no change at all.
 */
import { DEPARTMENT_EDITABLE_COLUMNS, ENTRY_COL } from "./entry";
import { canonicalRatingCell, DEFAULT_SCALE, type Scale } from "./ratings";

/** 0-based entry-sheet columns of 評価, 主な取組実績, 評価理由・課題, in that order. */
export const ANSWER_COLUMNS: readonly number[] =
	DEPARTMENT_EDITABLE_COLUMNS.map((k) => ENTRY_COL[k]);

/** One row of a 照会 file: its input cells as sent and as returned. */
export interface AnswerRow {
	/** The book's entry-sheet row (1-based) the row was copied from. */
	row: number;
	no: string;
	/** 評価, 主な取組実績, 評価理由・課題 (ANSWER_COLUMNS order). */
	sent: unknown[];
	answer: unknown[];
}

/** A returned file that passed the command line's checks (identity, locked cells). */
export interface AnswerFile {
	/** The file's name as shown in the output. */
	file: string;
	department: string;
	fiscalYear: number;
	/** When the department saved the file: 更新日時 and 変更履歴 日時 of what is taken. */
	savedAt: Date;
	rows: AnswerRow[];
}

export interface AnswerBatch {
	files: AnswerFile[];
}

export const ANSWER_RESULT = {
	taken: "取込",
	unchanged: "変更なし",
	refused: "拒否",
} as const;

type AnswerResult = (typeof ANSWER_RESULT)[keyof typeof ANSWER_RESULT];

/** A cell both the book (after the split) and the file changed, to different values. */
export interface AnswerConflict {
	no: string;
	/** The book's cell, e.g. `F12`. */
	cell: string;
	/** The column's header, e.g. `評価`. */
	column: string;
	book: string;
	file: string;
}

export interface AnswerFileOutcome {
	file: string;
	department: string;
	result: AnswerResult;
	/** Why the file was refused (ANSWER_RESULT.refused only). */
	reason?: string;
	/** Rows written into the book, and their input cells that changed. */
	rows: number;
	cells: number;
	/** Rows taken whose 状態 is 要修正 after validation. */
	fix: number;
	conflicts: AnswerConflict[];
}

/**
 * What makes two cell values the same after an .xlsx round trip and a person's typing: the
 * rating's canonical label (`a` is `A 順調に進んだ`), line breaks as `\n` (Excel and LibreOffice
 * write them differently), numbers to 15 significant digits and times within a second (what
 * LibreOffice keeps of a date's serial number).
 */
export function sameAnswer(
	a: unknown,
	b: unknown,
	column: number,
	scale: Scale = DEFAULT_SCALE,
): boolean {
	const x = column === ENTRY_COL.rating ? canonicalRatingCell(a, scale) : a;
	const y = column === ENTRY_COL.rating ? canonicalRatingCell(b, scale) : b;
	if (x instanceof Date && y instanceof Date)
		return Math.abs(x.getTime() - y.getTime()) < 1000;
	return answerKey(x) === answerKey(y);
}

function answerKey(v: unknown): string {
	if (v === null || v === undefined) return "";
	if (v instanceof Date) return `d:${v.getTime()}`;
	if (typeof v === "number") return String(Number(v.toPrecision(15)));
	if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
	return String(v).replace(/\r\n?/g, "\n");
}

type CellDecision = "same" | "take" | "conflict";

/**
 * One input cell: `same` when the file left it as sent or already agrees with the book, `take`
 * when only the file changed it, `conflict` when the book changed it after the split too.
 */
export function decideCell(
	sent: unknown,
	answer: unknown,
	book: unknown,
	column: number,
	scale: Scale = DEFAULT_SCALE,
): CellDecision {
	const same = (x: unknown, y: unknown) => sameAnswer(x, y, column, scale);
	if (same(answer, sent) || same(answer, book)) return "same";
	return same(book, sent) ? "take" : "conflict";
}

/** Did the file change any input cell of this row since it was sent? */
export function answerChanged(row: AnswerRow): boolean {
	return ANSWER_COLUMNS.some(
		(c, i) => !sameAnswer(row.answer[i], row.sent[i], c),
	);
}
