/**
 * The A–D progress ratings and the per-row status of an entry sheet.
 */
import {
	isBlank,
	quoteInput,
	removeSpaces,
	toHalfWidth,
	trimAll,
} from "./text";

export type RatingCode = "A" | "B" | "C" | "D";

export interface RatingDef {
	code: RatingCode;
	label: string;
	/** The canonical cell value and dropdown option: `A 順調に進んだ`. */
	option: string;
}

export const RATING_CODES: readonly RatingCode[] = ["A", "B", "C", "D"];

export const RATINGS: readonly RatingDef[] = [
	{ code: "A", label: "順調に進んだ", option: "A 順調に進んだ" },
	{ code: "B", label: "まずまず進んだ", option: "B まずまず進んだ" },
	{ code: "C", label: "あまり進まなかった", option: "C あまり進まなかった" },
	{ code: "D", label: "進まなかった", option: "D 進まなかった" },
];

/** The dropdown values of the 評価 column, in order. */
export const RATING_OPTIONS: readonly string[] = RATINGS.map((r) => r.option);

export function ratingDef(code: RatingCode): RatingDef {
	const def = RATINGS.find((r) => r.code === code);
	if (!def) throw new Error(`unknown rating ${code}`);
	return def;
}

/** Ratings that need 評価理由・課題. */
export function needsReason(code: RatingCode): boolean {
	return code === "C" || code === "D";
}

export type ParsedRating =
	| { ok: true; code: RatingCode; label: string; option: string }
	| { ok: true; code: null }
	| { ok: false; reason: string };

const CHOOSE = "評価は A・B・C・D のいずれかを選んでください";

function reject(value: unknown, prefix = CHOOSE): ParsedRating {
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

/**
 * Reads a 評価 cell.
 *
 * Accepted (whatever the case, full-width or half-width, with spaces around or between): the
 * letter (`a`, `Ｂ`), the label (`順調に進んだ`), the letter and its label (`A 順調に進んだ`,
 * `Ｃ　あまり進まなかった`, `A順調に進んだ`, `A：順調に進んだ`, `A（順調に進んだ）`).
 * Blank → `{ ok: true, code: null }`. Everything else (other letters, several letters, numbers,
 * booleans, dates, formulas, a letter with another letter's label) → a Japanese reason.
 */
const parsedStrings = new Map<string, ParsedRating>();

/**
 * Reads a 評価 cell. Results for text are remembered (a sheet repeats the same few labels tens of
 * thousands of times); the returned object must not be modified.
 */
export function parseRating(input: unknown): ParsedRating {
	if (typeof input !== "string") return parseRatingValue(input);
	const known = parsedStrings.get(input);
	if (known) return known;
	const parsed = parseRatingValue(input);
	if (parsedStrings.size < 1000) parsedStrings.set(input, parsed);
	return parsed;
}

function parseRatingValue(input: unknown): ParsedRating {
	if (isBlank(input)) return { ok: true, code: null };
	if (typeof input !== "string") return reject(input);
	const raw = trimAll(input);
	if (raw.startsWith("="))
		return reject(input, `評価に数式は使えません。${CHOOSE}`);
	const s = stripTrailing(removeSpaces(toHalfWidth(raw)));
	const accept = (code: RatingCode): ParsedRating => {
		const def = ratingDef(code);
		return { ok: true, code, label: def.label, option: def.option };
	};
	// The letter alone.
	const letter = /^[A-Da-d]$/.test(s) ? (s.toUpperCase() as RatingCode) : null;
	if (letter) return accept(letter);
	// The label alone. Compare the longest labels first: 進まなかった is a suffix of あまり進まなかった.
	const byLength = [...RATINGS].sort((x, y) => y.label.length - x.label.length);
	for (const def of byLength) if (s === def.label) return accept(def.code);
	// Letter + label, with optional separators / brackets between.
	const m = /^([A-Za-z])[:：.．・\-_)）(（]*(.+?)[)）]?$/.exec(s);
	if (m) {
		const code = (m[1] ?? "").toUpperCase();
		const rest = m[2] ?? "";
		const labelDef = byLength.find((d) => d.label === rest);
		if (labelDef && /^[A-D]$/.test(code)) {
			if (labelDef.code === code) return accept(labelDef.code);
			return reject(
				input,
				`評価の記号（${code}）と説明（${labelDef.label}）が一致しません。${CHOOSE}`,
			);
		}
	}
	return reject(input);
}

export type RowStatusKind = "blank" | "done" | "fix";

export interface RowStatus {
	kind: RowStatusKind;
	/** The 状態 cell: `未入力`, `入力済` or `要修正：<reason>`. */
	text: string;
	/** Reported: the rating is valid and, for C/D, 評価理由・課題 is filled in. */
	reported: boolean;
	rating: ParsedRating;
}

export const STATUS_BLANK = "未入力";
export const STATUS_DONE = "入力済";
export const STATUS_FIX_PREFIX = "要修正：";
export const REASON_REQUIRED =
	"評価がC・Dの場合は「評価理由・課題」を入力してください";
export const RATING_MISSING =
	"評価が未入力です（主な取組実績・評価理由は入力されています）";

/**
 * The status of one entry row from its 評価, 主な取組実績 and 評価理由・課題 cells.
 *
 * Decision (SPEC is silent): a row with 主な取組実績 or 評価理由・課題 typed but no 評価 is
 * `要修正：評価が未入力です…`, not `未入力`: the department has started the row and most likely
 * believes it is done, so the row is highlighted and the status tells what is missing. It is not
 * reported either way. 主な取組実績 is never required (SPEC requires only the reason for C/D).
 */
const statuses = new Map<string, RowStatus>();

export function rowStatus(
	rating: unknown,
	achievement: unknown,
	reason: unknown,
): RowStatus {
	// The status depends on the 評価 text and on whether the two texts are blank: a sheet has few
	// such combinations, so each is computed once (the returned object must not be modified).
	if (typeof rating !== "string")
		return computeRowStatus(rating, achievement, reason);
	const key = `${isBlank(achievement) ? 0 : 1}${isBlank(reason) ? 0 : 1}${rating}`;
	let status = statuses.get(key);
	if (!status) {
		status = computeRowStatus(rating, achievement, reason);
		if (statuses.size < 2000) statuses.set(key, status);
	}
	return status;
}

function computeRowStatus(
	rating: unknown,
	achievement: unknown,
	reason: unknown,
): RowStatus {
	const parsed = parseRating(rating);
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
	if (needsReason(parsed.code) && !hasReason) {
		return {
			kind: "fix",
			text: STATUS_FIX_PREFIX + REASON_REQUIRED,
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
export function canonicalRatingCell(input: unknown): unknown {
	const p = parseRating(input);
	return p.ok && p.code !== null ? p.option : input;
}
