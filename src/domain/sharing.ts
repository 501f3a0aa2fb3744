/**
 * 担当課 addresses the spreadsheet is not shared with. A protection editor who is not an editor
 * of the file cannot type anything (reference/spreadsheet/protection#addEditor(String): "This
 * method does not automatically give the user permission to edit the spreadsheet itself"). A
 * script cannot see who is in a Google Group, so an address counts as shared only when the
 * file's editors list it itself; a group address in 担当課 is matched as itself.
 */
import { emailKey } from "./email";
import { SHEET_NAMES } from "./layout";
import type { Department } from "./plan";
import { type Problem, problem } from "./problems";

export function unsharedDepartmentProblems(
	departments: readonly Department[],
	fileEditors: readonly string[],
): Problem[] {
	const shared = new Set(fileEditors.map(emailKey));
	const problems: Problem[] = [];
	for (const d of departments) {
		for (const email of d.emails) {
			if (shared.has(emailKey(email))) continue;
			problems.push(
				problem(
					SHEET_NAMES.departments,
					null,
					`${d.name}のアドレス ${email} はこのスプレッドシートの編集者ではないため、入力できません。「共有」からこのアドレスを編集者として追加してください（グループで共有している場合も、担当課シートにはそのグループのアドレスを書いてください）`,
					"warning",
				),
			);
		}
	}
	return problems;
}
