/**
 * Dates as the spreadsheet shows them. A date cell such as 回答期限 holds midnight in the
 * spreadsheet's own time zone (File > Settings, reference/spreadsheet/spreadsheet
 * #getSpreadsheetTimeZone()), which need not be the script's (appsscript.json timeZone,
 * Asia/Tokyo): read in another zone, 2024-05-31 in Auckland is 2024-05-30 in Tokyo.
 */
import type { CalendarDate, DayOf } from "../domain";
import type { Book } from "./book";

/** The script's zone (appsscript.json) and the daily trigger's: 催促時刻 is an hour in it. */
export const TIME_ZONE = "Asia/Tokyo";

export interface SheetZone {
	zone: string;
	/** The calendar day of an instant in the spreadsheet's zone. */
	day: DayOf;
}

export function sheetZone(book: Book): SheetZone {
	const zone = book.getSpreadsheetTimeZone() || TIME_ZONE;
	const day = (instant: Date): CalendarDate => {
		// reference/utilities/utilities#formatDate(Date,String,String): the day in that zone.
		const [y, m, d] = Utilities.formatDate(instant, zone, "yyyy-MM-dd")
			.split("-")
			.map(Number);
		return { y: y ?? 0, m: m ?? 0, d: d ?? 0 };
	};
	return { zone, day };
}

/** 催促時刻 is an hour in Asia/Tokyo (the daily trigger's zone): say so when the sheet's differs. */
export function zoneWarning(zone: string): string | null {
	return zone === TIME_ZONE
		? null
		: `スプレッドシートのタイムゾーンが ${zone} です（${TIME_ZONE} ではありません）。日付はスプレッドシートのタイムゾーンで読みますが、催促時刻は ${TIME_ZONE} の時刻です。ファイル＞設定で ${TIME_ZONE} にすることをおすすめします。`;
}
