/**
 * Session for the local runtime: who runs the script, as far as Apps Script would reveal it.
 *
 * Reference: https://developers.google.com/apps-script/reference/base/session
 *            https://developers.google.com/apps-script/reference/base/user
 */
import { createHash } from "node:crypto";
import { domainOf, isConsumerAccount, sameEmail } from "./spreadsheet/user";
import { type RuntimeState, SCOPES } from "./state";

/**
 * When an installable trigger reveals who acted: "the user's email address is not available in
 * any context that allows a script to run without that user's authorization … However, these
 * restrictions generally do not apply if the developer runs the script themselves or belongs to
 * the same Google Workspace domain as the user." (reference/base/user#getEmail(),
 * reference/base/session#getActiveUser()). `same-domain` (the default): only an editor of the
 * trigger owner's Workspace domain is named, never a consumer (gmail.com) account; `always` and
 * `never` are settings for tests.
 */
export type RevealUsers = "same-domain" | "always" | "never";

/** The address the trigger owned by `owner` sees for `user` ('' when hidden). */
export function revealedEmail(
	policy: RevealUsers,
	user: string,
	owner: string,
): string {
	if (policy === "always" || sameEmail(user, owner)) return user;
	if (policy === "never" || isConsumerAccount(user)) return "";
	return domainOf(user) === domainOf(owner) ? user : "";
}

type SessionApi = Pick<
	GoogleAppsScript.Base.Session,
	| "getActiveUser"
	| "getEffectiveUser"
	| "getScriptTimeZone"
	| "getTemporaryActiveUserKey"
>;
type UserApi = GoogleAppsScript.Base.User;

export class LocalUser implements UserApi {
	constructor(private readonly email: string) {}

	toString(): string {
		return "User";
	}

	/** The user's email address, or '' where Apps Script does not reveal it. */
	getEmail(): string {
		return this.email;
	}

	/** Deprecated in Apps Script ("use getEmail() instead"); returns the same value. */
	getUserLoginId(): string {
		return this.email;
	}
}

export class LocalSession implements SessionApi {
	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "Session";
	}

	/**
	 * "If security policies do not allow access to the user's identity, User.getEmail() returns a
	 * blank string. ... the user's email address is not available in any context that allows a
	 * script to run without that user's authorization, like a simple onOpen(e) or onEdit(e)
	 * trigger" (reference/base/session#getActiveUser()). Otherwise `state.exec.activeUser`, which
	 * the runner sets to '' where policy hides it (consumer accounts, other domains).
	 */
	getActiveUser(): LocalUser {
		if (!this.authorized("Session.getActiveUser")) return new LocalUser("");
		return new LocalUser(this.state.exec.activeUser);
	}

	/**
	 * "If the script is running under an installable trigger, this returns the account of the user
	 * who created the trigger. In most other circumstances, this returns the same account as
	 * getActiveUser()." (reference/base/session#getEffectiveUser()) — so '' in simple triggers.
	 */
	getEffectiveUser(): LocalUser {
		if (!this.authorized("Session.getEffectiveUser")) return new LocalUser("");
		return new LocalUser(this.state.exec.effectiveUser);
	}

	/** The script's time zone (appsscript.json `timeZone`), not the spreadsheet's. */
	getScriptTimeZone(): string {
		return this.state.scriptTimeZone;
	}

	/**
	 * "Gets a temporary key that is unique to the active user but does not reveal the user
	 * identity." Derived from the active (else effective) user; it does not rotate monthly here.
	 */
	getTemporaryActiveUserKey(): string {
		const who = this.state.exec.activeUser || this.state.exec.effectiveUser;
		return createHash("sha256")
			.update(`local-temp-key:${who}`)
			.digest("base64")
			.slice(0, 43);
	}

	/**
	 * Both user methods list the userinfo.email scope under "Authorization". In a context that
	 * runs without the user's authorization (AuthMode other than FULL: simple triggers, custom
	 * functions) the email is blank rather than an error (see getActiveUser above). With FULL
	 * authorization and the scope missing from an explicit oauthScopes list, the call is refused
	 * with the permission error (as reported in
	 * github.com/oshliaer/google-apps-script-snippets/issues/23: "You do not have permission to
	 * call getEffectiveUser").
	 */
	private authorized(method: string): boolean {
		if (this.state.exec.authMode !== "FULL") return false;
		this.state.requireScope(SCOPES.userEmail, method);
		return true;
	}
}
