/**
 * The identity a 照会 file carries (SPEC 9): the book it was made from, the year, the department,
 * and every row with its cells as sent. It is kept in the file's hidden runtime state
 * (`__dx_runtime__`, whose digest already tells an edit in Excel or LibreOffice) and signed with
 * HMAC-SHA-256 under a key that only the book holds, so a returned file cannot claim other rows,
 * another department or other values as sent without the book.
 */
import {
	createHmac,
	randomBytes,
	randomUUID,
	timingSafeEqual,
} from "node:crypto";
import type { CellValue, WorkbookModel } from "../runtime/model";

/** runtimeExtra keys: the book's secret, and a 照会 file's identity. */
const BOOK_SECRET = "answerForms";
const FORM_IDENTITY = "answerForm";
const FORM_FORMAT = "dx-progress-answer-form";
const FORM_VERSION = 1;
const MAC_PREFIX = "hmac-sha256:";

export interface BookSecret {
	bookId: string;
	key: string;
}

/** A cell as sent: JSON cannot hold a Date, so dates are their epoch milliseconds. */
type SentCell = string | number | boolean | { date: number };

export interface FormIdentity {
	format: typeof FORM_FORMAT;
	version: number;
	bookId: string;
	fiscalYear: number;
	/** The entry sheet's name in the book and in the file (`評価_R6`). */
	sheet: string;
	department: string;
	madeAt: string;
	header: string[];
	/** `row`: the book's entry-sheet row (1-based); `cells`: the file's row as sent. */
	rows: { row: number; cells: SentCell[] }[];
}

interface SignedForm {
	identity: FormIdentity;
	mac: string;
}

/**
 * The book's id and signing key for its 照会 files (ensureBookSecret: made by the first split) kept
 * in the book's hidden state. Offline every book has the same spreadsheet id, so this id is what tells books
 * apart. When the book's state is not trusted (edited outside) the secret is gone with it and
 * earlier files are refused as not this book's; the next split makes a new one.
 */
function bookSecret(book: WorkbookModel): BookSecret | undefined {
	const stored = book.runtimeExtra?.[BOOK_SECRET] as
		| Partial<BookSecret>
		| undefined;
	if (typeof stored?.bookId === "string" && typeof stored.key === "string")
		return { bookId: stored.bookId, key: stored.key };
	return undefined;
}

export function ensureBookSecret(book: WorkbookModel): BookSecret {
	const existing = bookSecret(book);
	if (existing) return existing;
	const secret = { bookId: randomUUID(), key: randomBytes(32).toString("hex") };
	book.runtimeExtra = { ...book.runtimeExtra, [BOOK_SECRET]: secret };
	return secret;
}

export function encodeCell(value: CellValue): SentCell {
	return value instanceof Date ? { date: value.getTime() } : value;
}

export function decodeCell(cell: SentCell | undefined): CellValue {
	if (cell === undefined) return "";
	return typeof cell === "object" ? new Date(cell.date) : cell;
}

function mac(secret: BookSecret, identity: FormIdentity): string {
	return `${MAC_PREFIX}${createHmac("sha256", Buffer.from(secret.key, "hex"))
		.update(JSON.stringify(identity))
		.digest("hex")}`;
}

export function newIdentity(
	secret: BookSecret,
	fields: Omit<FormIdentity, "format" | "version" | "bookId">,
): FormIdentity {
	return {
		format: FORM_FORMAT,
		version: FORM_VERSION,
		bookId: secret.bookId,
		...fields,
	};
}

/** Puts the signed identity into a 照会 file's hidden state. */
export function attachIdentity(
	form: WorkbookModel,
	secret: BookSecret,
	identity: FormIdentity,
): void {
	const signed: SignedForm = { identity, mac: mac(secret, identity) };
	form.runtimeExtra = { [FORM_IDENTITY]: signed };
}

type IdentityCheck =
	| { ok: true; identity: FormIdentity }
	| { ok: false; reason: string };

const TAMPERED =
	"照会ファイルの識別情報（非表示の情報）が変更されています。DX推進室が作成したファイルに入力し直してください";

/**
 * The identity of a returned file, checked against the book: present, untouched (`stateTrusted`:
 * the runtime state's digest matched on load) and signed by this book.
 */
export function readIdentity(
	file: WorkbookModel,
	book: WorkbookModel,
	stateTrusted: boolean,
): IdentityCheck {
	if (!stateTrusted) return { ok: false, reason: TAMPERED };
	const signed = file.runtimeExtra?.[FORM_IDENTITY] as
		| Partial<SignedForm>
		| undefined;
	if (!signed)
		return {
			ok: false,
			reason:
				"照会ファイルではありません（dx-progress split で作成したファイルに入力して返送してもらってください）",
		};
	const identity = signed.identity;
	if (!isIdentity(identity) || typeof signed.mac !== "string")
		return { ok: false, reason: TAMPERED };
	const secret = bookSecret(book);
	if (!secret || secret.bookId !== identity.bookId)
		return {
			ok: false,
			reason: "このブックから作成した照会ファイルではありません",
		};
	const expected = Buffer.from(mac(secret, identity));
	const given = Buffer.from(signed.mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		return { ok: false, reason: TAMPERED };
	return { ok: true, identity };
}

function isIdentity(value: unknown): value is FormIdentity {
	const v = value as Partial<FormIdentity> | undefined;
	return (
		!!v &&
		v.format === FORM_FORMAT &&
		v.version === FORM_VERSION &&
		typeof v.bookId === "string" &&
		typeof v.fiscalYear === "number" &&
		typeof v.sheet === "string" &&
		typeof v.department === "string" &&
		Array.isArray(v.header) &&
		Array.isArray(v.rows) &&
		v.rows.every(
			(r) =>
				!!r &&
				typeof r.row === "number" &&
				Array.isArray(r.cells) &&
				r.cells.every(isSentCell),
		)
	);
}

function isSentCell(c: unknown): c is SentCell {
	if (typeof c === "string" || typeof c === "boolean") return true;
	if (typeof c === "number") return Number.isFinite(c);
	return (
		!!c &&
		typeof c === "object" &&
		typeof (c as { date?: unknown }).date === "number"
	);
}
