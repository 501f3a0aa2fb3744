/**
 * ScriptApp / Trigger contract:
 *   https://developers.google.com/apps-script/reference/script/script-app
 *     getProjectTriggers: "all installable triggers associated with the current project and current user"
 *   https://developers.google.com/apps-script/reference/script/trigger
 *   https://developers.google.com/apps-script/reference/script/clock-trigger-builder
 *   https://developers.google.com/apps-script/guides/triggers/installable (run as their creator)
 *   https://developers.google.com/apps-script/guides/services/quotas (20 triggers / user / script)
 *   https://developers.google.com/apps-script/guides/triggers#restrictions (no authorization in simple triggers)
 */
import { describe, expect, it } from "vitest";
import {
	LocalScriptApp,
	MAX_TRIGGERS_PER_USER,
	TOO_MANY_TRIGGERS,
} from "../../../src/local/runtime/script-app";
import { SCOPES } from "../../../src/local/runtime/state";
import {
	asMenu,
	asSimpleTrigger,
	CLERK,
	makeState,
	OWNER,
	without,
} from "./helpers";

describe("ScriptApp.newTrigger", () => {
	it("creates a spreadsheet edit trigger owned by the effective user", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		const trigger = app
			.newTrigger("handleEdit")
			.forSpreadsheet("sheet-123")
			.onEdit()
			.create();
		expect(trigger.getHandlerFunction()).toBe("handleEdit");
		expect(trigger.getEventType()).toBe(app.EventType.ON_EDIT);
		expect(String(trigger.getEventType())).toBe("ON_EDIT");
		expect(trigger.getTriggerSource()).toBe(app.TriggerSource.SPREADSHEETS);
		expect(trigger.getTriggerSourceId()).toBe("sheet-123");
		expect(state.triggers).toEqual([
			{
				uid: trigger.getUniqueId(),
				handlerFunction: "handleEdit",
				eventType: "ON_EDIT",
				owner: OWNER,
				sourceId: "sheet-123",
			},
		]);
	});

	it("accepts a Spreadsheet object and the other spreadsheet events", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		const ss = {
			getId: () => "sheet-123",
		} as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
		expect(
			app.newTrigger("a").forSpreadsheet(ss).onOpen().create().getEventType(),
		).toBe(app.EventType.ON_OPEN);
		expect(
			app.newTrigger("b").forSpreadsheet(ss).onChange().create().getEventType(),
		).toBe(app.EventType.ON_CHANGE);
		expect(() => app.newTrigger("c").forSpreadsheet(ss).create()).toThrow();
	});

	it("creates a daily clock trigger at an hour in a time zone", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		const trigger = app
			.newTrigger("dailyJob")
			.timeBased()
			.atHour(8)
			.nearMinute(30)
			.everyDays(1)
			.inTimezone("Asia/Tokyo")
			.create();
		expect(trigger.getEventType()).toBe(app.EventType.CLOCK);
		expect(trigger.getTriggerSource()).toBe(app.TriggerSource.CLOCK);
		expect(trigger.getTriggerSourceId()).toBeNull();
		expect(state.triggers[0]).toMatchObject({
			eventType: "CLOCK",
			atHour: 8,
			nearMinute: 30,
			everyDays: 1,
			timeZone: "Asia/Tokyo",
			owner: OWNER,
		});
	});

	it("defaults a clock trigger's time zone to the script's and validates its fields", () => {
		const state = makeState();
		state.scriptTimeZone = "Asia/Tokyo";
		const app = new LocalScriptApp(state);
		app.newTrigger("hourly").timeBased().everyHours(6).create();
		expect(state.triggers[0]).toMatchObject({
			everyHours: 6,
			timeZone: "Asia/Tokyo",
		});
		expect(() => app.newTrigger("x").timeBased().atHour(24)).toThrow();
		expect(() => app.newTrigger("x").timeBased().everyHours(5)).toThrow();
		expect(() =>
			app.newTrigger("x").timeBased().inTimezone("Not/AZone"),
		).toThrow();
		expect(() => app.newTrigger("x").timeBased().atHour(9).create()).toThrow();
		expect(state.triggers).toHaveLength(1);
	});

	it("gives each trigger a distinct id, never reused after deletion", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		const a = app.newTrigger("a").forSpreadsheet("sheet-123").onEdit().create();
		app.deleteTrigger(a);
		const b = app.newTrigger("b").forSpreadsheet("sheet-123").onEdit().create();
		expect(b.getUniqueId()).not.toBe(a.getUniqueId());
	});
});

