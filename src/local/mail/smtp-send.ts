/**
 * The SMTP sender process of `remind --smtp` (built to dist-local/smtp-send.mjs). MailApp's
 * sendEmail is synchronous, nodemailer is not: the command line runs this script once per mail
 * with spawnSync, so the script's sendEmail returns only when the server has taken the mail —
 * or fails with one Japanese line (smtp-errors.ts) saying why the server did not take it.
 *
 * Whether the server has the message matters when the connection fails: before the end of the
 * message (the final "." of DATA) nothing was delivered and the mail can be tried again; after it
 * the server may have taken it and only its answer was lost (RFC 5321 §4.5.3.2.6 lets a server
 * take up to 10 minutes to answer), so the mail is uncertain and must not go twice. nodemailer
 * tells the end of the message by its log entry `tnx: "message"` when the data stream ends.
 */
import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { nodemailerOptions } from "./message";
import {
	type SmtpContext,
	smtpFailureText,
	smtpServerName,
	uncertainDeliveryText,
} from "./smtp-errors";
import {
	type SmtpReply,
	type SmtpRequest,
	UNCERTAIN_EXIT,
} from "./smtp-protocol";

/** Set once the whole message has been handed to the connection. */
let messageSent = false;

const quiet = () => undefined;
const logger = {
	trace: quiet,
	debug: quiet,
	warn: quiet,
	error: quiet,
	fatal: quiet,
	info(entry: { tnx?: string; outByteCount?: number }) {
		if (entry?.tnx === "message" && typeof entry.outByteCount === "number")
			messageSent = true;
	},
};

function transportFor(request: SmtpRequest) {
	return nodemailer.createTransport({
		url: request.url,
		connectionTimeout: request.timeoutMs,
		greetingTimeout: request.timeoutMs,
		socketTimeout: request.timeoutMs,
		logger,
	});
}

function addresses(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list.map((a) =>
		typeof a === "string" ? a : String((a as { address?: unknown }).address),
	);
}

let context: SmtpContext = { server: "" };

async function main(): Promise<void> {
	const request = JSON.parse(readFileSync(0, "utf8")) as SmtpRequest;
	context = {
		server: smtpServerName(request.url),
		...(request.action === "send" ? { from: request.mail.from.address } : {}),
	};
	const transport = transportFor(request);
	try {
		if (request.action === "verify") {
			await transport.verify();
			const reply: SmtpReply = {
				accepted: [],
				rejected: [],
				rejectedReasons: [],
				response: "",
			};
			process.stdout.write(JSON.stringify(reply));
			return;
		}
		const info = await transport.sendMail(nodemailerOptions(request.mail));
		const reply: SmtpReply = {
			accepted: addresses(info.accepted),
			rejected: addresses(info.rejected),
			rejectedReasons: (
				(
					info as {
						rejectedErrors?: Array<{ response?: string; message?: string }>;
					}
				).rejectedErrors ?? []
			).map((e) => String(e.response ?? e.message ?? "")),
			response: String(info.response ?? ""),
		};
		process.stdout.write(JSON.stringify(reply));
	} finally {
		transport.close();
	}
}

main().catch((error: unknown) => {
	const { response } = error as { response?: string };
	// A server that answered after the message refused it (5xx/4xx): certain, not delivered.
	const uncertain = messageSent && !response;
	const line = uncertain
		? uncertainDeliveryText(error, context)
		: smtpFailureText(error, context);
	process.stderr.write(line.replace(/\s*\n\s*/g, " ").trim());
	process.exitCode = uncertain ? UNCERTAIN_EXIT : 1;
});
