/**
 * 回答 files taken into the book (SPEC 9, `collect`; offline only). The command line has checked
 * each file (its identity and its locked cells) and hands over its rows; here each file's changed
 * input cells are written into the target year's entry sheet, validated and stamped as the edit
 * trigger does (canonical label, 状態, 入力者, 更新日時, highlight) and logged in 変更履歴 cell by
 * cell with the old and new value. A file is refused whole when a row it changed is not (or no
 * longer) its department's. Spreadsheet calls: a constant per run of the command, plus a constant
 * per file and per block of consecutive rows taken; never a read of the whole sheet unless rows
 * moved since the split.
 */
import {
	ANSWER_COLUMNS,
	ANSWER_RESULT,
	type AnswerBatch,
	type AnswerConflict,
	type AnswerFile,
	type AnswerFileOutcome,
	type AnswerRow,
	answerChanged,
	cellString,
	cellText,
	columnLetter,
	decideCell,
	ENTRY_COL,
	ENTRY_HEADERS,
	ENTRY_WIDTH,
	editLogRows,
	entryHeaderProblem,
	entrySheetName,
	fiscalYearLabel,
	keepTextRows,
	normalizeDepartmentName,
	readDepartments,
	type Scale,
	SHEET_NAMES,
	splitList,
	validateEntryRow,
} from "../domain";
import { isClosed } from "./access";
import { type Book, type Cell, readAll, type Sheet, UserError } from "./book";
import { appendEditLog } from "./edit-log";
import { withDocumentLock } from "./lock";
import { readSettings } from "./master-sheets";
import { requireDxOffice } from "./protections";
import { acceptedScale } from "./scale";
import type { ActionResult } from "./ui";
import { padEntryRow, writeVerdicts } from "./verdicts";

const ACTION = "回答ファイルの取り込み";

interface Context {
	sheet: Sheet;
	name: string;
	fiscalYear: number;
	/** The sheet's last row (a collect adds none). */
	lastRow: number;
	editorOf: (department: string) => string;
	/** The year's scale (acceptedScale): how 評価 is read and canonicalised. */
	scale: Scale;
	/** 取組No → sheet row, read once when a file's rows are not where they were sent from. */
	index?: Map<string, number>;
	log: unknown[][];
}

export function takeAnswers(
	book: Book,
	now: Date,
	batch: AnswerBatch | undefined,
): ActionResult {
	if (!batch || !Array.isArray(batch.files))
		throw new UserError(
			`${ACTION}は、コマンドライン（dx-progress collect ブック 回答ファイル）から実行します。`,
		);
	return withDocumentLock(() => {
		const { settings } = readSettings(book, now);
		requireDxOffice(settings, ACTION);
		const fiscalYear = settings.fiscalYear;
		const label = fiscalYearLabel(fiscalYear);
		if (isClosed(fiscalYear))
			// Only the command line collects; it puts the book's file name for {book}.
			throw new UserError(
				`${label}は締めているため、回答を取り込めません。取り込むには先に締めを解除してください（dx-progress close-year {book} --reopen）。`,
			);
		const sheet = entrySheet(book, fiscalYear);
		const context: Context = {
			sheet,
			lastRow: sheet.getLastRow(),
			name: entrySheetName(fiscalYear),
			fiscalYear,
			editorOf: editorLookup(book),
			scale: acceptedScale(fiscalYear),
			log: [],
		};
		const files = batch.files.map((f) => takeFile(context, f));
		appendEditLog(book, context.log);
		const count = (r: string) => files.filter((f) => f.result === r).length;
		return {
			ok: true,
			message: `回答ファイル${files.length}件：${ANSWER_RESULT.taken} ${count(ANSWER_RESULT.taken)}件、${ANSWER_RESULT.unchanged} ${count(ANSWER_RESULT.unchanged)}件、${ANSWER_RESULT.refused} ${count(ANSWER_RESULT.refused)}件。`,
			files,
			sheet: context.name,
			fiscalYear,
		};
	});
}

