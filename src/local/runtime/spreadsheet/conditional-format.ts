/**
 * Conditional format rules (https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder). The runtime
 * stores them; it never renders them. Sheet.setConditionalFormatRules replaces all the sheet's
 * rules (https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)).
 */
import type { ConditionalFormatModel, GridRect, SheetModel } from "../model";
import { GasError, type RuntimeState } from "../state";
import { BooleanCriteria } from "./enums";
import { asLocalRange, LocalRange } from "./range";
import { gas } from "./refs";

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type RuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type Range = GoogleAppsScript.Spreadsheet.Range;

const CRITERIA: Record<string, keyof typeof BooleanCriteria> = {
	textContains: "TEXT_CONTAINS",
	textStartsWith: "TEXT_STARTS_WITH",
	textEqualTo: "TEXT_EQUAL_TO",
	customFormula: "CUSTOM_FORMULA",
	cellEmpty: "CELL_EMPTY",
	cellNotEmpty: "CELL_NOT_EMPTY",
};

/** A rule's content; ranges are kept with their sheet until the rule is set on a sheet. */
interface RuleSpec {
	condition: string;
	args: string[];
	background?: string;
	fontColor?: string;
	bold?: boolean;
	ranges: LocalRange[];
}

class LocalBooleanCondition
	implements
		Pick<
			GoogleAppsScript.Spreadsheet.BooleanCondition,
			| "getBackground"
			| "getBold"
			| "getCriteriaType"
			| "getCriteriaValues"
			| "getFontColor"
		>
{
	constructor(private readonly spec: RuleSpec) {}
	toString(): string {
		return "BooleanCondition";
	}
	getBackground(): string | null {
		return this.spec.background ?? null;
	}
	getBold(): boolean | null {
		return this.spec.bold ?? null;
	}
	getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
		const name = CRITERIA[this.spec.condition] ?? "CUSTOM_FORMULA";
		return BooleanCriteria[name];
	}
	getCriteriaValues(): unknown[] {
		return [...this.spec.args];
	}
	getFontColor(): string | null {
		return this.spec.fontColor ?? null;
	}
}

export class LocalConditionalFormatRule
	implements
		Pick<
			Rule,
			"copy" | "getBooleanCondition" | "getGradientCondition" | "getRanges"
		>
{
	constructor(
		private readonly state: RuntimeState,
		readonly spec: Readonly<RuleSpec>,
	) {}

	toString(): string {
		return "ConditionalFormatRule";
	}

	copy(): RuleBuilder {
		const b = new LocalConditionalFormatRuleBuilder(this.state);
		b.spec = {
			...this.spec,
			args: [...this.spec.args],
			ranges: [...this.spec.ranges],
		};
		return gas(b);
	}

	getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
		return gas(new LocalBooleanCondition(this.spec));
	}

	getGradientCondition(): null {
		return null;
	}

	getRanges(): Range[] {
		return this.spec.ranges.map((r) => gas<Range>(r));
	}

	/** The model stored on `sheet`; every range must be on that sheet. */
	toModel(sheet: SheetModel): ConditionalFormatModel {
		const rects: GridRect[] = this.spec.ranges.map((r) => {
			if (r.sheetModel !== sheet) {
				throw new GasError(
					"A conditional format rule cannot reference a different sheet.",
				);
			}
			return { ...r.rect };
		});
		const model: ConditionalFormatModel = {
			rects,
			condition: this.spec.condition,
			args: [...this.spec.args],
		};
		if (this.spec.background !== undefined)
			model.background = this.spec.background;
		if (this.spec.fontColor !== undefined)
			model.fontColor = this.spec.fontColor;
		if (this.spec.bold !== undefined) model.bold = this.spec.bold;
		return model;
	}

	static fromModel(
		state: RuntimeState,
		sheet: SheetModel,
		m: ConditionalFormatModel,
	): LocalConditionalFormatRule {
		const spec: RuleSpec = {
			condition: m.condition,
			args: [...m.args],
			ranges: m.rects.map((rect) => new LocalRange(state, sheet, rect)),
		};
		if (m.background !== undefined) spec.background = m.background;
		if (m.fontColor !== undefined) spec.fontColor = m.fontColor;
		if (m.bold !== undefined) spec.bold = m.bold;
		return new LocalConditionalFormatRule(state, spec);
	}
}

type BuilderApi = Pick<
	RuleBuilder,
	| "build"
	| "copy"
	| "getRanges"
	| "setBackground"
	| "setBold"
	| "setFontColor"
	| "setRanges"
	| "whenCellEmpty"
	| "whenCellNotEmpty"
	| "whenFormulaSatisfied"
	| "whenTextContains"
	| "whenTextEqualTo"
	| "whenTextStartsWith"
>;

export class LocalConditionalFormatRuleBuilder implements BuilderApi {
	spec: RuleSpec = { condition: "", args: [], ranges: [] };

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "ConditionalFormatRuleBuilder";
	}

	private when(condition: string, args: string[]): RuleBuilder {
		this.spec.condition = condition;
		this.spec.args = args;
		return gas(this);
	}

	build(): Rule {
		if (!this.spec.condition)
			throw new GasError("A conditional format rule needs a condition.");
		return gas(
			new LocalConditionalFormatRule(this.state, {
				...this.spec,
				args: [...this.spec.args],
				ranges: [...this.spec.ranges],
			}),
		);
	}

	copy(): RuleBuilder {
		const b = new LocalConditionalFormatRuleBuilder(this.state);
		b.spec = {
			...this.spec,
			args: [...this.spec.args],
			ranges: [...this.spec.ranges],
		};
		return gas(b);
	}

	getRanges(): Range[] {
		return this.spec.ranges.map((r) => gas<Range>(r));
	}

	setBackground(color: string | null): RuleBuilder {
		if (color === null) delete this.spec.background;
		else this.spec.background = String(color);
		return gas(this);
	}

	setBold(bold: boolean | null): RuleBuilder {
		if (bold === null) delete this.spec.bold;
		else this.spec.bold = Boolean(bold);
		return gas(this);
	}

	setFontColor(color: string | null): RuleBuilder {
		if (color === null) delete this.spec.fontColor;
		else this.spec.fontColor = String(color);
		return gas(this);
	}

	setRanges(ranges: Range[]): RuleBuilder {
		this.spec.ranges = ranges.map((r) => asLocalRange(r));
		return gas(this);
	}

	whenCellEmpty(): RuleBuilder {
		return this.when("cellEmpty", []);
	}

	whenCellNotEmpty(): RuleBuilder {
		return this.when("cellNotEmpty", []);
	}

	whenFormulaSatisfied(formula: string): RuleBuilder {
		return this.when("customFormula", [String(formula)]);
	}

	whenTextContains(text: string): RuleBuilder {
		return this.when("textContains", [String(text)]);
	}

	whenTextEqualTo(text: string): RuleBuilder {
		return this.when("textEqualTo", [String(text)]);
	}

	whenTextStartsWith(text: string): RuleBuilder {
		return this.when("textStartsWith", [String(text)]);
	}
}

export function asLocalRule(rule: unknown): LocalConditionalFormatRule {
	if (rule instanceof LocalConditionalFormatRule) return rule;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
	);
}
