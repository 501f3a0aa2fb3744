/**
 * ScriptApp for the local runtime: installable triggers kept in `state.triggers`, owned by the
 * account that created them (the effective user) and visible only to it.
 *
 * Reference: https://developers.google.com/apps-script/reference/script/script-app
 *            https://developers.google.com/apps-script/reference/script/trigger
 *            https://developers.google.com/apps-script/reference/script/clock-trigger-builder
 *            https://developers.google.com/apps-script/reference/script/spreadsheet-trigger-builder
 * Guide:     https://developers.google.com/apps-script/guides/triggers/installable
 */
import {
	GasError,
	permissionError,
	type RuntimeState,
	SCOPES,
	type TriggerModel,
} from "./state";

type G = typeof GoogleAppsScript.Script;

type ScriptAppApi = Pick<
	GoogleAppsScript.Script.ScriptApp,
	| "AuthMode"
	| "EventType"
	| "TriggerSource"
	| "newTrigger"
	| "getProjectTriggers"
	| "deleteTrigger"
	| "getUserTriggers"
>;
type TriggerApi = GoogleAppsScript.Script.Trigger;

// Enums are string-valued here: `String(ScriptApp.EventType.ON_EDIT)` is "ON_EDIT" as in Apps
// Script, and the values compare by identity (reference/script/event-type, auth-mode,
// trigger-source).
export const AuthMode = Object.freeze({
	NONE: "NONE",
	CUSTOM_FUNCTION: "CUSTOM_FUNCTION",
	LIMITED: "LIMITED",
	FULL: "FULL",
}) as unknown as G["AuthMode"];

const EventType = Object.freeze({
	CLOCK: "CLOCK",
	ON_OPEN: "ON_OPEN",
	ON_EDIT: "ON_EDIT",
	ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
	ON_CHANGE: "ON_CHANGE",
	ON_EVENT_UPDATED: "ON_EVENT_UPDATED",
}) as unknown as G["EventType"];

const TriggerSource = Object.freeze({
	SPREADSHEETS: "SPREADSHEETS",
	CLOCK: "CLOCK",
	FORMS: "FORMS",
	DOCUMENTS: "DOCUMENTS",
	CALENDAR: "CALENDAR",
}) as unknown as G["TriggerSource"];

/** "Triggers: 20 / user / script" (guides/services/quotas, Current limitations). */
export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS =
	"This script has too many triggers. Triggers must be deleted from the script before more can be added.";

/** everyHours(n): "n must be 1, 2, 4, 6, 8, or 12" (reference/script/clock-trigger-builder). */
const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

/** Installable triggers need authorization: refused where the script runs without it. */
function authorize(state: RuntimeState, method: string): void {
	// guides/triggers#restrictions: simple triggers "cannot access services that require
	// authorization"; ScriptApp's trigger methods require the script.scriptapp scope.
	if (state.exec.authMode !== "FULL")
		throw permissionError(method, SCOPES.scriptApp);
	state.requireScope(SCOPES.scriptApp, method);
}

function invalidArgument(name: string): GasError {
	return new GasError(`Invalid argument: ${name}`);
}

export class LocalTrigger implements TriggerApi {
	constructor(private readonly model: TriggerModel) {}

	toString(): string {
		return "Trigger";
	}

	getHandlerFunction(): string {
		return this.model.handlerFunction;
	}

	getEventType(): GoogleAppsScript.Script.EventType {
		return EventType[this.model.eventType];
	}

	getUniqueId(): string {
		return this.model.uid;
	}

	getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
		return this.model.eventType === "CLOCK"
			? TriggerSource.CLOCK
			: TriggerSource.SPREADSHEETS;
	}

	/**
	 * "Returns the ID specific to the source. For example, if the trigger source is a
	 * spreadsheet, this would be the ID of the spreadsheet." Clock triggers have no source id:
	 * null (as Apps Script returns).
	 */
	getTriggerSourceId(): string {
		return (this.model.sourceId ?? null) as string;
	}
}

