/**
 * SpreadsheetApp (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app) for a bound script.
 * Every access checks the spreadsheets.currentonly scope (or the full spreadsheets scope,
 * which implies it): with an explicit oauthScopes list that lacks it, calls fail as on Google
 * (https://developers.google.com/apps-script/concepts/scopes). openById reaches a file other
 * than the container, so it needs the full spreadsheets scope ("spreadsheets.currentonly: …
 * only the spreadsheet the script is bound to"), and the effective user must be allowed to open
 * that file.
 */
import type { WorkbookModel } from "../model";
import { containerOf, GasError, type RuntimeState, SCOPES } from "../state";
import { LocalUi } from "../ui";
import { canEditFile } from "./access";
import { LocalConditionalFormatRuleBuilder } from "./conditional-format";
import { LocalDataValidationBuilder } from "./data-validation";
import {
	BooleanCriteria,
	DataValidationCriteria,
	ProtectionType,
	WrapStrategy,
} from "./enums";
import { gas } from "./refs";
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
	| "openById"
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

	private container(): LocalSpreadsheet {
		return new LocalSpreadsheet(this.state, containerOf(this.state));
	}

	/** The bound spreadsheet (spreadsheet-app#getActive()). */
	getActive(): GoogleAppsScript.Spreadsheet.Spreadsheet {
		this.scope("getActive");
		return gas(this.container());
	}

	getActiveSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
		this.scope("getActiveSpreadsheet");
		return gas(this.container());
	}

	getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
		this.scope("getActiveSheet");
		return this.container().getActiveSheet();
	}

	/**
	 * spreadsheet-app#openById(String): "Opens the spreadsheet with the given ID … throws an
	 * exception if the spreadsheet doesn't exist or the user doesn't have permission to access
	 * it" (the message is Google's usual one for a file the account cannot open).
	 */
	openById(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
		this.state.requireScope(SCOPES.spreadsheets, "SpreadsheetApp.openById");
		const wb = this.knownWorkbooks().find((w) => w.id === String(id));
		if (!wb || !canEditFile(wb, this.state.exec.effectiveUser))
			throw new GasError(
				"You do not have permission to access the requested document.",
			);
		return gas(new LocalSpreadsheet(this.state, wb));
	}

	private knownWorkbooks(): WorkbookModel[] {
		return this.state.container
			? [this.state.container, this.state.workbook]
			: [this.state.workbook];
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
