/**
 * The offline cycle measured (SPEC 9): a book of N initiatives over D departments with 令和6年度
 * opened (built as in scenario.ts, not measured), then `split` (全行を検証 and one 照会 file per
 * department written to disk), every department answering every row (not measured), and
 * `collect` twice: a tenth of the files, then the rest. Each is the command's work between
 * loading and saving the book — the same code the command line runs — with real .xlsx files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	ANSWER_COLUMNS,
	ANSWER_RESULT,
	ENTRY_COL,
	entrySheetName,
	SHEET_NAMES,
} from "../../domain";
import { collectFiles } from "../offline/collect";
import { planSplit, type SplitPlan, writeForms } from "../offline/split";
import { runActionOrThrow } from "../run-action";
import { getCell, setCell } from "../runtime/model";
import type { LocalRuntime } from "../runtime/runtime";
import { loadWorkbook, saveWorkbook } from "../runtime/xlsx";
import { pasteTable, setSettings, sheetModel } from "../workbook-ops";
import { FLOORS } from "./floors";
import {
	BENCH_DX_OFFICE,
	departmentEmail,
	departmentRows,
	initiativeRows,
	ratingCells,
} from "./generate";
import { measureAsync, type OpResult } from "./measure";
import type { BenchBundle } from "./scenario";
import { benchRuntime, DEADLINE, RUN_AT, TARGET_YEAR } from "./scenario";

export interface OfflineSize {
	initiatives: number;
	departments: number;
}

export const OFFLINE_SIZES: readonly OfflineSize[] = [
	{ initiatives: 10_000, departments: 50 },
	{ initiatives: 50_000, departments: 500 },
];

interface OfflineOp extends OpResult {
	files: number;
	/** Rows written into the files (split) or taken into the book (collect). */
	rows: number;
}

export interface OfflineResult {
	size: OfflineSize;
	/** Building the book and answering the files (not measured). */
	generation: { cpuMs: number; wallMs: number };
	ops: OfflineOp[];
}

const DX = BENCH_DX_OFFICE;

function bookRuntime(bundle: BenchBundle, size: OfflineSize): LocalRuntime {
	const rt = benchRuntime(bundle);
	runActionOrThrow(rt, "setupWorkbook", DX);
	const { initiatives: n, departments: d } = size;
	pasteTable(rt, DX, SHEET_NAMES.departments, departmentRows(d));
	rt.share(...Array.from({ length: d }, (_, i) => departmentEmail(i + 1)));
	sheetModel(rt, SHEET_NAMES.initiatives).maxRows = n + 1;
	pasteTable(rt, DX, SHEET_NAMES.initiatives, initiativeRows(n, d));
	setSettings(rt, DX, {
		対象年度: `R${TARGET_YEAR - 2018}`,
		回答期限: DEADLINE,
		DX推進室メール: DX,
	});
	runActionOrThrow(rt, "openFiscalYear", DX);
	return rt;
}

/** Every department answers every row of its file (評価, 実績, and a reason for C/D) and saves it. */
async function answerAll(plan: SplitPlan): Promise<void> {
	for (const form of plan.forms) {
		const sheet = form.model.sheets.find(
			(s) => s.name === entrySheetName(TARGET_YEAR),
		);
		if (!sheet) throw new Error(`${form.path}: no entry sheet`);
		for (let r = 1; r <= form.rows; r++) {
			const cells = ratingCells(
				Number(getCell(sheet, r, ENTRY_COL.no)),
				TARGET_YEAR,
			);
			ANSWER_COLUMNS.forEach((c, k) => {
				setCell(sheet, r, c, cells[k] ?? "");
			});
		}
		await saveWorkbook(form.model, form.path);
	}
}

export async function runOfflineScenario(
	bundle: BenchBundle,
	size: OfflineSize,
	progress: (message: string) => void = () => {},
): Promise<OfflineResult> {
	const generation = { cpuMs: 0, wallMs: 0 };
	const untimed = async <T>(fn: () => T | Promise<T>): Promise<T> => {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		const result = await fn();
		const cpu = process.cpuUsage(cpu0);
		generation.cpuMs += (cpu.user + cpu.system) / 1000;
		generation.wallMs += performance.now() - t0;
		return result;
	};
	progress("  generating: book with 令和6年度 opened");
	const rt = await untimed(() => bookRuntime(bundle, size));
	const dir = mkdtempSync(join(tmpdir(), "dx-bench-forms-"));
	try {
		const ops: OfflineOp[] = [];
		progress(`  split (${size.departments} files)`);
		let plan: SplitPlan = { forms: [], skipped: [] };
		const split = await measureAsync(
			rt,
			"split",
			`全行を検証 + ${size.departments} files`,
			FLOORS.validateAll({ kpi: false }),
			async () => {
				const validated = runActionOrThrow(rt, "validateAll", DX);
				plan = planSplit(
					rt.workbook,
					{ sheet: String(validated.sheet), fiscalYear: TARGET_YEAR },
					dir,
					RUN_AT,
				);
				await writeForms(plan);
			},
		);
		const rows = plan.forms.reduce((n, f) => n + f.rows, 0);
		ops.push({ ...split, files: plan.forms.length, rows });
		progress("  answering every row of every file (not measured)");
		const paths = plan.forms.map((f) => f.path);
		await untimed(async () => {
			await answerAll(plan);
			// The command line loads the book before it reads any answer: the reader is warm.
			await loadWorkbook(paths[0] as string);
		});
		const tenth = Math.max(1, Math.round(paths.length / 10));
		for (const part of [paths.slice(0, tenth), paths.slice(tenth)]) {
			progress(`  collect (${part.length} files)`);
			ops.push(await measuredCollect(rt, part));
		}
		return { size, generation, ops };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function measuredCollect(
	rt: LocalRuntime,
	paths: readonly string[],
): Promise<OfflineOp> {
	let taken = 0;
	const op = await measureAsync(
		rt,
		"collect",
		`${paths.length} files`,
		FLOORS.collect(paths.length),
		async () => {
			const outcomes = await collectFiles(rt, paths, RUN_AT);
			const bad = outcomes.find((o) => o.result !== ANSWER_RESULT.taken);
			if (bad)
				throw new Error(
					`collect did not take ${bad.file}: ${bad.result} ${bad.reason ?? ""}`,
				);
			taken = outcomes.reduce((n, o) => n + o.rows, 0);
		},
	);
	return { ...op, files: paths.length, rows: taken };
}
