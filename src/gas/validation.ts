/**
 * Validation as typed (handleEdit) and of every row (全行を検証): SPEC 4. Both read and write in
 * blocks; an edit costs a constant number of calls whatever the paste size.
 */
import {
	busyEditLogRow,
	ENTRY_COL,
	ENTRY_WIDTH,
	editLogRows,
	entryHeaderProblem,
	INPUT_COLUMNS,
	KPI_ENTRY_COL,
	KPI_ENTRY_WIDTH,
	type KpiRow,
	kpiHeaderProblem,
	kpiSheetName,
	type Problem,
	parseEntrySheetName,
	parseKpiSheetName,
	type RowToFix,
	rowsToFix,
	STATUS_FIX_PREFIX,
	validateEntryRow,
	validateKpiRow,
} from "../domain";
import { checkAndRepairEntry, isClosed } from "./access";
import { type Book, type Sheet, UserError } from "./book";
import { codeAccessProblems } from "./deployment";
import { appendEditLog, appendEditLogUnlocked } from "./edit-log";
import { checkKpis, type KpiCheck, padKpiRow, writeKpiVerdicts } from "./kpi";
import { withDocumentLock } from "./lock";
import { problemsMessage } from "./problems";
import { checkAndRepairAdminSheets, requireDxOffice } from "./protections";
import { acceptedScale, setRatingDropdown } from "./scale";
import { unsharedDepartments } from "./sharing";
import type { ActionResult } from "./ui";
import { padEntryRow, writeVerdicts } from "./verdicts";
import { loadYear, revalidate, type YearData } from "./year";

/** 入力者 when Apps Script does not reveal who edited (reference/base/session#getActiveUser). */
export const EDITOR_UNKNOWN = "（取得できません）";

export interface EditOutcome {
	checked: number;
	skipped?: string;
}

/** What the edit trigger does on one kind of sheet the departments type into. */
interface EditedSheet {
	/** Columns read from each edited row. */
	width: number;
	/** 1-based first and last input column. */
	inputs: { first: number; last: number };
	headerProblem: (header: readonly unknown[], name: string) => string | null;
	/** Validates rows firstRow… (values as read) and writes the verdicts, stamped. */
	check: (sheet: Sheet, firstRow: number, rows: unknown[][]) => void;
}

/** The entry sheet (評価_R6) or the KPI sheet (KPI_R6) of a year; null for any other sheet. */
function editedSheet(
	name: string,
	editor: string,
	now: Date,
): EditedSheet | null {
	const fiscalYear = parseEntrySheetName(name);
	if (fiscalYear !== null)
		return {
			width: ENTRY_WIDTH,
			inputs: INPUT_COLUMNS,
			headerProblem: entryHeaderProblem,
			check: (sheet, firstRow, rows) => {
				const scale = acceptedScale(fiscalYear);
				const verdicts = rows.map((r) =>
					validateEntryRow(padEntryRow(r), scale),
				);
				// Rows below the table that stay empty get no 入力者/更新日時.
				writeVerdicts(sheet, firstRow, verdicts, (v) =>
					v.hasInput || v.status ? [v.status, editor, now] : ["", "", ""],
				);
			},
		};
	if (parseKpiSheetName(name) === null) return null;
	return {
		width: KPI_ENTRY_WIDTH,
		inputs: { first: KPI_ENTRY_COL.actual + 1, last: KPI_ENTRY_COL.actual + 1 },
		headerProblem: kpiHeaderProblem,
		check: (sheet, firstRow, rows) => {
			const verdicts = rows.map((r) => validateKpiRow(padKpiRow(r)));
			writeKpiVerdicts(sheet, firstRow, verdicts, (v) =>
				v.hasInput || v.status ? [editor, now] : ["", ""],
			);
		},
	};
}

/**
 * The installable edit trigger's work on an entry sheet or a KPI sheet: the edit goes to
 * 変更履歴, and the edited rows are validated when the edit touches the input columns. A
 * constant number of calls whatever the paste size.
 */
