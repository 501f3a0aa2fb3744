/**
 * The spreadsheet service's enums. On Google they are objects whose toString() is the constant's
 * name; here each constant is its name as a string (so `String(x)` and `x == "RANGE"` behave the
 * same, and values cross the script boundary as plain data). Typed as the real enums.
 */
type SS = typeof GoogleAppsScript.Spreadsheet;

function enumOf<E>(names: readonly string[]): E {
	const out: Record<string, string> = {};
	for (const n of names) out[n] = n;
	return Object.freeze(out) as unknown as E;
}

export const ProtectionType = enumOf<SS["ProtectionType"]>(["RANGE", "SHEET"]);

export const DataValidationCriteria = enumOf<SS["DataValidationCriteria"]>([
	"DATE_AFTER",
	"DATE_BEFORE",
	"DATE_BETWEEN",
	"DATE_EQUAL_TO",
	"DATE_IS_VALID_DATE",
	"DATE_NOT_BETWEEN",
	"DATE_ON_OR_AFTER",
	"DATE_ON_OR_BEFORE",
	"NUMBER_BETWEEN",
	"NUMBER_EQUAL_TO",
	"NUMBER_GREATER_THAN",
	"NUMBER_GREATER_THAN_OR_EQUAL_TO",
	"NUMBER_LESS_THAN",
	"NUMBER_LESS_THAN_OR_EQUAL_TO",
	"NUMBER_NOT_BETWEEN",
	"NUMBER_NOT_EQUAL_TO",
	"TEXT_CONTAINS",
	"TEXT_DOES_NOT_CONTAIN",
	"TEXT_EQUAL_TO",
	"TEXT_IS_VALID_EMAIL",
	"TEXT_IS_VALID_URL",
	"VALUE_IN_LIST",
	"VALUE_IN_RANGE",
	"CUSTOM_FORMULA",
	"CHECKBOX",
]);

export const BooleanCriteria = enumOf<SS["BooleanCriteria"]>([
	"CELL_EMPTY",
	"CELL_NOT_EMPTY",
	"NUMBER_GREATER_THAN",
	"NUMBER_LESS_THAN",
	"NUMBER_EQUAL_TO",
	"TEXT_CONTAINS",
	"TEXT_DOES_NOT_CONTAIN",
	"TEXT_EQUAL_TO",
	"TEXT_STARTS_WITH",
	"TEXT_ENDS_WITH",
	"CUSTOM_FORMULA",
]);

export const WrapStrategy = enumOf<SS["WrapStrategy"]>([
	"WRAP",
	"OVERFLOW",
	"CLIP",
]);
