/**
 * The KPI sheets (SPEC 11): the DX office's KPI sheet (the indicators) and each year's KPI entry
 * sheet `KPI_R6`, where departments type 実績値 into their own rows only (range protections like
 * the entry sheet's). Read and written in blocks: the calls stay constant whatever the number of
 * indicators.
 */
import {
	columnLetter,
	DATE_TIME_FORMAT,
	type Department,
	entryOrder,
	inputGroups,
	KPI_ENTRY_COL,
	KPI_ENTRY_WIDTH,
	type Kpi,
	type KpiRow,
	type KpiVerdict,
	keepText,
	keepTextRows,
	kpiEntryValues,
	kpiHeaderProblem,
	kpiSheetName,
	type Plan,
	type Problem,
	parseKpis,
	problem,
	type RowToFix,
	readKpiRows,
	type Settings,
	SHEET_NAMES,
	STATUS_DONE,
	STATUS_FIX_PREFIX,
	syncDepartments,
	validateKpiRow,
} from "../domain";
import { type Book, type Cell, ensureGrid, readAll, type Sheet } from "./book";
import {
	checkEntryProtections,
	dxOfficeAccounts,
	protectEntrySheet,
} from "./protections";
import { FIX_BACKGROUND, styleHeader } from "./sheet-style";
import { statusRules } from "./verdicts";

const KPI_WIDTHS = [
	45, 190, 90, 200, 90, 60, 80, 80, 80, 90, 70, 160, 130, 100,
];
const KPI_INPUT = { first: KPI_ENTRY_COL.actual, count: 1 };

/** The KPI sheet's indicators (none when the sheet is missing: a workbook made before it). */
export function readKpiMaster(
	book: Book,
	plan: Plan | null,
): { kpis: Kpi[]; problems: Problem[] } {
	const sheet = book.getSheetByName(SHEET_NAMES.kpis);
	return sheet ? parseKpis(readAll(sheet), plan) : { kpis: [], problems: [] };
}

/**
 * Makes the year's KPI entry sheet from the indicators (`plan` in entry-sheet order), under a
 * temporary name renamed when complete. Returns its name, or null when there are no indicators.
 */
export function createKpiSheet(
	book: Book,
	fiscalYear: number,
	plan: Plan,
	kpis: readonly Kpi[],
	settings: Settings,
): string | null {
	const values = kpiEntryValues(plan, kpis);
	if (values.length < 2) return null;
	const name = kpiSheetName(fiscalYear);
	const building = `${name}（作成中）`;
	const stale = book.getSheetByName(building);
	if (stale) book.deleteSheet(stale);
	const sheet = book.insertSheet(building);
	const rows = values.length;
	ensureGrid(sheet, rows, KPI_ENTRY_WIDTH);
	sheet.getRange(1, 1, rows, KPI_ENTRY_WIDTH).setValues(keepTextRows(values));
	styleHeader(sheet, KPI_ENTRY_WIDTH, KPI_WIDTHS);
	sheet.setFrozenColumns(1);
	const body = rows - 1;
	sheet
		.getRange(2, 1, body, KPI_ENTRY_WIDTH)
		.setWrap(true)
		.setVerticalAlignment("top");
	// 実績値 as typed text: Sheets would read `12.5%` as 0.125 (parseKpiNumber reads it as 12.5).
	sheet.getRange(2, KPI_ENTRY_COL.actual + 1, body, 1).setNumberFormat("@");
	sheet.getRange(2, KPI_ENTRY_COL.rate + 1, body, 1).setNumberFormat("0.0%");
	sheet
		.getRange(2, KPI_ENTRY_COL.updatedAt + 1, body, 1)
		.setNumberFormat(DATE_TIME_FORMAT);
	sheet.setConditionalFormatRules(
		statusRules(sheet.getRange(2, KPI_ENTRY_COL.status + 1, body, 1)),
	);
	protectKpi(
		sheet,
		values as Cell[][],
		settings,
		plan.departments,
		false,
		name,
	);
	sheet.setName(name);
	return name;
}