export function validateEdit(
	e: GoogleAppsScript.Events.SheetsOnEdit,
	now: Date,
): EditOutcome {
	const range = e.range;
	const sheet = range.getSheet();
	const name = sheet.getName();
	const editor = e.user?.getEmail() || EDITOR_UNKNOWN;
	const kind = editedSheet(name, editor, now);
	if (!kind) return { checked: 0, skipped: "not an entry sheet" };
	const block = {
		row: range.getRow(),
		col: range.getColumn(),
		numRows: range.getNumRows(),
		numCols: range.getNumColumns(),
	};
	return withDocumentLock(
		() => {
			const lastRow = block.row + block.numRows - 1;
			const rows = sheet
				.getRange(
					block.row,
					1,
					block.numRows,
					Math.max(kind.width, block.col + block.numCols - 1),
				)
				.getValues();
			appendEditLog(
				e.source,
				editLogRows({
					at: now,
					user: editor,
					sheet: name,
					block,
					rowsAfter: rows,
					firstRowRead: block.row,
					oldValue: e.oldValue,
					value: e.value,
				}),
			);
			const firstRow = Math.max(block.row, 2);
			const lastCol = block.col + block.numCols - 1;
			if (lastRow < firstRow) return { checked: 0, skipped: "header row" };
			if (lastCol < kind.inputs.first || block.col > kind.inputs.last) {
				return { checked: 0, skipped: "outside the input columns" };
			}
			const header =
				block.row === 1
					? (rows[0] ?? [])
					: (sheet.getRange(1, 1, 1, kind.width).getValues()[0] ?? []);
			// A changed header is reported by 全行を検証; writing by position would then be wrong.
			if (kind.headerProblem(header, name))
				return { checked: 0, skipped: "header changed" };
			const body = rows.slice(firstRow - block.row);
			kind.check(sheet, firstRow, body);
			return { checked: body.length };
		},
		10_000,
		() => {
			// Another run holds the document: the edit is still put on record; 全行を検証 and the
			// daily job validate the row later (SPEC 4).
			appendEditLogUnlocked(
				e.source,
				busyEditLogRow(
					now,
					editor,
					name,
					range.getA1Notation(),
					e.oldValue,
					e.value,
				),
			);
			return { checked: 0, skipped: "document busy: logged, validated later" };
		},
	);
}

/** 全行を検証: every row of the target year's entry sheet, plus the master. */
export function validateAll(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const year = loadYear(book, now);
		const office = requireDxOffice(year.settings.settings, "全行を検証");
		// A change of 評価区分 that would strand ratings is refused before anything is written.
		if (year.scaleRefusal) throw new UserError(year.scaleRefusal);
		const { problems, counts, read, rowsAdded, kpi } = revalidate(year);
		// The dropdown follows the scale (it may have changed since the sheet was made).
		setRatingDropdown(
			year.sheet,
			ENTRY_COL.rating + 1,
			2,
			year.values.length - 1,
			year.scale,
		);
		// The rows to fix, each with its 担当課, cell and reason, so the DX office can chase them.
		const rows = rowsToFix(read.rows);
		const protection = checkAndRepairEntry(
			year.sheet,
			year.values,
			year.settings.settings,
			year.master.draft.departments,
		);
		const admin = checkAndRepairAdminSheets(book, office);
		const fiscalYear = year.settings.settings.fiscalYear;
		const kpis = yearKpis(book, year, kpi?.rows ?? null);
		// The deployment comes first: it matters more than any row (and the list is cut after a few).
		problems.unshift(...codeAccessProblems(office));
		const sheetProblems: Problem[] = [
			...admin.map(({ sheet, message }) => ({
				sheet,
				row: null,
				message,
				level: "warning" as const,
			})),
			...protection.map((message) => ({
				sheet: year.name,
				row: null,
				message,
				level: "warning" as const,
			})),
			...kpis.problems,
			...unsharedDepartments(book, year.master.draft.departments),
		];
		const shown = [
			...problems,
			...rows.map((r) => rowProblem(year.name, r)),
			...kpis.rows.map((r) => rowProblem(kpiSheetName(fiscalYear), r)),
			...sheetProblems,
		];
		const summary = `${year.name} を検証しました：入力済 ${counts.done}件、未入力 ${counts.blank}件、要修正 ${counts.fix}件。${kpis.note}`;
		const message =
			shown.length > 0
				? problemsMessage(`${summary}\n次の点を確認してください。`, shown)
				: summary;
		return {
			ok: true,
			message,
			...counts,
			problems: [...problems, ...sheetProblems],
			rows: [...rows, ...kpis.rows],
			rowsAdded,
			sheet: year.name,
			fiscalYear,
			kpi: kpis.counts,
		};
	});
}

/** 全行を検証's KPI part (checkKpis), and the line its counts add to the result. */
function yearKpis(
	book: Book,
	year: YearData,
	rows: readonly KpiRow[] | null,
): KpiCheck & { note: string } {
	const fiscalYear = year.settings.settings.fiscalYear;
	const check = checkKpis(
		book,
		fiscalYear,
		{ sheet: year.kpi, rows },
		year.master.plan,
		year.settings.settings,
		isClosed(fiscalYear),
	);
	const c = check.counts;
	return {
		...check,
		note: c
			? `KPIの実績値：入力済 ${c.done}件、未入力 ${c.blank}件、要修正 ${c.fix}件。`
			: "",
	};
}

/** A row to fix as the dialog lists it: `評価_R6 シート 12行目: 取組No「12」要修正：…`. */
function rowProblem(sheet: string, r: RowToFix): Problem {
	return {
		sheet,
		row: r.row,
		message: `取組No「${r.no}」${STATUS_FIX_PREFIX}${r.reason}（${r.department}、${r.cell}）`,
		level: "warning",
	};
}
