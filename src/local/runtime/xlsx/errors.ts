/**
 * The one error type the xlsx codec throws for bad input or a failed save. Its message is a
 * single Japanese line meant to be shown to the user as is (the command line prints
 * `error.message` and exits non-zero); the underlying error, if any, is kept in `cause`.
 */
export type WorkbookFileErrorCode =
	| "not-found"
	| "is-directory"
	| "permission"
	| "empty"
	| "not-xlsx"
	| "legacy-xls"
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

export function errnoCode(err: unknown): string | undefined {
	if (err && typeof err === "object" && "code" in err) {
		const code = (err as { code: unknown }).code;
		return typeof code === "string" ? code : undefined;
	}
	return undefined;
}
