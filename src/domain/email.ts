/**
 * Mail addresses typed into 担当課 and 設定.
 */
import { splitList, toHalfWidth, trimAll } from "./text";

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A pragmatic check of one address (no comments, no quoted local parts, no IP literals): what a
 * municipal mail system accepts. The domain needs at least one dot and an alphabetic TLD.
 */
function isValidEmail(address: string): boolean {
	if (address.length > 254) return false;
	const at = address.lastIndexOf("@");
	if (at <= 0 || at !== address.indexOf("@")) return false;
	const local = address.slice(0, at);
	const domain = address.slice(at + 1);
	if (local.length > 64 || !LOCAL.test(local)) return false;
	if (local.startsWith(".") || local.endsWith(".")) return false;
	const labels = domain.split(".");
	if (labels.length < 2) return false;
	if (!labels.every((l) => LABEL.test(l))) return false;
	return /^[A-Za-z]{2,}$/.test(labels[labels.length - 1] ?? "");
}

/**
 * One typed address in its canonical form: half-width, trimmed, `mailto:` and `名前 <addr>`
 * wrappers removed, domain lower-cased.
 */
function normalizeEmail(text: string): string {
	let s = trimAll(toHalfWidth(text));
	const angle = /<([^<>]+)>\s*$/.exec(s);
	if (angle) s = angle[1] ?? s;
	s = trimAll(s).replace(/^mailto:/i, "");
	const at = s.lastIndexOf("@");
	return at > 0 ? s.slice(0, at) + s.slice(at).toLowerCase() : s;
}

/** Addresses compare case-insensitively, ignoring surrounding spaces (editors, 担当課, 設定). */
export function emailKey(address: string): string {
	return address.trim().toLowerCase();
}

export interface EmailList {
	emails: string[];
	/** The items that are not addresses, as typed. */
	invalid: string[];
}

/** Splits a cell on `,` `、` `;` and newlines (and spaces between addresses) and checks each. */
export function parseEmailList(text: string): EmailList {
	const emails: string[] = [];
	const invalid: string[] = [];
	for (const item of splitList(toHalfWidth(text))) {
		// Spaces separate addresses too unless they belong to a `名前 <addr>` form.
		const parts = item.includes("<")
			? [item]
			: item.split(/\s+/).filter((p) => p !== "");
		for (const part of parts) {
			const email = normalizeEmail(part);
			if (isValidEmail(email)) {
				if (!emails.includes(email)) emails.push(email);
			} else invalid.push(part);
		}
	}
	return { emails, invalid };
}
