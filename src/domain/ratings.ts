/**
 * The rating scale (評価区分, SPEC 11) and the per-row status of an entry sheet. The default scale
 * is the seed's A–D; a city's own scale comes from the 評価区分 sheet (scale-sheet.ts).
 */
import {
	foldMarks,
	isBlank,
	quoteInput,
	removeSpaces,
	toHalfWidth,
	trimAll,
} from "./text";

/** A code of the scale: `A`, `◎`, `完了`. */
export type RatingCode = string;

/**
 * 集計区分: `上位` counts in the headline share (like A and B), `評価` is a grade, `対象外` is
 * reported and listed but not graded (完了, 中止).
 */
export const GRADE_GROUPS = ["上位", "評価", "対象外"] as const;
export type GradeGroup = (typeof GRADE_GROUPS)[number];

export interface RatingDef {
	code: RatingCode;
	/** 表示 (may be ""). */
	label: string;
	/** The canonical cell value and dropdown option: `A 順調に進んだ` (the code alone without a label). */
	option: string;
	group: GradeGroup;
	/** Texts this grade had before its label changed, still accepted (scale-sheet.ts). */
	former?: readonly string[];
}

/** The grades in their 並び順. */
export interface Scale {
	grades: readonly RatingDef[];
}

export function scaleOf(
	grades: ReadonlyArray<{ code: string; label: string; group: GradeGroup }>,
): Scale {
	return {
		grades: grades.map((g) => ({
			code: g.code,
			label: g.label,
			option:
				g.label === "" || g.label === g.code ? g.code : `${g.code} ${g.label}`,
			group: g.group,
		})),
	};
}

export const DEFAULT_SCALE: Scale = scaleOf([
	{ code: "A", label: "順調に進んだ", group: "上位" },
	{ code: "B", label: "まずまず進んだ", group: "上位" },
	{ code: "C", label: "あまり進まなかった", group: "評価" },
	{ code: "D", label: "進まなかった", group: "評価" },
]);

/** The default scale's grades (the seed's A–D). */
export const RATINGS = DEFAULT_SCALE.grades as ReadonlyArray<
	RatingDef & { code: "A" | "B" | "C" | "D" }
>;

/** The default scale's dropdown values of the 評価 column, in order. */
export const RATING_OPTIONS: readonly string[] = RATINGS.map((r) => r.option);

/** The scale's dropdown options in order. */
export function scaleOptions(scale: Scale): string[] {
	return scale.grades.map((g) => g.option);
}

/** The scale's codes in order. */
export function scaleCodes(scale: Scale): RatingCode[] {
	return scale.grades.map((g) => g.code);
}

/** The codes of one 集計区分, in order. */
export function codesOf(scale: Scale, group: GradeGroup): RatingCode[] {
	return scale.grades.filter((g) => g.group === group).map((g) => g.code);
}

/**
 * Ratings that need 評価理由・課題. Decision (SPEC 2 says "C or D"): the grades of 集計区分 `評価`,
 * i.e. the graded codes below the top ones — C and D on the default scale, △ on ◎○△. `上位` and
 * `対象外` (完了, 中止) need none.
 */
export function needsReason(
	code: RatingCode,
	scale: Scale = DEFAULT_SCALE,
): boolean {
	return scale.grades.some((g) => g.code === code && g.group === "評価");
}

/** The headline share's row label: `A+B の割合`. */
export function shareLabel(scale: Scale): string {
	return `${codesOf(scale, "上位").join("+")} の割合`;
}

/** `評価は A・B・C・D のいずれかを選んでください` */
function chooseMessage(scale: Scale): string {
	return `評価は ${scaleCodes(scale).join("・")} のいずれかを選んでください`;
}

/** `評価がC・Dの場合は「評価理由・課題」を入力してください` */
function reasonRequiredMessage(scale: Scale): string {
	return `評価が${codesOf(scale, "評価").join("・")}の場合は「評価理由・課題」を入力してください`;
}

/** The dropdown's help text: every option, then which need a reason. */
export function ratingHelp(scale: Scale): string {
	const options = scale.grades.map((g) => g.option).join("／");
	const reason = codesOf(scale, "評価");
	return reason.length > 0
		? `${options} から選んでください。${reason.join("・")} の場合は「評価理由・課題」も入力してください。`
		: `${options} から選んでください。`;
}

