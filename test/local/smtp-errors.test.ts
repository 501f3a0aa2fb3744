/**
 * SMTP failures in Japanese (issue 11 item 6): each class of failure is produced for real —
 * nodemailer, as `remind --smtp`'s sender process uses it, against a fake SMTP server on loopback
 * (smtp-server) or a port nobody listens on — and its error object must be classified and told in
 * one Japanese sentence with at most a short code as its tail, never the server's English.
 */
import {
	type AddressInfo,
	createServer,
	type Server,
	type Socket,
} from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { mailFailureReason } from "../../src/domain";
import {
	classifySmtpError,
	recipientsRefusedText,
	type SmtpFailureKind,
	smtpFailureText,
	smtpServerName,
	uncertainDeliveryText,
} from "../../src/local/mail/smtp-errors";
import { expectJapaneseLine } from "../support/japanese";

const MAIL = {
	from: "dx@city.example.jp",
	to: ["shimin@city.example.jp"],
	subject: "催促",
	text: "本文",
};

const servers: Array<{ close: (cb: () => void) => void }> = [];
const sockets: Socket[] = [];
afterAll(async () => {
	for (const s of sockets) s.destroy();
	await Promise.all(
		servers.map((s) => new Promise<void>((resolve) => s.close(resolve))),
	);
});

