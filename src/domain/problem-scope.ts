/**
 * Which problems stop the tally (集計を作成, `summary`), in one place. The tally reads 対象年度,
 * the master's structure and department names, and the entry sheets; mail addresses and the
 * reminder settings are read only by the reminders. A problem there blocks reminders (they refuse
 * on any error) but is only a warning for the summary.
 */
import { DEPARTMENT_HEADERS, SHEET_NAMES } from "./layout";
import type { Problem } from "./problems";
import { SETTING_ITEMS } from "./settings";

const NOT_READ_BY_TALLY: ReadonlyMap<string, ReadonlySet<string>> = new Map([
	[
		SHEET_NAMES.departments,
		new Set<string>([DEPARTMENT_HEADERS[1], DEPARTMENT_HEADERS[2]]),
	],
	[
		SHEET_NAMES.settings,
		new Set(
			SETTING_ITEMS.filter((i) => i.key !== "fiscalYear").map((i) => i.label),
		),
	],
]);

/** True for an error that makes the tally wrong or impossible. */
export function blocksTally(p: Problem): boolean {
	if (p.level !== "error") return false;
	return !(
		p.field !== undefined && NOT_READ_BY_TALLY.get(p.sheet)?.has(p.field)
	);
}

/** The errors that do not block the tally, as the warnings the summary reports. */
export function tallyWarnings(problems: readonly Problem[]): Problem[] {
	return problems
		.filter((p) => p.level === "error" && !blocksTally(p))
		.map((p) => ({ ...p, level: "warning" }));
}
