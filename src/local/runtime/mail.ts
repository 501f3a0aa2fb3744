/**
 * MailApp for the local runtime: validates like Apps Script, counts the daily recipient quota,
 * and records what would have been sent in `state.mail.outbox`.
 *
 * Reference: https://developers.google.com/apps-script/reference/mail/mail-app
 * Quotas:    https://developers.google.com/apps-script/guides/services/quotas
 */
import {
	GasError,
	permissionError,
	type RuntimeState,
	SCOPES,
	type SentMail,
} from "./state";

type MailAppApi = Pick<
	GoogleAppsScript.Mail.MailApp,
	"sendEmail" | "getRemainingDailyQuota"
>;

type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;

/** "Email recipients per message: 50" (guides/services/quotas, Current limitations). */
const MAX_RECIPIENTS_PER_MESSAGE = 50;
/**
 * "Email body size: 200 KB / message" for consumer accounts, 400 KB on Workspace
 * (guides/services/quotas). The local runtime applies the stricter consumer limit so that
 * whatever passes here passes on either kind of account.
 */
const MAX_BODY_BYTES = 200 * 1024;

/** The exception Apps Script throws when the daily quota is used up (guides/services/quotas). */
export const MAIL_QUOTA_ERROR =
	"Service invoked too many times for one day: email.";