function addTrigger(
	state: RuntimeState,
	model: Omit<TriggerModel, "uid" | "owner">,
): LocalTrigger {
	authorize(state, "ScriptApp.create");
	const owner = state.exec.effectiveUser;
	const mine = state.triggers.filter((t) => t.owner === owner).length;
	if (mine >= MAX_TRIGGERS_PER_USER) throw new GasError(TOO_MANY_TRIGGERS);
	// Unique ids are numeric strings in Apps Script; never reused here.
	state.triggerSeq = (state.triggerSeq ?? 0) + 1;
	const full: TriggerModel = {
		...model,
		uid: String(1_000_000 + state.triggerSeq),
		owner,
	};
	state.triggers.push(full);
	return new LocalTrigger(full);
}

export class LocalSpreadsheetTriggerBuilder
	implements GoogleAppsScript.Script.SpreadsheetTriggerBuilder
{
	private eventType: TriggerModel["eventType"] | undefined;

	constructor(
		private readonly state: RuntimeState,
		private readonly handlerFunction: string,
		private readonly sourceId: string,
	) {}

	toString(): string {
		return "SpreadsheetTriggerBuilder";
	}

	onOpen(): this {
		this.eventType = "ON_OPEN";
		return this;
	}

	onEdit(): this {
		this.eventType = "ON_EDIT";
		return this;
	}

	onChange(): this {
		this.eventType = "ON_CHANGE";
		return this;
	}

	onFormSubmit(): this {
		this.eventType = "ON_FORM_SUBMIT";
		return this;
	}

	create(): LocalTrigger {
		// Creating a spreadsheet trigger without choosing its event is refused (wording is the
		// local runtime's; the reference does not give one).
		if (!this.eventType) throw new GasError("Trigger event type is not set.");
		return addTrigger(this.state, {
			handlerFunction: this.handlerFunction,
			eventType: this.eventType,
			sourceId: this.sourceId,
		});
	}
}

export class LocalClockTriggerBuilder
	implements GoogleAppsScript.Script.ClockTriggerBuilder
{
	private hour: number | undefined;
	private minute: number | undefined;
	private days: number | undefined;
	private hours: number | undefined;
	private timeZone: string | undefined;

	constructor(
		private readonly state: RuntimeState,
		private readonly handlerFunction: string,
	) {}

	toString(): string {
		return "ClockTriggerBuilder";
	}

	/** atHour(hour): "The hour at which to fire" (0–23). */
	atHour(hour: number): this {
		if (!Number.isInteger(hour) || hour < 0 || hour > 23)
			throw invalidArgument("hour");
		this.hour = hour;
		return this;
	}

	/** nearMinute(minute): "Specifies the minute at which the trigger runs (plus or minus 15 minutes)." */
	nearMinute(minute: number): this {
		if (!Number.isInteger(minute) || minute < 0 || minute > 59)
			throw invalidArgument("minute");
		this.minute = minute;
		return this;
	}

	everyDays(n: number): this {
		if (!Number.isInteger(n) || n < 1) throw invalidArgument("n");
		this.days = n;
		return this;
	}

	everyHours(n: number): this {
		if (!EVERY_HOURS.includes(n)) throw invalidArgument("n");
		this.hours = n;
		return this;
	}

	/**
	 * "Specifies the timezone for the specified dates/time when the trigger runs. By default, the
	 * timezone is set to the script's timezone." (reference/script/clock-trigger-builder
	 * #inTimezone(String)). Accepts IANA ids (and "UTC"/"GMT").
	 */
	inTimezone(timezone: string): this {
		try {
			new Intl.DateTimeFormat("en-US", { timeZone: String(timezone) });
		} catch {
			throw invalidArgument("timezone");
		}
		this.timeZone = String(timezone);
		return this;
	}

	create(): LocalTrigger {
		if (this.days === undefined && this.hours === undefined) {
			// A clock trigger needs a recurrence (everyDays/everyHours here); the wording is the
			// local runtime's.
			throw new GasError(
				"Clock trigger recurrence is not set (use everyDays or everyHours).",
			);
		}
		if (this.hour !== undefined && this.days === undefined) {
			// atHour only makes sense with everyDays/everyWeeks (clock-trigger-builder#atHour).
			throw new GasError("atHour requires everyDays.");
		}
		return addTrigger(this.state, {
			handlerFunction: this.handlerFunction,
			eventType: "CLOCK",
			atHour: this.hour,
			everyDays: this.days,
			everyHours: this.hours,
			nearMinute: this.minute,
			timeZone: this.timeZone ?? this.state.scriptTimeZone,
		});
	}

	after(_durationMilliseconds: number): this {
		throw unsupported("ClockTriggerBuilder.after");
	}

	at(_date: GoogleAppsScript.Base.Date): this {
		throw unsupported("ClockTriggerBuilder.at");
	}

	atDate(_year: number, _month: number, _day: number): this {
		throw unsupported("ClockTriggerBuilder.atDate");
	}

	everyMinutes(_n: number): this {
		throw unsupported("ClockTriggerBuilder.everyMinutes");
	}

	everyWeeks(_n: number): this {
		throw unsupported("ClockTriggerBuilder.everyWeeks");
	}

	onMonthDay(_day: number): this {
		throw unsupported("ClockTriggerBuilder.onMonthDay");
	}

	onWeekDay(_day: GoogleAppsScript.Base.Weekday): this {
		throw unsupported("ClockTriggerBuilder.onWeekDay");
	}
}

