/**
 * Session contract: https://developers.google.com/apps-script/reference/base/session
 *   getActiveUser: blank email where the script runs without the user's authorization
 *   (simple onOpen/onEdit); getEffectiveUser: an installable trigger's creator.
 *   Both list the userinfo.email scope under Authorization.
 */
import { describe, expect, it } from "vitest";
import { LocalSession } from "../../../src/local/runtime/session";
import { SCOPES } from "../../../src/local/runtime/state";
import {
	asInstallableTrigger,
	asMenu,
	asSimpleTrigger,
	CLERK,
	makeState,
	OWNER,
	without,
} from "./helpers";

describe("Session", () => {
	it("reveals both users when run from the menu", () => {
		const state = makeState();
		asMenu(state, CLERK);
		const session = new LocalSession(state);
		expect(session.getActiveUser().getEmail()).toBe(CLERK);
		expect(session.getEffectiveUser().getEmail()).toBe(CLERK);
	});

	it("returns '' in a simple trigger (AuthMode LIMITED), even for the owner", () => {
		const state = makeState();
		asSimpleTrigger(state, OWNER);
		const session = new LocalSession(state);
		expect(session.getActiveUser().getEmail()).toBe("");
		expect(session.getEffectiveUser().getEmail()).toBe("");
	});

	it("under an installable trigger, the effective user is the creator", () => {
		const state = makeState();
		asInstallableTrigger(state, OWNER, CLERK);
		const session = new LocalSession(state);
		expect(session.getEffectiveUser().getEmail()).toBe(OWNER);
		expect(session.getActiveUser().getEmail()).toBe(CLERK);
	});

	it("returns '' for an active user the runner could not reveal", () => {
		const state = makeState();
		asInstallableTrigger(state, OWNER, "");
		expect(new LocalSession(state).getActiveUser().getEmail()).toBe("");
	});

	it("is refused without the userinfo.email scope", () => {
		const state = makeState({ scopes: without(SCOPES.userEmail) });
		asMenu(state, OWNER);
		const session = new LocalSession(state);
		expect(() => session.getEffectiveUser()).toThrow(
			`You do not have permission to call Session.getEffectiveUser. Required permissions: ${SCOPES.userEmail}`,
		);
		expect(() => session.getActiveUser()).toThrow(/Session.getActiveUser/);
	});

	it("gives the script's time zone and a stable key that hides the user", () => {
		const state = makeState();
		state.scriptTimeZone = "America/New_York";
		const session = new LocalSession(state);
		expect(session.getScriptTimeZone()).toBe("America/New_York");
		const key = session.getTemporaryActiveUserKey();
		expect(key).toBe(session.getTemporaryActiveUserKey());
		expect(key).not.toContain(OWNER);
		asMenu(state, CLERK);
		expect(session.getTemporaryActiveUserKey()).not.toBe(key);
		expect(String(session)).toBe("Session");
		expect(String(session.getActiveUser())).toBe("User");
	});
});
