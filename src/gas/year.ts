/**
 * The target year as the script works on it: 設定, the master, and the entry sheet read once
 * each (one getValues per sheet), re-validated in blocks. Shared by 全行を検証, the reminders and
 * the daily job.
 */
import {
	ENTRY_COL,
	ENTRY_WIDTH,
	type EntryRead,
	entryHeaderProblem,
	entryLayoutWidth,
	entryOrder,
	entryRowsFromPlan,
	entrySheetName,
	fiscalYearLabel,
	initiativeKey,
	type KpiRow,
	type KpiTally,
	keepTextRows,
	kpiTally,
	type Plan,
	type PlanResult,
	type Problem,
	problem,
	readEntryRows,
	type Scale,
	type SettingsResult,
	syncDepartments,
	type Tally,
	tally,
	validateEntryRow,
} from "../domain";
import { isClosed, protectEntry } from "./access";
import {
	type Book,
	type Cell,
	readAll,
	type Sheet,
	UserError,
	writeBlock,
} from "./book";
import { extendStatusRules, formatEntryRows, lastYearOf } from "./fiscal-year";
import {
	type KpiSheet,
	loadKpiSheet,
	revalidateKpiSheet,
	syncKpiDepartments,
} from "./kpi";
import { readMaster, readSettings } from "./master-sheets";
import { acceptedScale, checkScale } from "./scale";
import { type SheetZone, sheetZone } from "./time-zone";
import { padEntryRow, writeVerdicts } from "./verdicts";

export interface YearData {
	settings: SettingsResult;
	master: PlanResult;
	name: string;
	sheet: Sheet;
	values: Cell[][];
	/** The spreadsheet's time zone: "today" and date cells are read in it. */
	zone: SheetZone;
	/** The scale the year is validated and tallied on (scale.ts). */
	scale: Scale;
	/** Why a change of 評価区分 was not accepted (the scale above is the earlier one), or null. */
	scaleRefusal: string | null;
	scaleProblems: Problem[];
	/** The year's KPI entry sheet (`KPI_R6`), null when it has none. */
	kpi: KpiSheet | null;
}

/**
 * 設定, the master, the target year's sheet and its scale. `commitScale`: record the 評価区分
 * sheet as the year's scale when it is accepted (not for a preview, which changes nothing).
 */
export function loadYear(
	book: Book,
	now: Date,
	options: { commitScale: boolean } = { commitScale: true },
): YearData {
	const zone = sheetZone(book);
	const settings = readSettings(book, now, zone);
	const name = entrySheetName(settings.settings.fiscalYear);
	const sheet = book.getSheetByName(name);
	if (!sheet) {
		throw new UserError(
			`${fiscalYearLabel(settings.settings.fiscalYear)}の評価シート「${name}」がありません。設定シートの「対象年度」を確認するか、メニュー「新年度の評価シートを作成」を実行してください。`,
		);
	}
	const values = readAll(sheet);
	const headerProblem = entryHeaderProblem(values[0] ?? [], name);
	if (headerProblem) throw new UserError(headerProblem);
	const fiscalYear = settings.settings.fiscalYear;
	const accepted = acceptedScale(fiscalYear);
	const rows = readEntryRows(values, name, accepted).rows;
	const scale = checkScale(
		book,
		fiscalYear,
		{ name, rows, scale: accepted },
		options.commitScale,
	);
	return {
		settings,
		master: readMaster(book),
		name,
		sheet,
		values,
		zone,
		scale: scale.scale,
		scaleRefusal: scale.refusal,
		scaleProblems: scale.problems,
		kpi: loadKpiSheet(book, fiscalYear),
	};
}

export interface Revalidated {
	read: EntryRead;
	/** null when the master has errors. */
	tally: Tally | null;
	problems: Problem[];
	counts: { done: number; blank: number; fix: number };
	/** Rows whose 担当課 was brought in line with the master. */
	departmentsSynced: number;
	/** 取組No of the initiatives of the master that got their row (added or deleted since). */
	rowsAdded: string[];
	/** The KPI sheet's rows and their tally; null when the year has no usable KPI sheet. */
	kpi: { rows: KpiRow[]; tally: KpiTally } | null;
}

/**
 * Re-validates every row (状態 and highlights written back; 入力者/更新日時 untouched), then
 * tallies the year against the master.
 */
export function revalidate(
	year: YearData,
	options: { write: boolean } = { write: true },
): Revalidated {
	if (options.write) {
		const body = year.values.slice(1).map((r) => padEntryRow(r));
		writeVerdicts(
			year.sheet,
			2,
			body.map((r) => validateEntryRow(r, year.scale)),
			null,
		);
	}
	const plan = options.write ? year.master.plan : null;
	const { added, synced } = plan
		? followMaster(year, plan)
		: { added: [], synced: [] };
	const read = readEntryRows(year.values, year.name, year.scale);
	const problems: Problem[] = [
		...year.settings.problems,
		...year.master.problems,
		...year.scaleProblems,
		...read.problems,
	];
	const counts = { done: 0, blank: 0, fix: 0 };
	const kpi = revalidateKpis(year, options.write, problems);
	const t = year.master.plan
		? withoutRowless(yearTally(year, year.master.plan, read, kpi), read)
		: null;
	if (t) problems.push(...t.problems);
	for (const status of t
		? t.results.map((r) => r.status)
		: read.rows.map((r) => r.status)) {
		counts[
			status.kind === "done" ? "done" : status.kind === "fix" ? "fix" : "blank"
		]++;
	}
	if (synced.length > 0)
		problems.push(
			note(
				year,
				`担当課を取組シートに合わせて更新しました（取組No ${listed(synced)}）`,
			),
		);
	if (added.length > 0)
		problems.push(
			note(
				year,
				`取組シートにあって評価シートに行がなかった取組の行を追加しました（取組No ${listed(added)}）`,
			),
		);
	return {
		read,
		tally: t,
		problems,
		counts,
		departmentsSynced: synced.length,
		rowsAdded: added,
		kpi,
	};
}

