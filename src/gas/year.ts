/**
 * The target year as the script works on it: 設定, the master, and the entry sheet read once
 * each (one getValues per sheet), re-validated in blocks. Shared by 全行を検証, the reminders and
 * the daily job.
 */
import {
	ENTRY_COL,
	type EntryRead,
	entryHeaderProblem,
	entrySheetName,
	fiscalYearLabel,
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
import { type Book, type Cell, readAll, type Sheet, UserError } from "./book";
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
	const synced =
		options.write && year.master.plan
			? syncEntryDepartments(year, year.master.plan)
			: [];
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
		? tally(year.master.plan, read.rows, year.name, {
				scale: year.scale,
				...(kpi && year.settings.settings.kpiRequired
					? { kpiMissing: kpi.tally.missing }
					: {}),
			})
		: null;
	if (t) problems.push(...t.problems);
	for (const status of t
		? t.results.map((r) => r.status)
		: read.rows.map((r) => r.status)) {
		counts[
			status.kind === "done" ? "done" : status.kind === "fix" ? "fix" : "blank"
		]++;
	}
	if (synced.length > 0) {
		problems.push({
			sheet: year.name,
			row: null,
			message: `担当課を取組シートに合わせて更新しました（取組No ${synced.slice(0, 10).join("、")}${synced.length > 10 ? ` ほか${synced.length - 10}件` : ""}）`,
			level: "warning",
		});
	}
	return {
		read,
		tally: t,
		problems,
		counts,
		departmentsSynced: synced.length,
		kpi,
	};
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
 * Rewrites the entry sheet's 担当課 column (one block) where the master changed, updates the
 * values in `year`, and rebuilds the sheet's protections so the new department can type.
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
	protectEntry(
		year.sheet,
		year.values,
		year.settings.settings,
		plan.departments,
		isClosed(year.settings.settings.fiscalYear),
	);
	return sync.changed;
}
