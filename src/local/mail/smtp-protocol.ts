/**
 * What the command line and its SMTP sender process (smtp-send.ts → dist-local/smtp-send.mjs)
 * exchange: one JSON request on stdin; on success exit 0 and one JSON reply on stdout, on
 * failure a non-zero exit and one line on stderr — exit UNCERTAIN_EXIT when the server had the
 * whole message and the answer never came (the mail may have gone), 1 otherwise (it did not).
 */
import type { OutgoingMail } from "./message";

export type SmtpRequest =
	| { action: "verify"; url: string; timeoutMs: number }
	| { action: "send"; url: string; timeoutMs: number; mail: OutgoingMail };

export interface SmtpReply {
	accepted: string[];
	/** Recipients the server refused while accepting others (the mail went to the rest). */
	rejected: string[];
	/** The server's answers for the refused recipients. */
	rejectedReasons: string[];
	response: string;
}

/** The sender's exit code for a mail whose delivery is not known. */
export const UNCERTAIN_EXIT = 3;
