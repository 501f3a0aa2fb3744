/**
 * The daily mail quota counts recipients (to + cc + bcc), not messages
 * (APPS_SCRIPT_FACTS: MailApp, 100/day consumer, 1,500/day Workspace).
 */

export interface Addressed {
	to: readonly string[];
	cc: readonly string[];
}

function recipientCount(mail: Addressed): number {
	return mail.to.length + mail.cc.length;
}

/**
 * Splits mails, in order, into those that fit `remaining` recipients (keeping `reserve` back,
 * e.g. for the digest) and those that wait for the next run. Stops at the first mail that does
 * not fit: everything after it waits too, so mails keep their order across runs.
 */
export function splitByQuota<T extends Addressed>(
	mails: readonly T[],
	remaining: number,
	reserve = 0,
): { send: T[]; waiting: T[] } {
	let left = Math.max(0, remaining - reserve);
	const send: T[] = [];
	let i = 0;
	for (; i < mails.length; i++) {
		const mail = mails[i] as T;
		const n = recipientCount(mail);
		if (n > left) break;
		left -= n;
		send.push(mail);
	}
	return { send, waiting: mails.slice(i) };
}
