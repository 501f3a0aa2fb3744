/**
 * Data validation rules (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder,
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation). Only list validation is modelled: the product uses
 * requireValueInList for the 評価 dropdown.
 *
 * - requireValueInList(values, showDropdown): showDropdown defaults to true.
 * - setAllowInvalid: "Sets whether to show a warning when input fails data validation or whether
 *   to reject the input entirely. The default for a new data validation rule is true."
 * - getCriteriaValues() of a list rule is [values, showDropdown], the arguments of the builder
 *   call (data-validation#getCriteriaValues()).
 * Script writes are not checked against validation (Sheets flags the cell; only the UI rejects).
 */
import type {
	CellValue,
	GridRect,
	SheetModel,
	ValidationModel,
} from "../model";
import { GasError, type RuntimeState } from "../state";
import { DataValidationCriteria } from "./enums";
import { subtract } from "./rects";
import { gas } from "./refs";

type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

export interface ValidationSpec {
	values: string[];
	showDropdown: boolean;
	allowInvalid: boolean;
	helpText: string;
}

type ValidationApi = Pick<
	DataValidation,
	| "copy"
	| "getAllowInvalid"
	| "getCriteriaType"
	| "getCriteriaValues"
	| "getHelpText"
>;

export class LocalDataValidation implements ValidationApi {
	constructor(
		private readonly state: RuntimeState,
		readonly spec: Readonly<ValidationSpec>,
	) {}

	toString(): string {
		return "DataValidation";
	}

	copy(): DataValidationBuilder {
		const b = new LocalDataValidationBuilder(this.state);
		b.requireValueInList([...this.spec.values], this.spec.showDropdown);
		b.setAllowInvalid(this.spec.allowInvalid);
		b.setHelpText(this.spec.helpText);
		return gas(b);
	}

	getAllowInvalid(): boolean {
		return this.spec.allowInvalid;
	}

	getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
		return DataValidationCriteria.VALUE_IN_LIST;
	}

	getCriteriaValues(): unknown[] {
		return [[...this.spec.values], this.spec.showDropdown];
	}

	getHelpText(): string {
		return this.spec.helpText;
	}
}

type BuilderApi = Pick<
	DataValidationBuilder,
	| "build"
	| "copy"
	| "getAllowInvalid"
	| "getCriteriaType"
	| "getCriteriaValues"
	| "getHelpText"
	| "requireValueInList"
	| "setAllowInvalid"
	| "setHelpText"
>;

export class LocalDataValidationBuilder implements BuilderApi {
	spec: ValidationSpec | null = null;
	private allowInvalid = true;
	private helpText = "";

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "DataValidationBuilder";
	}

	private get self(): DataValidationBuilder {
		return gas(this);
	}

	build(): DataValidation {
		if (!this.spec)
			throw new GasError(
				"A data validation rule needs a criterion (e.g. requireValueInList).",
			);
		return gas(
			new LocalDataValidation(this.state, {
				values: [...this.spec.values],
				showDropdown: this.spec.showDropdown,
				allowInvalid: this.allowInvalid,
				helpText: this.helpText,
			}),
		);
	}

	copy(): DataValidationBuilder {
		const b = new LocalDataValidationBuilder(this.state);
		b.spec = this.spec ? { ...this.spec, values: [...this.spec.values] } : null;
		b.allowInvalid = this.allowInvalid;
		b.helpText = this.helpText;
		return gas(b);
	}

	getAllowInvalid(): boolean {
		return this.allowInvalid;
	}

	getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
		// null until a criterion is chosen (data-validation-builder#getCriteriaType()).
		return (this.spec
			? DataValidationCriteria.VALUE_IN_LIST
			: null) as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
	}

	getCriteriaValues(): unknown[] {
		return this.spec ? [[...this.spec.values], this.spec.showDropdown] : [];
	}

	getHelpText(): string | null {
		return this.helpText || null;
	}

	requireValueInList(
		values: string[],
		showDropdown = true,
	): DataValidationBuilder {
		if (!Array.isArray(values)) {
			throw new GasError(
				"The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
			);
		}
		this.spec = {
			values: values.map((v) => String(v)),
			showDropdown: showDropdown !== false,
			allowInvalid: this.allowInvalid,
			helpText: this.helpText,
		};
		return this.self;
	}

	setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
		this.allowInvalid = Boolean(allowInvalidData);
		return this.self;
	}

	setHelpText(helpText: string): DataValidationBuilder {
		this.helpText = String(helpText ?? "");
		return this.self;
	}
}

export function asLocalValidation(rule: unknown): LocalDataValidation {
	if (rule instanceof LocalDataValidation) return rule;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.",
	);
}

/** Removes validation from rect (splitting the rules that only partly overlap it). */
export function clearValidations(sheet: SheetModel, rect: GridRect): void {
	if (sheet.validations.length === 0) return;
	const kept: ValidationModel[] = [];
	for (const v of sheet.validations) {
		for (const piece of subtract(v.rect, rect))
			kept.push(piece === v.rect ? v : { ...v, rect: piece });
	}
	sheet.validations = kept;
}

export function applyValidation(
	sheet: SheetModel,
	rect: GridRect,
	rule: LocalDataValidation | null,
): void {
	clearValidations(sheet, rect);
	if (!rule) return;
	sheet.validations.push({
		rect: { ...rect },
		kind: "list",
		values: [...rule.spec.values],
		showDropdown: rule.spec.showDropdown,
		allowInvalid: rule.spec.allowInvalid,
		helpText: rule.spec.helpText,
	});
}

/** The rule that applies to a cell (the last one set wins), or null. */
export function validationAt(
	sheet: SheetModel,
	row: number,
	col: number,
): ValidationModel | null {
	for (let i = sheet.validations.length - 1; i >= 0; i--) {
		const v = sheet.validations[i] as ValidationModel;
		const r = v.rect;
		if (
			row >= r.row &&
			row < r.row + r.numRows &&
			col >= r.col &&
			col < r.col + r.numCols
		)
			return v;
	}
	return null;
}

export function specOf(v: ValidationModel): ValidationSpec {
	return {
		values: [...v.values],
		showDropdown: v.showDropdown,
		allowInvalid: v.allowInvalid,
		helpText: v.helpText,
	};
}

/** Whether `value` satisfies a list rule (blank always does, as in Sheets). */
export function satisfies(v: ValidationModel, value: CellValue): boolean {
	if (value === "") return true;
	const text = value instanceof Date ? value.toISOString() : String(value);
	return v.values.includes(text);
}
