/**
 * Who may edit the spreadsheet file, and who is in which Google Group. Sharing is Drive's, not
 * the sheet's: the owner and the accounts the file is shared with for editing (directly, or as
 * members of a Google Group it is shared with) may change it; nobody else can change anything,
 * in the UI or through a script running as them.
 *
 * - "Adds the given user to the list of editors for the protected sheet or range. This method
 *   does not automatically give the user permission to edit the spreadsheet itself"
 *   (https://developers.google.com/apps-script/reference/spreadsheet/protection#addEditor(String)):
 *   a protection editor who is not a file editor still cannot edit.
 * - A group appears among editors as one address (Spreadsheet.getEditors(),
 *   Protection.getEditors()); its members edit through it, and a script cannot list them.
 */
import type { WorkbookModel } from "../model";
import { GasError } from "../state";
import { emailKey, sameEmail } from "./user";

/**
 * Our message (Google's wording for a script writing to a file its user may only view is not
 * documented): the change is refused before any protection is looked at.
 */
export const FILE_READ_ONLY_MESSAGE =
	"You do not have permission to edit this spreadsheet. Ask its owner to share it with you as an editor.";

/** The members of `group`, or undefined when the address is not a group. */
function membersOf(wb: WorkbookModel, address: string): string[] | undefined {
	const groups = wb.groups ?? {};
	const key = Object.keys(groups).find((g) => sameEmail(g, address));
	return key === undefined ? undefined : groups[key];
}

/** Whether `user` is a member of the group `address` (false when it is not a group). */
export function isMemberOf(
	wb: WorkbookModel,
	address: string,
	user: string,
): boolean {
	return (membersOf(wb, address) ?? []).some((m) => sameEmail(m, user));
}

/** Whether `user` is one of `editors` itself or a member of a group among them. */
export function listedOrMember(
	wb: WorkbookModel,
	editors: readonly string[],
	user: string,
): boolean {
	if (!user) return false;
	const me = emailKey(user);
	if (editors.some((e) => emailKey(e) === me)) return true;
	// Only the few groups are searched for membership, not every listed editor.
	for (const [group, members] of Object.entries(wb.groups ?? {}))
		if (
			members.some((m) => emailKey(m) === me) &&
			editors.some((e) => sameEmail(e, group))
		)
			return true;
	return false;
}

/** The owner, a file editor, or a member of a group the file is shared with. */
export function canEditFile(wb: WorkbookModel, user: string): boolean {
	if (!user) return false;
	return sameEmail(user, wb.owner) || listedOrMember(wb, wb.editors, user);
}

export function assertCanEditFile(wb: WorkbookModel, user: string): void {
	if (!canEditFile(wb, user)) throw new GasError(FILE_READ_ONLY_MESSAGE);
}

/** The owner shares the file with these accounts or groups for editing (Drive's 共有). */
export function shareFile(wb: WorkbookModel, emails: readonly string[]): void {
	for (const raw of emails) {
		const email = raw.trim();
		if (!email || sameEmail(email, wb.owner)) continue;
		if (!wb.editors.some((e) => sameEmail(e, email))) wb.editors.push(email);
	}
}
