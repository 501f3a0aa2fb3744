/** The benchmark's results as a Markdown table (stdout, README) and the by-method breakdown. */
import { FLOOR_NOTES } from "./floors";
import type { OpResult } from "./measure";
import type { OfflineResult } from "./offline";
import type { ScenarioResult } from "./scenario";

function int(n: number): string {
	return Math.round(n).toLocaleString("en-US");
}

function sizeLabel(r: ScenarioResult): string {
	const { initiatives, departments, years } = r.size;
	return `${int(initiatives)} × ${departments} depts × ${years} yr`;
}

function markdownTable(rows: string[][]): string {
	const [head, ...body] = rows;
	if (!head) return "";
	const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
	return [
		line(head),
		line(head.map((_, i) => (i < 2 ? "---" : "---:"))),
		...body.map(line),
	].join("\n");
}

export function resultsTable(results: readonly ScenarioResult[]): string {
	const rows: string[][] = [
		[
			"workbook",
			"operation",
			"sheet calls",
			"floor",
			"ratio",
			"other calls",
			"mails",
			"CPU ms",
			"peak RSS MB",
			"peak heap MB",
		],
	];
	for (const r of results) {
		for (const op of r.ops) {
			rows.push([
				sizeLabel(r),
				`${op.op} (${op.detail})`,
				int(op.spreadsheetCalls),
				int(op.floor),
				op.ratio.toFixed(1),
				int(op.otherCalls),
				int(op.mails),
				int(op.cpuMs),
				int(op.peakRssMb),
				int(op.peakHeapMb),
			]);
		}
	}
	return markdownTable(rows);
}

function methods(byMethod: Record<string, number>): string {
	return Object.entries(byMethod)
		.map(([name, n]) => `${name}×${n}`)
		.join(", ");
}

function same(a: Record<string, number>, b: Record<string, number>): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Calls by method per operation: once when equal at every size (the constant-calls claim),
 * otherwise per size, so a count that grows is visible.
 */
export function byMethodText(results: readonly ScenarioResult[]): string {
	const lines: string[] = [];
	const names = results[0]?.ops.map((o) => o.op) ?? [];
	for (const name of names) {
		const per = results
			.map((r) => ({ r, op: r.ops.find((o) => o.op === name) }))
			.filter((x): x is { r: ScenarioResult; op: OpResult } => !!x.op);
		const first = per[0]?.op;
		if (!first) continue;
		lines.push(`${name} — floor: ${FLOOR_NOTES[name] ?? ""}`);
		const sheetSame = per.every((x) =>
			same(x.op.spreadsheetByMethod, first.spreadsheetByMethod),
		);
		const otherSame = per.every((x) =>
			same(x.op.otherByMethod, first.otherByMethod),
		);
		if (sheetSame)
			lines.push(
				`  spreadsheet (${first.spreadsheetCalls}, same at every size): ${methods(first.spreadsheetByMethod)}`,
			);
		else
			for (const { r, op } of per)
				lines.push(
					`  spreadsheet at ${sizeLabel(r)} (${op.spreadsheetCalls}): ${methods(op.spreadsheetByMethod)}`,
				);
		if (otherSame)
			lines.push(
				`  other (${first.otherCalls}, same at every size): ${methods(first.otherByMethod)}`,
			);
		else
			for (const { r, op } of per)
				lines.push(
					`  other at ${sizeLabel(r)} (${op.otherCalls}): ${methods(op.otherByMethod)}`,
				);
	}
	return lines.join("\n");
}

/** split and collect: files and rows besides calls, wall time (files are read and written) and CPU per row. */
export function offlineTable(results: readonly OfflineResult[]): string {
	const rows: string[][] = [
		[
			"book",
			"operation",
			"files",
			"rows",
			"sheet calls",
			"floor",
			"CPU ms",
			"wall ms",
			"CPU ms per row",
			"peak RSS MB",
			"peak heap MB",
		],
	];
	for (const r of results) {
		const book = `${int(r.size.initiatives)} × ${r.size.departments} depts`;
		for (const op of r.ops) {
			rows.push([
				book,
				`${op.op} (${op.detail})`,
				int(op.files),
				int(op.rows),
				int(op.spreadsheetCalls),
				int(op.floor),
				int(op.cpuMs),
				int(op.wallMs),
				(op.cpuMs / Math.max(1, op.rows)).toFixed(2),
				int(op.peakRssMb),
				int(op.peakHeapMb),
			]);
		}
	}
	return markdownTable(rows);
}
