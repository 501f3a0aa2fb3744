/**
 * Logger and console for the local runtime: every message goes to `state.logs` (the runner
 * decides whether to print it).
 *
 * Reference: https://developers.google.com/apps-script/reference/base/logger
 *            https://developers.google.com/apps-script/reference/base/console
 * Guide:     https://developers.google.com/apps-script/guides/logging
 */
import { format as nodeFormat } from "node:util";
import type { LogEntry, RuntimeState } from "./state";

type LoggerApi = Pick<GoogleAppsScript.Base.Logger, "log" | "clear" | "getLog">;
type ConsoleApi = Pick<
	Console,
	"log" | "info" | "warn" | "error" | "time" | "timeEnd"
>;

/** How a logged value reads: strings as they are, plain objects and arrays as JSON. */
function show(value: unknown): string {
	if (typeof value === "string") return value;
	if (value instanceof Date || value instanceof Error) return String(value);
	if (Array.isArray(value) || (typeof value === "object" && value !== null)) {
		try {
			return JSON.stringify(value);
		} catch {
			return String(value);
		}
	}
	return String(value);
}

function push(
	state: RuntimeState,
	level: LogEntry["level"],
	message: string,
): void {
	state.logs.push({ level, message, at: state.now() });
}

export class LocalLogger implements LoggerApi {
	/** Messages logged through Logger since the last clear() (getLog). */
	private readonly lines: string[] = [];

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "Logger";
	}

	/**
	 * log(data) writes the value; log(format, values...) "Writes a formatted string to the
	 * logging console, using the format and values provided. The string can include multiple %s
	 * placeholders, which are replaced with corresponding values from the list of values,
	 * converted to strings." (reference/base/logger#log(String,Object...)). A %s without a value
	 * is left as it is.
	 */
	log(data: unknown, ...values: unknown[]): LocalLogger {
		let message: string;
		if (values.length > 0 && typeof data === "string") {
			let next = 0;
			message = data.replace(/%s/g, (placeholder) =>
				next < values.length ? show(values[next++]) : placeholder,
			);
		} else {
			message = show(data);
		}
		this.lines.push(message);
		push(this.state, "log", message);
		return this;
	}

	/** "Clears the log." */
	clear(): void {
		this.lines.length = 0;
	}

	/** "Returns a complete list of messages in the current log" — one message a line here. */
	getLog(): string {
		return this.lines.join("\n");
	}
}

/**
 * The V8 `console` of Apps Script (reference/base/console): log/info/warn/error with the usual
 * %s/%d/%o substitutions, time/timeEnd measured on the runtime's simulated clock.
 */
export class LocalConsole implements ConsoleApi {
	private readonly timers = new Map<string, number>();

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "console";
	}

	log(...args: unknown[]): void {
		push(this.state, "log", nodeFormat(...args));
	}

	info(...args: unknown[]): void {
		push(this.state, "info", nodeFormat(...args));
	}

	warn(...args: unknown[]): void {
		push(this.state, "warn", nodeFormat(...args));
	}

	error(...args: unknown[]): void {
		push(this.state, "error", nodeFormat(...args));
	}

	/** "Starts a timer you can use to track how long an operation takes." */
	time(label: string): void {
		this.timers.set(String(label), this.state.now().getTime());
	}

	/** "Stops a timer that was previously started by calling console.time()": logs "label: Nms". */
	timeEnd(label: string): void {
		const start = this.timers.get(String(label));
		if (start === undefined) return;
		this.timers.delete(String(label));
		push(
			this.state,
			"info",
			`${label}: ${this.state.now().getTime() - start}ms`,
		);
	}
}
