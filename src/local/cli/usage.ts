export const USAGE = `dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）

使い方:
  dx-progress demo [--out DIR]
  dx-progress init BOOK.xlsx [--plan PLAN.csv] [--year R6] [--force]
  dx-progress setup BOOK.xlsx
  dx-progress departments BOOK.xlsx --csv FILE
  dx-progress set BOOK.xlsx 項目=値 …
  dx-progress open-year BOOK.xlsx
  dx-progress close-year BOOK.xlsx [--reopen]
  dx-progress validate BOOK.xlsx [--json]
  dx-progress summary BOOK.xlsx [--json] [--html FILE] [--force]
  dx-progress remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL [--smtp-timeout 秒]] [--attach DIR]
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
ブックを書き換えるコマンド（init・setup・departments・set・open-year・close-year・validate・summary・
  remind・split・collect・demo）は、実行中 BOOK.xlsx.lock を作って同じブックを同時に使わせません
  （ほかのコマンドが使用中なら実行しません。途中で止まったコマンドの古いロックは引き継ぎます）。
  読むだけの report と remind --dry-run はロックを取らず、最後に保存されたブックを読みます。
--html・--docx・--out などの出力先にブック自身は指定できず、すでにあるファイルは --force を付けたときだけ
  上書きします（split は出力先フォルダに同じ名前の照会ファイルが1つでもあれば、--force なしでは何も書きません）。
demo: 出力先フォルダ（既定 ./out）の前回のデモが作ったファイルを消してから作り直します（ほかのファイルは残します）。

remind: 毎日の催促（トリガーと同じ処理）を --today の 9:00 に実行します（省略時は現在時刻）。
  --dry-run       送信予定を表示するだけ（送信せず、ブックも保存しません）
  --outbox DIR    送ったメールを DIR に .eml ファイルとして書き出します
  --smtp URL      SMTP サーバーから送信します（例: smtp://user:pass@host:587、smtps://host）
  --smtp-timeout 秒  SMTP サーバーの応答を待つ秒数（1〜600、既定 60）
  --attach DIR    各課のメールに照会ファイル DIR/<年度>_<課名>.xlsx（例: R6_市民課.xlsx）を添付します。
                  送る課のファイルが1つでもなければ何も送りません。添付して10MBを超えるメールは送りません（失敗）
  --dry-run・--outbox・--smtp のどれも指定しないときは実行しません。
  送ったメールは1通ごとに BOOK.xlsx.journal に記録し、ブックの送信履歴に書き込んだら消します。
  途中で止まっても次の実行がこの記録から送信履歴を書くので、同じメールを二度送りません。
  SMTP サーバーがメールを受け取った後に応答しなかったメールは「送信不明」として記録し、再送しません。
  終了コード: 0 正常、1 送信に失敗・送信不明のメールがある（送信履歴に記録。失敗は次回再送）か実行できない、2 引数・ファイルの誤り
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
