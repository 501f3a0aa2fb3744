/**
 * `departments BOOK.xlsx --csv FILE`: the DX office replaces the 担当課 rows with a CSV
 * (課名,メールアドレス,所属長メールアドレス; any city's names; UTF-8 or Shift_JIS). The CSV is
 * checked as the product reads the 担当課 sheet, and against 取組 (a department it still names
 * must stay): every problem is reported at once with its row, and nothing is saved.
 */
import {
	DEPARTMENT_HEADERS,
	type Department,
	entrySheetName,
	initiativeDepartmentCells,
	masterTablesFromPlan,
	type Problem,
	parseDepartmentTable,
	parsePlan,
	parseSettings,
	problem,
	resolveDepartments,
	SHEET_NAMES,
	splitList,
} from "../../../domain";
import type { CellValue } from "../../runtime/model";
import { lastColumn, lastRow } from "../../runtime/model";
import type { LocalRuntime } from "../../runtime/runtime";
import { paste, sheetModel } from "../../workbook-ops";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runtimeFor, withBook } from "../book-session";
import { csvProblemsError, pastedAsText, readCsvRows } from "../csv-file";
import { commandFor } from "../menu-commands";
import type { CliIo } from "../run";
import { CliError } from "../usage";

const WHAT = "担当課のCSV";
const CSV_ROWS = "CSV";

export async function departmentsCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, { csv: "value" });
	const path = bookPath(args, "departments");
	const file = stringFlag(args, "csv");
	if (!file)
		throw new CliError(
			"使い方: dx-progress departments BOOK.xlsx --csv FILE（課名,メールアドレス,所属長メールアドレス の CSV）",
		);
	const parsed = parseDepartmentTable(readCsvRows(file, WHAT), CSV_ROWS);
	const note = await withBook(
		path,
		{ command: "departments", mode: "write" },
		({ workbook }) => {
			const rt = runtimeFor(workbook);
			if (!workbook.sheets.some((s) => s.name === SHEET_NAMES.departments))
				throw new CliError(
					`シート「${SHEET_NAMES.departments}」がありません。先に「${commandFor("setupWorkbook", path)}」を実行してください`,
					1,
				);
			const problems = [
				...parsed.problems,
				...stillNamed(rt, parsed.departments),
			];
			if (problems.some((p) => p.level === "error"))
				throw csvProblemsError(
					WHAT,
					file,
					problems,
					[CSV_ROWS],
					"ブックは変更していません",
				);
			replaceRows(rt, pastedAsText(departmentRows(parsed.departments)));
			return entryNote(rt, path);
		},
	);
	io.stdout(
		`担当課を${parsed.departments.length}課に置き換えました。${note}\n`,
	);
	return 0;
}

/** The 担当課 sheet's rows (header included) for `departments`, as the master writes them. */
function departmentRows(departments: Department[]): string[][] {
	return masterTablesFromPlan({
		policies: [],
		measures: [],
		initiatives: [],
		departments,
	}).departments;
}

/**
 * Every department 取組 names today (resolved against the current 担当課 rows) that the CSV
 * lacks: 取組 would then name a department that is not there. One problem per 取組 row.
 */
function stillNamed(rt: LocalRuntime, replacement: Department[]): Problem[] {
	const values = (name: string) =>
		rt.workbook.sheets.find((s) => s.name === name)?.values ?? [];
	const current = parsePlan({
		policies: [],
		measures: [],
		departments: values(SHEET_NAMES.departments),
		initiatives: [],
	}).draft.departments;
	const lost = new Map<string, string[]>();
	const lostIn = (text: string): string[] => {
		let names = lost.get(text);
		if (!names) {
			names = splitList(text).flatMap((item) =>
				resolveDepartments(item, replacement)
					? []
					: (resolveDepartments(item, current) ?? []),
			);
			lost.set(text, names);
		}
		return names;
	};
	const rowsOf = new Map<string, number[]>();
	for (const { row, text } of initiativeDepartmentCells(
		values(SHEET_NAMES.initiatives),
	))
		for (const name of lostIn(text))
			rowsOf.set(name, [...(rowsOf.get(name) ?? []), row]);
	return [...rowsOf].map(([name, rows]) =>
		problem(
			CSV_ROWS,
			null,
			`担当課「${name}」がCSVにありません。取組シートの${listRows(rows)}がこの課を担当課にしています（取組シートを先に直すか、CSVに加えてください）`,
		),
	);
}

function listRows(rows: readonly number[]): string {
	const shown = rows.slice(0, 5).join("・");
	return `${shown}行目${rows.length > 5 ? `ほか${rows.length - 5}行` : ""}`;
}

/**
 * The DX office pastes the new rows over 担当課 from A1 (header included), blanking what is
 * left of the old rows, every column of the sheet.
 */
function replaceRows(rt: LocalRuntime, rows: string[][]): void {
	const sheet = sheetModel(rt, SHEET_NAMES.departments);
	const width = Math.max(DEPARTMENT_HEADERS.length, lastColumn(sheet));
	const height = Math.max(rows.length, lastRow(sheet));
	const block: CellValue[][] = Array.from({ length: height }, (_, r) =>
		Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? ""),
	);
	paste(rt, rt.workbook.owner, SHEET_NAMES.departments, 1, 1, block);
}

/** With the year's entry sheet open, its protections follow the new addresses at validate. */
function entryNote(rt: LocalRuntime, path: string): string {
	const settings = rt.workbook.sheets.find(
		(s) => s.name === SHEET_NAMES.settings,
	);
	const year = parseSettings(settings?.values ?? [], rt.state.now()).settings
		.fiscalYear;
	const entry = entrySheetName(year);
	return rt.workbook.sheets.some((s) => s.name === entry)
		? `評価シート「${entry}」の入力できる課は「${commandFor("validateAll", path)}」で新しい担当課に合わせて更新されます。`
		: "";
}
