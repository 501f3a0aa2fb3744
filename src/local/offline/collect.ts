/**
 * `collect` (SPEC 9): each returned file is read and checked here — readable, its signed identity
 * this book's, no locked cell changed — and the files that pass go to the bundle's importAnswers
 * in one execution, which takes the input cells, validates and logs them as the edit trigger does
 * and refuses a file that changed a row its department does not own.
 */
import { basename } from "node:path";
import {
	ANSWER_COLUMNS,
	ANSWER_RESULT,
	type AnswerFile,
	type AnswerFileOutcome,
	cellString,
	columnLetter,
	entryLayoutWidth,
	sameAnswer,
} from "../../domain";
import { callActionOrThrow } from "../run-action";
import { getCell, type SheetModel, type WorkbookModel } from "../runtime/model";
import type { LocalRuntime } from "../runtime/runtime";
import { loadWorkbook, WorkbookFileError } from "../runtime/xlsx";
import { decodeCell, type FormIdentity, readIdentity } from "./identity";

/** A returned file checked on the local side: ready for the bundle, or refused already. */
type Returned =
	| { ok: true; answers: AnswerFile }
	| { ok: false; outcome: AnswerFileOutcome };

function refused(file: string, department: string, reason: string): Returned {
	return {
		ok: false,
		outcome: {
			file,
			department,
			result: ANSWER_RESULT.refused,
			reason,
			rows: 0,
			cells: 0,
			fix: 0,
			conflicts: [],
		},
	};
}

/**
 * Reads one returned file. `savedAt` of the answers is when the department saved it (the file's
 * own record), or `now` when the file records none.
 */
async function readReturned(
	path: string,
	book: WorkbookModel,
	now: Date,
): Promise<Returned> {
	const name = basename(path);
	let trusted = true;
	let file: WorkbookModel;
	try {
		file = await loadWorkbook(path, {
			onWarning: () => {
				trusted = false;
			},
		});
	} catch (error) {
		if (error instanceof WorkbookFileError)
			return refused(name, "", `読み込めません（${error.message}）`);
		throw error;
	}
	const check = readIdentity(file, book, trusted);
	if (!check.ok) return refused(name, "", check.reason);
	const { identity } = check;
	const sheet = file.sheets.find((s) => s.name === identity.sheet);
	if (!sheet)
		return refused(
			name,
			identity.department,
			`「${identity.sheet}」シートがありません（シート名を変えないでください）`,
		);
	const locked = lockedChange(sheet, identity);
	if (locked) return refused(name, identity.department, locked);
	return {
		ok: true,
		answers: {
			file: name,
			department: identity.department,
			fiscalYear: identity.fiscalYear,
			savedAt: file.savedAt ?? now,
			rows: identity.rows.map((r, i) => ({
				row: r.row,
				no: cellString(decodeCell(r.cells[0])),
				sent: ANSWER_COLUMNS.map((c) => decodeCell(r.cells[c])),
				answer: ANSWER_COLUMNS.map((c) => getCell(sheet, i + 1, c)),
			})),
		},
	};
}

/**
 * The first cell outside the input cells that differs from what was sent: the header, the
 * locked columns of every row, and anything typed beyond the table. Null when there is none.
 */
function lockedChange(
	sheet: SheetModel,
	identity: FormIdentity,
): string | null {
	const n = identity.rows.length;
	const at = (r: number, c: number) => `${columnLetter(c)}${r + 1}`;
	// The columns sent: the fixed ones, and last year's answers when the book's sheet had them.
	const width = entryLayoutWidth(identity.header);
	for (let c = 0; c < width; c++)
		if (!sameAnswer(getCell(sheet, 0, c), identity.header[c], c))
			return `見出しのセル ${at(0, c)} が変更されています`;
	const inputs = new Set(ANSWER_COLUMNS);
	for (let i = 0; i < n; i++) {
		const cells = identity.rows[i]?.cells ?? [];
		for (let c = 0; c < width; c++) {
			if (inputs.has(c)) continue;
			if (!sameAnswer(getCell(sheet, i + 1, c), decodeCell(cells[c]), c))
				return `保護されたセル ${at(i + 1, c)}（${identity.header[c] ?? ""}、取組No ${cellString(decodeCell(cells[0]))}）が変更されています`;
		}
	}
	for (let r = 0; r < sheet.values.length; r++) {
		const row = sheet.values[r] ?? [];
		const from = r <= n ? width : 0;
		for (let c = from; c < row.length; c++)
			if (row[c] !== "") return `表の外のセル ${at(r, c)} に入力があります`;
	}
	return null;
}

/** The bundle's importAnswers on the files that passed: one execution, one 変更履歴 block. */
function mergeAnswers(
	rt: LocalRuntime,
	files: AnswerFile[],
): AnswerFileOutcome[] {
	if (files.length === 0) return [];
	const outcome = callActionOrThrow(rt, "importAnswers", [{ files }]);
	return outcome.files as AnswerFileOutcome[];
}

/** Every file in order: read and checked, then the passing ones merged together. */
export async function collectFiles(
	rt: LocalRuntime,
	paths: readonly string[],
	now: Date,
): Promise<AnswerFileOutcome[]> {
	const read: Returned[] = [];
	for (const path of paths)
		read.push(await readReturned(path, rt.workbook, now));
	const merged = mergeAnswers(
		rt,
		read.flatMap((r) => (r.ok ? [r.answers] : [])),
	);
	let next = 0;
	return read.map((r) =>
		r.ok ? (merged[next++] as AnswerFileOutcome) : r.outcome,
	);
}
