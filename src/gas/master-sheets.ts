/** Reading the DX office's sheets (設定 and the master) into domain data. */
import {
	type PlanResult,
	parsePlan,
	parseSettings,
	type SettingsResult,
	SHEET_NAMES,
} from "../domain";
import { type Book, readAll, requireSheet } from "./book";
import { type SheetZone, sheetZone } from "./time-zone";

/** 設定, its date cells read in the spreadsheet's time zone. */
export function readSettings(
	book: Book,
	now: Date,
	zone: SheetZone = sheetZone(book),
): SettingsResult {
	return parseSettings(
		readAll(requireSheet(book, SHEET_NAMES.settings)),
		now,
		zone.day,
	);
}

export function readMaster(book: Book): PlanResult {
	return parsePlan({
		policies: readAll(requireSheet(book, SHEET_NAMES.policies)),
		measures: readAll(requireSheet(book, SHEET_NAMES.measures)),
		departments: readAll(requireSheet(book, SHEET_NAMES.departments)),
		initiatives: readAll(requireSheet(book, SHEET_NAMES.initiatives)),
	});
}
