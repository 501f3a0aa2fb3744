import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {
	CellValue,
	SheetModel,
	WorkbookModel,
} from "../../../src/local/runtime/model";

/** The values block without trailing empty cells and rows, Dates as ISO strings tagged. */
function normalizedValues(sheet: SheetModel): unknown[][] {
	const rows = sheet.values.map((row) => {
		const out = (row ?? []).map((v: CellValue) =>
			v instanceof Date ? { date: v.toISOString() } : v,
		);
		while (out.length > 0 && out[out.length - 1] === "") out.pop();
		return out;
	});
	while (rows.length > 0 && (rows[rows.length - 1] as unknown[]).length === 0)
		rows.pop();
	return rows;
}

export function allValues(wb: WorkbookModel): Record<string, unknown[][]> {
	return Object.fromEntries(
		wb.sheets.map((s) => [s.name, normalizedValues(s)]),
	);
}

export async function withTempDir<T>(
	fn: (dir: string) => Promise<T>,
): Promise<T> {
	const dir = await mkdtemp(join(tmpdir(), "dx-xlsx-"));
	try {
		return await fn(dir);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

export function sheetByName(wb: WorkbookModel, name: string): SheetModel {
	const s = wb.sheets.find((x) => x.name === name);
	if (!s) throw new Error(`no sheet ${name}`);
	return s;
}
