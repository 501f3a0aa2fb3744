/** Base.User as the spreadsheet service returns it (owner, editors, protection editors). */
type UserApi = Pick<GoogleAppsScript.Base.User, "getEmail">;

export class LocalUser implements UserApi {
	constructor(private readonly email: string) {}

	getEmail(): string {
		return this.email;
	}

	toString(): string {
		return "User";
	}
}

/** An address from a string or a User (methods such as Protection.addEditor take both). */
export function emailOf(user: unknown): string {
	if (typeof user === "string") return user;
	if (user && typeof (user as UserApi).getEmail === "function")
		return (user as UserApi).getEmail();
	return String(user);
}

/** Addresses compare case-insensitively, ignoring surrounding spaces. */
export function emailKey(email: string): string {
	return email.trim().toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
	return emailKey(a) === emailKey(b);
}

/**
 * `emails` without repeats, first spelling kept. A Set, not pairwise comparison: a file shared
 * with hundreds of departments gives every new protection hundreds of editors.
 */
export function uniqueEmails(emails: Iterable<string>): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const e of emails) {
		const key = emailKey(e);
		if (key && !seen.has(key)) {
			seen.add(key);
			out.push(e);
		}
	}
	return out;
}

export function domainOf(email: string): string {
	const at = email.lastIndexOf("@");
	return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/**
 * Our rule for "a consumer-owned file" (no Google Workspace domain): the owner's address is a
 * gmail.com / googlemail.com one. Domain-wide protection settings need a domain
 * (Sheets API Editors.domainUsersCanEdit: "Domain protection is only supported on documents
 * within a domain").
 */
export function isConsumerAccount(email: string): boolean {
	const d = domainOf(email);
	return d === "gmail.com" || d === "googlemail.com";
}