// A deliberately plain address check (local-part@domain.tld, no spaces, no list separators).
// Apps Script does not document its exact grammar; it throws "Invalid email: <address>".
const ADDRESS = /^[^\s@,;<>"()[\]]+@[^\s@,;<>"()[\]]+\.[^\s@,;<>"()[\].]+$/;

/** Splits a comma-separated recipient list; accepts `Name <addr>` items. */
function parseRecipients(list: string | undefined): string[] {
	if (list === undefined || list === null) return [];
	return String(list)
		.split(",")
		.map((item) => item.trim())
		.filter((item) => item !== "")
		.map((item) => {
			const angle = /<([^<>]*)>\s*$/.exec(item);
			return angle ? (angle[1] ?? "").trim() : item;
		});
}

/**
 * "Quotas are per user and reset 24 hours after the first request" (guides/services/quotas,
 * Current quotas): not at midnight. A window opens at a user's first send and everything charged
 * in it frees when it ends; the next send after that opens the next window.
 */
const QUOTA_WINDOW_MS = 24 * 3600_000;

/** Recipients the effective user may still send to now. */
export function remainingQuota(state: RuntimeState): number {
	const user = state.exec.effectiveUser;
	let windowStart = Number.NEGATIVE_INFINITY;
	let used = 0;
	for (const c of state.mail.charges) {
		if (c.user !== user) continue;
		if (c.at >= windowStart + QUOTA_WINDOW_MS) {
			windowStart = c.at;
			used = 0;
		}
		used += c.recipients;
	}
	if (state.now().getTime() >= windowStart + QUOTA_WINDOW_MS) used = 0;
	return Math.max(0, state.mail.dailyQuota - used);
}

/**
 * cc and bcc are "a comma-separated list of email addresses" (mail-app#sendEmail(message));
 * what Google does with an empty one is not documented. The runtime refuses it as an invalid
 * address, so a script that passes the key only when it has addresses is the one that runs.
 */
function requireNonBlank(list: string | undefined): string | undefined {
	if (list !== undefined && list !== null && String(list).trim() === "")
		throw new GasError(`Invalid email: ${String(list)}`);
	return list;
}

/** replyTo is "an email address to use as the default reply-to address": one, not a list. */
function replyToOf(replyTo: string | undefined): string[] {
	if (replyTo === undefined || replyTo === null) return [];
	const text = String(replyTo).trim();
	if (text === "" || parseRecipients(text).length !== 1)
		throw new GasError(`Invalid email: ${text}`);
	return parseRecipients(text);
}

export class LocalMailApp implements MailAppApi {
	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "MailApp";
	}

	/**
	 * "Returns the number of recipients you can send emails to for the rest of the day. The
	 * returned value is valid for the current execution" (reference/mail/mail-app
	 * #getRemainingDailyQuota()): the effective user's quota less what they sent in the last 24 h.
	 */
	getRemainingDailyQuota(): number {
		this.authorize("MailApp.getRemainingDailyQuota");
		return remainingQuota(this.state);
	}

	sendEmail(message: MailOptions): void;
	sendEmail(recipient: string, subject: string, body: string): void;
	sendEmail(
		recipient: string,
		subject: string,
		body: string,
		options: MailOptions,
	): void;
	sendEmail(to: string, replyTo: string, subject: string, body: string): void;
	sendEmail(
		first: MailOptions | string,
		second?: string,
		third?: string,
		fourth?: MailOptions | string,
	): void {
		this.authorize("MailApp.sendEmail");
		let message: MailOptions;
		if (typeof first === "object" && first !== null) {
			message = { ...first };
		} else if (typeof fourth === "string") {
			// sendEmail(to, replyTo, subject, body) (reference/mail/mail-app#sendEmail(String,String,String,String))
			message = { to: first, replyTo: second, subject: third, body: fourth };
		} else {
			message = { ...(fourth ?? {}), to: first, subject: second, body: third };
		}
		this.send(message);
	}

	/** MailApp needs authorization: refused in simple triggers (guides/triggers#restrictions). */
	private authorize(method: string): void {
		// https://developers.google.com/apps-script/guides/triggers#restrictions : simple triggers
		// "cannot access services that require authorization", e.g. sending email.
		if (this.state.exec.authMode !== "FULL")
			throw permissionError(method, SCOPES.sendMail);
		this.state.requireScope(SCOPES.sendMail, method);
	}

	private send(message: MailOptions): void {
		// Google sends `attachments` (BlobSource[]) and `inlineImages`; this runtime has no blobs
		// to send, and the bundle passes none (offline files are attached by the command line at
		// the transport, src/local/mail/attachments.ts). Refused rather than silently dropped.
		if (message.attachments !== undefined || message.inlineImages !== undefined)
			throw new Error(
				"The local runtime does not emulate MailApp attachments or inline images",
			);
		const to = parseRecipients(message.to);
		const cc = parseRecipients(requireNonBlank(message.cc));
		const bcc = parseRecipients(requireNonBlank(message.bcc));
		const recipients = [...to, ...cc, ...bcc];
		// Apps Script refuses a message without any recipient (wording not documented).
		if (recipients.length === 0)
			throw new GasError("Failed to send email: no recipient");
		for (const address of [...recipients, ...replyToOf(message.replyTo)]) {
			if (!ADDRESS.test(address))
				throw new GasError(`Invalid email: ${address}`);
		}
		if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) {
			// guides/services/quotas: "Email recipients per message: 50"
			throw new GasError("Limit Exceeded: Email Recipients Per Message.");
		}
		const body =
			message.body === undefined || message.body === null
				? ""
				: String(message.body);
		const htmlBody =
			message.htmlBody === undefined || message.htmlBody === null
				? ""
				: String(message.htmlBody);
		if (
			Buffer.byteLength(body, "utf8") + Buffer.byteLength(htmlBody, "utf8") >
			MAX_BODY_BYTES
		) {
			// guides/services/quotas: "Email body size: 200 KB / message"
			throw new GasError("Limit Exceeded: Email Body Size.");
		}
		// The quota counts recipients, not messages (reference/mail/mail-app
		// #getRemainingDailyQuota(): "Quotas are based on the number of email recipients").
		// Checked before anything is sent: nothing is recorded when it does not suffice.
		if (recipients.length > remainingQuota(this.state))
			throw new GasError(MAIL_QUOTA_ERROR);
		// Addresses the (simulated) mail system refuses; nothing is sent, no quota is spent.
		for (const address of recipients) {
			if (
				this.state.mail.rejected.has(address) ||
				this.state.mail.rejected.has(address.toLowerCase())
			)
				throw new GasError(`Invalid email: ${address}`);
		}
		const sent: SentMail = {
			to: to.join(","),
			cc: cc.join(","),
			bcc: bcc.join(","),
			replyTo: message.replyTo === undefined ? "" : String(message.replyTo),
			name: message.name === undefined ? "" : String(message.name),
			subject:
				message.subject === undefined || message.subject === null
					? ""
					: String(message.subject),
			body,
			htmlBody,
			// "the sender is the executing (for triggers: installing) account" — the effective user.
			from: this.state.exec.effectiveUser,
			sentAt: this.state.now(),
		};
		// A real transport (the command line's SMTP or outbox) takes it now; its refusal is the
		// script's exception, as a failing MailApp call would be. A transport that cannot tell
		// whether the mail went says 送信不明 in its error (SEND_RESULT_UNCERTAIN_PREFIX), which
		// the exception carries to the script: MailApp in Google has no such outcome.
		if (this.state.mail.transport) {
			try {
				this.state.mail.transport(sent);
			} catch (error) {
				throw new GasError(
					`Failed to send email: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
		}
		this.state.mail.charges.push({
			user: sent.from,
			at: sent.sentAt.getTime(),
			recipients: recipients.length,
		});
		this.state.mail.outbox.push(sent);
	}
}
