/**
 * 集計を作成 (SPEC 2, 集計): tallies the target year (and earlier years for comparison) and
 * writes the 集計 sheet. The new sheet is built completely under a temporary name and then
 * swapped in, so a failure midway leaves the previous summary intact (or, once swapped, the
 * complete new one). Entry sheets are only read.
 */
import {
	BOOK_FONT,
	blocksTally,
	ENTRY_COL,
	entrySheetName,
	fiscalYearLabel,
	formatPercent,
	initiativesFromEntryRows,
	type KpiTally,
	keepTextRows,
	kpiJson,
	kpiTally,
	lastYearChange,
	lastYearChangeJson,
	type Plan,
	type Problem,
	parseEntrySheetName,
	policyTally,
	problem,
	readEntryRows,
	readKpiRows,
	SHEET_NAMES,
	shareLabel,
	summaryLayout,
	type Tally,
	type TallyOptions,
	tally,
	tallyWarnings,
	toSummaryJson,
	type YearTally,
} from "../domain";
import {
	type Book,
	type Cell,
	ensureGrid,
	readAll,
	type Sheet,
	UserError,
} from "./book";
import { loadKpiSheet } from "./kpi";
import { withDocumentLock } from "./lock";
import { readMaster, readSettings } from "./master-sheets";
import { problemsMessage } from "./problems";
import {
	dxOfficeAccounts,
	protectAdminSheet,
	requireDxOffice,
} from "./protections";
import { acceptedScale, checkScale } from "./scale";
import type { ActionResult } from "./ui";

const BUILDING_NAME = `${SHEET_NAMES.summary}（作成中）`;
const PREVIOUS_NAME = `${SHEET_NAMES.summary}（旧）`;

export function buildSummary(book: Book, now: Date): ActionResult {
	return withDocumentLock(() => {
		const read = readSettings(book, now);
		const { settings } = read;
		requireDxOffice(settings, "集計を作成");
		recoverInterruptedSwap(book);
		const master = readMaster(book);
		const problems = [...read.problems, ...master.problems];
		if (!master.plan || problems.some(blocksTally)) {
			throw new UserError(
				problemsMessage(
					"設定またはマスタに問題があるため集計できません。次の点を直してから、もう一度実行してください。",
					problems.filter(blocksTally),
				),
			);
		}
		const kpiProblems: Problem[] = [];
		const kpi = yearKpis(book, settings.fiscalYear, kpiProblems);
		const years = tallyYears(book, master.plan, settings.fiscalYear, {
			...(kpi && settings.kpiRequired ? { kpiMissing: kpi.missing } : {}),
		});
		const warnings = [...tallyWarnings(problems), ...kpiProblems];
		const current = years.find((y) => y.fiscalYear === settings.fiscalYear);
		if (!current) {
			throw new UserError(
				`${fiscalYearLabel(settings.fiscalYear)}の評価シート「${entrySheetName(settings.fiscalYear)}」がありません。設定シートの「対象年度」を確認するか、メニュー「新年度の評価シートを作成」を実行してください。`,
			);
		}
		writeSummarySheet(
			book,
			summaryLayout(current, years, now, { kpi }),
			dxOfficeAccounts(settings),
		);
		const json = toSummaryJson(current.fiscalYear, current.tally);
		const t = current.tally;
		const done = `${fiscalYearLabel(current.fiscalYear)}の集計を作成しました（具体的取組 ${t.initiatives}件、延べ ${t.gross}件、${shareLabel(t.scale)} ${formatPercent(t.abShare)}、未評価 ${t.total.unrated}件）。`;
		return {
			ok: true,
			message:
				warnings.length > 0
					? problemsMessage(
							`${done}\n次の点は集計には影響しませんが、催促メールを送る前に直してください。`,
							warnings,
						)
					: done,
			warnings,
			summary: {
				...json,
				kpi: kpiJson(kpi),
				lastYearChange: lastYearChangeJson(lastYearChange(current, years)),
				years: years.map((y) => ({
					...toSummaryJson(y.fiscalYear, y.tally),
					measures: undefined,
					departments: undefined,
					unreported: undefined,
				})),
			},
		};
	});
}

/**
 * Every entry sheet up to the target year, oldest first, each on its own scale: the target
 * year's is checked against 評価区分 (a change that would strand ratings is refused), an earlier
 * year's is the one it was rated on.
 */