function kpiGroups(values: Cell[][], departments: readonly Department[]) {
	return inputGroups(
		readKpiRows(values).map((r) => ({
			row: r.row,
			departments: r.departments,
		})),
		departments,
	);
}

/** The whole sheet the DX office's, each department's 実績値 cells its own (none when closed). */
export function protectKpi(
	sheet: Sheet,
	values: Cell[][],
	settings: Settings,
	departments: readonly Department[],
	closed: boolean,
	name = sheet.getName(),
): void {
	protectEntrySheet(
		sheet,
		kpiGroups(values, departments),
		dxOfficeAccounts(settings),
		closed,
		name,
		KPI_INPUT,
	);
}

/** As checkAndRepairEntry, for the KPI entry sheet. */
function checkAndRepairKpi(
	sheet: Sheet,
	values: Cell[][],
	settings: Settings,
	departments: readonly Department[],
	closed: boolean,
): string[] {
	const office = dxOfficeAccounts(settings);
	const groups = kpiGroups(values, departments);
	const { problems } = checkEntryProtections(sheet, groups, office, closed);
	if (problems.length > 0)
		protectEntrySheet(
			sheet,
			groups,
			office,
			closed,
			sheet.getName(),
			KPI_INPUT,
		);
	return problems.map((p) => `${p}（保護を作り直しました）`);
}

export interface KpiSheet {
	name: string;
	sheet: Sheet;
	values: Cell[][];
	/** Why the sheet cannot be used (its header was changed), or null. */
	problem: string | null;
}

/** The year's KPI entry sheet, read once; null when the year has none. */
export function loadKpiSheet(book: Book, fiscalYear: number): KpiSheet | null {
	const name = kpiSheetName(fiscalYear);
	const sheet = book.getSheetByName(name);
	if (!sheet) return null;
	const values = readAll(sheet);
	return {
		name,
		sheet,
		values,
		problem: kpiHeaderProblem(values[0] ?? [], name),
	};
}

export function padKpiRow(row: readonly unknown[]): unknown[] {
	const out = row.slice(0, KPI_ENTRY_WIDTH);
	while (out.length < KPI_ENTRY_WIDTH) out.push("");
	return out;
}

/**
 * Writes 達成率 and 状態 (with 入力者 and 更新日時 when `stamp` is given) of rows firstRow…, and
 * the highlight of the rows to fix: two block writes.
 */
export function writeKpiVerdicts(
	sheet: Sheet,
	firstRow: number,
	verdicts: readonly KpiVerdict[],
	stamp: ((v: KpiVerdict) => unknown[]) | null,
): void {
	if (verdicts.length === 0) return;
	const block = verdicts.map((v) =>
		[v.rate, v.status, ...(stamp ? stamp(v) : [])].map(keepText),
	);
	sheet
		.getRange(
			firstRow,
			KPI_ENTRY_COL.rate + 1,
			block.length,
			block[0]?.length ?? 2,
		)
		.setValues(block);
	sheet
		.getRange(firstRow, 1, verdicts.length, KPI_ENTRY_WIDTH)
		.setBackgrounds(
			verdicts.map((v) =>
				new Array<string | null>(KPI_ENTRY_WIDTH).fill(
					v.fix ? FIX_BACKGROUND : null,
				),
			),
		);
}

/** Every row of the KPI sheet checked again (状態, 達成率, highlights), 入力者/更新日時 untouched. */
export function revalidateKpiSheet(kpi: KpiSheet, write: boolean): KpiRow[] {
	if (write)
		writeKpiVerdicts(
			kpi.sheet,
			2,
			kpi.values.slice(1).map((r) => validateKpiRow(padKpiRow(r))),
			null,
		);
	return readKpiRows(kpi.values);
}