function entrySheet(book: Book, fiscalYear: number): Sheet {
	const name = entrySheetName(fiscalYear);
	const sheet = book.getSheetByName(name);
	if (!sheet)
		throw new UserError(
			`${fiscalYearLabel(fiscalYear)}の評価シート「${name}」がありません。設定の「対象年度」を確認してください。`,
		);
	const header = sheet.getRange(1, 1, 1, ENTRY_WIDTH).getValues()[0] ?? [];
	const problem = entryHeaderProblem(header, name);
	if (problem) throw new UserError(problem);
	return sheet;
}

/** 入力者 of a department's answers: its first address, or its name when it has none (SPEC 9). */
function editorLookup(book: Book): (department: string) => string {
	const sheet = book.getSheetByName(SHEET_NAMES.departments);
	const departments = sheet ? readDepartments(readAll(sheet)) : [];
	const first = new Map(departments.map((d) => [d.name, d.emails[0]]));
	return (department) => first.get(department) ?? department;
}

function takeFile(context: Context, file: AnswerFile): AnswerFileOutcome {
	const base = {
		file: file.file,
		department: file.department,
		rows: 0,
		cells: 0,
		fix: 0,
		conflicts: [] as AnswerConflict[],
	};
	const refuse = (reason: string): AnswerFileOutcome => ({
		...base,
		result: ANSWER_RESULT.refused,
		reason,
	});
	if (file.fiscalYear !== context.fiscalYear)
		return refuse(
			`${fiscalYearLabel(file.fiscalYear)}の照会ファイルです（ブックの対象年度は${fiscalYearLabel(context.fiscalYear)}）`,
		);
	const changed = file.rows.filter(answerChanged);
	if (changed.length === 0) return { ...base, result: ANSWER_RESULT.unchanged };
	const found = locate(context, changed);
	if (typeof found === "string")
		return refuse(`取組No ${found} がブックの「${context.name}」にありません`);
	const foreign = found.values.findIndex((v) => !ownedBy(v, file.department));
	if (foreign >= 0) {
		const owners = cellString(found.values[foreign]?.[ENTRY_COL.departments]);
		return refuse(
			`取組No ${changed[foreign]?.no} は${file.department}の担当ではありません（ブックの担当課: ${owners || "なし"}）`,
		);
	}
	const taken = merge(context, file, changed, found);
	return {
		...base,
		...taken,
		result: taken.rows > 0 ? ANSWER_RESULT.taken : ANSWER_RESULT.unchanged,
	};
}

function ownedBy(row: readonly Cell[], department: string): boolean {
	return splitList(cellString(row[ENTRY_COL.departments]))
		.map(normalizeDepartmentName)
		.includes(department);
}

interface Located {
	/** Sheet row (1-based) of each changed row, and its values now. */
	rows: number[];
	values: Cell[][];
}

/**
 * The book's rows for `changed`: where they were sent from (one read of their span), or, when the
 * sheet changed since (rows inserted or restored by the master), found by 取組No. Returns the
 * first 取組No that is not in the sheet.
 */
function locate(context: Context, changed: AnswerRow[]): Located | string {
	const sent = changed.map((r) => r.row);
	if (sent.every((r) => r >= 2 && r <= context.lastRow)) {
		const found = readRows(context.sheet, sent);
		if (
			found.values.every(
				(v, i) => cellString(v[ENTRY_COL.no]) === changed[i]?.no,
			)
		)
			return found;
	}
	context.index ??= noIndex(context.sheet, context.lastRow);
	const rows: number[] = [];
	for (const r of changed) {
		const row = context.index.get(r.no);
		if (row === undefined) return r.no;
		rows.push(row);
	}
	return readRows(context.sheet, rows);
}

/** The values of `rows` (1-based, within the sheet), in one read of their span. */
function readRows(sheet: Sheet, rows: number[]): Located {
	const first = Math.min(...rows);
	const last = Math.max(...rows);
	const span = sheet
		.getRange(first, 1, last - first + 1, ENTRY_WIDTH)
		.getValues() as Cell[][];
	return { rows, values: rows.map((r) => span[r - first] ?? []) };
}

