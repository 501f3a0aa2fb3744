/**
 * `split` (SPEC 9): one 照会 file per department, made on the local side from the book's model
 * after 全行を検証 has brought the entry sheet in line with the master. The product in Google has
 * no such files (departments edit the shared spreadsheet), so nothing of this is in the bundle:
 * the bundle's rows, formats, dropdown and colours are copied as they are, and the xlsx writer
 * writes the file.
 */
import { join } from "node:path";
import {
	type CalendarDate,
	cellString,
	DEFAULT_SCALE,
	type Department,
	ENTRY_COL,
	emailKey,
	formatDateJa,
	inquiryFileName,
	normalizeDepartmentName,
	parseScale,
	parseSettings,
	readDepartments,
	type Scale,
	type Settings,
	SHEET_NAMES,
	splitList,
} from "../../domain";
import {
	type CellValue,
	lastRow,
	type SheetModel,
	type WorkbookModel,
} from "../runtime/model";
import { saveWorkbook } from "../runtime/xlsx";
import { instantToWallClock } from "../runtime/xlsx/dates";
import { answerForm, type FormGuide } from "./form";
import { ensureBookSecret } from "./identity";

/** A refusal of split or collect, in Japanese (the command line prints it, exit 1). */
export class OfflineError extends Error {}

interface PlannedForm {
	department: string;
	path: string;
	rows: number;
	model: WorkbookModel;
}

export interface SplitPlan {
	forms: PlannedForm[];
	/** Departments of 担当課 with no row in the entry sheet: no file. */
	skipped: string[];
}

/** The entry sheet 全行を検証 reported (its name) and the year it is for. */
interface SplitYear {
	sheet: string;
	fiscalYear: number;
}

/**
 * Every file split would write, as models; the book gets its signing secret (made at the first
 * split), so it must be saved before the files are handed out.
 */
export function planSplit(
	book: WorkbookModel,
	year: SplitYear,
	dir: string,
	now: Date,
): SplitPlan {
	const entry = sheetOf(book, year.sheet);
	const departments = readDepartments(
		sheetOf(book, SHEET_NAMES.departments).values,
	);
	const settings = parseSettings(
		sheetOf(book, SHEET_NAMES.settings).values,
		now,
		dayIn(book.timeZone),
	).settings;
	const scaleSheet = book.sheets.find((s) => s.name === SHEET_NAMES.scale);
	const scale =
		(scaleSheet && parseScale(scaleSheet.values).scale) || DEFAULT_SCALE;
	const guide = formGuide(settings, year.fiscalYear, scale);
	const secret = ensureBookSecret(book);
	const rowsOf = rowsByDepartment(entry);
	const owners = addressOwners(departments, settings.dxOfficeEmails);
	const forms: PlannedForm[] = [];
	const skipped: string[] = [];
	const names = new Map<string, string>();
	for (const d of departments) {
		const rows = rowsOf.get(d.name) ?? [];
		if (rows.length === 0) {
			skipped.push(d.name);
			continue;
		}
		const file = inquiryFileName(year.fiscalYear, d.name);
		const clash = names.get(file.toLowerCase());
		if (clash !== undefined)
			throw new OfflineError(
				`課名「${clash}」と「${d.name}」の照会ファイル名が同じ ${file} になります。担当課シートの課名を区別できるように変えてください`,
			);
		names.set(file.toLowerCase(), d.name);
		const model = answerForm({
			book,
			entry,
			department: d.name,
			rows,
			guide,
			secret,
			shown: (value, column) =>
				column === ENTRY_COL.editor
					? editorShown(value, d.name, owners)
					: value,
			madeAt: now,
		});
		forms.push({
			department: d.name,
			path: join(dir, file),
			rows: rows.length,
			model,
		});
	}
	return { forms, skipped };
}

/** Writes the planned files (each atomically: a temporary file renamed into place). */
export async function writeForms(plan: SplitPlan): Promise<void> {
	for (const form of plan.forms) await saveWorkbook(form.model, form.path);
}

/** What the 記入方法 sheet says from 設定 (回答期限, 回答方法, whom to ask) and 評価区分. */
function formGuide(
	settings: Settings,
	fiscalYear: number,
	scale: Scale,
): FormGuide {
	return {
		fiscalYear,
		scale,
		deadline: settings.deadline
			? formatDateJa(settings.deadline)
			: "（未設定）",
		answerMethod: settings.answerMethod,
		contact:
			settings.dxOfficeEmails.length > 0
				? `${settings.senderName}（${settings.dxOfficeEmails.join("、")}）`
				: settings.senderName,
	};
}

function sheetOf(book: WorkbookModel, name: string): SheetModel {
	const sheet = book.sheets.find((s) => s.name === name);
	if (!sheet) throw new OfflineError(`シート「${name}」がありません`);
	return sheet;
}

/** 0-based entry-sheet rows of each department (a shared initiative is in each of its files). */
function rowsByDepartment(entry: SheetModel): Map<string, number[]> {
	const rows = new Map<string, number[]>();
	const last = lastRow(entry);
	for (let r = 1; r < last; r++) {
		const names = splitList(
			cellString(entry.values[r]?.[ENTRY_COL.departments]),
		);
		for (const name of names.map(normalizeDepartmentName)) {
			const list = rows.get(name) ?? [];
			list.push(r);
			rows.set(name, list);
		}
	}
	return rows;
}

/** Address → the department it belongs to; the DX office's addresses map to itself (""). */
function addressOwners(
	departments: readonly Department[],
	dxOffice: readonly string[],
): Map<string, string> {
	const owners = new Map<string, string>();
	for (const d of departments)
		for (const e of d.emails) owners.set(emailKey(e), d.name);
	for (const e of dxOffice) owners.set(emailKey(e), "");
	return owners;
}

/**
 * 入力者 as the department's file shows it: its own and the DX office's addresses as they are,
 * another department's address (a shared initiative) as that department's name, any other
 * address hidden: a file never carries another department's address.
 */
function editorShown(
	value: CellValue,
	department: string,
	owners: ReadonlyMap<string, string>,
): CellValue {
	if (typeof value !== "string" || !value.includes("@")) return value;
	const owner = owners.get(emailKey(value));
	if (owner === department || owner === "") return value;
	return owner ?? "（ほかの利用者）";
}

/** The calendar day of an instant in the book's time zone (a date cell is midnight there). */
function dayIn(timeZone: string): (instant: Date) => CalendarDate {
	return (instant) => {
		const wall = instantToWallClock(instant, timeZone);
		return {
			y: wall.getUTCFullYear(),
			m: wall.getUTCMonth() + 1,
			d: wall.getUTCDate(),
		};
	};
}
