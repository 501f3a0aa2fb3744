/**
 * Node's file-system errors in Japanese, in one place: the xlsx codec, the command line and the
 * mail writer say why a file could not be read or written with these phrases, never with the
 * raw `ENOENT: no such file or directory, open '…'` text.
 */

/** errno code → what went wrong, as the end of a Japanese sentence. */
const REASONS: Record<string, string> = {
	ENOENT: "見つかりません",
	ENOTDIR: "途中のフォルダが見つかりません",
	EACCES: "アクセスする権限がありません",
	EPERM: "操作が許可されていません",
	EISDIR: "ファイルではなくフォルダです",
	EEXIST: "同じ名前のファイルがすでにあります",
	ENOSPC: "ディスクの空きが足りません",
	EDQUOT: "ディスクの使用量の上限に達しています",
	EROFS: "読み取り専用の場所です",
	EBUSY: "ほかのプログラムが使用中です",
	ETXTBSY: "ほかのプログラムが使用中です",
	EMFILE: "開いているファイルが多すぎます",
	ENFILE: "開いているファイルが多すぎます",
	ENAMETOOLONG: "名前が長すぎます",
	ELOOP: "シンボリックリンクが循環しています",
	EFBIG: "ファイルが大きすぎます",
	ERR_FS_FILE_TOO_LARGE: "ファイルが大きすぎます",
	EIO: "ディスクの読み書きに失敗しました",
	EXDEV: "別のドライブへは移動できません",
};

export function errnoCode(err: unknown): string | undefined {
	if (err && typeof err === "object" && "code" in err) {
		const code = (err as { code: unknown }).code;
		return typeof code === "string" ? code : undefined;
	}
	return undefined;
}

/** Writing a file that is not there means its folder is missing. */
const WRITE_REASONS: Record<string, string> = {
	ENOENT: "保存先のフォルダが見つかりません",
};

/**
 * Why a file operation failed, in Japanese (`見つかりません`). An unknown errno keeps its code
 * inside the Japanese sentence, so support can still look it up.
 */
export function fsReason(err: unknown, op: "read" | "write" = "read"): string {
	const code = errnoCode(err);
	const known =
		code && ((op === "write" && WRITE_REASONS[code]) || REASONS[code]);
	if (known) return known;
	return code !== undefined
		? `ファイルの読み書きでエラーが発生しました（${code}）`
		: "ファイルの読み書きでエラーが発生しました";
}

/** The reason and, when the error names it, the file: 「アクセスする権限がありません: /x/a.eml」. */
export function fsReasonAt(
	err: unknown,
	op: "read" | "write" = "read",
): string {
	const path = (err as { path?: unknown } | null)?.path;
	return `${fsReason(err, op)}${typeof path === "string" ? `: ${path}` : ""}`;
}

/** `${failed}（${reason}）: ${path}`, e.g. 「レポートを書き込めません（アクセスする権限がありません）: a.html」. */
export function fsErrorMessage(
	failed: string,
	path: string,
	err: unknown,
	op: "read" | "write" = "read",
): string {
	return `${failed}（${fsReason(err, op)}）: ${path}`;
}
