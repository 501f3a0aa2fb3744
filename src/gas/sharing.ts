/** Which 担当課 addresses cannot edit the spreadsheet: one getEditors call whatever the rows. */
import {
	type Department,
	type Problem,
	unsharedDepartmentProblems,
} from "../domain";
import type { Book } from "./book";

export function unsharedDepartments(
	book: Book,
	departments: readonly Department[],
): Problem[] {
	// Whether getEditors() lists the owner is not documented (spreadsheet#getEditors()); the owner
	// can edit anyway, so it is added.
	const owner = book.getOwner()?.getEmail() ?? "";
	const editors = book.getEditors().map((u) => u.getEmail());
	return unsharedDepartmentProblems(departments, [owner, ...editors]);
}
