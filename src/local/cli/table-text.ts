/** Plain-text tables for the terminal, aligned for Japanese (full-width characters are 2 columns). */
import {
	abShareOf,
	type CountSource,
	countOf,
	formatPercent,
	scaleOfSummary,
	shareLabel,
} from "../../domain";

function displayWidth(text: string): number {
	let w = 0;
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		// East Asian Wide/Fullwidth ranges that occur in this product's text.
		const wide =
			(code >= 0x1100 && code <= 0x115f) ||
			(code >= 0x2e80 && code <= 0xa4cf) ||
			(code >= 0xac00 && code <= 0xd7a3) ||
			(code >= 0xf900 && code <= 0xfaff) ||
			(code >= 0xfe30 && code <= 0xfe4f) ||
			(code >= 0xff00 && code <= 0xff60) ||
			(code >= 0xffe0 && code <= 0xffe6) ||
			code >= 0x1f300;
		w += wide ? 2 : 1;
	}
	return w;
}

/** Columns after the first are right-aligned (numbers) unless `rightAligned` says otherwise. */
export function textTable(
	rows: ReadonlyArray<ReadonlyArray<string>>,
	rightAligned: (column: number, columns: number) => boolean = (c) => c > 0,
): string {
	const widths: number[] = [];
	for (const row of rows)
		row.forEach((cell, i) => {
			widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
		});
	return rows
		.map((row) =>
			row
				.map((cell, i) => {
					const pad = " ".repeat((widths[i] ?? 0) - displayWidth(cell));
					return rightAligned(i, row.length) ? pad + cell : cell + pad;
				})
				.join("  ")
				.trimEnd(),
		)
		.join("\n");
}

export interface SummaryTableInput {
	label: string;
	policies: Array<CountSource & { name: string }>;
	total: CountSource;
	initiatives: number;
	gross?: number;
	extraPlacements?: number;
	abShare: number | null;
	/** The scale (scaleJson); the seed's A–D when absent. */
	scale?: unknown;
}

/** The seed's table: 評価区分 × 基本方針 + 合計, then A+B の割合 and the 再掲 note. */
export function summaryText(s: SummaryTableInput): string {
	const scale = scaleOfSummary(s);
	const cols = [...s.policies, { ...s.total, name: "合計" }];
	const rows: string[][] = [
		["評価区分", ...cols.map((c) => c.name)],
		...scale.grades.map((g) => [
			g.option,
			...cols.map((c) => String(countOf(c, g.code))),
		]),
		["未評価", ...cols.map((c) => String(c.unrated))],
		["合計", ...cols.map((c) => String(c.total))],
		[shareLabel(scale), ...cols.map((c) => formatPercent(abShareOf(c, scale)))],
	];
	const gross = s.gross ?? s.total.total;
	const note =
		gross > s.initiatives
			? `※再掲を含むため、合計数（${gross}）は具体的取組の総数（${s.initiatives}）を上回る（再掲 ${s.extraPlacements ?? gross - s.initiatives}件）。`
			: `※具体的取組の総数 ${s.initiatives}件`;
	return `【${s.label} 進捗度評価集計（具体的取組ベース）】\n${textTable(rows)}\n${note}\n`;
}
