/**
 * The local Apps Script runtime: runs dist/Code.js in a node:vm context that holds only Apps
 * Script's globals, backed by the in-memory services, and calls its entry points the way Google
 * does — simple triggers in AuthMode LIMITED, installable triggers as their creator, menu items
 * as the user who clicked, edit triggers on user edits only (never on script writes).
 */
import vm from "node:vm";
import { Boundary } from "./boundary";
import { CallCounter } from "./calls";
import { releaseExecutionLocks } from "./lock";
import type { CellValue, WorkbookModel } from "./model";
import { AuthMode } from "./script-app";
import { createServices, type Services } from "./services";
import { LocalSession, type RevealUsers, revealedEmail } from "./session";
import { LocalSpreadsheet, userEdit } from "./spreadsheet";
import { canEditFile, shareFile } from "./spreadsheet/access";
import { gas } from "./spreadsheet/refs";
import {
	containerOf,
	createRuntimeState,
	type ExecutionContext,
	type RuntimeState,
	type SentMail,
	type TriggerModel,
} from "./state";

export interface Manifest {
	timeZone?: string;
	oauthScopes?: string[];
}

export interface LocalRuntimeOptions {
	/** The spreadsheet the product works on and departments edit. */
	workbook: WorkbookModel;
	/**
	 * The spreadsheet the project is bound to when it is another one (the DX office's control
	 * spreadsheet, SPEC 12); without it the project is bound to `workbook`.
	 */
	container?: WorkbookModel;
	/** The source of dist/Code.js. */
	code: string;
	manifest: Manifest;
	now?: () => Date;
	mailQuota?: number;
	/** Delivers each sent mail for real (e.g. SMTP); a throw fails the script's sendEmail. */
	mailTransport?: (mail: SentMail) => void;
	/**
	 * When Session.getActiveUser() and the edit event reveal who edited under an installable
	 * trigger (see RevealUsers): by default only editors of the trigger owner's domain.
	 */
	revealUsers?: RevealUsers;
	/** Google Groups (address → members); saved with the workbook. */
	groups?: Record<string, string[]>;
}

/** An error thrown by the script, as the Apps Script editor would show it. */
export class ScriptError extends Error {
	constructor(
		message: string,
		readonly functionName: string,
	) {
		super(message);
		this.name = "ScriptError";
	}
}

// guides/services/quotas: script runtime 6 min per execution; simple triggers 30 s.
const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
const SIMPLE_TRIGGER_LIMIT_MS = 30 * 1000;

export class LocalRuntime {
	readonly state: RuntimeState;
	readonly calls = new CallCounter();
	private readonly script: vm.Script;
	private readonly revealUsers: RevealUsers;
	private executions = 0;

	constructor(options: LocalRuntimeOptions) {
		this.state = createRuntimeState({
			workbook: options.workbook,
			...(options.container ? { container: options.container } : {}),
			scopes: options.manifest.oauthScopes ?? [],
			scriptTimeZone: options.manifest.timeZone ?? "Asia/Tokyo",
			...(options.now ? { now: options.now } : {}),
			...(options.mailQuota !== undefined
				? { mailQuota: options.mailQuota }
				: {}),
		});
		if (options.mailTransport)
			this.state.mail.transport = options.mailTransport;
		this.script = new vm.Script(options.code, { filename: "Code.js" });
		this.revealUsers = options.revealUsers ?? "same-domain";
		// Groups are the domain's, so both spreadsheets see the same memberships.
		if (options.groups)
			for (const wb of [options.workbook, options.container])
				if (wb) wb.groups = { ...wb.groups, ...options.groups };
	}

	get workbook(): WorkbookModel {
		return this.state.workbook;
	}

	/**
	 * Who can open and change the project's code: a bound project is edited from its container
	 * (拡張機能 > Apps Script), by anyone who may edit that file (guides/bound: "Bound scripts can
	 * be shared by sharing the container file"; every editor of the container opens the editor).
	 */
	projectEditors(): string[] {
		const wb = containerOf(this.state);
		return [wb.owner, ...wb.editors];
	}

	/** The owner shares the file for editing with these accounts or Google Groups (Drive's 共有). */
	share(...emails: string[]): void {
		shareFile(this.workbook, emails);
	}

