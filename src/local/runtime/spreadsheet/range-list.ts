/**
 * RangeList (reference/spreadsheet/range-list): several ranges of one sheet changed in one call.
 * Sheet.getRangeList(a1Notations) throws for an invalid notation like getRange does; setValue
 * checks every range's protection before writing any of them.
 */
import type { SheetModel } from "../model";
import type { RuntimeState } from "../state";
import { fillBlock, scriptInput } from "./cells";
import { assertCanEdit } from "./protection";
import type { LocalRange } from "./range";

type RangeListApi = Pick<
	GoogleAppsScript.Spreadsheet.RangeList,
	"getRanges" | "setValue"
>;

export class LocalRangeList implements RangeListApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly sheet: SheetModel,
		private readonly ranges: LocalRange[],
	) {}

	toString(): string {
		return "RangeList";
	}

	getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
		return [...this.ranges] as unknown as GoogleAppsScript.Spreadsheet.Range[];
	}

	/** range-list#setValue(Object): every cell of every range gets the value. */
	setValue(value: unknown): GoogleAppsScript.Spreadsheet.RangeList {
		for (const r of this.ranges)
			assertCanEdit(
				this.state,
				this.sheet,
				r.rect,
				this.state.exec.effectiveUser,
			);
		const input = scriptInput(this.state);
		for (const r of this.ranges) fillBlock(this.sheet, r.rect, value, input);
		return this as unknown as GoogleAppsScript.Spreadsheet.RangeList;
	}
}
