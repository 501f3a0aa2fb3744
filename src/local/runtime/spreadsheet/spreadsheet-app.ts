/**
 * SpreadsheetApp (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app) for a script bound to the workbook.
 * Every access checks the spreadsheets.currentonly scope (or the full spreadsheets scope,
 * which implies it): with an explicit oauthScopes list that lacks it, calls fail as on Google
 * (https://developers.google.com/apps-script/concepts/scopes).
 */
import { type RuntimeState, SCOPES } from "../state";
import { LocalUi } from "../ui";
import { LocalConditionalFormatRuleBuilder } from "./conditional-format";
import { LocalDataValidationBuilder } from "./data-validation";
import {
	BooleanCriteria,
	DataValidationCriteria,
	ProtectionType,
	WrapStrategy,
} from "./enums";
import { gas } from "./refs";
import { activeSheetOf } from "./sheet";
import { LocalSpreadsheet } from "./spreadsheet";

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

type SpreadsheetAppApi = Pick<
	App,
	| "BooleanCriteria"
	| "DataValidationCriteria"
	| "ProtectionType"
	| "WrapStrategy"
	| "flush"
	| "getActive"
	| "getActiveSheet"
	| "getActiveSpreadsheet"
	| "getUi"
	| "newConditionalFormatRule"
	| "newDataValidation"
>;

export class LocalSpreadsheetApp implements SpreadsheetAppApi {
	readonly BooleanCriteria = BooleanCriteria;
	readonly DataValidationCriteria = DataValidationCriteria;
	readonly ProtectionType = ProtectionType;
	readonly WrapStrategy = WrapStrategy;

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "SpreadsheetApp";
	}

	private scope(method: string): void {
		this.state.requireScope(
			SCOPES.spreadsheetsCurrentOnly,
			`SpreadsheetApp.${method}`,
		);
	}

	/** The bound spreadsheet (spreadsheet-app#getActive()). */
	getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
		this.scope("getActive");
		return gas(new LocalSpreadsheet(this.state));
	}

	getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
		this.scope("getActiveSpreadsheet");
		return gas(new LocalSpreadsheet(this.state));
	}

	getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
		this.scope("getActiveSheet");
		return new LocalSpreadsheet(this.state).getActiveSheet();
	}

	/** Writes are applied immediately in memory: nothing is pending (spreadsheet-app#flush()). */
	flush(): void {
		this.scope("flush");
	}

	newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
		this.scope("newDataValidation");
		return gas(new LocalDataValidationBuilder(this.state));
	}

	newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
		this.scope("newConditionalFormatRule");
		return gas(new LocalConditionalFormatRuleBuilder(this.state));
	}

	/** The spreadsheet's Ui; its own scope (script.container.ui) is checked by LocalUi. */
	getUi(): GoogleAppsScript.Base.Ui {
		this.scope("getUi");
		return gas(new LocalUi(this.state));
	}
}

export { activeSheetOf };