	/** The same for the control spreadsheet the project is bound to (SPEC 12: DX office only). */
	shareControl(...emails: string[]): void {
		shareFile(containerOf(this.state), emails);
	}

	/** The spreadsheet opens for `user`: the simple trigger onOpen runs (AuthMode LIMITED). */
	open(user: string): void {
		this.run("onOpen", [], {
			// A simple trigger never sees the user: LocalSession blanks it outside AuthMode FULL.
			activeUser: user,
			effectiveUser: user,
			authMode: "LIMITED",
			kind: "simple-trigger",
		});
	}

	/**
	 * `user` clicks a menu item bound to `functionName`: it runs as that user, AuthMode FULL. The
	 * menu is the container's, and only its editors can run its bound script (guides/bound).
	 */
	runMenu(functionName: string, user: string = this.workbook.owner): unknown {
		const container = containerOf(this.state);
		if (!canEditFile(container, user))
			throw new Error(
				`${user} cannot edit the spreadsheet "${container.name}", so its menu cannot run`,
			);
		return this.run(functionName, [], {
			activeUser: user,
			effectiveUser: user,
			authMode: "FULL",
			kind: "menu",
		});
	}

	/**
	 * `user` types into one cell or pastes a block in the Sheets UI. Protections and data
	 * validation are enforced for that user (the edit is refused with Sheets' message), then every
	 * installable ON_EDIT trigger fires as its creator with a real edit event.
	 */
	edit(
		user: string,
		sheetName: string,
		a1: string,
		values: CellValue[][],
	): void {
		const result = userEdit(this.state, sheetName, a1, values, user);
		const single = result.rect.numRows === 1 && result.rect.numCols === 1;
		// An edit trigger belongs to one spreadsheet (TriggerBuilder.forSpreadsheet): only those
		// of the edited file fire, and e.source is that file even for a project bound elsewhere.
		const edited = this.workbook.id;
		for (const trigger of this.triggersOf("ON_EDIT")) {
			if (trigger.sourceId !== undefined && trigger.sourceId !== edited)
				continue;
			this.runTrigger(
				trigger,
				() => {
					const ss = gas<GoogleAppsScript.Spreadsheet.Spreadsheet>(
						new LocalSpreadsheet(this.state, this.workbook),
					);
					const sheet = ss.getSheetByName(sheetName);
					if (!sheet) throw new Error(`sheet ${sheetName} vanished`);
					const range = sheet.getRange(
						result.rect.row + 1,
						result.rect.col + 1,
						result.rect.numRows,
						result.rect.numCols,
					);
					const event: Record<string, unknown> = {
						authMode: AuthMode.FULL,
						range,
						source: ss,
						triggerUid: trigger.uid,
						user: new LocalSession(this.state).getActiveUser(),
					};
					// guides/triggers/events: value/oldValue only for a single-cell edit; oldValue is
					// undefined when the cell was empty. The UI passes them as text.
					if (single) {
						if (result.value !== undefined && result.value !== "")
							event.value = eventText(result.value);
						if (result.oldValue !== undefined && result.oldValue !== "")
							event.oldValue = eventText(result.oldValue);
					}
					return [event];
				},
				user,
			);
		}
	}

	/**
	 * `user` deletes rows in the Sheets UI. Protections apply to that user. A deletion is a
	 * change (REMOVE_ROW), not an edit, so no edit trigger fires (guides/triggers/events).
	 */
	deleteRows(
		user: string,
		sheetName: string,
		row: number,
		count: number,
	): void {
		const saved = this.state.exec;
		this.state.exec = {
			activeUser: user,
			effectiveUser: user,
			authMode: "FULL",
			kind: "direct",
		};
		try {
			const sheet = new LocalSpreadsheet(
				this.state,
				this.workbook,
			).getSheetByName(sheetName);
			if (!sheet) throw new Error(`シート「${sheetName}」がありません`);
			sheet.deleteRows(row, count);
		} finally {
			this.state.exec = saved;
		}
	}