function unsupported(method: string): GasError {
	return new GasError(`${method} is not supported by the local runtime.`);
}

export class LocalTriggerBuilder
	implements GoogleAppsScript.Script.TriggerBuilder
{
	constructor(
		private readonly state: RuntimeState,
		private readonly handlerFunction: string,
	) {}

	toString(): string {
		return "TriggerBuilder";
	}

	forSpreadsheet(
		sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
	): LocalSpreadsheetTriggerBuilder {
		const id = typeof sheet === "string" ? sheet : sheet?.getId?.();
		if (typeof id !== "string" || id === "") throw invalidArgument("key");
		return new LocalSpreadsheetTriggerBuilder(
			this.state,
			this.handlerFunction,
			id,
		);
	}

	timeBased(): LocalClockTriggerBuilder {
		return new LocalClockTriggerBuilder(this.state, this.handlerFunction);
	}

	forDocument(
		_document: unknown,
	): GoogleAppsScript.Script.DocumentTriggerBuilder {
		throw unsupported("TriggerBuilder.forDocument");
	}

	forForm(_form: unknown): GoogleAppsScript.Script.FormTriggerBuilder {
		throw unsupported("TriggerBuilder.forForm");
	}

	forUserCalendar(
		_emailId: string,
	): GoogleAppsScript.Script.CalendarTriggerBuilder {
		throw unsupported("TriggerBuilder.forUserCalendar");
	}
}

export class LocalScriptApp implements ScriptAppApi {
	readonly AuthMode = AuthMode;
	readonly EventType = EventType;
	readonly TriggerSource = TriggerSource;

	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "ScriptApp";
	}

	/** "Begins the process of creating an installable trigger" (reference/script/script-app#newTrigger(String)). */
	newTrigger(functionName: string): LocalTriggerBuilder {
		authorize(this.state, "ScriptApp.newTrigger");
		if (typeof functionName !== "string" || functionName === "")
			throw invalidArgument("functionName");
		return new LocalTriggerBuilder(this.state, functionName);
	}

	/**
	 * "Gets all installable triggers associated with the current project and current user."
	 * (reference/script/script-app#getProjectTriggers()) — other accounts' triggers are not
	 * listed (guides/triggers/installable).
	 */
	getProjectTriggers(): LocalTrigger[] {
		authorize(this.state, "ScriptApp.getProjectTriggers");
		const me = this.state.exec.effectiveUser;
		return this.state.triggers
			.filter((t) => t.owner === me)
			.map((t) => new LocalTrigger(t));
	}

	/**
	 * "Gets all installable triggers owned by this user in the given document, for this script
	 * or add-on only." (reference/script/script-app#getUserTriggers(Spreadsheet))
	 */
	getUserTriggers(container: { getId(): string }): LocalTrigger[] {
		authorize(this.state, "ScriptApp.getUserTriggers");
		const me = this.state.exec.effectiveUser;
		const id = container.getId();
		return this.state.triggers
			.filter((t) => t.owner === me && t.sourceId === id)
			.map((t) => new LocalTrigger(t));
	}

	/**
	 * "Removes the given trigger so it no longer runs." Only the current user's triggers can be
	 * reached; an unknown or foreign trigger is left alone (the reference does not say it throws).
	 */
	deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
		authorize(this.state, "ScriptApp.deleteTrigger");
		const uid = trigger.getUniqueId();
		const me = this.state.exec.effectiveUser;
		const index = this.state.triggers.findIndex(
			(t) => t.uid === uid && t.owner === me,
		);
		if (index >= 0) this.state.triggers.splice(index, 1);
	}
}
