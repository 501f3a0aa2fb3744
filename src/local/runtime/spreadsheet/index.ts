/** The local SpreadsheetApp and its classes. Construct with `new LocalSpreadsheetApp(state)`. */
export { rectToA1 } from "./a1";
export {
	assertCanEdit,
	PROTECTED_MESSAGE,
} from "./protection";
export { LocalSpreadsheet } from "./spreadsheet";
export { LocalSpreadsheetApp } from "./spreadsheet-app";
export { userEdit } from "./user-edit";