export type ParsedRating =
	| { ok: true; code: RatingCode; label: string; option: string }
	| { ok: true; code: null }
	| { ok: false; reason: string };

function reject(value: unknown, prefix: string): ParsedRating {
	let shown: string;
	if (typeof value === "number") shown = `数値${quoteInput(value)}`;
	else if (typeof value === "boolean")
		shown = `チェックボックス${quoteInput(value)}`;
	else if (value instanceof Date) shown = `日付${quoteInput(value)}`;
	else shown = quoteInput(value);
	return { ok: false, reason: `${prefix}（入力値: ${shown}）` };
}

/** Removes trailing punctuation people add: `順調に進んだ。`, `A.`. */
function stripTrailing(s: string): string {
	return s.replace(/[。．.、,！!]+$/, "");
}

/** How a code or label is compared: half-width, no spaces, one spelling of each mark, upper case. */
export function gradeKey(text: string): string {
	return foldMarks(removeSpaces(toHalfWidth(trimAll(text)))).toUpperCase();
}

interface ScaleIndex {
	byCode: Map<string, RatingDef>;
	byLabel: Map<string, RatingDef>;
	/** Longest code first: a code may be the start of another (`A` and `AA`). */
	codes: Array<[string, RatingDef]>;
	choose: string;
	reasonRequired: string;
	parsed: Map<string, ParsedRating>;
	statuses: Map<string, RowStatus>;
}

const indexes = new WeakMap<Scale, ScaleIndex>();

function indexOf(scale: Scale): ScaleIndex {
	let index = indexes.get(scale);
	if (index) return index;
	const byCode = new Map(scale.grades.map((g) => [gradeKey(g.code), g]));
	const byLabel = new Map(
		scale.grades
			.filter((g) => g.label !== "")
			.map((g) => [stripTrailing(gradeKey(g.label)), g]),
	);
	// A former text (before a label changed) is accepted unless it is now another grade's.
	for (const g of scale.grades) {
		for (const text of g.former ?? []) {
			const key = stripTrailing(gradeKey(text));
			if (!byLabel.has(key) && !byCode.has(key)) byLabel.set(key, g);
		}
	}
	index = {
		byCode,
		byLabel,
		codes: [...byCode].sort((a, b) => b[0].length - a[0].length),
		choose: chooseMessage(scale),
		reasonRequired: reasonRequiredMessage(scale),
		parsed: new Map(),
		statuses: new Map(),
	};
	indexes.set(scale, index);
	return index;
}

/**
 * Reads a 評価 cell against a scale. Results for text are remembered (a sheet repeats the same
 * few labels tens of thousands of times); the returned object must not be modified.
 *
 * Accepted (whatever the case, full-width or half-width, with spaces around or between, 〇 for ○):
 * the code (`a`, `Ｂ`, `〇`), the label (`順調に進んだ`), the code and its label (`A 順調に進んだ`,
 * `Ｃ　あまり進まなかった`, `A順調に進んだ`, `A：順調に進んだ`, `A（順調に進んだ）`).
 * Blank → `{ ok: true, code: null }`. Everything else (other codes, several codes, numbers,
 * booleans, dates, formulas, a code with another code's label) → a Japanese reason.
 */
export function parseRating(
	input: unknown,
	scale: Scale = DEFAULT_SCALE,
): ParsedRating {
	if (typeof input !== "string") return parseRatingValue(input, scale);
	const index = indexOf(scale);
	const known = index.parsed.get(input);
	if (known) return known;
	const parsed = parseRatingValue(input, scale);
	if (index.parsed.size < 1000) index.parsed.set(input, parsed);
	return parsed;
}

function parseRatingValue(input: unknown, scale: Scale): ParsedRating {
	const index = indexOf(scale);
	if (isBlank(input)) return { ok: true, code: null };
	if (typeof input !== "string") return reject(input, index.choose);
	if (trimAll(input).startsWith("="))
		return reject(input, `評価に数式は使えません。${index.choose}`);
	const s = stripTrailing(gradeKey(input));
	const accept = (def: RatingDef): ParsedRating => ({
		ok: true,
		code: def.code,
		label: def.label,
		option: def.option,
	});
	const alone = index.byCode.get(s) ?? index.byLabel.get(s);
	if (alone) return accept(alone);
	// Code + label, with optional separators / brackets between.
	for (const [key, def] of index.codes) {
		if (!s.startsWith(key) || s.length === key.length) continue;
		const rest = s.slice(key.length).replace(/^[:：.．・\-_)）(（]+/, "");
		const labelDef =
			index.byLabel.get(rest) ?? index.byLabel.get(rest.replace(/[)）]$/, ""));
		if (!labelDef) continue;
		if (labelDef === def) return accept(def);
		return reject(
			input,
			`評価の記号（${def.code}）と説明（${labelDef.label}）が一致しません。${index.choose}`,
		);
	}
	return reject(input, index.choose);
}

