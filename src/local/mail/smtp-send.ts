/**
 * The SMTP sender process of `remind --smtp` (built to dist-local/smtp-send.mjs). MailApp's
 * sendEmail is synchronous, nodemailer is not: the command line runs this script once per mail
 * with spawnSync, so the script's sendEmail returns only when the server has taken the mail —
 * or throws with the server's answer when it refused it.
 */
import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { nodemailerOptions } from "./message";
import type { SmtpReply, SmtpRequest } from "./smtp-protocol";

function transportFor(request: SmtpRequest) {
	return nodemailer.createTransport({
		url: request.url,
		connectionTimeout: request.timeoutMs,
		greetingTimeout: request.timeoutMs,
		socketTimeout: request.timeoutMs,
	});
}

function addresses(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list.map((a) =>
		typeof a === "string" ? a : String((a as { address?: unknown }).address),
	);
}

async function main(): Promise<void> {
	const request = JSON.parse(readFileSync(0, "utf8")) as SmtpRequest;
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
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(message.replace(/\s*\n\s*/g, " ").trim());
	process.exitCode = 1;
});
