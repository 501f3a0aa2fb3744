/** Reading the DX office's sheets (設定 and the master) into domain data. */
import {
	type PlanResult,
	parsePlan,
	parseSettings,
	type SettingsResult,
	SHEET_NAMES,
} from "../domain";
import { type Book, readAll, requireSheet } from "./book";

export function readSettings(book: Book, now: Date): SettingsResult {
	return parseSettings(readAll(requireSheet(book, SHEET_NAMES.settings)), now);
}

export function readMaster(book: Book): PlanResult {
	return parsePlan({
		policies: readAll(requireSheet(book, SHEET_NAMES.policies)),
		measures: readAll(requireSheet(book, SHEET_NAMES.measures)),
		departments: readAll(requireSheet(book, SHEET_NAMES.departments)),
		initiatives: readAll(requireSheet(book, SHEET_NAMES.initiatives)),
	});
}
