/**
 * One benchmark scenario: a workbook of N initiatives, D departments and Y fiscal years built
 * through the bundle as people would (setup, master pasted by the DX office, earlier years opened
 * and rated), then the measured operations: 初期設定, 新年度の評価シートを作成, a single-cell edit,
 * a block paste, 全行を検証, 集計を作成 and the daily trigger on a 当日催促 day with every
 * department unreported. Building the workbook is not measured.
 */
import {
	ENTRY_COL,
	entrySheetName,
	KPI_ENTRY_COL,
	kpiSheetName,
	SHEET_NAMES,
} from "../../domain";
import { connectShared, newControlWorkbook } from "../control-deployment";
import { runActionOrThrow } from "../run-action";
import { type CellValue, getCell, newWorkbookModel } from "../runtime/model";
import { LocalRuntime, type Manifest } from "../runtime/runtime";
import { paste, pasteTable, setSettings, sheetModel } from "../workbook-ops";
import { FLOORS } from "./floors";
import {
	BENCH_DX_OFFICE,
	departmentEmail,
	departmentRows,
	initiativeRows,
	kpiActual,
	kpiRows,
	ratingCells,
} from "./generate";
import { measure as measureOp, type OpResult } from "./measure";

export interface BenchBundle {
	code: string;
	manifest: Manifest;
}

export interface BenchSize {
	initiatives: number;
	departments: number;
	years: number;
}

export interface ScenarioOptions {
	/** Rows of the measured block paste (capped at the number of initiatives); default 1,000. */
	pasteRows?: number;
	/** Mail quota of the DX office's account (Workspace: 1,500 recipients a day). */
	mailQuota?: number;
	progress?: (message: string) => void;
	/** Runs each measured operation (e.g. under a CPU profiler); default: just runs it. */
	around?: (op: string, run: () => void) => void;
}

export interface ScenarioResult {
	size: BenchSize;
	/** Building the workbook (not part of the measured operations). */
	generation: { cpuMs: number; wallMs: number };
	ops: OpResult[];
}

/** The fiscal year evaluated (令和6年度) and the simulated day: its deadline, a Friday, 09:00. */
export const TARGET_YEAR = 2024;
export const DEADLINE = "2025-05-30";
export const RUN_AT = new Date("2025-05-30T09:00:00+09:00");

const DX = BENCH_DX_OFFICE;
/** Every scenario workbook has a KPI sheet (kpiRows) and so a KPI entry sheet per year. */
const WITH_KPIS = { kpi: true } as const;

function reiwa(fiscalYear: number): string {
	return `R${fiscalYear - 2018}`;
}

/** Sheet rows (1-based) that end a run of rows with the same 担当課. */
function groupLastRows(sheetName: string, rt: LocalRuntime): Set<number> {
	const sheet = sheetModel(rt, sheetName);
	const last = new Set<number>();
	const n = sheet.values.length;
	for (let r = 1; r < n; r++) {
		const here = getCell(sheet, r, ENTRY_COL.departments);
		const next = r + 1 < n ? getCell(sheet, r + 1, ENTRY_COL.departments) : "";
		if (here !== next) last.add(r + 1);
	}
	return last;
}

/**
 * Ratings for rows 2..rows+1 of an entry sheet (from its 取組No), `salt` choosing the values;
 * rows in `blank` are left without a rating, so their departments stay unreported.
 */
function ratingBlock(
	rt: LocalRuntime,
	sheetName: string,
	rows: number,
	salt: number,
	blank: ReadonlySet<number> = new Set(),
): CellValue[][] {
	const sheet = sheetModel(rt, sheetName);
	const block: CellValue[][] = [];
	for (let r = 2; r < rows + 2; r++) {
		const no = Number(getCell(sheet, r - 1, ENTRY_COL.no));
		block.push(blank.has(r) ? ["", "", ""] : ratingCells(no, salt));
	}
	return block;
}

/** The DX office adds rows at the bottom of a sheet (as in the Sheets UI) before a big paste. */
function growRows(rt: LocalRuntime, sheetName: string, rows: number): void {
	const sheet = sheetModel(rt, sheetName);
	if (sheet.maxRows < rows) sheet.maxRows = rows;
}

