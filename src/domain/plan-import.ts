/**
 * Importing a plan from CSV (`init --plan PLAN.csv`, the bundled sample):
 * `取組No,取組名,担当課,重点施策[,評価,主な取組実績,評価理由・課題]`, 担当課 and 重点施策
 * multi-valued (separated by `、`, `,` inside quotes, or newlines). Policies, measures and
 * departments come from `base` (default: the seed's structure).
 */
import { initiativeKey } from "./codes";
import { isCsvError, parseCsv } from "./csv";
import type { RatingInput } from "./entry";
import { masterTablesFromPlan, type PlanResult, parsePlan } from "./master";
import type { Plan } from "./plan";
import { type Problem, problem } from "./problems";
import { seedStructure } from "./seed-structure";
import { locateTable } from "./table";
import { cellString } from "./text";

export const PLAN_CSV_HEADERS = [
	"取組No",
	"取組名",
	"担当課",
	"重点施策",
	"評価",
	"主な取組実績",
	"評価理由・課題",
] as const;

/** The sheet name used in problems about the CSV file. */
export const CSV_SHEET = "CSV";

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
	base: Plan = seedStructure(),
): PlanCsvResult {
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
				if (
					![...ratings.keys()].some(
						(k) => initiativeKey(k) === initiativeKey(no),
					)
				) {
					ratings.set(no, r);
				}
			}
		}
	}
	const result = parsePlan({
		...masterTablesFromPlan(base),
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
