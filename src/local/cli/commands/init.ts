/**
 * `init BOOK.xlsx [--plan PLAN.csv] [--year R6]`: a new workbook made by the bundle's 初期設定;
 * with a plan, the 取組 sheet is pasted from it and the year's entry sheet opened (ratings in the
 * CSV are entered on behalf of the departments by the DX office). Never overwrites a file
 * unless `--force`.
 */
import { readFileSync } from "node:fs";
import {
	formatProblem,
	hasErrors,
	parseFiscalYear,
	planFromCsv,
	SHEET_NAMES,
} from "../../../domain";
import { enterRatings, pasteTable, setSettings } from "../../workbook-ops";
import { bookPath, parseArgs, stringFlag } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
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
			if (!plan) return;
			pasteTable(rt, dx, SHEET_NAMES.initiatives, plan.initiativeRows);
			runAction(rt, "installTriggers");
			const opened = runAction(rt, "openFiscalYear");
			if (plan.ratings.size > 0)
				enterRatings(rt, String(opened.sheet), plan.ratings, () => dx);
		},
	);
	io.stdout(
		`${path} を作成しました${plan ? `（取組 ${plan.plan?.initiatives.length ?? 0}件）` : ""}。\n`,
	);
	return 0;
}

function readPlan(file: string) {
	let text: string;
	try {
		text = readFileSync(file, "utf8");
	} catch {
		throw new CliError(`計画のCSVを読めません: ${file}`);
	}
	const result = planFromCsv(text);
	if (!result.plan || hasErrors(result.problems)) {
		const errors = result.problems.filter((p) => p.level === "error");
		const more = errors.length > 1 ? `（ほか${errors.length - 1}件）` : "";
		throw new CliError(
			`計画のCSVに問題があります: ${formatProblem(errors[0] ?? result.problems[0] ?? { sheet: "CSV", row: null, message: "不明" })}${more}`,
		);
	}
	return result;
}
