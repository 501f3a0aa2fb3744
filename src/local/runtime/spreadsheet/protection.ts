/**
 * Protected ranges and sheets (https://developers.google.com/apps-script/reference/spreadsheet/protection).
 *
 * Documented behaviours reproduced:
 * - Range.protect() / Sheet.protect(): "Until the script actually changes the list of editors …
 *   the permissions mirror those of the spreadsheet itself, which effectively means that the
 *   range remains unprotected" (https://developers.google.com/apps-script/reference/spreadsheet/range#protect(),
 *   https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()). We snapshot the file's editors (owner, shared
 *   accounts and groups) into the new protection; domain edit starts on for a
 *   domain-owned file. So a protection only protects once the script removes editors — which is
 *   why Google's sample calls addEditor(me), removeEditors(getEditors()), setDomainEdit(false).
 * - Sheet.protect() on an already protected sheet returns the existing protection
 *   (https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()).
 * - "The spreadsheet owner is always able to edit protected ranges and sheets" (protection#canEdit()).
 * - The owner and the current user cannot be removed from the editors
 *   (protection#removeEditor(String)): removal of them is silently ignored.
 * - Warning-only protections let everyone edit (protection#setWarningOnly(Boolean)) and have no
 *   editors.
 * - setUnprotectedRanges only applies to a protected sheet (protection#setUnprotectedRanges(Range)).
 * - setDomainEdit throws on a file outside a Workspace domain (our rule: owner @gmail.com).
 * - A Google Group may be an editor; its members can edit. "Ensure the current user is an editor
 *   before removing others. Otherwise, if the user's edit permission comes from a group, the
 *   script throws an exception upon removing the group." (the class's sample): removeEditors
 *   throws when it would take away the running user's only right, a group's (message ours).
 * - Nobody edits a protected cell without edit access to the file itself (access.ts).
 */
import type {
	GridRect,
	ProtectionModel,
	SheetModel,
	WorkbookModel,
} from "../model";
import { rectsIntersect } from "../model";
import { GasError, type RuntimeState, workbookOfSheet } from "../state";
import {
	assertCanEditFile,
	canEditFile,
	isMemberOf,
	listedOrMember,
} from "./access";
import { ProtectionType } from "./enums";
import { asLocalRange, LocalRange } from "./range";
import { gas } from "./refs";
import {
	domainOf,
	emailKey,
	emailOf,
	isConsumerAccount,
	LocalUser,
	sameEmail,
	uniqueEmails,
} from "./user";

export const PROTECTED_MESSAGE =
	"You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

/** Whether `user` may edit the cells a protection covers. */
function userCanEditProtection(
	wb: WorkbookModel,
	p: ProtectionModel,
	user: string,
): boolean {
	if (user && sameEmail(user, wb.owner)) return true;
	if (!canEditFile(wb, user)) return false;
	if (p.warningOnly) return true;
	if (listedOrMember(wb, p.editors, user)) return true;
	return (
		p.domainEdit &&
		!isConsumerAccount(wb.owner) &&
		domainOf(user) === domainOf(wb.owner)
	);
}

/** Whether the union of `cover` contains every cell of `rect`. */
function coveredBy(rect: GridRect, cover: readonly GridRect[]): boolean {
	if (cover.length === 0) return false;
	const relevant = cover.filter((u) => rectsIntersect(u, rect));
	if (relevant.length === 0) return false;
	const end = rect.col + rect.numCols;
	for (let r = rect.row; r < rect.row + rect.numRows; r++) {
		const spans = relevant
			.filter((u) => r >= u.row && r < u.row + u.numRows)
			.map((u) => [u.col, u.col + u.numCols] as const)
			.sort((a, b) => a[0] - b[0]);
		let reach = rect.col;
		for (const [s, e] of spans) {
			if (s > reach) break;
			if (e > reach) reach = e;
			if (reach >= end) break;
		}
		if (reach < end) return false;
	}
	return true;
}

/** Whether `user` may edit every cell of rect (0-based) on sheet. */
export function canEditRect(
	state: RuntimeState,
	sheet: SheetModel,
	rect: GridRect,
	user: string,
): boolean {
	const wb = workbookOfSheet(state, sheet);
	for (const p of sheet.protections) {
		if (userCanEditProtection(wb, p, user)) continue;
		if (p.rect) {
			if (rectsIntersect(p.rect, rect)) return false;
		} else if (!coveredBy(rect, p.unprotected)) {
			return false;
		}
	}
	return true;
}

