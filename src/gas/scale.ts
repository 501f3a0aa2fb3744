/**
 * The rating scale in use for a fiscal year (SPEC 11). The 評価区分 sheet is what the DX office
 * edits; the scale a year's ratings are validated and tallied on is the one last accepted for it,
 * kept in the document properties: the edit trigger reads it without reading the sheet, and an
 * earlier year keeps the scale it was rated on. Accepting happens in 初期設定, 新年度の評価シートを
 * 作成, 全行を検証, 集計を作成 and the reminder runs: a sheet with errors, or a change that would
 * strand ratings already entered (a code removed), is refused there, listing what to fix, and
 * the accepted scale stays. A year never accepted (made before 評価区分 existed) is on the seed's
 * A–D.
 */
import {
	DEFAULT_SCALE,
	type EntryRow,
	followingScale,
	type Problem,
	parseScale,
	ratingHelp,
	type Scale,
	SHEET_NAMES,
	sameScale,
	scaleFromJson,
	scaleOptions,
	scaleToJson,
	strandedMessage,
	strandedRows,
} from "../domain";
import { type Book, readAll, type Sheet } from "./book";
import { problemsMessage } from "./problems";

const KEY_PREFIX = "dxProgress.scale.";

/** The scale last accepted for `fiscalYear` (A–D when none was). */
export function acceptedScale(fiscalYear: number): Scale {
	const text = PropertiesService.getDocumentProperties().getProperty(
		`${KEY_PREFIX}${fiscalYear}`,
	);
	return scaleFromJson(text) ?? DEFAULT_SCALE;
}

function storeScale(fiscalYear: number, scale: Scale): void {
	PropertiesService.getDocumentProperties().setProperty(
		`${KEY_PREFIX}${fiscalYear}`,
		scaleToJson(scale),
	);
}

export interface ScaleCheck {
	/** The scale to work with: the sheet's when accepted, else the one accepted before. */
	scale: Scale;
	/** Why the sheet's scale was not accepted (Japanese, with the rows or problems), or null. */
	refusal: string | null;
	/** The sheet's warnings. */
	problems: Problem[];
}

/** The year's sheet as read on its accepted scale (acceptedScale). */
export interface EntryOnScale {
	name: string;
	rows: readonly EntryRow[];
	scale: Scale;
}

/**
 * Checks the 評価区分 sheet against the year's accepted scale and the ratings entered so far
 * (null when the year has no sheet yet), and records it when `commit` and it is accepted. The
 * scale returned is `entry.scale` itself when nothing changed. No 評価区分 sheet (a workbook made
 * before it existed): the accepted scale, nothing refused.
 */
export function checkScale(
	book: Book,
	fiscalYear: number,
	entry: EntryOnScale | null,
	commit: boolean,
): ScaleCheck {
	const accepted = entry?.scale ?? acceptedScale(fiscalYear);
	const sheet = book.getSheetByName(SHEET_NAMES.scale);
	if (!sheet) return { scale: accepted, refusal: null, problems: [] };
	const parsed = parseScale(readAll(sheet));
	if (!parsed.scale) {
		return {
			scale: accepted,
			refusal: problemsMessage(
				"評価区分シートに誤りがあるため、変更を反映できません。次の点を直してから、もう一度実行してください。",
				parsed.problems,
			),
			problems: [],
		};
	}
	const next = followingScale(parsed.scale, accepted);
	const stranded = entry ? strandedRows(entry.rows, accepted, next) : [];
	if (stranded.length > 0 && entry)
		return {
			scale: accepted,
			refusal: strandedMessage(entry.name, stranded),
			problems: parsed.problems,
		};
	const same = sameScale(next, accepted);
	if (commit && !(same && storedFor(fiscalYear))) storeScale(fiscalYear, next);
	return {
		scale: same ? accepted : next,
		refusal: null,
		problems: parsed.problems,
	};
}

function storedFor(fiscalYear: number): boolean {
	return (
		PropertiesService.getDocumentProperties().getProperty(
			`${KEY_PREFIX}${fiscalYear}`,
		) !== null
	);
}

/**
 * The 評価 column's dropdown: the scale's options, invalid input kept as typed and explained in
 * 状態 (SPEC 2), so Sheets warns and does not reject. One call for any number of rows.
 */
export function setRatingDropdown(
	sheet: Sheet,
	column: number,
	firstRow: number,
	rows: number,
	scale: Scale,
): void {
	if (rows <= 0) return;
	const rule = SpreadsheetApp.newDataValidation()
		.requireValueInList(scaleOptions(scale), true)
		.setAllowInvalid(true)
		.setHelpText(ratingHelp(scale))
		.build();
	sheet.getRange(firstRow, column, rows, 1).setDataValidation(rule);
}
