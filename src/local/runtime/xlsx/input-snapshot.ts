/**
 * The trace of edits made directly in the .xlsx (SPEC 9). Offline the book is a file: whoever
 * opens it in Excel or LibreOffice can change a rating and save, and no edit trigger sees it. So
 * every save keeps, in the runtime state (digest-protected, runtime-sheet.ts), the input cells —
 * 評価, 主な取組実績, 評価理由・課題 — of every entry sheet as saved; the next load compares them
 * with the cells as they are and puts each difference on `WorkbookModel.fileEdits`, which the
 * command line hands to the bundle (recordFileEdits) to log and validate.
 *
 * Compact: per sheet only the rows with some input, keyed by 取組No (so that rows sorted or moved
 * in Excel are not changes), as JSON deflated and in base64 (ASCII, so the state's \\u escaping
 * does not multiply Japanese text by six). This is the one place the codec knows the product's
 * layout: every save must refresh the snapshot, or the product's own changes would later look
 * like direct edits.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import {
	ENTRY_COL,
	entryHeaderProblem,
	type FileEdit,
	initiativeKey,
	parseEntrySheetName,
} from "../../../domain";
import type { CellValue, SheetModel, WorkbookModel } from "../model";

/** One entry sheet's input cells as saved. */
export interface InputSnapshot {
	sheet: string;
	/** base64 of deflated JSON: [key, 評価, 主な取組実績, 評価理由・課題][] */
	rows: string;
}

const INPUTS = [ENTRY_COL.rating, ENTRY_COL.achievement, ENTRY_COL.reason];

type Stored = string | number | boolean | { date: string };

function stored(v: CellValue | undefined): Stored {
	if (v instanceof Date) return { date: v.toISOString() };
	return v ?? "";
}

function restored(v: Stored | undefined): CellValue {
	if (v === undefined) return "";
	return typeof v === "object" ? new Date(v.date) : v;
}

/** LibreOffice keeps 15 significant digits, so numbers compare at that precision. */
function same(a: CellValue, b: CellValue): boolean {
	if (a === b) return true;
	const norm = (v: CellValue) =>
		v instanceof Date
			? `d:${v.getTime()}`
			: typeof v === "number"
				? `n:${Number(v.toPrecision(15))}`
				: `${typeof v}:${String(v)}`;
	return norm(a) === norm(b);
}

function isEntrySheet(sheet: SheetModel): boolean {
	return (
		parseEntrySheetName(sheet.name) !== null &&
		entryHeaderProblem(sheet.values[0] ?? [], sheet.name) === null
	);
}

/** Row index (0-based, below the header) → key: 取組No, its occurrence, or the row for no 取組No. */
function rowKeys(sheet: SheetModel): string[] {
	const seen = new Map<string, number>();
	return sheet.values.slice(1).map((row, i) => {
		const no = initiativeKey(row?.[ENTRY_COL.no] ?? "");
		if (no === "") return `@${i + 1}`;
		const n = (seen.get(no) ?? 0) + 1;
		seen.set(no, n);
		return n === 1 ? no : `${no}#${n}`;
	});
}

/** The snapshot the save stores: the entry sheets' rows that have some input. */
export function snapshotInputs(wb: WorkbookModel): InputSnapshot[] {
	return wb.sheets.filter(isEntrySheet).map((sheet) => {
		const keys = rowKeys(sheet);
		const rows: Stored[][] = [];
		keys.forEach((key, i) => {
			const row = sheet.values[i + 1] ?? [];
			const cells = INPUTS.map((c) => stored(row[c]));
			if (cells.some((v) => v !== "")) rows.push([key, ...cells]);
		});
		const json = Buffer.from(JSON.stringify(rows), "utf8");
		return { sheet: sheet.name, rows: deflateRawSync(json).toString("base64") };
	});
}

function readSnapshot(snapshot: InputSnapshot): Map<string, Stored[]> {
	const json = inflateRawSync(Buffer.from(snapshot.rows, "base64"));
	const rows = JSON.parse(json.toString("utf8")) as Stored[][];
	return new Map(rows.map(([key, ...cells]) => [String(key), cells]));
}

/**
 * The input cells that differ from the snapshot the last save stored, in sheet order; a row of
 * the snapshot that is gone counts as its inputs changed to empty (row null). Sheets whose
 * header was changed are left to 全行を検証, which reports it.
 */
export function inputChanges(
	wb: WorkbookModel,
	snapshots: readonly InputSnapshot[],
): FileEdit[] {
	const edits: FileEdit[] = [];
	for (const snapshot of snapshots) {
		const sheet = wb.sheets.find((s) => s.name === snapshot.sheet);
		if (!sheet || !isEntrySheet(sheet)) continue;
		const before = readSnapshot(snapshot);
		rowKeys(sheet).forEach((key, i) => {
			const row = sheet.values[i + 1] ?? [];
			const old = before.get(key) ?? [];
			before.delete(key);
			INPUTS.forEach((c, k) => {
				const was = restored(old[k]);
				const now = row[c] ?? "";
				if (!same(was, now))
					edits.push({
						sheet: sheet.name,
						row: i + 2,
						col: c + 1,
						no: row[ENTRY_COL.no] ?? "",
						oldValue: was,
						newValue: now,
					});
			});
		});
		for (const [key, old] of before)
			INPUTS.forEach((c, k) => {
				const was = restored(old[k]);
				if (was !== "")
					edits.push({
						sheet: sheet.name,
						row: null,
						col: c + 1,
						no: key.replace(/#\d+$/, ""),
						oldValue: was,
						newValue: "",
					});
			});
	}
	return edits;
}
