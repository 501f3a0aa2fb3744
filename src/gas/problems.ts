/** Problems found in the workbook, shown to the DX office as one readable message. */
import { formatProblem, type Problem } from "../domain";

const MAX_SHOWN = 15;

export function problemsMessage(
	intro: string,
	problems: readonly Problem[],
): string {
	const errors = problems.filter((p) => p.level === "error");
	const shown = (errors.length > 0 ? errors : problems).slice(0, MAX_SHOWN);
	const rest =
		(errors.length > 0 ? errors.length : problems.length) - shown.length;
	const lines = shown.map((p) => `・${formatProblem(p)}`);
	if (rest > 0) lines.push(`…ほか${rest}件`);
	return `${intro}\n${lines.join("\n")}`;
}