/**
 * Throws Sheets' message when `user` may not edit some cell of rect. Script writes call it with
 * the effective user, the UI with the typing user. The owner can always edit; warning-only
 * protections do not block.
 */
export function assertCanEdit(
	state: RuntimeState,
	sheet: SheetModel,
	rect: GridRect,
	user: string,
): void {
	assertCanEditFile(workbookOfSheet(state, sheet), user);
	if (sheet.protections.length === 0) return;
	if (!canEditRect(state, sheet, rect, user))
		throw new GasError(PROTECTED_MESSAGE);
}

/**
 * A new protection as Range.protect()/Sheet.protect() makes it: mirroring the file's editors
 * (the owner, the accounts and groups it is shared with). The running user is listed only when
 * the file names them: one who edits through a group is covered by the group's entry.
 */
export function newProtectionModel(
	state: RuntimeState,
	sheet: SheetModel,
	rect: GridRect | undefined,
): ProtectionModel {
	const wb = workbookOfSheet(state, sheet);
	assertCanEditFile(wb, state.exec.effectiveUser);
	const editors = uniqueEmails([wb.owner, ...wb.editors]);
	return {
		id: wb.nextId++,
		rect: rect ? { ...rect } : undefined,
		description: "",
		warningOnly: false,
		editors,
		domainEdit: !isConsumerAccount(wb.owner),
		unprotected: [],
	};
}

type ProtectionApi = Pick<
	GoogleAppsScript.Spreadsheet.Protection,
	| "addEditor"
	| "addEditors"
	| "canDomainEdit"
	| "canEdit"
	| "getDescription"
	| "getEditors"
	| "getProtectionType"
	| "getRange"
	| "getUnprotectedRanges"
	| "isWarningOnly"
	| "remove"
	| "removeEditor"
	| "removeEditors"
	| "setDescription"
	| "setDomainEdit"
	| "setRange"
	| "setUnprotectedRanges"
	| "setWarningOnly"