async function fakeServer(options: SMTPServerOptions): Promise<string> {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ["STARTTLS"],
		logger: false,
		...options,
	});
	// A client that gives up on TLS ends the connection; that is the client's failure to test.
	server.on("error", () => undefined);
	await new Promise<void>((resolve) =>
		server.listen(0, "127.0.0.1", () => resolve()),
	);
	servers.push(server);
	return `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

/** A TCP server that says what `onConnect` writes, and nothing else. */
async function rawServer(onConnect: (s: Socket) => void) {
	const server: Server = createServer((socket) => {
		sockets.push(socket);
		onConnect(socket);
	});
	await new Promise<void>((resolve) =>
		server.listen(0, "127.0.0.1", () => resolve()),
	);
	servers.push(server);
	return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The error nodemailer rejects with (the sender process's `catch`). */
async function failure(
	url: string,
	action: "send" | "verify" = "send",
): Promise<unknown> {
	const transport = nodemailer.createTransport({
		url,
		connectionTimeout: 2000,
		greetingTimeout: 2000,
		socketTimeout: 2000,
	});
	try {
		if (action === "verify") await transport.verify();
		else await transport.sendMail(MAIL);
	} catch (error) {
		return error;
	} finally {
		transport.close();
	}
	throw new Error(`${url}: no failure`);
}

const reply = (code: number, text: string) =>
	Object.assign(new Error(text), { responseCode: code });

const onData =
	(answer: Error | null): SMTPServerOptions["onData"] =>
	(stream, _session, callback) => {
		stream.on("data", () => undefined);
		stream.on("end", () => (answer ? callback(answer) : undefined));
	};

interface Case {
	kind: SmtpFailureKind;
	make: () => Promise<{ url: string; action?: "send" | "verify" }>;
	/** What the sentence must say, and its tail. */
	says: RegExp;
	tail: string;
}

const CASES: Case[] = [
	{
		kind: "connect",
		make: async () => ({ url: "smtp://127.0.0.1:1", action: "verify" }),
		says: /^SMTPサーバーに接続できません（127\.0\.0\.1:1）。--smtp のサーバー名とポート番号/,
		tail: "（ECONNREFUSED）",
	},
	{
		kind: "dns",
		make: async () => ({ url: "smtp://mail.no-such-host.invalid:25" }),
		says: /^SMTPサーバー「mail\.no-such-host\.invalid」が見つかりません/,
		tail: "（E",
	},
	{
		kind: "timeout",
		// Accepts the connection, never greets.
		make: async () => ({ url: `smtp://${await rawServer(() => undefined)}` }),
		says: /が時間内に応答しません。.*--smtp-timeout/,
		tail: "（ETIMEDOUT）",
	},
	{
		kind: "tls",
		make: async () => ({ url: `smtps://${await fakeServer({})}` }),
		says: /暗号化（TLS）の接続ができません。ポート 465 なら smtps:\/\//,
		tail: "（ERR_SSL_WRONG_VERSION_NUMBER）",
	},
	{
		kind: "certificate",
		// smtp-server's built-in test certificate is self-signed and expired.
		make: async () => ({
			url: `smtps://${await fakeServer({ secure: true })}`,
		}),
		says: /の証明書を確かめられないため接続しません/,
		tail: "（CERT_",
	},
	{
		kind: "auth",
		make: async () => ({
			url: `smtp://dx:wrong@${await fakeServer({
				authOptional: false,
				allowInsecureAuth: true,
				onAuth: (_a, _s, cb) =>
					cb(reply(535, "5.7.8 Authentication credentials invalid")),
			})}`,
			action: "verify",
		}),
		says: /にログインできません。--smtp の URL の利用者名とパスワード/,
		tail: "（SMTP 535 5.7.8）",
	},
	{
		kind: "auth-required",
		make: async () => ({
			url: `smtp://${await fakeServer({ authOptional: false })}`,
		}),
		says: /はログインが必要です。--smtp を smtp:\/\/利用者名:パスワード@127\.0\.0\.1:\d+ の形で/,
		tail: "（SMTP 530）",
	},
	{
		kind: "sender",
		make: async () => ({
			url: `smtp://${await fakeServer({
				onMailFrom: (_a, _s, cb) => cb(reply(553, "5.7.1 Sender not allowed")),
			})}`,
		}),
		says: /送信元のアドレス dx@city\.example\.jp を受け付けません。設定の「DX推進室メール」/,
		tail: "（SMTP 553 5.7.1）",
	},
	{
		kind: "recipient",
		make: async () => ({
			url: `smtp://${await fakeServer({
				onRcptTo: (_a, _s, cb) => cb(reply(550, "5.1.1 No such user here")),
			})}`,
		}),
		says: /宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレス/,
		tail: "（SMTP 550 5.1.1）",
	},
	{
		kind: "too-large",
		make: async () => ({
			url: `smtp://${await fakeServer({
				onData: onData(reply(552, "5.3.4 Message size exceeds fixed limit")),
			})}`,
		}),
		says: /メールが大きすぎるため.*照会ファイルを小さくするか/,
		tail: "（SMTP 552 5.3.4）",
	},
	{
		kind: "message",
		make: async () => ({
			url: `smtp://${await fakeServer({
				onData: onData(reply(554, "5.7.1 Message rejected as spam")),
			})}`,
		}),
		says: /このメールを受け付けませんでした.*情報システム担当/,
		tail: "（SMTP 554 5.7.1）",
	},
	{
		kind: "temporary",
		make: async () => ({
			url: `smtp://${await fakeServer({
				onData: onData(reply(451, "4.3.0 Temporary local problem")),
			})}`,
		}),
		says: /一時的に受け付けませんでした。しばらくしてから、もう一度 remind/,
		tail: "（SMTP 451 4.3.0）",
	},
	{
		kind: "temporary",
		make: async () => ({
			url: `smtp://${await rawServer((s) => s.end("421 4.3.2 Service not available\r\n"))}`,
		}),
		says: /一時的に受け付けませんでした/,
		tail: "（SMTP 421 4.3.2）",
	},
	{
		kind: "dropped",
		make: async () => ({
			url: `smtp://${await rawServer((s) => s.end("220 mail ESMTP\r\n"))}`,
		}),
		says: /との接続が途中で切れました（メールは届いていません）/,
		tail: "（ECONNECTION）",
	},
	{
		kind: "protocol",
		make: async () => ({
			url: `smtp://${await rawServer((s) => s.write("HTTP/1.1 400 Bad Request\r\n"))}`,
		}),
		says: /から SMTP の応答がありません。--smtp のポート番号/,
		tail: "（EPROTOCOL）",
	},
];