/** The year on its scale; with 設定 KPI実績を必須にする, a missing 実績値 leaves it unreported. */
function yearTally(
	year: YearData,
	plan: Plan,
	read: EntryRead,
	kpi: Revalidated["kpi"],
): Tally {
	return tally(plan, read.rows, year.name, {
		scale: year.scale,
		...(kpi && year.settings.settings.kpiRequired
			? { kpiMissing: kpi.tally.missing }
			: {}),
	});
}

function note(year: YearData, message: string): Problem {
	return { sheet: year.name, row: null, message, level: "warning" };
}

/** The KPI sheet re-validated (and its 担当課 synced) when `write`; its problems added. */
function revalidateKpis(
	year: YearData,
	write: boolean,
	problems: Problem[],
): Revalidated["kpi"] {
	if (!year.kpi) return null;
	if (year.kpi.problem) {
		problems.push(problem(year.kpi.name, 1, year.kpi.problem, "warning"));
		return null;
	}
	if (write && year.master.plan) {
		const fiscalYear = year.settings.settings.fiscalYear;
		syncKpiDepartments(
			year.kpi,
			year.master.plan,
			year.settings.settings,
			isClosed(fiscalYear),
		);
	}
	const rows = revalidateKpiSheet(year.kpi, write);
	return { rows, tally: kpiTally(rows) };
}

/**
 * The master leads (SPEC 9): an initiative of 取組 without a row gets one (unless the year is
 * closed: its sheet is the record), 担当課 follows the master, and the protections are rebuilt
 * when either changed the sheet.
 */
function followMaster(
	year: YearData,
	plan: Plan,
): { added: string[]; synced: string[] } {
	const closed = isClosed(year.settings.settings.fiscalYear);
	const added = closed ? [] : addMissingRows(year, plan);
	const synced = syncEntryDepartments(year, plan);
	if (added.length > 0 || synced.length > 0)
		protectEntry(
			year.sheet,
			year.values,
			year.settings.settings,
			plan.departments,
			closed,
		);
	return { added, synced };
}

function listed(nos: readonly string[]): string {
	return `${nos.slice(0, 10).join("、")}${nos.length > 10 ? ` ほか${nos.length - 10}件` : ""}`;
}

/**
 * Appends a row below the table for each initiative of the master the sheet lacks (added to
 * 取組 after the year was opened, or whose row was deleted), in entry-sheet order, formatted as
 * the sheet's own rows: a constant number of calls whatever their number. Updates `year`.
 */
function addMissingRows(year: YearData, plan: Plan): string[] {
	const present = new Set(
		readEntryRows(year.values, year.name).rows.map((r) => r.key),
	);
	const missing = plan.initiatives.filter(
		(i) => !present.has(initiativeKey(i.no)),
	);
	if (missing.length === 0) return [];
	// A sheet with last year's columns gets them filled for the new rows too.
	const width = entryLayoutWidth(year.values[0] ?? []);
	const lastYear =
		width > ENTRY_WIDTH
			? lastYearOf(year.sheet.getParent(), year.settings.settings.fiscalYear)
			: undefined;
	const rows = entryRowsFromPlan(
		entryOrder({ ...plan, initiatives: missing }),
		{ scale: year.scale, ...(lastYear ? { lastYear } : {}) },
	);
	const first = year.values.length + 1;
	writeBlock(year.sheet, first, 1, keepTextRows(rows));
	formatEntryRows(year.sheet, first, rows.length, year.scale, width);
	extendStatusRules(year.sheet, first + rows.length - 1);
	year.values.push(...(rows as Cell[][]));
	return missing.map((i) => i.no);
}

/**
 * Nobody can answer for an initiative without a row, so it is not reminded about (it still
 * counts as 未評価 in the tally and its missing row is reported).
 */
function withoutRowless(t: Tally, read: EntryRead): Tally {
	const present = new Set(read.rows.map((r) => r.key));
	const unreported = t.unreported
		.map((u) => ({
			...u,
			missing: u.missing.filter((m) => present.has(initiativeKey(m.no))),
		}))
		.filter((u) => u.missing.length > 0);
	return { ...t, unreported };
}

/**
 * Rewrites the entry sheet's 担当課 column (one block) where the master changed and updates the
 * values in `year` (the caller rebuilds the protections so the new department can type).
 */
function syncEntryDepartments(year: YearData, plan: Plan): string[] {
	const sync = syncDepartments(plan, year.values);
	if (!sync.column) return [];
	year.sheet
		.getRange(2, ENTRY_COL.departments + 1, sync.column.length, 1)
		.setValues(keepTextRows(sync.column));
	sync.column.forEach((cell, i) => {
		const row = year.values[i + 1];
		if (row) row[ENTRY_COL.departments] = cell[0] as Cell;
	});
	return sync.changed;
}
