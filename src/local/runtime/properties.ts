/**
 * PropertiesService for the local runtime: three string-only key/value stores kept in
 * `state.properties`.
 *
 * Reference: https://developers.google.com/apps-script/reference/properties/properties-service
 *            https://developers.google.com/apps-script/reference/properties/properties
 * Guide:     https://developers.google.com/apps-script/guides/properties
 */
import { GasError, type RuntimeState } from "./state";

type PropertiesServiceApi = Pick<
	GoogleAppsScript.Properties.PropertiesService,
	"getScriptProperties" | "getDocumentProperties" | "getUserProperties"
>;
type PropertiesApi = GoogleAppsScript.Properties.Properties;

/** "Property value size: 9 KB / val" (guides/services/quotas, Current limitations). */
export const MAX_VALUE_BYTES = 9 * 1024;
/** "Properties total storage: 500 KB / property store" (guides/services/quotas). */
export const MAX_STORE_BYTES = 500 * 1024;

// Wording Apps Script gives for the two limits (not printed in the reference pages; as reported
// by users, e.g. github.com/lucasvtiradentes/gcal-sync/issues/115 for the store quota).
export const VALUE_TOO_LARGE = "Argument too large: value";
export const STORE_QUOTA_EXCEEDED =
	"You have exceeded the property storage quota. Please remove some properties and try again.";

function bytes(text: string): number {
	return Buffer.byteLength(text, "utf8");
}

/** Size of a store as Apps Script counts it here: UTF-8 bytes of every key and value. */
function storeBytes(store: Map<string, string>): number {
	let total = 0;
	for (const [key, value] of store) total += bytes(key) + bytes(value);
	return total;
}

export class LocalProperties implements PropertiesApi {
	constructor(private readonly store: Map<string, string>) {}

	toString(): string {
		return "Properties";
	}

	/** "Gets the value associated with the given key ... or null if no such key exists." */
	getProperty(key: string): string | null {
		const value = this.store.get(String(key));
		return value === undefined ? null : value;
	}

	/** Values are stored as strings (guides/properties: "always stored as strings"). */
	setProperty(key: string, value: string): LocalProperties {
		const k = String(key);
		const v = String(value);
		const next = new Map(this.store);
		next.set(k, v);
		this.check(next, [v]);
		this.store.set(k, v);
		return this;
	}

	setProperties(
		properties: { [key: string]: string },
		deleteAllOthers?: boolean,
	): LocalProperties {
		const entries = Object.entries(properties ?? {}).map(
			([k, v]) => [String(k), String(v)] as [string, string],
		);
		const next = deleteAllOthers
			? new Map<string, string>()
			: new Map(this.store);
		for (const [k, v] of entries) next.set(k, v);
		// All or nothing: a refused batch leaves the store as it was.
		this.check(
			next,
			entries.map(([, v]) => v),
		);
		this.store.clear();
		for (const [k, v] of next) this.store.set(k, v);
		return this;
	}

	/** "Gets a copy of all key-value pairs in the current Properties store." */
	getProperties(): { [key: string]: string } {
		const copy: { [key: string]: string } = {};
		for (const [k, v] of this.store) copy[k] = v;
		return copy;
	}

	getKeys(): string[] {
		return [...this.store.keys()];
	}

	deleteProperty(key: string): LocalProperties {
		this.store.delete(String(key));
		return this;
	}

	deleteAllProperties(): LocalProperties {
		this.store.clear();
		return this;
	}

	private check(next: Map<string, string>, newValues: string[]): void {
		for (const v of newValues)
			if (bytes(v) > MAX_VALUE_BYTES) throw new GasError(VALUE_TOO_LARGE);
		if (storeBytes(next) > MAX_STORE_BYTES)
			throw new GasError(STORE_QUOTA_EXCEEDED);
	}
}

export class LocalPropertiesService implements PropertiesServiceApi {
	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "PropertiesService";
	}

	/** "Gets a property store that all users can access, but only within this script." */
	getScriptProperties(): LocalProperties {
		return new LocalProperties(this.state.properties.script);
	}

	/**
	 * "Gets a property store (for this script only) that all users can access within the open
	 * document" — available because the local runtime's script is bound to its workbook.
	 */
	getDocumentProperties(): LocalProperties {
		return new LocalProperties(this.state.properties.document);
	}

	/**
	 * "Gets a property store that only the current user can access, and only within this
	 * script." The current user is the one the script runs as: the effective user (under an
	 * installable trigger, its creator).
	 */
	getUserProperties(): LocalProperties {
		const user = this.state.exec.effectiveUser;
		let store = this.state.properties.user.get(user);
		if (!store) {
			store = new Map();
			this.state.properties.user.set(user, store);
		}
		return new LocalProperties(store);
	}
}
