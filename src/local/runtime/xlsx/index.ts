/**
 * The local runtime's .xlsx codec: load a workbook file into the in-memory WorkbookModel and
 * save it back. See load.ts, save.ts, runtime-sheet.ts and dates.ts for the decisions.
 */
export { widthToPixels, pixelsToWidth } from "./cells";
export {
	instantToWallClock,
	wallClockToInstant,
	isBooleanFormat,
	zoneOffsetMs,
} from "./dates";
export { WorkbookFileError, type WorkbookFileErrorCode } from "./errors";
export {
	loadWorkbook,
	loadWorkbookFromBuffer,
	noteText,
	type LoadOptions,
} from "./load";
export { RUNTIME_SHEET_NAME } from "./runtime-sheet";
export { EXCEL_CELL_LIMIT, saveWorkbook, workbookToBuffer } from "./save";
