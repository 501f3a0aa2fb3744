/**
 * Which department may type into which rows of an entry sheet (SPEC 6). The sheet lists the
 * initiatives grouped by their 担当課 (in the order of the 担当課 sheet, plan order within), so
 * each department's rows are contiguous: the number of range protections then grows with the
 * number of departments, never with the number of initiatives, and a department pastes its
 * rows in one block.
 */
import type { Department, Initiative, Plan } from "./plan";
import { nameKey } from "./text";

function departmentSetKey(departments: readonly string[]): string {
	return departments.map(nameKey).join("\u0000");
}

/** The plan with its initiatives in entry-sheet order. */
export function entryOrder(plan: Plan): Plan {
	const rank = new Map(plan.departments.map((d, i) => [nameKey(d.name), i]));
	const order = (i: Initiative) =>
		i.departments.map((d) => rank.get(nameKey(d)) ?? Number.MAX_SAFE_INTEGER);
	const indexed = plan.initiatives.map((initiative, index) => ({
		initiative,
		index,
		key: order(initiative),
	}));
	indexed.sort((a, b) => {
		const n = Math.max(a.key.length, b.key.length);
		for (let k = 0; k < n; k++) {
			const x = a.key[k] ?? -1;
			const y = b.key[k] ?? -1;
			if (x !== y) return x - y;
		}
		return a.index - b.index;
	});
	return { ...plan, initiatives: indexed.map((x) => x.initiative) };
}

export interface InputGroup {
	/** 1-based sheet row of the group's first initiative. */
	firstRow: number;
	numRows: number;
	departments: string[];
	/** The departments' addresses (lower-case, no duplicates). */
	editors: string[];
}

/** Runs of consecutive rows with the same department set, in sheet order. */
export function inputGroups(
	rows: ReadonlyArray<{ row: number; departments: readonly string[] }>,
	departments: readonly Department[],
): InputGroup[] {
	const byKey = new Map(departments.map((d) => [nameKey(d.name), d]));
	const groups: InputGroup[] = [];
	let current: (InputGroup & { key: string }) | null = null;
	for (const r of rows) {
		const key = departmentSetKey(r.departments);
		if (
			current &&
			current.key === key &&
			current.firstRow + current.numRows === r.row
		) {
			current.numRows++;
			continue;
		}
		const editors = new Set<string>();
		for (const name of r.departments) {
			for (const e of byKey.get(nameKey(name))?.emails ?? [])
				editors.add(e.toLowerCase());
		}
		current = {
			key,
			firstRow: r.row,
			numRows: 1,
			departments: [...r.departments],
			editors: [...editors],
		};
		groups.push(current);
	}
	return groups.map(({ firstRow, numRows, departments: d, editors }) => ({
		firstRow,
		numRows,
		departments: d,
		editors,
	}));
}
