/**
 * Importing a plan from CSV (`init --plan PLAN.csv`, the bundled sample):
 * `取組No,取組名,担当課,重点施策[,評価,主な取組実績,評価理由・課題]`, 担当課 and 重点施策
 * multi-valued (separated by `、`, `,` inside quotes, or newlines). Policies and measures come
 * from `base` (default: the seed's structure); departments too, unless `ownDepartments` (any
 * city's plan: the departments are the ones the CSV names).
 */
import { initiativeKey, parseMeasureCode } from "./codes";
import { isCsvError, parseCsv } from "./csv";
import type { RatingInput } from "./entry";
import {
	initiativeDepartmentCells,
	masterTablesFromPlan,
	type PlanResult,
	parsePlan,
	resolveDepartments,
} from "./master";
import type { Department, Plan } from "./plan";
import { type Problem, problem } from "./problems";
import { seedStructure } from "./seed-structure";
import { locateTable } from "./table";
import {
	cellString,
	nameKey,
	normalizeDepartmentName,
	splitList,
} from "./text";

/** The sheet name used in problems about the CSV file. */
export const CSV_SHEET = "CSV";

export interface PlanCsvOptions {
	base?: Plan;
	/**
	 * The departments are those the CSV's 担当課 column names: the ones `base` knows keep its
	 * spelling and order, the others follow in order of first appearance.
	 */
	ownDepartments?: boolean;
}

export interface PlanCsvResult extends PlanResult {
	/** 評価 / 主な取組実績 / 評価理由・課題 by 取組No (only rows with one of them filled in). */
	ratings: Map<string, RatingInput>;
	/** The 取組 sheet rows (header first) to write into the workbook. */
	initiativeRows: string[][];
}

/**
 * Parses a plan CSV. Problems about initiatives name the sheet `取組` with the CSV's line-based
 * row number (row 1 = header, as in the sheet the rows will be written to); CSV syntax errors
 * are reported under `CSV`.
 */
export function planFromCsv(
	text: string,
	options: PlanCsvOptions = {},
): PlanCsvResult {
	const base = options.base ?? seedStructure();
	let rows: string[][];
	try {
		rows = parseCsv(text);
	} catch (e) {
		const message = isCsvError(e) ? e.message : String(e);
		const empty: Plan = { ...base, initiatives: [] };
		return {
			plan: null,
			problems: [problem(CSV_SHEET, isCsvError(e) ? e.line : null, message)],
			draft: empty,
			ratings: new Map(),
			initiativeRows: [["取組No", "取組名", "担当課", "重点施策"]],
		};
	}
	// Ratings (optional columns) are read with the same header-locating rules as the sheets.
	const ratingProblems: Problem[] = [];
	const table = locateTable(
		"取組",
		rows,
		[
			{
				key: "no",
				header: "取組No",
				aliases: ["取組No.", "取組番号", "No", "No."],
			},
			{ key: "rating", header: "評価", required: false },
			{
				key: "achievement",
				header: "主な取組実績",
				aliases: ["取組実績", "実績"],
				required: false,
			},
			{
				key: "reason",
				header: "評価理由・課題",
				aliases: ["評価理由", "課題"],
				required: false,
			},
		],
		ratingProblems,
	);
	const ratings = new Map<string, RatingInput>();
	const ratedKeys = new Set<string>();
	if (table) {
		for (const { cells } of table.rows) {
			const at = (k: "no" | "rating" | "achievement" | "reason") => {
				const c = table.cols[k];
				return c === undefined ? "" : (cells[c] ?? "");
			};
			const no = cellString(at("no"));
			if (no === "") continue;
			const r = {
				rating: at("rating"),
				achievement: at("achievement"),
				reason: at("reason"),
			};
			if (r.rating !== "" || r.achievement !== "" || r.reason !== "") {
				const key = initiativeKey(no);
				if (!ratedKeys.has(key)) {
					ratedKeys.add(key);
					ratings.set(no, r);
				}
			}
		}
	}
	const departments = options.ownDepartments
		? departmentsNamed(rows, base.departments)
		: base.departments;
	const result = parsePlan({
		...masterTablesFromPlan({ ...base, departments }),
		initiatives: rows,
	});
	const initiativeRows: string[][] = [
		["取組No", "取組名", "担当課", "重点施策"],
	];
	for (const i of result.draft.initiatives) {
		initiativeRows.push([
			i.no,
			i.name,
			i.departments.join("、"),
			i.measures.join("、"),
		]);
	}
	return { ...result, ratings, initiativeRows };
}

/**
 * The departments a plan's 担当課 column names. A name `known` resolves (spaces and width
 * ignored, `DX推進室 市民課` split) is taken from `known`; any other becomes a department of its
 * own, except a measure code (a shifted column, which parsePlan reports).
 */
function departmentsNamed(
	rows: readonly (readonly unknown[])[],
	known: readonly Department[],
): Department[] {
	const used = new Set<string>();
	const added = new Map<string, Department>();
	const seen = new Set<string>();
	for (const { text } of initiativeDepartmentCells(rows)) {
		if (seen.has(text)) continue;
		seen.add(text);
		for (const item of splitList(text)) {
			const resolved = resolveDepartments(item, known);
			if (resolved) for (const name of resolved) used.add(name);
			else if (!parseMeasureCode(item)) {
				const name = normalizeDepartmentName(item);
				const key = nameKey(name);
				if (!added.has(key))
					added.set(key, { name, emails: [], headEmails: [] });
			}
		}
	}
	return [...known.filter((d) => used.has(d.name)), ...added.values()];
}
