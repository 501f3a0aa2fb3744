import { type MasterTables, seedMasterTables } from "../../src/domain";

/** Seed master tables with addresses and the given initiative rows (header added). */
export function tables(
	initiatives: unknown[][],
	overrides: Partial<MasterTables> = {},
): MasterTables {
	const seed = seedMasterTables();
	return {
		policies: seed.policies,
		measures: seed.measures,
		departments: seed.departments.map((r, i) =>
			i === 0
				? r
				: [r[0], `dept${i}@city.example.jp`, `head${i}@city.example.jp`],
		),
		initiatives: [["取組No", "取組名", "担当課", "重点施策"], ...initiatives],
		...overrides,
	};
}
