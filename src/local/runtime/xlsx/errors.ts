/**
 * The one error type the xlsx codec throws for bad input or a failed save. Its message is a
 * single Japanese line meant to be shown to the user as is (the command line prints
 * `error.message` and exits non-zero): what the file is or what went wrong, what to do, and the
 * file's name last. The underlying error, if any, is kept in `cause`.
 */
import { fsReason } from "../../fs-errors";

export type WorkbookFileErrorCode =
	| "not-found"
	| "is-directory"
	| "not-a-file"
	| "permission"
	| "read-failed"
	| "empty"
	| "not-xlsx"
	| "truncated"
	| "too-large"
	| "legacy-xls"
	| "encrypted"
	| "other-office"
	| "xlsm"
	| "xlsb"
	| "ods"
	| "zip-other"
	| "csv"
	| "html"
	| "text"
	| "runtime-sheet"
	| "cell-too-long"
	| "invalid-value"
	| "invalid-sheet-name"
	| "save-dir-missing"
	| "save-failed";

export class WorkbookFileError extends Error {
	override readonly name = "WorkbookFileError";
	readonly code: WorkbookFileErrorCode;
	readonly path: string;

	constructor(
		code: WorkbookFileErrorCode,
		message: string,
		path: string,
		cause?: unknown,
	) {
		super(message, cause === undefined ? undefined : { cause });
		this.code = code;
		this.path = path;
	}
}

const SAVE_AS_XLSX =
	"Excel の［名前を付けて保存］で「Excel ブック (*.xlsx)」を選んで保存し直してください";
const GIVE_BOOK = "DX進捗管理のブック（.xlsx）を指定してください";

/** Why a file given as a workbook cannot be read, and what to do: one sentence each. */
const LOAD_MESSAGES = {
	"not-found": "ファイルが見つかりません",
	"is-directory": "ファイルではなくフォルダです",
	"not-a-file": `通常のファイルではないため読み込めません。${GIVE_BOOK}`,
	permission: "ファイルを読み込む権限がありません",
	empty:
		"ファイルが空です（0バイト）。保存が途中で失敗した可能性があります。元のファイルかバックアップを指定してください",
	"not-xlsx": `Excel形式（.xlsx）のファイルとして読み込めません。Excel で開けるか確かめ、${SAVE_AS_XLSX}`,
	truncated:
		"ファイルが途中で切れているか壊れているため読み込めません。コピーや保存が最後まで終わったか確かめ、元のファイルかバックアップを指定してください",
	"legacy-xls":
		"古いExcel形式（.xls）のファイルは読み込めません。Excelで .xlsx 形式に保存し直してください",
	encrypted:
		"パスワードで保護（暗号化）されたファイルのため読み込めません。パスワードを解除して .xlsx で保存し直してください（Excel:［ファイル］→［情報］→［ブックの保護］→［パスワードを使用して暗号化］でパスワードを消す）",
	"other-office": `Word など Excel 以外の Office ファイルのため読み込めません。${GIVE_BOOK}`,
	xlsm: `マクロ有効ブック（.xlsm）のため読み込めません。${SAVE_AS_XLSX}（マクロは保存されません）`,
	xlsb: `Excel バイナリブック（.xlsb）のため読み込めません。${SAVE_AS_XLSX}`,
	ods: "OpenDocument スプレッドシート（.ods）のため読み込めません。LibreOffice Calc の［名前を付けて保存］で「Excel 2007-365 (.xlsx)」を選んで保存し直してください",
	"zip-other": `Excel のブックではない ZIP ファイル（Word・PowerPoint の文書など）のため読み込めません。${GIVE_BOOK}`,
	csv: `CSV（テキスト）ファイルのため読み込めません。${GIVE_BOOK}（CSV は --plan や --csv のあとに指定します）`,
	html: `HTML ファイル（集計のレポートなど）のため読み込めません。${GIVE_BOOK}`,
	text: `テキストファイルのため読み込めません。${GIVE_BOOK}`,
} as const;

export type LoadErrorCode = keyof typeof LOAD_MESSAGES;

export function loadError(
	code: LoadErrorCode,
	source: string,
	cause?: unknown,
): WorkbookFileError {
	return new WorkbookFileError(
		code,
		`${LOAD_MESSAGES[code]}: ${source}`,
		source,
		cause,
	);
}

/** The file system refused to read the file (not one of the common cases above). */
export function readFailed(source: string, cause: unknown): WorkbookFileError {
	return new WorkbookFileError(
		"read-failed",
		`ファイルを読み込めません（${fsReason(cause)}）: ${source}`,
		source,
		cause,
	);
}

function size(bytes: number): string {
	return bytes < 2 ** 20
		? `${Math.ceil(bytes / 1024).toLocaleString("en-US")} KB`
		: `${Math.ceil(bytes / 2 ** 20).toLocaleString("en-US")} MB`;
}

const BOMB_ADVICE =
	"ファイルが壊れているか、不正に作られたファイル（圧縮爆弾）の可能性があります。元のファイルかバックアップを指定してください";

/**
 * A workbook that unpacks to more than the loader allows (zip-guard.ts). `bomb`: beyond any
 * workbook this product writes, or unpacking to more than the zip says — a damaged or hostile
 * file; otherwise a real but huge file that needs more memory than Node has.
 */
export function tooLarge(
	source: string,
	what: {
		bytes: number;
		limit: number;
		bomb: boolean;
		/** The zip's part unpacks to more than its `bytes`. */
		lied?: boolean;
		/** `bytes` is the file's own size. */
		file?: boolean;
	},
): WorkbookFileError {
	const problem = what.lied
		? `ファイル内の記載（${size(what.bytes)}）より大きく展開されるため読み込めません`
		: `${what.file ? "ファイルが " : "展開すると "}${size(what.bytes)}${what.file ? " あり" : " になり"}、${what.bomb ? "読み込める上限" : "この環境で読み込める大きさ"}（${size(what.limit)}）を超えるため読み込めません`;
	const advice = what.bomb
		? BOMB_ADVICE
		: "Node.js のメモリ上限を増やして（例: NODE_OPTIONS=--max-old-space-size=8192）実行してください";
	return new WorkbookFileError(
		"too-large",
		`${problem}。${advice}: ${source}`,
		source,
	);
}

export function tooManyParts(
	source: string,
	count: number,
	limit: number,
): WorkbookFileError {
	return new WorkbookFileError(
		"too-large",
		`ファイル内の部品が多すぎる（${count.toLocaleString("en-US")} 個、上限 ${limit.toLocaleString("en-US")} 個）ため読み込めません。${BOMB_ADVICE}: ${source}`,
		source,
	);
}
