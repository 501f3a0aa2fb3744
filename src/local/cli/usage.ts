export const USAGE = `dx-progress — 行政DX推進計画 進捗度評価の集計・催促（ローカル実行）

使い方:
  dx-progress demo [--out DIR]
  dx-progress init BOOK.xlsx [--plan PLAN.csv] [--year R6] [--force]
  dx-progress validate BOOK.xlsx [--json]
  dx-progress summary BOOK.xlsx [--json] [--html FILE] [--force]
  dx-progress remind BOOK.xlsx [--today YYYY-MM-DD] [--dry-run] [--outbox DIR | --smtp URL [--smtp-timeout 秒]] [--attach DIR]

ブックを書き換えるコマンドは、実行中 BOOK.xlsx.lock を作って同じブックを同時に使わせません
（ほかのコマンドが使用中なら実行しません。途中で止まったコマンドの古いロックは引き継ぎます）。
--html などの出力先にブック自身は指定できず、すでにあるファイルは --force を付けたときだけ上書きします。

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
