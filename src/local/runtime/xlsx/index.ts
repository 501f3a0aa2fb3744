/**
 * The local runtime's .xlsx codec: load a workbook file into the in-memory WorkbookModel and
 * save it back. See load.ts, save.ts, runtime-sheet.ts and dates.ts for the decisions.
 */
export { pixelsToWidth, widthToPixels } from "./cells";
export {
	instantToWallClock,
	isBooleanFormat,
	wallClockToInstant,
} from "./dates";
export { WorkbookFileError } from "./errors";
export { notXlsxPathMessage } from "./file-kind";
export {
	loadWorkbook,
	loadWorkbookFromBuffer,
} from "./load";
export { RUNTIME_SHEET_NAME } from "./runtime-sheet";
export { saveWorkbook, workbookToBuffer } from "./save";
