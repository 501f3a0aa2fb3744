/**
 * Applying and checking the protections of SPEC 6 for the workbook's sheets, and the record of
 * closed years (document properties, read by the reminders and 全行を検証).
 */
import {
	type Department,
	fiscalYearLabel,
	inputGroups,
	parseEntrySheetName,
	parseKpiSheetName,
	readEntryRows,
	type Settings,
} from "../domain";
import { type Book, type Cell, readAll, type Sheet } from "./book";
import { protectKpi } from "./kpi";
import {
	checkEntryProtections,
	dxOfficeAccounts,
	protectAdminSheets,
	protectEntrySheet,
} from "./protections";

const CLOSED_KEY = "dxProgress.closedYears";

function closedYears(): number[] {
	const text =
		PropertiesService.getDocumentProperties().getProperty(CLOSED_KEY) ?? "";
	return text
		.split(",")
		.map((s) => Number(s))
		.filter((n) => Number.isInteger(n) && n > 0);
}

export function isClosed(fiscalYear: number): boolean {
	return closedYears().includes(fiscalYear);
}

export function markClosed(fiscalYear: number): void {
	const years = new Set(closedYears());
	years.add(fiscalYear);
	PropertiesService.getDocumentProperties().setProperty(
		CLOSED_KEY,
		[...years].sort((a, b) => a - b).join(","),
	);
}

function groupsOf(
	values: Cell[][],
	name: string,
	departments: readonly Department[],
) {
	const rows = readEntryRows(values, name).rows.map((r) => ({
		row: r.row,
		departments: r.departments,
	}));
	return inputGroups(rows, departments);
}

/** Protects an entry sheet from its own rows (who rates what) and the master's addresses. */
export function protectEntry(
	sheet: Sheet,
	values: Cell[][],
	settings: Settings,
	departments: readonly Department[],
	closed: boolean,
	name = sheet.getName(),
): void {
	protectEntrySheet(
		sheet,
		groupsOf(values, name, departments),
		dxOfficeAccounts(settings),
		closed,
		name,
	);
}

/**
 * Checks the target year's entry sheet protections; when something was removed or widened, or
 * the master's departments/addresses changed, rebuilds them. Returns what was wrong (Japanese).
 */
export function checkAndRepairEntry(
	sheet: Sheet,
	values: Cell[][],
	settings: Settings,
	departments: readonly Department[],
): string[] {
	const closed = isClosed(settings.fiscalYear);
	const office = dxOfficeAccounts(settings);
	const groups = groupsOf(values, sheet.getName(), departments);
	const { problems } = checkEntryProtections(sheet, groups, office, closed);
	if (problems.length > 0) protectEntrySheet(sheet, groups, office, closed);
	return problems.map((p) => `${p}（保護を作り直しました）`);
}

/** Every sheet of the workbook protected again (after the DX office's accounts changed). */
export function protectWorkbook(
	book: Book,
	settings: Settings,
	departments: readonly Department[],
): void {
	protectAdminSheets(book, dxOfficeAccounts(settings));
	for (const sheet of book.getSheets()) {
		const name = sheet.getName();
		const fiscalYear = parseEntrySheetName(name);
		const kpiYear = parseKpiSheetName(name);
		if (fiscalYear !== null)
			protectEntry(
				sheet,
				readAll(sheet),
				settings,
				departments,
				isClosed(fiscalYear),
			);
		else if (kpiYear !== null)
			protectKpi(
				sheet,
				readAll(sheet),
				settings,
				departments,
				isClosed(kpiYear),
			);
	}
}

export function markOpen(fiscalYear: number): void {
	PropertiesService.getDocumentProperties().setProperty(
		CLOSED_KEY,
		closedYears()
			.filter((y) => y !== fiscalYear)
			.join(","),
	);
}

export function closedMessage(fiscalYear: number): string {
	return `${fiscalYearLabel(fiscalYear)}は締め済みです。`;
}
