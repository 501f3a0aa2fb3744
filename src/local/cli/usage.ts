export const USAGE = `dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）

使い方:
  dx-progress demo [--out DIR]
  dx-progress init BOOK.xlsx [--plan PLAN.csv] [--year R6]
  dx-progress validate BOOK.xlsx [--json]
  dx-progress summary BOOK.xlsx [--json] [--html FILE]
  dx-progress remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL]
  dx-progress report BOOK.xlsx --docx FILE [--html FILE] [--force]

remind: 毎日の催促（トリガーと同じ処理）を --today の 9:00 に実行します（省略時は現在時刻）。
  --dry-run     送信予定を表示するだけ（送信せず、ブックも保存しません）
  --outbox DIR  送ったメールを DIR に .eml ファイルとして書き出します
  --smtp URL    SMTP サーバーから送信します（例: smtp://user:pass@host:587、smtps://host）
  --dry-run・--outbox・--smtp のどれも指定しないときは実行しません。
  送信後はブックの送信履歴を更新するので、同じ日にもう一度実行しても二重には送りません。
  終了コード: 0 正常、1 送信に失敗したメールがある（送信履歴に記録、次回再送）か実行できない、2 引数・ファイルの誤り

report: 報告資料（計画の概要・取組実績の要点・進捗度評価）を Word（--docx）と HTML（--html）で書き出します。
  ブックは読むだけで変更しません。既存のファイルは --force を付けたときだけ上書きします。
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
