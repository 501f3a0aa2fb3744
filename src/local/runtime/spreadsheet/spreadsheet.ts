/**
 * Spreadsheet (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet): the bound workbook.
 */
import { newSheetModel, type SheetModel, type WorkbookModel } from "../model";
import { GasError, type RuntimeState } from "../state";
import { assertCanEditFile } from "./access";
import { assertCanEdit, protectionsOf } from "./protection";
import { LocalRange } from "./range";
import { gas } from "./refs";
import {
	activeSheetOf,
	asLocalSheet,
	duplicateNameError,
	findSheet,
	LocalSheet,
	resolveA1,
	setActiveSheet,
} from "./sheet";
import { LocalUser } from "./user";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

type SpreadsheetApi = Pick<
	Spreadsheet,
	| "deleteSheet"
	| "getActiveSheet"
	| "getEditors"
	| "getId"
	| "getName"
	| "getOwner"
	| "getProtections"
	| "getRange"
	| "getSheetById"
	| "getSheetByName"
	| "getSheetId"
	| "getSheets"
	| "getSpreadsheetLocale"
	| "getSpreadsheetTimeZone"
	| "getUrl"
	| "insertSheet"
	| "rename"
	| "setActiveSheet"
	| "toast"
>;

export class LocalSpreadsheet implements SpreadsheetApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly wb: WorkbookModel,
	) {}

	toString(): string {
		return "Spreadsheet";
	}

	private wrap(sheet: SheetModel): Sheet {
		return gas(new LocalSheet(this.state, sheet));
	}

	getId(): string {
		return this.wb.id;
	}

	getName(): string {
		return this.wb.name;
	}

	rename(newName: string): void {
		assertCanEditFile(this.wb, this.state.exec.effectiveUser);
		this.wb.name = String(newName);
	}

	getUrl(): string {
		return (
			this.wb.url ?? `https://docs.google.com/spreadsheets/d/${this.wb.id}/edit`
		);
	}

	getSpreadsheetTimeZone(): string {
		return this.wb.timeZone;
	}

	getSpreadsheetLocale(): string {
		return this.wb.locale;
	}

	getOwner(): GoogleAppsScript.Base.User | null {
		return gas(new LocalUser(this.wb.owner));
	}

	/**
	 * "Gets the list of editors for this Spreadsheet. If the user who executes the script does not
	 * have edit access to the Spreadsheet, this method throws an exception." (spreadsheet#getEditors()).
	 * A group the file is shared with is listed as itself, never as its members. Whether the owner
	 * is listed is not documented; we list it first (the product also asks getOwner()).
	 */
	getEditors(): GoogleAppsScript.Base.User[] {
		assertCanEditFile(this.wb, this.state.exec.effectiveUser);
		const all = [
			this.wb.owner,
			...this.wb.editors.filter((e) => e !== this.wb.owner),
		];
		return all.map((e) => gas<GoogleAppsScript.Base.User>(new LocalUser(e)));
	}

	getSheets(): Sheet[] {
		return this.wb.sheets.map((s) => this.wrap(s));
	}

	/** spreadsheet#getSheetByName(String): null when there is no such sheet. */
	getSheetByName(name: string): Sheet | null {
		const sheet = findSheet(this.wb, String(name));
		return sheet ? this.wrap(sheet) : null;
	}

	getSheetById(id: number): Sheet | null {
		const sheet = this.wb.sheets.find((s) => s.sheetId === Number(id));
		return sheet ? this.wrap(sheet) : null;
	}

	getActiveSheet(): Sheet {
		return this.wrap(activeSheetOf(this.wb));
	}

	setActiveSheet(sheet: Sheet): Sheet {
		setActiveSheet(this.wb, asLocalSheet(sheet).model);
		return sheet;
	}

	/** The active sheet's id (spreadsheet#getSheetId()). */
	getSheetId(): number {
		return activeSheetOf(this.wb).sheetId;
	}

	/**
	 * spreadsheet#insertSheet: a new 1000 × 26 sheet, active afterwards. `sheetIndex` is the
	 * 0-based position; without it the sheet goes last (our choice). A taken name throws.
	 */
	insertSheet(
		nameOrIndex?: string | number | { template?: Sheet },
		indexOrOptions?: number | { template?: Sheet },
		options?: { template?: Sheet },
	): Sheet {
		void options;
		assertCanEditFile(this.wb, this.state.exec.effectiveUser);
		let name: string | undefined;
		let index: number | undefined;
		if (typeof nameOrIndex === "string") name = nameOrIndex;
		else if (typeof nameOrIndex === "number") index = nameOrIndex;
		if (typeof indexOrOptions === "number") index = indexOrOptions;
		if (name !== undefined) {
			if (name.trim() === "") throw new GasError("Invalid argument: sheetName");
			if (findSheet(this.wb, name)) throw duplicateNameError(name);
		} else {
			let n = this.wb.sheets.length + 1;
			while (findSheet(this.wb, `Sheet${n}`)) n++;
			name = `Sheet${n}`;
		}
		const sheet = newSheetModel(this.wb, name);
		if (index === undefined) this.wb.sheets.push(sheet);
		else {
			if (
				!Number.isInteger(index) ||
				index < 0 ||
				index > this.wb.sheets.length
			) {
				throw new GasError("Invalid argument: sheetIndex");
			}
			this.wb.sheets.splice(index, 0, sheet);
		}
		setActiveSheet(this.wb, sheet);
		return this.wrap(sheet);
	}

	/** spreadsheet#deleteSheet(Sheet): the last visible sheet cannot be deleted. */
	deleteSheet(sheet: Sheet): void {
		const model = asLocalSheet(sheet).model;
		const i = this.wb.sheets.indexOf(model);
		if (i < 0) throw new GasError("The sheet has already been deleted.");
		if (!this.wb.sheets.some((s) => s !== model && !s.hidden)) {
			throw new GasError(
				"Sorry, it is not possible to delete all non-hidden sheets. At least one sheet must remain visible.",
			);
		}
		// Deleting a protected sheet needs edit rights on all of it.
		assertCanEdit(
			this.state,
			model,
			{ row: 0, col: 0, numRows: model.maxRows, numCols: model.maxColumns },
			this.state.exec.effectiveUser,
		);
		this.wb.sheets.splice(i, 1);
	}

	/** spreadsheet#getRange(String): "Sheet!A1:B2", or A1 notation on the active sheet. */
	getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
		const { sheet, rect } = resolveA1(
			this.wb,
			a1Notation,
			activeSheetOf(this.wb),
		);
		return gas(new LocalRange(this.state, sheet, rect));
	}

	/** All protections of the given type across sheets, in sheet order. */
	getProtections(
		type: GoogleAppsScript.Spreadsheet.ProtectionType,
	): GoogleAppsScript.Spreadsheet.Protection[] {
		return this.wb.sheets.flatMap((s) => protectionsOf(this.state, s, type));
	}

	/**
	 * spreadsheet#toast(String,String,Number): "a popup window in the lower right corner of the
	 * spreadsheet … that stays visible for a certain length of time"; timeoutSeconds "if null, the
	 * toast defaults to 5 seconds; if negative, the toast remains until dismissed" (recorded as
	 * null). Google documents no limit on the message's length: it is recorded whole.
	 */
	toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
		const seconds =
			timeoutSeconds === undefined || timeoutSeconds === null
				? 5
				: Number(timeoutSeconds) < 0
					? null
					: Number(timeoutSeconds);
		this.state.ui.push({
			kind: "toast",
			title: title === undefined ? "" : String(title),
			message: String(msg),
			seconds,
		});
	}
}