/** A department types one 実績値 into its own row of the target year's KPI sheet. */
function kpiEdit(
	rt: LocalRuntime,
	target: number,
	measure: (
		op: string,
		detail: string,
		floor: number,
		fn: () => void,
	) => OpResult,
): OpResult {
	const name = kpiSheetName(target);
	const sheet = sheetModel(rt, name);
	const row = Math.floor(sheet.values.length / 2) + 1;
	const dept = String(getCell(sheet, row - 1, KPI_ENTRY_COL.departments));
	const deptNo = Number(/課(\d+)/.exec(dept)?.[1] ?? "1");
	return measure(
		"kpiEdit",
		`1 実績値 by ${departmentEmail(deptNo).split("@")[0]}`,
		FLOORS.kpiEdit(),
		() => {
			paste(rt, departmentEmail(deptNo), name, row, KPI_ENTRY_COL.actual + 1, [
				["１，２３４"],
			]);
		},
	);
}

/**
 * An empty benchmark book as deployed in Google (SPEC 12: the script in the DX office's control
 * spreadsheet, connected to the book), opened by the DX office at RUN_AT.
 */
export function benchRuntime(
	bundle: BenchBundle,
	mailQuota?: number,
): LocalRuntime {
	const rt = new LocalRuntime({
		workbook: newWorkbookModel({
			owner: DX,
			name: "DX進捗管理（ベンチマーク）",
		}),
		container: newControlWorkbook(DX),
		code: bundle.code,
		manifest: bundle.manifest,
		now: () => RUN_AT,
		...(mailQuota === undefined ? {} : { mailQuota }),
	});
	rt.open(DX);
	connectShared(rt, DX);
	return rt;
}