describe("ScriptApp visibility and deletion", () => {
	it("getProjectTriggers lists only the current user's triggers", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		asMenu(state, OWNER);
		app.newTrigger("ownerJob").timeBased().everyDays(1).atHour(8).create();
		asMenu(state, CLERK);
		app.newTrigger("clerkJob").forSpreadsheet("sheet-123").onEdit().create();
		expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(
			["clerkJob"],
		);
		asMenu(state, OWNER);
		expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(
			["ownerJob"],
		);
		expect(app.getUserTriggers({ getId: () => "sheet-123" })).toEqual([]);
	});

	it("deleteTrigger removes the trigger; another user's is out of reach", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		asMenu(state, OWNER);
		const mine = app
			.newTrigger("ownerJob")
			.forSpreadsheet("sheet-123")
			.onEdit()
			.create();
		asMenu(state, CLERK);
		app.deleteTrigger(mine);
		expect(state.triggers).toHaveLength(1);
		asMenu(state, OWNER);
		app.deleteTrigger(
			app.getProjectTriggers()[0] as GoogleAppsScript.Script.Trigger,
		);
		expect(state.triggers).toHaveLength(0);
	});

	it("allows 20 triggers per user and refuses the 21st with the documented message", () => {
		const state = makeState();
		const app = new LocalScriptApp(state);
		expect(MAX_TRIGGERS_PER_USER).toBe(20);
		for (let i = 0; i < 20; i++)
			app.newTrigger(`f${i}`).forSpreadsheet("sheet-123").onEdit().create();
		expect(() =>
			app.newTrigger("f20").forSpreadsheet("sheet-123").onEdit().create(),
		).toThrow(TOO_MANY_TRIGGERS);
		expect(TOO_MANY_TRIGGERS).toBe(
			"This script has too many triggers. Triggers must be deleted from the script before more can be added.",
		);
		expect(state.triggers).toHaveLength(20);
		// The limit is per user.
		asMenu(state, CLERK);
		app.newTrigger("clerk").forSpreadsheet("sheet-123").onEdit().create();
		expect(state.triggers).toHaveLength(21);
	});
});

describe("ScriptApp authorization", () => {
	it("refuses newTrigger and getProjectTriggers in a simple trigger (AuthMode LIMITED)", () => {
		const state = makeState();
		asSimpleTrigger(state, OWNER);
		const app = new LocalScriptApp(state);
		expect(() => app.newTrigger("handleEdit")).toThrow(
			`You do not have permission to call ScriptApp.newTrigger. Required permissions: ${SCOPES.scriptApp}`,
		);
		expect(() => app.getProjectTriggers()).toThrow(
			/You do not have permission/,
		);
		expect(state.triggers).toHaveLength(0);
	});

	it("refuses without the script.scriptapp scope", () => {
		const state = makeState({ scopes: without(SCOPES.scriptApp) });
		expect(() => new LocalScriptApp(state).newTrigger("x")).toThrow(
			SCOPES.scriptApp,
		);
	});

	it("names its classes as Apps Script does", () => {
		const app = new LocalScriptApp(makeState());
		const builder = app.newTrigger("x");
		expect([
			String(app),
			String(builder),
			String(builder.timeBased()),
			String(builder.forSpreadsheet("s")),
		]).toEqual([
			"ScriptApp",
			"TriggerBuilder",
			"ClockTriggerBuilder",
			"SpreadsheetTriggerBuilder",
		]);
		expect(String(builder.forSpreadsheet("s").onEdit().create())).toBe(
			"Trigger",
		);
		expect(String(app.AuthMode.LIMITED)).toBe("LIMITED");
	});
});
