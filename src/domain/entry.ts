/**
 * The entry sheet of a fiscal year (`評価_R5`): layout, the pre-filled rows made from the plan,
 * and reading the rows back by header.
 */
import { initiativeKey, parseMeasureCode } from "./codes";
import { parseDateTime } from "./fiscal-year";
import { initiativePolicyCodes, type Plan, policyDisplay } from "./plan";
import { type Problem, problem } from "./problems";
import {
	canonicalRatingCell,
	DEFAULT_SCALE,
	type RowStatus,
	rowStatus,
	type Scale,
} from "./ratings";
import { cellAt, locateTable } from "./table";
import { cellString, isBlank, splitList } from "./text";

export const ENTRY_HEADERS = [
	"取組No",
	"基本方針",
	"重点施策",
	"取組名",
	"担当課",
	"評価",
	"主な取組実績",
	"評価理由・課題",
	"状態",
	"入力者",
	"更新日時",
] as const;

/** 0-based column indexes of the entry sheet as the product creates it. */
export const ENTRY_COL = {
	no: 0,
	policy: 1,
	measures: 2,
	name: 3,
	departments: 4,
	rating: 5,
	achievement: 6,
	reason: 7,
	status: 8,
	editor: 9,
	updatedAt: 10,
} as const;

export type EntryKey = keyof typeof ENTRY_COL;

/** Columns departments may edit (the others are protected). */
export const DEPARTMENT_EDITABLE_COLUMNS: readonly EntryKey[] = [
	"rating",
	"achievement",
	"reason",
];

export const ENTRY_WIDTH = ENTRY_HEADERS.length;

/**
 * Last year's answers beside this year's (SPEC 11): two read-only columns after 更新日時 in a
 * year opened when the previous year's entry sheet existed. After the fixed columns, so every
 * position above (ENTRY_COL) is the same in every entry sheet, with or without them.
 */
const LAST_YEAR_HEADERS = ["前年度の評価", "前年度の主な取組実績"] as const;

/** 0-based columns of last year's answers, in a sheet that has them. */
export const LAST_YEAR_COL = {
	rating: ENTRY_WIDTH,
	achievement: ENTRY_WIDTH + 1,
} as const;

/** The columns an entry sheet uses, from its header: the fixed ones, and last year's if there. */
export function entryLayoutWidth(header: readonly unknown[]): number {
	const hasLastYear = LAST_YEAR_HEADERS.every(
		(h, i) => cellString(header[ENTRY_WIDTH + i]) === h,
	);
	return hasLastYear ? ENTRY_WIDTH + LAST_YEAR_HEADERS.length : ENTRY_WIDTH;
}

/** Last year's 評価 and 主な取組実績 of one initiative, as its sheet shows them. */
export interface LastYearAnswer {
	rating: string;
	achievement: string;
}

/** initiativeKey → last year's answer, from the previous year's entry sheet (values with header). */
export function lastYearAnswers(
	values: readonly (readonly unknown[])[],
	sheet: string,
): Map<string, LastYearAnswer> {
	return new Map(
		readEntryRows(values, sheet).rows.map((r) => [
			r.key,
			{ rating: cellString(r.rating), achievement: r.achievement },
		]),
	);
}

export interface RatingInput {
	rating?: unknown;
	achievement?: unknown;
	reason?: unknown;
}

export interface EntryRowsOptions {
	/** Initial 評価 / 主な取組実績 / 評価理由・課題 by 取組No (the demo and `init --plan`). */
	ratings?: ReadonlyMap<string, RatingInput> | Record<string, RatingInput>;
	/** The scale the ratings are read on (default: the seed's A–D). */
	scale?: Scale;
	/** Last year's answers (lastYearAnswers): the rows get the LAST_YEAR_HEADERS columns. */
	lastYear?: ReadonlyMap<string, LastYearAnswer>;
}

function lookupRating(
	ratings: EntryRowsOptions["ratings"],
	no: string,
): RatingInput | undefined {
	if (!ratings) return undefined;
	const key = initiativeKey(no);
	if (ratings instanceof Map) {
		for (const [k, v] of ratings) if (initiativeKey(k) === key) return v;
		return undefined;
	}
	for (const [k, v] of Object.entries(ratings))
		if (initiativeKey(k) === key) return v;
	return undefined;
}

/**
 * The data rows (no header) of a new entry sheet, one per initiative in plan order, 11 columns:
 * 基本方針 as `I 行政サービスのDX` (several joined by `、` for 再掲 across policies), 重点施策 as
 * codes joined by `、`, 担当課 joined by `、`, 状態 computed (`未入力` unless ratings are given),
 * 入力者 and 更新日時 blank; then, with `lastYear`, 前年度の評価 and 前年度の主な取組実績 (blank for an
 * initiative new this year). Values as meant: the adapter writes them with keepTextRows.
 */
export function entryRowsFromPlan(
	plan: Plan,
	options: EntryRowsOptions = {},
): unknown[][] {
	const policyByCode = new Map(plan.policies.map((p) => [p.code, p]));
	const scale = options.scale ?? DEFAULT_SCALE;
	return plan.initiatives.map((i) => {
		const policies = initiativePolicyCodes(plan, i)
			.map((c) => policyByCode.get(c))
			.filter((p) => p !== undefined)
			.map((p) => policyDisplay(p));
		const given = lookupRating(options.ratings, i.no);
		const rating = given?.rating ?? "";
		const achievement = given?.achievement ?? "";
		const reason = given?.reason ?? "";
		const status = rowStatus(rating, achievement, reason, scale);
		const last = options.lastYear?.get(initiativeKey(i.no));
		const lastCells = options.lastYear
			? [last?.rating ?? "", last?.achievement ?? ""]
			: [];
		return [
			i.no,
			policies.join("、"),
			i.measures.join("、"),
			i.name,
			i.departments.join("、"),
			typeof rating === "string" ? canonicalRatingCell(rating, scale) : rating,
			achievement,
			reason,
			status.text,
			"",
			"",
			...lastCells,
		];
	});
}