export function runScenario(
	bundle: BenchBundle,
	size: BenchSize,
	options: ScenarioOptions = {},
): ScenarioResult {
	const { initiatives: n, departments: d, years } = size;
	const log = options.progress ?? (() => {});
	const rt = benchRuntime(bundle, options.mailQuota ?? 100_000);
	const ops: OpResult[] = [];
	const around = options.around ?? ((_op: string, run: () => void) => run());
	const measure = (
		op: string,
		detail: string,
		floor: number,
		fn: () => void,
	): OpResult => measureOp(rt, op, detail, floor, () => around(op, fn));
	const generation = { cpuMs: 0, wallMs: 0 };
	const untimed = (fn: () => void) => {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		fn();
		const cpu = process.cpuUsage(cpu0);
		generation.cpuMs += (cpu.user + cpu.system) / 1000;
		generation.wallMs += performance.now() - t0;
	};

	const sheetsBefore = new Set(rt.workbook.sheets.map((s) => s.name));
	let setupOp: OpResult | undefined;
	{
		// The floor needs the sheets created and written, known only afterwards.
		const result = measure("setupWorkbook", "empty workbook", 0, () => {
			runActionOrThrow(rt, "setupWorkbook", DX);
		});
		const made = rt.workbook.sheets.filter((s) => !sheetsBefore.has(s.name));
		const created = made.length;
		result.floor = FLOORS.setupWorkbook(
			made.filter((s) => s.values.length > 0).length,
		);
		result.ratio = result.spreadsheetCalls / result.floor;
		result.detail = `${created} sheets created`;
		setupOp = result;
	}
	ops.push(setupOp);

	const target = TARGET_YEAR;
	const first = target - years + 1;
	const entry = entrySheetName(target);
	log(`  generating: master, ${years - 1} earlier year(s)`);
	untimed(() => {
		pasteTable(rt, DX, SHEET_NAMES.departments, departmentRows(d));
		rt.share(...Array.from({ length: d }, (_, i) => departmentEmail(i + 1)));
		growRows(rt, SHEET_NAMES.initiatives, n + 1);
		pasteTable(rt, DX, SHEET_NAMES.initiatives, initiativeRows(n, d));
		growRows(rt, SHEET_NAMES.kpis, n + 1);
		pasteTable(rt, DX, SHEET_NAMES.kpis, kpiRows(n));
		setSettings(rt, DX, {
			対象年度: reiwa(first),
			回答期限: DEADLINE,
			DX推進室メール: DX,
			KPI実績を必須にする: "はい",
		});
		for (let y = first; y < target; y++) {
			if (y !== first) setSettings(rt, DX, { 対象年度: reiwa(y) });
			runActionOrThrow(rt, "openFiscalYear", DX);
			const name = entrySheetName(y);
			paste(rt, DX, name, 2, ENTRY_COL.rating + 1, ratingBlock(rt, name, n, y));
		}
		setSettings(rt, DX, { 対象年度: reiwa(target) });
	});

	log("  openFiscalYear");
	ops.push(
		measure(
			"openFiscalYear",
			`${entry}, ${n.toLocaleString("en-US")} rows`,
			FLOORS.openFiscalYear({ ...WITH_KPIS, lastYear: years > 1 }),
			() => {
				runActionOrThrow(rt, "openFiscalYear", DX);
			},
		),
	);

	// The target year: every row rated but the last of each department's group, so every
	// department is unreported; then the edit trigger is installed (as トリガーを設定 does).
	const blank = groupLastRows(entry, rt);
	untimed(() => {
		paste(
			rt,
			DX,
			entry,
			2,
			ENTRY_COL.rating + 1,
			ratingBlock(rt, entry, n, target, blank),
		);
		const kpis = sheetModel(rt, kpiSheetName(target)).values.length - 1;
		paste(
			rt,
			DX,
			kpiSheetName(target),
			2,
			KPI_ENTRY_COL.actual + 1,
			Array.from({ length: kpis }, (_, k) => [kpiActual(k, target)]),
		);
		runActionOrThrow(rt, "installTriggers", DX);
	});

	// A department types one letter into one of its own rows (not its group's last row).
	let row = Math.floor(n / 2) + 1;
	while (blank.has(row) && row > 2) row--;
	const deptText = String(
		getCell(sheetModel(rt, entry), row - 1, ENTRY_COL.departments),
	);
	const deptNo = Number(/課(\d+)/.exec(deptText)?.[1] ?? "1");
	log("  single-cell edit");
	ops.push(
		measure(
			"edit",
			`1 cell by ${departmentEmail(deptNo).split("@")[0]}`,
			FLOORS.edit(),
			() => {
				paste(rt, departmentEmail(deptNo), entry, row, ENTRY_COL.rating + 1, [
					["b"],
				]);
			},
		),
	);

	ops.push(kpiEdit(rt, target, measure));

	const pasteRows = Math.min(options.pasteRows ?? 1000, n);
	const block = ratingBlock(rt, entry, pasteRows, target + 100, blank);
	log(`  paste ${pasteRows} rows`);
	ops.push(
		measure(
			"paste",
			`${pasteRows.toLocaleString("en-US")} rows × 3 cols by DX office`,
			FLOORS.edit(),
			() => {
				paste(rt, DX, entry, 2, ENTRY_COL.rating + 1, block);
			},
		),
	);

	log("  validateAll");
	ops.push(
		measure(
			"validateAll",
			`${n.toLocaleString("en-US")} rows`,
			FLOORS.validateAll(WITH_KPIS),
			() => {
				runActionOrThrow(rt, "validateAll", DX);
			},
		),
	);

	log("  buildSummary");
	ops.push(
		measure(
			"buildSummary",
			`${years} year(s) × ${n.toLocaleString("en-US")}`,
			FLOORS.buildSummary(years, WITH_KPIS),
			() => {
				runActionOrThrow(rt, "buildSummary", DX);
			},
		),
	);

	log("  dailyJob");
	ops.push(
		measure(
			"dailyJob",
			`当日催促 to ${d} departments`,
			FLOORS.dailyJob(WITH_KPIS),
			() => {
				const fired = rt.runTimeTriggers(RUN_AT);
				if (fired !== 1)
					throw new Error(`expected one daily trigger, ${fired} fired`);
			},
		),
	);
	return { size, generation, ops };
}