>;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export class LocalProtection implements ProtectionApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly sheet: SheetModel,
		readonly model: ProtectionModel,
	) {}

	toString(): string {
		return "Protection";
	}

	private get wb(): WorkbookModel {
		return workbookOfSheet(this.state, this.sheet);
	}

	private get self(): Protection {
		return gas<Protection>(this);
	}

	/** Changing a protection needs edit rights on it (as in the Sheets UI). */
	private requireEditRights(): void {
		if (!this.canEdit()) throw new GasError(PROTECTED_MESSAGE);
	}

	private isFixedEditor(email: string): boolean {
		return (
			sameEmail(email, this.wb.owner) ||
			sameEmail(email, this.state.exec.effectiveUser)
		);
	}

	canEdit(): boolean {
		return userCanEditProtection(
			this.wb,
			this.model,
			this.state.exec.effectiveUser,
		);
	}

	canDomainEdit(): boolean {
		return this.model.domainEdit && !isConsumerAccount(this.wb.owner);
	}

	getDescription(): string {
		return this.model.description;
	}

	setDescription(description: string): Protection {
		this.requireEditRights();
		this.model.description = String(description);
		return this.self;
	}

	getEditors(): GoogleAppsScript.Base.User[] {
		return this.model.editors.map((e) =>
			gas<GoogleAppsScript.Base.User>(new LocalUser(e)),
		);
	}

	addEditor(user: string | GoogleAppsScript.Base.User): Protection {
		return this.addEditors([emailOf(user)]);
	}

	addEditors(emailAddresses: string[]): Protection {
		this.requireEditRights();
		// Our decision (undocumented): giving editors to a warning-only protection turns it into an
		// editor-restricted one, as choosing "Restrict who can edit" does in the Sheets UI.
		this.model.warningOnly = false;
		this.model.editors = uniqueEmails([
			...this.model.editors,
			...emailAddresses.map((raw) => emailOf(raw).trim()),
		]);
		return this.self;
	}

	removeEditor(user: string | GoogleAppsScript.Base.User): Protection {
		return this.removeEditors([emailOf(user)]);
	}

	removeEditors(users: string[] | GoogleAppsScript.Base.User[]): Protection {
		this.requireEditRights();
		const remove = new Set(
			(users as unknown[]).map((u) => emailKey(emailOf(u))),
		);
		const kept = this.model.editors.filter(
			(e) => this.isFixedEditor(e) || !remove.has(emailKey(e)),
		);
		this.assertKeepsOwnGroup(kept);
		this.model.editors = kept;
		return this.self;
	}

	/**
	 * The class's sample: "if the user's edit permission comes from a group, the script throws an
	 * exception upon removing the group". The message is ours (Google's is not documented). Domain
	 * editing does not save it: the sample removes the group before switching that off.
	 */
	private assertKeepsOwnGroup(kept: string[]): void {
		const wb = this.wb;
		const me = this.state.exec.effectiveUser;
		const after = { ...this.model, editors: kept, domainEdit: false };
		if (userCanEditProtection(wb, after, me)) return;
		const group = this.model.editors.find((e) => isMemberOf(wb, e, me));
		if (group === undefined) return;
		throw new GasError(
			`You cannot remove ${group}: your own permission to edit this protected range comes from this group. Add yourself as an editor first.`,
		);
	}

	setDomainEdit(editable: boolean): Protection {
		this.requireEditRights();
		if (isConsumerAccount(this.wb.owner)) {
			// Sheets API Editors.domainUsersCanEdit: "Domain protection is only supported on documents
			// within a domain." (Apps Script throws; the message is ours.)
			throw new GasError(
				"Domain protection is only supported on documents within a domain.",
			);
		}
		this.model.domainEdit = Boolean(editable);
		return this.self;
	}

	isWarningOnly(): boolean {
		return this.model.warningOnly;
	}

	setWarningOnly(warningOnly: boolean): Protection {
		this.requireEditRights();
		this.model.warningOnly = Boolean(warningOnly);
		if (this.model.warningOnly) {
			this.model.editors = [];
			this.model.domainEdit = false;
		} else if (this.model.editors.length === 0) {
			this.model.editors = [this.wb.owner];
			const me = this.state.exec.effectiveUser;
			if (me && !sameEmail(me, this.wb.owner)) this.model.editors.push(me);
		}
		return this.self;
	}

	getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
		return this.model.rect ? ProtectionType.RANGE : ProtectionType.SHEET;
	}

	getRange(): GoogleAppsScript.Spreadsheet.Range {
		const rect = this.model.rect ?? {
			row: 0,
			col: 0,
			numRows: this.sheet.maxRows,
			numCols: this.sheet.maxColumns,
		};
		return gas(this.rangeOf(rect));
	}

	private rangeOf(rect: GridRect): LocalRange {
		return new LocalRange(this.state, this.sheet, rect);
	}

	setRange(range: GoogleAppsScript.Spreadsheet.Range): Protection {
		this.requireEditRights();
		const r = asLocalRange(range);
		if (!this.model.rect)
			throw new GasError("The range of a sheet protection cannot be changed.");
		if (r.sheetModel !== this.sheet)
			throw new GasError("The range must be on the protected sheet.");
		this.model.rect = { ...r.rect };
		return this.self;
	}

	getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
		return this.model.unprotected.map((rect) =>
			gas<GoogleAppsScript.Spreadsheet.Range>(this.rangeOf(rect)),
		);
	}

	setUnprotectedRanges(
		ranges: GoogleAppsScript.Spreadsheet.Range[],
	): Protection {
		this.requireEditRights();
		if (this.model.rect) {
			// protection#setUnprotectedRanges(Range): "… within a protected sheet". Message is ours.
			throw new GasError(
				"Unprotected ranges can only be set on a protected sheet.",
			);
		}
		const rects = ranges.map((range) => {
			const r = asLocalRange(range);
			if (r.sheetModel !== this.sheet)
				throw new GasError("The range must be on the protected sheet.");
			return { ...r.rect };
		});
		this.model.unprotected = rects;
		return this.self;
	}

	remove(): void {
		this.requireEditRights();
		const i = this.sheet.protections.indexOf(this.model);
		if (i >= 0) this.sheet.protections.splice(i, 1);
	}
}

/** Protections of one sheet of the given type, in creation order. */
export function protectionsOf(
	state: RuntimeState,
	sheet: SheetModel,
	type: GoogleAppsScript.Spreadsheet.ProtectionType,
): Protection[] {
	const wantSheet = String(type) === "SHEET";
	if (!wantSheet && String(type) !== "RANGE") {
		throw new GasError(
			`The parameters (${typeof type}) don't match the method signature for SpreadsheetApp.Sheet.getProtections.`,
		);
	}
	return sheet.protections
		.filter((p) => (p.rect === undefined) === wantSheet)
		.map((p) => gas<Protection>(new LocalProtection(state, sheet, p)));
}
