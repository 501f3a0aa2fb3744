/**
 * When the master's 担当課 of an initiative changes after its year was opened (an April
 * reorganisation, a typo fixed), the entry sheet's 担当課 column must follow: it decides who may
 * type into the row, and the tally and the reminders already follow the master.
 */
import { initiativeKey } from "./codes";
import { ENTRY_COL } from "./entry";
import type { Plan } from "./plan";
import { cellString, nameKey, splitList } from "./text";

export interface DepartmentSync {
	/** The whole 担当課 column (rows 2…), to write in one block; null when nothing changed. */
	column: unknown[][] | null;
	/** 取組No of the rows that changed. */
	changed: string[];
}

/** `cols`: the 0-based 取組No and 担当課 columns (the entry sheet's by default; the KPI sheet's). */
export function syncDepartments(
	plan: Plan,
	values: readonly (readonly unknown[])[],
	cols: { no: number; departments: number } = ENTRY_COL,
): DepartmentSync {
	const byKey = new Map(
		plan.initiatives.map((i) => [initiativeKey(i.no), i.departments]),
	);
	const changed: string[] = [];
	const column = values.slice(1).map((row) => {
		const cell = row[cols.departments] ?? "";
		const no = cellString(row[cols.no]);
		const master = no === "" ? undefined : byKey.get(initiativeKey(no));
		if (!master) return [cell];
		const current = splitList(cellString(cell)).map(nameKey).join("|");
		if (current === master.map(nameKey).join("|")) return [cell];
		changed.push(no);
		return [master.join("、")];
	});
	return { column: changed.length > 0 ? column : null, changed };
}