/** Header row + data rows of a new entry sheet. */
export function entrySheetValues(
	plan: Plan,
	options: EntryRowsOptions = {},
): unknown[][] {
	const header = options.lastYear
		? [...ENTRY_HEADERS, ...LAST_YEAR_HEADERS]
		: [...ENTRY_HEADERS];
	return [header, ...entryRowsFromPlan(plan, options)];
}

export interface EntryRow {
	/** 1-based sheet row. */
	row: number;
	/** 取組No as in the cell. */
	no: string;
	/** initiativeKey(no): use it to match against the plan. */
	key: string;
	policyText: string;
	/** Measure codes read from the 重点施策 cell (unparseable items dropped). */
	measureCodes: string[];
	name: string;
	departments: string[];
	/** The 評価 cell as read (any type). */
	rating: unknown;
	achievement: string;
	reason: string;
	/** The 状態 cell as read (may be stale). */
	statusCell: string;
	/** The status computed now from 評価 / 主な取組実績 / 評価理由・課題. */
	status: RowStatus;
	editor: string;
	updatedAt: Date | null;
}

export interface EntryRead {
	rows: EntryRow[];
	problems: Problem[];
	/** 0-based columns located by header; null when the headers are unusable. */
	cols: Record<EntryKey, number> | null;
	/** 0-based index of the header row within the given values. */
	headerRow: number;
}

function memo<T>(parse: (text: string) => T): (text: string) => T {
	const cache = new Map<string, T>();
	return (text) => {
		let value = cache.get(text);
		if (value === undefined) {
			value = parse(text);
			cache.set(text, value);
		}
		return value;
	};
}

/**
 * Reads an entry sheet (2-D values including the header row) by header text. Blank rows are
 * skipped; a row with an empty 取組No but a rating is reported; duplicated 取組No is reported and
 * only the first row is kept.
 */
export function readEntryRows(
	values: readonly (readonly unknown[])[],
	sheet = "評価",
	scale: Scale = DEFAULT_SCALE,
): EntryRead {
	const problems: Problem[] = [];
	const specs = (Object.keys(ENTRY_COL) as EntryKey[]).map((key) => ({
		key,
		header: ENTRY_HEADERS[ENTRY_COL[key]],
		aliases: key === "no" ? ["取組No.", "取組番号", "No", "No."] : [],
	}));
	const table = locateTable(sheet, values, specs, problems);
	if (!table) return { rows: [], problems, cols: null, headerRow: 0 };
	const rows: EntryRow[] = [];
	const seen = new Map<string, number>();
	// A sheet repeats the same few 重点施策 and 担当課 texts thousands of times: parse each once.
	// Rows with the same text share the parsed array (read-only).
	const measureCodesOf = memo((text: string) =>
		splitList(text)
			.map((m) => parseMeasureCode(m)?.code)
			.filter((c): c is string => c !== undefined),
	);
	const departmentsOf = memo((text: string) => splitList(text));
	for (const { row, cells } of table.rows) {
		const get = (k: EntryKey) => cellAt(table, cells, k);
		const no = cellString(get("no"));
		const rating = get("rating");
		if (no === "") {
			if (
				!isBlank(rating) ||
				!isBlank(get("achievement")) ||
				!isBlank(get("reason"))
			) {
				problems.push(
					problem(
						sheet,
						row,
						"取組Noが空欄の行に入力があります（集計に含めません）",
					),
				);
			}
			continue;
		}
		const key = initiativeKey(no);
		const prev = seen.get(key);
		if (prev !== undefined) {
			problems.push(
				problem(
					sheet,
					row,
					`取組No「${no}」が重複しています（${prev}行目を使います）`,
				),
			);
			continue;
		}
		seen.set(key, row);
		const achievement = cellString(get("achievement"));
		const reason = cellString(get("reason"));
		rows.push({
			row,
			no,
			key,
			policyText: cellString(get("policy")),
			measureCodes: measureCodesOf(cellString(get("measures"))),
			name: cellString(get("name")),
			departments: departmentsOf(cellString(get("departments"))),
			rating,
			achievement,
			reason,
			statusCell: cellString(get("status")),
			status: rowStatus(rating, achievement, reason, scale),
			editor: cellString(get("editor")),
			updatedAt: parseDateTime(get("updatedAt")),
		});
	}
	return {
		rows,
		problems,
		cols: table.cols as Record<EntryKey, number>,
		headerRow: table.headerRow,
	};
}

/**
 * The initiatives as an entry sheet records them (its own 重点施策 and 担当課 columns): for
 * tallying an earlier year whose plan may differ from today's master. Combine with the current
 * policies and measures: `{ ...plan, initiatives: initiativesFromEntryRows(rows) }`.
 */
export function initiativesFromEntryRows(
	rows: readonly EntryRow[],
): Plan["initiatives"] {
	return rows.map((r) => ({
		no: r.no,
		name: r.name,
		departments: r.departments,
		measures: r.measureCodes,
	}));
}