/**
 * The KPI sheet's 担当課 brought in line with the master (one block), and its protections rebuilt
 * when it changed. Returns the 取組No changed.
 */
export function syncKpiDepartments(
	kpi: KpiSheet,
	plan: Plan,
	settings: Settings,
	closed: boolean,
): string[] {
	const sync = syncDepartments(plan, kpi.values, KPI_ENTRY_COL);
	if (!sync.column) return [];
	kpi.sheet
		.getRange(2, KPI_ENTRY_COL.departments + 1, sync.column.length, 1)
		.setValues(keepTextRows(sync.column));
	sync.column.forEach((cell, i) => {
		const row = kpi.values[i + 1];
		if (row) row[KPI_ENTRY_COL.departments] = cell[0] as Cell;
	});
	protectKpi(kpi.sheet, kpi.values, settings, plan.departments, closed);
	return [...new Set(sync.changed)];
}

/** A year opened before its indicators existed (or interrupted) gets its KPI sheet. */
function missingKpiSheet(
	book: Book,
	fiscalYear: number,
	plan: Plan,
	kpis: readonly Kpi[],
	settings: Settings,
): KpiSheet | null {
	const name = createKpiSheet(
		book,
		fiscalYear,
		entryOrder(plan),
		kpis,
		settings,
	);
	return name ? loadKpiSheet(book, fiscalYear) : null;
}

export interface KpiCheck {
	/** What to tell the DX office (warnings). */
	problems: Problem[];
	/** 入力済 / 未入力 / 要修正 of the indicators; null when the year has no KPI sheet. */
	counts: { done: number; blank: number; fix: number } | null;
	/** The indicators to fix, listed with the entry sheet's (cell `KPI_R6!J5`). */
	rows: RowToFix[];
}

/**
 * 全行を検証's part for KPIs: the KPI sheet's problems, the year's KPI sheet made when the
 * indicators exist and it does not (an open year only), its protections checked and rebuilt, and
 * every row to fix.
 */
export function checkKpis(
	book: Book,
	fiscalYear: number,
	kpi: { sheet: KpiSheet | null; rows: readonly KpiRow[] | null },
	plan: Plan | null,
	settings: Settings,
	closed: boolean,
): KpiCheck {
	const master = readKpiMaster(book, plan);
	const problems: Problem[] = master.problems.map((p) => ({
		...p,
		level: "warning",
	}));
	let { sheet, rows } = kpi;
	if (!sheet && plan && !closed && master.kpis.length > 0) {
		sheet = missingKpiSheet(book, fiscalYear, plan, master.kpis, settings);
		rows = sheet ? readKpiRows(sheet.values) : null;
		if (sheet)
			problems.push(
				problem(
					sheet.name,
					null,
					`KPIの実績値を入力するシート「${sheet.name}」を作成しました`,
					"warning",
				),
			);
	}
	if (!sheet || !rows) return { problems, counts: null, rows: [] };
	const departments = plan?.departments ?? [];
	for (const message of checkAndRepairKpi(
		sheet.sheet,
		sheet.values,
		settings,
		departments,
		closed,
	))
		problems.push(problem(sheet.name, null, message, "warning"));
	const counts = { done: 0, blank: 0, fix: 0 };
	const toFix: RowToFix[] = [];
	for (const r of rows) {
		const v = r.verdict;
		if (v.fix) {
			counts.fix++;
			toFix.push({
				row: r.row,
				no: r.no,
				department: r.departments.join("、"),
				cell: `${sheet.name}!${columnLetter(KPI_ENTRY_COL.actual)}${r.row}`,
				reason: `指標「${r.indicator}」：${v.status.replace(STATUS_FIX_PREFIX, "")}`,
			});
		} else if (v.status === STATUS_DONE) counts.done++;
		else counts.blank++;
	}
	return { problems, counts, rows: toFix };
}