function noIndex(sheet: Sheet, last: number): Map<string, number> {
	const index = new Map<string, number>();
	if (last < 2) return index;
	sheet
		.getRange(2, ENTRY_COL.no + 1, last - 1, 1)
		.getValues()
		.forEach((v, i) => {
			index.set(cellString(v[0]), i + 2);
		});
	return index;
}

interface RowWrite {
	row: number;
	full: unknown[];
}

/** Decides every changed cell, then writes the rows taken in blocks of consecutive rows. */
function merge(
	context: Context,
	file: AnswerFile,
	changed: AnswerRow[],
	found: Located,
): Pick<AnswerFileOutcome, "rows" | "cells" | "fix" | "conflicts"> {
	const editor = context.editorOf(file.department);
	const writes: RowWrite[] = [];
	const conflicts: AnswerConflict[] = [];
	let cells = 0;
	changed.forEach((answer, i) => {
		const row = found.rows[i] as number;
		const before = padEntryRow(found.values[i] ?? []);
		const full = [...before];
		let took = false;
		ANSWER_COLUMNS.forEach((c, k) => {
			const decision = decideCell(
				answer.sent[k],
				answer.answer[k],
				before[c],
				c,
				context.scale,
			);
			if (decision === "conflict")
				conflicts.push(
					conflict(answer.no, row, c, before[c], answer.answer[k]),
				);
			if (decision !== "take") return;
			full[c] = answer.answer[k] ?? "";
			took = true;
			cells++;
			context.log.push(
				...editLogRows({
					at: file.savedAt,
					user: editor,
					sheet: context.name,
					block: { row, col: c + 1, numRows: 1, numCols: 1 },
					rowsAfter: [full],
					firstRowRead: row,
					oldValue: before[c] === "" ? undefined : before[c],
					value: answer.answer[k],
				}),
			);
		});
		if (took) writes.push({ row, full });
	});
	const fix = writeRuns(context, writes, editor, file.savedAt);
	return { rows: writes.length, cells, fix, conflicts };
}

function conflict(
	no: string,
	row: number,
	column: number,
	book: unknown,
	file: unknown,
): AnswerConflict {
	return {
		no,
		cell: `${columnLetter(column)}${row}`,
		column: ENTRY_HEADERS[column] ?? "",
		book: cellText(book),
		file: cellText(file),
	};
}

/**
 * Each block of consecutive rows: the input cells (評価 already canonical) in one write, then
 * 状態/入力者/更新日時 and the highlight as the edit trigger writes them. Returns the rows to fix.
 */
function writeRuns(
	context: Context,
	writes: RowWrite[],
	editor: string,
	at: Date,
): number {
	writes.sort((a, b) => a.row - b.row);
	let fix = 0;
	let start = 0;
	for (let i = 1; i <= writes.length; i++) {
		const prev = writes[i - 1] as RowWrite;
		if (i < writes.length && (writes[i] as RowWrite).row === prev.row + 1)
			continue;
		const run = writes.slice(start, i);
		const verdicts = run.map((w) => validateEntryRow(w.full, context.scale));
		fix += verdicts.filter((v) => v.fix).length;
		const first = (run[0] as RowWrite).row;
		const inputs = run.map((w, k) =>
			ANSWER_COLUMNS.map((c) =>
				c === ENTRY_COL.rating ? verdicts[k]?.rating : w.full[c],
			),
		);
		context.sheet
			.getRange(
				first,
				(ANSWER_COLUMNS[0] as number) + 1,
				run.length,
				ANSWER_COLUMNS.length,
			)
			.setValues(keepTextRows(inputs));
		// The canonical labels are in the block just written: no second write of 評価.
		writeVerdicts(
			context.sheet,
			first,
			verdicts.map((v) => ({ ...v, ratingChanged: false })),
			(v) => [v.status, editor, at],
		);
		start = i;
	}
	return fix;
}
