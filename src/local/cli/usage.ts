export const USAGE = `dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）

使い方:
  dx-progress demo [--out DIR]
  dx-progress init BOOK.xlsx [--plan PLAN.csv] [--year R6]
  dx-progress validate BOOK.xlsx [--json]
  dx-progress summary BOOK.xlsx [--json] [--html FILE]
  dx-progress remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL]
`;

/** An expected failure: bad arguments or a bad file. Printed as one line, exit code 2 or 1. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 2,
	) {
		super(message);
	}
}
