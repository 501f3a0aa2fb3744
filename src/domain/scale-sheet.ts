/**
 * The 評価区分 sheet (SPEC 11: コード | 表示 | 集計区分 | 並び順) → the Scale, and what a change of
 * scale does to the ratings already entered: a code the new scale lacks strands them (the change
 * is refused, listing the rows); a changed label is followed (the old text stays accepted for
 * that code until 全行を検証 rewrites the cells).
 */
import type { EntryRow } from "./entry";
import { SCALE_HEADERS, SHEET_NAMES } from "./layout";
import { type Problem, problem } from "./problems";
import {
	DEFAULT_SCALE,
	GRADE_GROUPS,
	type GradeGroup,
	gradeKey,
	parseRating,
	type RatingDef,
	type Scale,
	scaleOf,
} from "./ratings";
import { cellAt, locateTable } from "./table";
import { RESERVED_CODES } from "./tally";
import {
	cellString,
	collapseSpaces,
	foldMarks,
	quoteInput,
	removeSpaces,
	toHalfWidth,
} from "./text";

const S = SHEET_NAMES.scale;
const CODE_MAX = 10;
const LABEL_MAX = 30;

/** The sheet as 初期設定 writes it: the seed's A–D. */
export function defaultScaleRows(): string[][] {
	return [
		[...SCALE_HEADERS],
		...DEFAULT_SCALE.grades.map((g, i) => [
			g.code,
			g.label,
			g.group,
			String(i + 1),
		]),
	];
}

export interface ScaleResult {
	/** null when the sheet has an error (the scale in use stays). */
	scale: Scale | null;
	problems: Problem[];
}

interface GradeRow {
	row: number;
	code: string;
	label: string;
	group: GradeGroup;
	order: number | null;
}

