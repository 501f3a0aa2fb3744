export const USAGE = `dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）

使い方:
  dx-progress demo [--out DIR]
  dx-progress init BOOK.xlsx [--plan PLAN.csv] [--year R6]
  dx-progress setup BOOK.xlsx
  dx-progress departments BOOK.xlsx --csv FILE
  dx-progress set BOOK.xlsx 項目=値 …
  dx-progress open-year BOOK.xlsx
  dx-progress close-year BOOK.xlsx [--reopen]
  dx-progress validate BOOK.xlsx [--json]
  dx-progress summary BOOK.xlsx [--json] [--html FILE]
  dx-progress remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL]
  dx-progress report BOOK.xlsx --docx FILE [--html FILE] [--force]
  dx-progress split BOOK.xlsx --out DIR [--force]     担当課ごとの照会ファイル DIR/R6_課名.xlsx を作成
  dx-progress collect BOOK.xlsx FILE|DIR …            返送された照会ファイルの回答を取り込む

init: 新しいブックを作成します。--plan の CSV（取組No,取組名,担当課,重点施策[,評価,主な取組実績,評価理由・課題]）
  から取組と担当課を作り、年度の評価シートを開きます。
setup: 既存のブックに初期設定（足りないシートを作成。入力済みの内容は変更しません）。
departments: 担当課の行を CSV（課名,メールアドレス,所属長メールアドレス）で置き換えます。
set: 設定シートの項目を書き込みます（例: set book.xlsx 回答期限=2025-05-30 DX推進室メール=dx@city.example.jp）。
  値はシートと同じ規則で確かめ、誤りが1つでもあれば何も保存しません。
open-year: 設定の対象年度の評価シートを作成します。
close-year: 対象年度を締めます。締めた年度を再び入力できるようにするには --reopen。
CSV は UTF-8 か Shift_JIS（Excel の「CSV（コンマ区切り）」）。問題はすべて行番号つきで表示します。

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

/**
 * An expected failure: bad arguments or a bad file. Printed as one line, exit code 2 or 1; the
 * `details` (every problem of a CSV, each with its row) follow it, one per line.
 */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 2,
		readonly details: readonly string[] = [],
	) {
		super(message);
	}
}