type RowStatusKind = "blank" | "done" | "fix";

export interface RowStatus {
	kind: RowStatusKind;
	/** The 状態 cell: `未入力`, `入力済` or `要修正：<reason>`. */
	text: string;
	/** Reported: the rating is valid and, for C/D (needsReason), 評価理由・課題 is filled in. */
	reported: boolean;
	rating: ParsedRating;
}

export const STATUS_BLANK = "未入力";
export const STATUS_DONE = "入力済";
export const STATUS_FIX_PREFIX = "要修正：";
/** The default scale's message for a C or D without its reason. */
export const REASON_REQUIRED = reasonRequiredMessage(DEFAULT_SCALE);
const RATING_MISSING =
	"評価が未入力です（主な取組実績・評価理由は入力されています）";

/**
 * The status of one entry row from its 評価, 主な取組実績 and 評価理由・課題 cells.
 *
 * Decision (SPEC is silent): a row with 主な取組実績 or 評価理由・課題 typed but no 評価 is
 * `要修正：評価が未入力です…`, not `未入力`: the department has started the row and most likely
 * believes it is done, so the row is highlighted and the status tells what is missing. It is not
 * reported either way. 主な取組実績 is never required (SPEC requires only the reason for C/D).
 */
export function rowStatus(
	rating: unknown,
	achievement: unknown,
	reason: unknown,
	scale: Scale = DEFAULT_SCALE,
): RowStatus {
	// The status depends on the 評価 text and on whether the two texts are blank: a sheet has few
	// such combinations, so each is computed once (the returned object must not be modified).
	if (typeof rating !== "string")
		return computeRowStatus(rating, achievement, reason, scale);
	const statuses = indexOf(scale).statuses;
	const key = `${isBlank(achievement) ? 0 : 1}${isBlank(reason) ? 0 : 1}${rating}`;
	let status = statuses.get(key);
	if (!status) {
		status = computeRowStatus(rating, achievement, reason, scale);
		if (statuses.size < 2000) statuses.set(key, status);
	}
	return status;
}

function computeRowStatus(
	rating: unknown,
	achievement: unknown,
	reason: unknown,
	scale: Scale,
): RowStatus {
	const parsed = parseRating(rating, scale);
	const hasReason = !isBlank(reason);
	if (!parsed.ok) {
		return {
			kind: "fix",
			text: STATUS_FIX_PREFIX + parsed.reason,
			reported: false,
			rating: parsed,
		};
	}
	if (parsed.code === null) {
		if (!isBlank(achievement) || hasReason) {
			return {
				kind: "fix",
				text: STATUS_FIX_PREFIX + RATING_MISSING,
				reported: false,
				rating: parsed,
			};
		}
		return {
			kind: "blank",
			text: STATUS_BLANK,
			reported: false,
			rating: parsed,
		};
	}
	if (needsReason(parsed.code, scale) && !hasReason) {
		return {
			kind: "fix",
			text: STATUS_FIX_PREFIX + indexOf(scale).reasonRequired,
			reported: false,
			rating: parsed,
		};
	}
	return { kind: "done", text: STATUS_DONE, reported: true, rating: parsed };
}

/**
 * The input cell a 要修正 row is fixed in: 評価理由・課題 when the rating itself is valid (a C or D
 * without its reason, the only such case of computeRowStatus), else 評価.
 */
export function fixColumn(status: RowStatus): "rating" | "reason" {
	return status.rating.ok && status.rating.code !== null ? "reason" : "rating";
}

/** The text a rating cell should hold after validation: the canonical option when valid. */
export function canonicalRatingCell(
	input: unknown,
	scale: Scale = DEFAULT_SCALE,
): unknown {
	const p = parseRating(input, scale);
	return p.ok && p.code !== null ? p.option : input;
}