function parseOrder(value: unknown): number | null | undefined {
	if (typeof value === "number")
		return Number.isFinite(value) ? value : undefined;
	const text = removeSpaces(toHalfWidth(cellString(value)));
	if (text === "") return null;
	return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function readGrade(
	cells: readonly unknown[],
	row: number,
	table: NonNullable<ReturnType<typeof locate>>,
	problems: Problem[],
): GradeRow | null {
	const code = foldMarks(
		removeSpaces(toHalfWidth(cellString(cellAt(table, cells, "code")))),
	);
	const label = collapseSpaces(cellString(cellAt(table, cells, "label")));
	const groupRaw = cellAt(table, cells, "group");
	const fail = (message: string) => {
		problems.push(problem(S, row, message));
		return null;
	};
	if (code === "")
		return fail("コードが空欄です（A、◎ のように入力してください）");
	if (Array.from(code).length > CODE_MAX)
		return fail(`コード${quoteInput(code)}は${CODE_MAX}文字以内にしてください`);
	if (RESERVED_CODES.some((r) => r.toUpperCase() === code.toUpperCase()))
		return fail(
			`コード${quoteInput(code)}は使えません（別のコードにしてください）`,
		);
	if (Array.from(label).length > LABEL_MAX)
		return fail(`コード「${code}」の表示は${LABEL_MAX}文字以内にしてください`);
	const groupText = removeSpaces(toHalfWidth(cellString(groupRaw)));
	const group = GRADE_GROUPS.find((g) => g === groupText);
	if (!group)
		return fail(
			`コード「${code}」の集計区分${quoteInput(groupRaw)}は ${GRADE_GROUPS.join("・")} のいずれかを入力してください`,
		);
	const order = parseOrder(cellAt(table, cells, "order"));
	if (order === undefined)
		return fail(`コード「${code}」の並び順は数字で入力してください`);
	return { row, code, label, group, order };
}

function locate(values: readonly (readonly unknown[])[], problems: Problem[]) {
	return locateTable(
		S,
		values,
		[
			{ key: "code", header: SCALE_HEADERS[0], aliases: ["記号", "評価"] },
			{
				key: "label",
				header: SCALE_HEADERS[1],
				aliases: ["説明", "表示名", "名称", "内容"],
			},
			{ key: "group", header: SCALE_HEADERS[2], aliases: ["区分"] },
			{
				key: "order",
				header: SCALE_HEADERS[3],
				aliases: ["順番", "表示順", "順序"],
				required: false,
			},
		],
		problems,
	);
}

/**
 * Parses the 評価区分 sheet. Every problem is reported with its row; any error makes the scale
 * null. Codes and labels must be distinct as people type them (a label may not be another
 * grade's code), at least one grade must be 上位 (the headline share), and a code may not be one
 * of the JSON's field names (RESERVED_CODES). Grades are ordered by 並び順 (blank last), then row.
 */
export function parseScale(
	values: readonly (readonly unknown[])[],
): ScaleResult {
	const problems: Problem[] = [];
	const table = locate(values, problems);
	if (!table) return { scale: null, problems };
	const grades: GradeRow[] = [];
	const seen = new Map<string, GradeRow>();
	for (const { row, cells } of table.rows) {
		const grade = readGrade(cells, row, table, problems);
		if (!grade) continue;
		const keys = [
			gradeKey(grade.code),
			...(grade.label ? [gradeKey(grade.label)] : []),
		];
		const clash = keys.map((k) => seen.get(k)).find((g) => g !== undefined);
		if (clash) {
			problems.push(
				problem(
					S,
					row,
					`コード「${grade.code}」または表示が${clash.row}行目（${clash.code}）と重なっています（同じ入力を2つの評価区分に使えません）`,
				),
			);
			continue;
		}
		for (const k of keys) if (!seen.has(k)) seen.set(k, grade);
		grades.push(grade);
	}
	if (grades.length > 0 && !grades.some((g) => g.group === "上位"))
		problems.push(
			problem(
				S,
				null,
				"集計区分「上位」の評価区分が1つもありません（割合の計算に使います）",
			),
		);
	if (grades.length === 0 && !problems.some((p) => p.level === "error"))
		problems.push(problem(S, null, "評価区分が1件もありません"));
	if (problems.some((p) => p.level === "error"))
		return { scale: null, problems };
	grades.sort(
		(a, b) =>
			(a.order ?? Number.POSITIVE_INFINITY) -
				(b.order ?? Number.POSITIVE_INFINITY) || a.row - b.row,
	);
	return { scale: scaleOf(grades), problems };
}

/** Whether two scales have the same grades (codes, labels, groups, order). */
export function sameScale(a: Scale, b: Scale): boolean {
	return scaleText(a) === scaleText(b);
}

function scaleText(scale: Scale): string {
	return JSON.stringify(scale.grades.map((g) => [g.code, g.label, g.group]));
}

/**
 * The new scale, each grade still accepting the texts it had in `previous` (its former option
 * and label, the code compared as typed): cells entered before a label changed keep their code.
 */
export function followingScale(next: Scale, previous: Scale): Scale {
	const before = new Map(previous.grades.map((g) => [gradeKey(g.code), g]));
	return {
		grades: next.grades.map((g): RatingDef => {
			const old = before.get(gradeKey(g.code));
			if (!old) return g;
			const former = [old.option, old.label, ...(old.former ?? [])].filter(
				(t) => t !== "" && t !== g.option && t !== g.label && t !== g.code,
			);
			const unique = [...new Set(former)].slice(0, 6);
			return unique.length > 0 ? { ...g, former: unique } : g;
		}),
	};
}

/** A rating already entered whose code the new scale lacks. */
export interface StrandedRow {
	row: number;
	no: string;
	department: string;
	/** The 評価 cell as it reads. */
	value: string;
	code: string;
}

/** The rows rated on `accepted` with a code `next` lacks, in sheet order. */
export function strandedRows(
	rows: readonly EntryRow[],
	accepted: Scale,
	next: Scale,
): StrandedRow[] {
	const codes = new Set(next.grades.map((g) => gradeKey(g.code)));
	const out: StrandedRow[] = [];
	for (const r of rows) {
		const parsed = parseRating(r.rating, accepted);
		if (!parsed.ok || parsed.code === null || codes.has(gradeKey(parsed.code)))
			continue;
		out.push({
			row: r.row,
			no: r.no,
			department: r.departments.join("、"),
			value: cellString(r.rating),
			code: parsed.code,
		});
	}
	return out;
}

/** The refusal of a scale change that would strand ratings, listing them (at most `limit`). */
export function strandedMessage(
	sheet: string,
	rows: readonly StrandedRow[],
	limit = 20,
): string {
	const codes = [...new Set(rows.map((r) => r.code))].join("・");
	const lines = rows
		.slice(0, limit)
		.map(
			(r) =>
				`${sheet} ${r.row}行目: 取組No「${r.no}」（${r.department}）評価「${r.value}」`,
		);
	if (rows.length > limit) lines.push(`ほか${rows.length - limit}件`);
	return `評価区分シートの変更を反映できません。評価区分から外れたコード（${codes}）で入力済みの評価が${rows.length}件あります。評価区分シートを元に戻すか、次の行の評価を入力し直してから、もう一度実行してください。\n${lines.join("\n")}`;
}

/** The scale as stored (document properties) between runs. */
export function scaleToJson(scale: Scale): string {
	return JSON.stringify(
		scale.grades.map((g) => ({
			code: g.code,
			label: g.label,
			group: g.group,
			...(g.former ? { former: g.former } : {}),
		})),
	);
}

/** The stored scale, or null when the text is not one (then the caller falls back). */
export function scaleFromJson(text: string | null): Scale | null {
	if (!text) return null;
	try {
		const list = JSON.parse(text) as Array<Partial<RatingDef>>;
		if (!Array.isArray(list) || list.length === 0) return null;
		const grades = list.map((g) => ({
			code: String(g.code ?? ""),
			label: String(g.label ?? ""),
			group: GRADE_GROUPS.find((x) => x === g.group) ?? "評価",
		}));
		if (grades.some((g) => g.code === "")) return null;
		const scale = scaleOf(grades);
		return {
			grades: scale.grades.map((g, i) => {
				const former = list[i]?.former;
				return Array.isArray(former) ? { ...g, former: former.map(String) } : g;
			}),
		};
	} catch {
		return null;
	}
}