export function tallyYears(
	book: Book,
	plan: Plan,
	targetYear: number,
	options: TallyOptions = {},
): YearTally[] {
	const years: YearTally[] = [];
	for (const sheet of book.getSheets()) {
		const name = sheet.getName();
		const fiscalYear = parseEntrySheetName(name);
		if (fiscalYear === null || fiscalYear > targetYear) continue;
		if (fiscalYear === targetYear) {
			years.push({
				fiscalYear,
				tally: tallyTarget(book, sheet, plan, options),
			});
			continue;
		}
		// Earlier years need only their per-policy counts (the year-over-year block): 取組No to 評価.
		const scale = acceptedScale(fiscalYear);
		const quick = policyTally(
			plan,
			readColumns(sheet, ENTRY_COL.rating + 1),
			scale,
		);
		if (quick) {
			years.push({ fiscalYear, tally: quick });
			continue;
		}
		// Against its own rows, as the master may have changed since.
		const read = readEntryRows(readAll(sheet), name, scale);
		const yearPlan: Plan = {
			...plan,
			initiatives: initiativesFromEntryRows(read.rows),
		};
		years.push({
			fiscalYear,
			tally: tally(yearPlan, read.rows, name, { scale }),
		});
	}
	return years.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/** The target year against the master, so a deleted row counts as 未評価 and is reported. */
function tallyTarget(
	book: Book,
	sheet: Sheet,
	plan: Plan,
	options: TallyOptions = {},
): Tally {
	const name = sheet.getName();
	const fiscalYear = parseEntrySheetName(name) as number;
	const values = readAll(sheet);
	const scale = acceptedScale(fiscalYear);
	const before = readEntryRows(values, name, scale);
	const check = checkScale(
		book,
		fiscalYear,
		{ name, rows: before.rows, scale },
		true,
	);
	if (check.refusal) throw new UserError(check.refusal);
	const read =
		check.scale === scale ? before : readEntryRows(values, name, check.scale);
	return tally(plan, read.rows, name, { ...options, scale: check.scale });
}

/**
 * The target year's KPIs, read from its KPI sheet as it is (the summary writes no entry sheet);
 * null when the year has none. A KPI sheet whose header was changed is left out, with a warning.
 */
export function yearKpis(
	book: Book,
	fiscalYear: number,
	problems: Problem[],
): KpiTally | null {
	const kpi = loadKpiSheet(book, fiscalYear);
	if (!kpi) return null;
	if (kpi.problem) {
		problems.push(problem(kpi.name, 1, kpi.problem, "warning"));
		return null;
	}
	return kpiTally(readKpiRows(kpi.values));
}

/** Columns 1..n of every row with content (one read). */
function readColumns(sheet: Sheet, n: number): Cell[][] {
	const last = sheet.getLastRow();
	return last === 0
		? []
		: (sheet.getRange(1, 1, last, n).getValues() as Cell[][]);
}

function writeSummarySheet(
	book: Book,
	layout: ReturnType<typeof summaryLayout>,
	office: readonly string[],
): void {
	const stale = book.getSheetByName(BUILDING_NAME);
	if (stale) book.deleteSheet(stale);
	const old = book.getSheetByName(SHEET_NAMES.summary);
	const sheet = old
		? book.insertSheet(BUILDING_NAME, old.getIndex())
		: book.insertSheet(BUILDING_NAME);
	const rows = layout.values.length;
	ensureGrid(sheet, rows + 25, layout.width);
	const block = sheet.getRange(1, 1, rows, layout.width);
	block.setValues(keepTextRows(layout.values));
	block.setNumberFormats(layout.numberFormats);
	block.setFontWeights(layout.fontWeights);
	block.setBackgrounds(layout.backgrounds);
	block.setHorizontalAlignments(layout.alignments);
	block.setFontFamily(BOOK_FONT);
	layout.columnWidths.forEach((px, i) => {
		sheet.setColumnWidth(i + 1, px);
	});
	insertChart(sheet, layout);
	protectAdminSheet(sheet, office, SHEET_NAMES.summary);
	swapIn(book, sheet, old);
}

/**
 * One horizontal bar per policy, stacked A–D, as the HTML report draws it. The block is table 1
 * (a row per rating, a column per policy); transposed, its header row (the policy names) is the
 * domain and each rating row a series labelled by its first cell
 * (reference/spreadsheet/embedded-chart-builder#setTransposeRowsAndColumns(transpose),
 * #setNumHeaders(headers)). Typed setters come before the generic ones: the latter return the
 * generic EmbeddedChartBuilder (reference/spreadsheet/embedded-bar-chart-builder).
 */
function insertChart(
	sheet: Sheet,
	layout: ReturnType<typeof summaryLayout>,
): void {
	const src = layout.chartSource;
	const chart = sheet
		.newChart()
		.asBarChart()
		.setStacked()
		.setTitle("基本方針別の評価の分布（件数）")
		.addRange(sheet.getRange(src.row, src.col, src.numRows, src.numCols))
		.setTransposeRowsAndColumns(true)
		.setNumHeaders(1)
		.setPosition(layout.chartAnchor.row, layout.chartAnchor.col, 0, 0)
		.build();
	sheet.insertChart(chart);
}

/** Renames the finished sheet into place; the old summary is removed only after that. */
function swapIn(book: Book, fresh: Sheet, old: Sheet | null): void {
	if (old) old.setName(PREVIOUS_NAME);
	fresh.setName(SHEET_NAMES.summary);
	if (old) book.deleteSheet(old);
}

/** A run stopped between the two renames leaves 集計（旧） and no 集計: put the old one back. */
function recoverInterruptedSwap(book: Book): void {
	const previous = book.getSheetByName(PREVIOUS_NAME);
	if (!previous) return;
	if (book.getSheetByName(SHEET_NAMES.summary)) book.deleteSheet(previous);
	else previous.setName(SHEET_NAMES.summary);
}