describe("an SMTP failure, in Japanese", () => {
	it.each(CASES)(
		"$kind: classified, one Japanese sentence, a short code as its tail",
		async (c) => {
			const { url, action } = await c.make();
			const error = await failure(url, action);
			expect(classifySmtpError(error)).toBe(c.kind);
			const text = smtpFailureText(error, {
				server: smtpServerName(url),
				from: MAIL.from,
			});
			expect(text).toMatch(c.says);
			expect(text.slice(text.lastIndexOf("（"))).toContain(c.tail);
			expectJapaneseLine(text);
			// Whatever the server said in English stays out.
			const { response } = error as { response?: string };
			const words = String(response ?? (error as Error).message).replace(
				/^\d{3}[ -]?[\d.]*\s*/,
				"",
			);
			if (/[a-z]{3,} [a-z]{3,}/i.test(words)) expect(text).not.toContain(words);
		},
	);

	it("an attachment that cannot be read names the file, not the errno text", () => {
		const error = Object.assign(
			new Error("ENOENT: no such file or directory, open '/x/R5_市民課.xlsx'"),
			{ code: "ENOENT", syscall: "open", path: "/x/R5_市民課.xlsx" },
		);
		expect(classifySmtpError(error)).toBe("file");
		const text = smtpFailureText(error, { server: "mail.example.jp:587" });
		expect(text).toBe(
			"添付する照会ファイルを読めません（見つかりません）: R5_市民課.xlsx",
		);
	});

	it("after the message: 送信不明 in Japanese; copies accepted, the department refused", async () => {
		const stalled = Object.assign(new Error("Timeout"), {
			code: "ETIMEDOUT",
			command: "CONN",
		});
		const cut = Object.assign(new Error("Connection closed unexpectedly"), {
			code: "ECONNECTION",
			command: "CONN",
		});
		const context = { server: "mail.example.jp:587" };
		expect(uncertainDeliveryText(stalled, context)).toBe(
			"SMTPサーバー（mail.example.jp:587）がメールの本文を受け取った後、応答しませんでした（タイムアウト）",
		);
		expect(uncertainDeliveryText(cut, context)).toBe(
			"SMTPサーバー（mail.example.jp:587）との接続がメールの本文を送った後に切れました（ECONNECTION）",
		);
		const refused = recipientsRefusedText([
			"550 5.1.1 <zeimu@city.example.jp>: Recipient address rejected",
		]);
		expect(refused).toBe(
			"SMTPサーバーが宛先のメールアドレスを受け付けませんでした。担当課シートのメールアドレスを確かめてください（SMTP 550 5.1.1）",
		);
		for (const t of [
			uncertainDeliveryText(stalled, context),
			uncertainDeliveryText(cut, context),
			refused,
		])
			expectJapaneseLine(t);
	});

	it("a fault of the sender itself keeps its words for the maintainer, after a Japanese sentence", () => {
		const text = smtpFailureText(new TypeError("x is not a function"), {
			server: "mail.example.jp:587",
		});
		expect(text).toMatch(
			/^SMTPサーバー（mail\.example\.jp:587）への送信に失敗しました。.*（内部エラー: x is not a function）$/,
		);
	});

	it("smtpServerName: host and port, with nodemailer's default ports", () => {
		expect(smtpServerName("smtp://u:secret@mail.example.jp")).toBe(
			"mail.example.jp:587",
		);
		expect(smtpServerName("smtps://mail.example.jp")).toBe(
			"mail.example.jp:465",
		);
		expect(smtpServerName("smtp://[::1]:2525")).toBe("[::1]:2525");
	});
});

describe("MailApp's exceptions, as 送信履歴 and the digest say them", () => {
	it.each([
		[
			"Invalid email: x@@example.jp",
			/メールアドレスが正しくないか.*（x@@example\.jp）/,
		],
		["Failed to send email: no recipient", /宛先のメールアドレスがありません/],
		["Limit Exceeded: Email Recipients Per Message.", /宛先が多すぎる/],
		["Limit Exceeded: Email Body Size.", /本文が大きすぎる/],
		[
			"Failed to send email: SMTPサーバーにログインできません。（SMTP 535）",
			/^SMTPサーバーにログインできません。（SMTP 535）$/,
		],
		[
			"Exception: Something unheard of",
			/^メールを送信できませんでした（詳細: Something unheard of）$/,
		],
	])("%s", (message, expected) => {
		const reason = mailFailureReason(message);
		expect(reason).toMatch(expected);
		expect(reason).not.toMatch(/Failed to send email|Error:/);
	});
});