	/**
	 * Runs the time-driven triggers due at `at` (each daily trigger fires once in the hour it is
	 * set for, in its time zone; guides/triggers/installable#time-driven_triggers).
	 */
	runTimeTriggers(at: Date): number {
		let fired = 0;
		for (const trigger of this.triggersOf("CLOCK")) {
			const hour = hourIn(at, trigger.timeZone ?? this.state.scriptTimeZone);
			if (trigger.atHour !== undefined && trigger.atHour !== hour) continue;
			this.runTrigger(trigger, () => [
				{ authMode: "FULL", triggerUid: trigger.uid },
			]);
			fired++;
		}
		return fired;
	}

	/** Runs `functionName` with the given execution context; the script's errors are rethrown. */
	run(functionName: string, args: unknown[], exec: ExecutionContext): unknown {
		return this.execute(functionName, () => args, exec);
	}

	private runTrigger(
		trigger: TriggerModel,
		makeArgs: (services: Services) => unknown[],
		editor?: string,
	): void {
		this.execute(trigger.handlerFunction, makeArgs, {
			activeUser:
				editor !== undefined
					? revealedEmail(this.revealUsers, editor, trigger.owner)
					: trigger.owner,
			effectiveUser: trigger.owner,
			authMode: "FULL",
			kind: "installable-trigger",
		});
	}

	private triggersOf(type: TriggerModel["eventType"]): TriggerModel[] {
		return this.state.triggers.filter((t) => t.eventType === type);
	}

	private execute(
		functionName: string,
		makeArgs: (services: Services) => unknown[],
		exec: ExecutionContext,
	): unknown {
		this.state.exec = exec;
		this.state.executionId = `exec-${++this.executions}`;
		const context = vm.createContext({});
		const realm = vm.runInContext("({ Array, Date, Error, Object })", context);
		installClock(context, () => this.state.now().getTime());
		const boundary = new Boundary(realm, this.calls);
		const services = createServices(this.state);
		const globals = context as Record<string, unknown>;
		for (const [name, service] of Object.entries(services))
			globals[name] = boundary.toScript(service);
		const timeout =
			exec.kind === "simple-trigger"
				? SIMPLE_TRIGGER_LIMIT_MS
				: EXECUTION_LIMIT_MS;
		this.script.runInContext(context, { timeout });
		if (typeof globals[functionName] !== "function") {
			throw new ScriptError(
				`Script function not found: ${functionName}`,
				functionName,
			);
		}
		globals.__dxInvoke = boundary.toScript(makeArgs(services));
		try {
			const result = vm.runInContext(
				`${functionName}.apply(null, __dxInvoke)`,
				context,
				{ timeout },
			);
			return boundary.toHost(result);
		} catch (error) {
			const message =
				error instanceof Object && "message" in error
					? String(error.message)
					: String(error);
			this.state.logs.push({
				level: "error",
				message: `${functionName}: ${message}`,
				at: this.state.now(),
			});
			throw new ScriptError(message, functionName);
		} finally {
			delete globals.__dxInvoke;
			// Locks end with the execution (reference/lock/lock).
			releaseExecutionLocks(this.state, this.state.executionId);
		}
	}
}

/**
 * The script's `new Date()` and `Date.now()` read the runtime's clock (state.now), so a
 * reminder season can be simulated day by day. Dates stay real Dates of the script's realm.
 */
const CLOCK_SOURCE = `(function (now) {
	var RealDate = Date;
	function SimDate() {
		if (!new.target) return new RealDate(now()).toString();
		if (arguments.length === 0) return new RealDate(now());
		return new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
	}
	SimDate.prototype = RealDate.prototype;
	SimDate.now = function () { return now(); };
	SimDate.UTC = RealDate.UTC;
	SimDate.parse = RealDate.parse;
	globalThis.Date = SimDate;
})`;

function installClock(context: vm.Context, now: () => number): void {
	vm.runInContext(CLOCK_SOURCE, context)(now);
}

function eventText(value: CellValue): string {
	return value instanceof Date ? value.toString() : String(value);
}

function hourIn(at: Date, timeZone: string): number {
	const text = new Intl.DateTimeFormat("en-GB", {
		timeZone,
		hour: "2-digit",
		hourCycle: "h23",
	}).format(at);
	return Number(text);
}
