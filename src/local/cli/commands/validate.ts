/**
 * `validate BOOK.xlsx [--json]`: 全行を検証 on the workbook (状態 and highlights are written back).
 * Lists every row to fix (取組No, 担当課, cell, reason), as the menu's dialog does. Exit 0 when
 * every row is fine and the master has no errors, 1 when something needs fixing.
 */
import { formatProblem, type Problem, type RowToFix } from "../../../domain";
import { bookPath, parseArgs } from "../args";
import { runAction, runtimeFor, withBook } from "../book-session";
import type { CliIo } from "../run";

export async function validateCommand(
	argv: string[],
	io: CliIo,
): Promise<number> {
	const args = parseArgs(argv, { json: "boolean" });
	const path = bookPath(args, "validate");
	const outcome = await withBook(
		path,
		{ command: "validate", mode: "write" },
		({ workbook }) => runAction(runtimeFor(workbook), "validateAll"),
	);
	const problems = (outcome.problems as Problem[] | undefined) ?? [];
	const rows = (outcome.rows as RowToFix[] | undefined) ?? [];
	const fix = Number(outcome.fix ?? 0);
	// KPIの実績値 (SPEC 11): {done, blank, fix}; the JSON has `kpi` only when the year has a KPI sheet.
	const kpi =
		(outcome.kpi as { done: number; blank: number; fix: number } | null) ??
		null;
	const clean =
		fix === 0 &&
		(kpi?.fix ?? 0) === 0 &&
		!problems.some((p) => p.level === "error");
	if (args.flags.has("json")) {
		io.stdout(
			`${JSON.stringify({
				ok: clean,
				sheet: outcome.sheet,
				fiscalYear: outcome.fiscalYear,
				done: outcome.done,
				blank: outcome.blank,
				fix,
				problems,
				rows: rows.map(({ no, department, cell, reason }) => ({
					no,
					department,
					cell,
					reason,
				})),
				...(kpi ? { kpi } : {}),
			})}\n`,
		);
	} else {
		io.stdout(
			`${outcome.sheet} 入力済 ${outcome.done}件 / 未入力 ${outcome.blank}件 / 要修正 ${fix}件\n`,
		);
		if (kpi)
			io.stdout(
				`KPIの実績値 入力済 ${kpi.done}件 / 未入力 ${kpi.blank}件 / 要修正 ${kpi.fix}件\n`,
			);
		for (const p of problems)
			io.stdout(
				`${p.level === "error" ? "エラー" : "注意"}: ${formatProblem(p)}\n`,
			);
		for (const r of rows)
			io.stdout(
				`要修正: 取組No ${r.no}（${r.department}）${r.cell}: ${r.reason}\n`,
			);
	}
	return clean ? 0 : 1;
}
