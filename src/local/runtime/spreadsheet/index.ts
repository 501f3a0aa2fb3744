/** The local SpreadsheetApp and its classes. Construct with `new LocalSpreadsheetApp(state)`. */
export {
	columnToLetters,
	lettersToColumn,
	parseA1Range,
	rectToA1,
	splitSheetPrefix,
} from "./a1";
export { LocalEmbeddedChart, LocalEmbeddedChartBuilder } from "./chart";
export {
	LocalConditionalFormatRule,
	LocalConditionalFormatRuleBuilder,
} from "./conditional-format";
export {
	LocalDataValidation,
	LocalDataValidationBuilder,
} from "./data-validation";
export {
	BooleanCriteria,
	DataValidationCriteria,
	ProtectionType,
	WrapStrategy,
} from "./enums";
export {
	assertCanEdit,
	canEditRect,
	LocalProtection,
	PROTECTED_MESSAGE,
	userCanEditProtection,
} from "./protection";
export { LocalRange } from "./range";
export { LocalSheet } from "./sheet";
export { LocalSpreadsheet } from "./spreadsheet";
export { LocalSpreadsheetApp } from "./spreadsheet-app";
export { LocalUser } from "./user";
export { type UserEditResult, userEdit } from "./user-edit";
