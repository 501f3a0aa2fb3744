/**
 * `init BOOK.xlsx [--plan PLAN.csv] [--year R6]`: a new workbook made by the bundle's 初期設定;
 * with a plan, the 取組 sheet is pasted from it and the year's entry sheet opened (ratings in the
 * CSV are entered on behalf of the departments by the DX office). Never overwrites a file
 * unless `--force`.
 */
import {
	CSV_SHEET,
	hasErrors,
	keepText,
	masterTablesFromPlan,
	type PlanCsvResult,
	parseFiscalYear,
	planFromCsv,
	type RatingInput,
	SHEET_NAMES,
} from "../../../domain";
import type { LocalRuntime } from "../../runtime/runtime";
import { enterRatings, pasteTable, setSettings } from "../../workbook-ops";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import { csvProblemsError, pastedAsText, readCsvText } from "../csv-file";
import type { CliIo } from "../run";
import { CliError } from "../usage";

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
	const args = parseArgs(argv, {
		plan: "value",
		year: "value",
		user: "value",
		force: "boolean",
	});
	const path = bookPath(args, "init");
	const year = stringFlag(args, "year");
	if (year !== undefined) {
		const parsed = parseFiscalYear(year);
		if (!parsed.ok || parsed.year === null)
			throw new CliError(
				`--year を解釈できません: ${year}（例: R6、令和6年度、2024）`,
			);
	}
	const planFile = stringFlag(args, "plan");
	const plan = planFile ? readPlan(planFile) : null;
	const owner = stringFlag(args, "user");
	await withBook(
		path,
		{
			command: "init",
			mode: "create",
			force: args.flags.has("force"),
			...(owner === undefined ? {} : { owner }),
		},
		({ workbook }) => {
			const rt = runtimeFor(workbook);
			const dx = workbook.owner;
			rt.open(dx);
			runAction(rt, "setupWorkbook");
			if (year !== undefined) setSettings(rt, dx, { 対象年度: year });
			if (plan) enterPlan(rt, plan);
		},
	);
	io.stdout(
		`${path} を作成しました${plan ? `（取組 ${plan.plan?.initiatives.length ?? 0}件）` : ""}。\n`,
	);
	return 0;
}

/**
 * The DX office pastes the plan's 取組 and its departments into 担当課, then opens the year and
 * enters the CSV's ratings. Every CSV cell is pasted as text: `=…`, `+…`, `-…`, `@…` never
 * become formulas (keepText: a leading apostrophe, as a person types it).
 */
function enterPlan(rt: LocalRuntime, plan: PlanCsvResult): void {
	const dx = rt.workbook.owner;
	pasteTable(
		rt,
		dx,
		SHEET_NAMES.initiatives,
		pastedAsText(plan.initiativeRows),
	);
	pasteTable(
		rt,
		dx,
		SHEET_NAMES.departments,
		pastedAsText(masterTablesFromPlan(plan.draft).departments),
	);
	runAction(rt, "installTriggers");
	const opened = runAction(rt, "openFiscalYear");
	if (plan.ratings.size === 0) return;
	const asText = new Map<string, RatingInput>();
	for (const [no, r] of plan.ratings)
		asText.set(no, {
			rating: keepText(r.rating),
			achievement: keepText(r.achievement),
			reason: keepText(r.reason),
		});
	enterRatings(rt, String(opened.sheet), asText, () => dx);
}

/** Any city's plan: its departments are the ones the CSV names. Every problem is reported. */
function readPlan(file: string): PlanCsvResult {
	const result = planFromCsv(readCsvText(file, "計画のCSV"), {
		ownDepartments: true,
	});
	if (!result.plan || hasErrors(result.problems))
		throw csvProblemsError(
			"計画のCSV",
			file,
			result.problems,
			[SHEET_NAMES.initiatives, CSV_SHEET],
			"ブックを作成しません",
		);
	return result;
}
