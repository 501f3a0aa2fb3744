/**
 * The shared state of one local Apps Script runtime: the workbook, who is running the script
 * and how, the simulated clock, and the records of the other services (mail, triggers,
 * properties, UI, logs). Every service class receives this object; nothing here is global, so
 * several runtimes can live side by side in one test process.
 */
import type { SheetModel, WorkbookModel } from "./model";

/** ScriptApp.AuthMode names (reference/script/auth-mode). */
type AuthModeName = "NONE" | "CUSTOM_FUNCTION" | "LIMITED" | "FULL";

export interface ExecutionContext {
	/** The user at the keyboard; `''` where Apps Script would not reveal it. */
	activeUser: string;
	/** The account whose authority the script runs with (installable triggers: their creator). */
	effectiveUser: string;
	authMode: AuthModeName;
	/** How the execution started. */
	kind: "simple-trigger" | "installable-trigger" | "menu" | "direct";
}

export interface SentMail {
	to: string;
	cc: string;
	bcc: string;
	replyTo: string;
	name: string;
	subject: string;
	body: string;
	htmlBody: string;
	from: string;
	sentAt: Date;
}

export interface UiEvent {
	kind: "menu" | "toast" | "alert" | "dialog" | "prompt";
	title: string;
	message: string;
	/** For toasts: how long it stays on screen, in seconds; null = until dismissed. */
	seconds?: number | null;
	/** For menus: the items (caption → function name); separators as null. */
	items?: Array<{ caption: string; functionName: string } | null>;
}

export interface TriggerModel {
	uid: string;
	handlerFunction: string;
	eventType: "ON_OPEN" | "ON_EDIT" | "ON_CHANGE" | "ON_FORM_SUBMIT" | "CLOCK";
	/** The account that created the trigger: it runs as them, and only they can see it. */
	owner: string;
	/** CLOCK triggers: daily at this hour in this time zone. */
	atHour?: number;
	everyDays?: number;
	timeZone?: string;
	/** CLOCK triggers: the minute asked for with nearMinute (Apps Script may run ±15 min). */
	nearMinute?: number;
	/** CLOCK triggers: every n hours (everyHours). */
	everyHours?: number;
	/** Spreadsheet triggers: the spreadsheet's id (Trigger.getTriggerSourceId). */
	sourceId?: string;
}

export interface LogEntry {
	level: "log" | "info" | "warn" | "error";
	message: string;
	at: Date;
}

/** Scope URLs as written in appsscript.json. */
export const SCOPES = {
	spreadsheetsCurrentOnly:
		"https://www.googleapis.com/auth/spreadsheets.currentonly",
	spreadsheets: "https://www.googleapis.com/auth/spreadsheets",
	sendMail: "https://www.googleapis.com/auth/script.send_mail",
	scriptApp: "https://www.googleapis.com/auth/script.scriptapp",
	userEmail: "https://www.googleapis.com/auth/userinfo.email",
	containerUi: "https://www.googleapis.com/auth/script.container.ui",
} as const;

export interface RuntimeState {
	/** The spreadsheet the product works on (the one departments edit). */
	workbook: WorkbookModel;
	/**
	 * The spreadsheet the script project is bound to, when it is not `workbook`: the DX office's
	 * control spreadsheet, which reaches `workbook` through SpreadsheetApp.openById (SPEC 12).
	 * Absent: the project is bound to `workbook` itself.
	 */
	container?: WorkbookModel;
	exec: ExecutionContext;
	/** The script's time zone (appsscript.json timeZone). */
	scriptTimeZone: string;
	/** The declared oauthScopes; a call needing a scope outside them throws. */
	scopes: readonly string[];
	/** Simulated wall clock. */
	now(): Date;
	mail: {
		outbox: SentMail[];
		/** Recipients per rolling 24 hours, for each user (MailApp counts recipients). */
		dailyQuota: number;
		/** Recipients charged to each sender (by address) at each send time (ms). */
		charges: Array<{ user: string; at: number; recipients: number }>;
		/** Addresses the fake mail server rejects ("Invalid email: …"). */
		rejected: Set<string>;
		/** Delivers each mail for real (synchronously); throws when the server refuses it. */
		transport?: (mail: SentMail) => void;
	};
	ui: UiEvent[];
	triggers: TriggerModel[];
	properties: {
		script: Map<string, string>;
		document: Map<string, string>;
		/** Keyed by user email. */
		user: Map<string, Map<string, string>>;
	};
	/** Lock holders: the execution id holding the document / script lock, if any. */
	locks: {
		document: string | null;
		script: string | null;
		user: Map<string, string>;
	};
	/** The current execution's id (locks are released when it ends). */
	executionId: string;
	logs: LogEntry[];
	/** Last trigger id handed out (ScriptApp); ids are never reused. */
	triggerSeq?: number;
	/**
	 * Scripted answers to Ui.alert / Ui.prompt, consumed in order; when empty the dialog is
	 * answered with OK (or YES for YES_NO sets) and an empty text.
	 */
	uiReplies?: Array<{
		button?: "OK" | "CANCEL" | "YES" | "NO" | "CLOSE";
		text?: string;
	}>;
	/** Throws the documented permission error when `scope` is not declared. */
	requireScope(scope: string, method: string): void;
}

/** Thrown where Apps Script throws `Exception: …`. */
export class GasError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "Exception";
	}
}

export function permissionError(method: string, scope: string): GasError {
	return new GasError(
		`You do not have permission to call ${method}. Required permissions: ${scope}`,
	);
}

export interface RuntimeStateOptions {
	workbook: WorkbookModel;
	container?: WorkbookModel;
	scopes: readonly string[];
	scriptTimeZone?: string;
	/** Fixed simulated time; defaults to the real clock. */
	now?: () => Date;
	mailQuota?: number;
}

export function createRuntimeState(options: RuntimeStateOptions): RuntimeState {
	const owner = options.workbook.owner;
	const state: RuntimeState = {
		workbook: options.workbook,
		...(options.container ? { container: options.container } : {}),
		exec: {
			activeUser: owner,
			effectiveUser: owner,
			authMode: "FULL",
			kind: "direct",
		},
		scriptTimeZone: options.scriptTimeZone ?? "Asia/Tokyo",
		scopes: options.scopes,
		now: options.now ?? (() => new Date()),
		mail: {
			outbox: [],
			dailyQuota: options.mailQuota ?? 100,
			charges: [],
			rejected: new Set(),
		},
		ui: [],
		triggers: [],
		properties: { script: new Map(), document: new Map(), user: new Map() },
		locks: { document: null, script: null, user: new Map() },
		executionId: "exec-0",
		logs: [],
		requireScope(scope: string, method: string) {
			// spreadsheets (full) implies spreadsheets.currentonly for the bound file.
			if (state.scopes.includes(scope)) return;
			if (
				scope === SCOPES.spreadsheetsCurrentOnly &&
				state.scopes.includes(SCOPES.spreadsheets)
			)
				return;
			throw permissionError(method, scope);
		},
	};
	return state;
}

/** The spreadsheet the script is bound to (SpreadsheetApp.getActive()). */
export function containerOf(state: RuntimeState): WorkbookModel {
	return state.container ?? state.workbook;
}

/** The spreadsheet a sheet belongs to: its owner and time zone rule what happens on it. */
export function workbookOfSheet(
	state: RuntimeState,
	sheet: SheetModel,
): WorkbookModel {
	return state.container?.sheets.includes(sheet)
		? state.container
		: state.workbook;
}
