/**
 * Counts every service call the script makes (by `Class.method`, e.g. `Range.getValues`) and
 * injects faults: throw at the k-th call, as a flaky Google backend would.
 */
export class CallCounter {
	readonly byMethod = new Map<string, number>();
	total = 0;
	/** Throw at this call number (1-based, counted from the last reset), once. */
	private faultAt: number | null = null;

	hit(name: string): void {
		this.total++;
		this.byMethod.set(name, (this.byMethod.get(name) ?? 0) + 1);
		if (this.faultAt !== null && this.total === this.faultAt) {
			this.faultAt = null;
			throw new InjectedFault(this.total, name);
		}
	}

	/** The next run throws at its k-th service call (1-based). */
	failAtCall(k: number): void {
		if (!Number.isInteger(k) || k < 1)
			throw new RangeError(`failAtCall: k must be ≥ 1, got ${k}`);
		this.faultAt = this.total + k;
	}

	clearFault(): void {
		this.faultAt = null;
	}

	reset(): void {
		this.byMethod.clear();
		this.total = 0;
		this.faultAt = null;
	}

	/** Calls whose class is one of `classes` (e.g. the spreadsheet service's classes). */
	count(filter?: (name: string) => boolean): number {
		if (!filter) return this.total;
		let n = 0;
		for (const [name, c] of this.byMethod) if (filter(name)) n += c;
		return n;
	}

	snapshot(): Record<string, number> {
		return Object.fromEntries(
			[...this.byMethod.entries()].sort(([a], [b]) => a.localeCompare(b)),
		);
	}
}

class InjectedFault extends Error {
	constructor(
		readonly callNumber: number,
		readonly method: string,
	) {
		// Worded like the transient backend errors Apps Script surfaces.
		super(
			`Service error: Spreadsheets (injected fault at call ${callNumber}, ${method})`,
		);
		this.name = "Exception";
	}
}

/** Classes of the spreadsheet service, for counting "spreadsheet calls". */
const SPREADSHEET_CLASSES = new Set([
	"SpreadsheetApp",
	"Spreadsheet",
	"Sheet",
	"Range",
	"RangeList",
	"Protection",
	"DataValidation",
	"DataValidationBuilder",
	"ConditionalFormatRule",
	"ConditionalFormatRuleBuilder",
	"EmbeddedChart",
	"EmbeddedChartBuilder",
	"EmbeddedColumnChartBuilder",
	"EmbeddedBarChartBuilder",
	"EmbeddedPieChartBuilder",
	"TextStyle",
	"TextStyleBuilder",
]);

export function isSpreadsheetCall(name: string): boolean {
	return SPREADSHEET_CLASSES.has(name.slice(0, name.indexOf(".")));
}
