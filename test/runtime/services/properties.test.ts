/**
 * PropertiesService / Properties contract:
 *   https://developers.google.com/apps-script/reference/properties/properties
 *   https://developers.google.com/apps-script/reference/properties/properties-service
 *   https://developers.google.com/apps-script/guides/properties (values are strings)
 *   https://developers.google.com/apps-script/guides/services/quotas (9 KB / value, 500 KB / store)
 */
import { describe, expect, it } from "vitest";
import {
	LocalPropertiesService,
	MAX_STORE_BYTES,
	MAX_VALUE_BYTES,
	STORE_QUOTA_EXCEEDED,
	VALUE_TOO_LARGE,
} from "../../../src/local/runtime/properties";
import {
	asInstallableTrigger,
	asMenu,
	CLERK,
	makeState,
	OWNER,
} from "./helpers";

describe("Properties values", () => {
	it("stores every value as a string", () => {
		const props = new LocalPropertiesService(makeState()).getScriptProperties();
		props.setProperty("count", 1 as unknown as string);
		props.setProperty("flag", true as unknown as string);
		expect(props.getProperty("count")).toBe("1");
		expect(props.getProperty("flag")).toBe("true");
		props.setProperties({ n: 2 as unknown as string });
		expect(props.getProperty("n")).toBe("2");
	});

	it("returns null for a missing key", () => {
		const props = new LocalPropertiesService(makeState()).getScriptProperties();
		expect(props.getProperty("missing")).toBeNull();
	});

	it("getProperties returns a copy", () => {
		const state = makeState();
		const props = new LocalPropertiesService(state).getScriptProperties();
		props.setProperty("a", "1");
		const copy = props.getProperties();
		copy.a = "changed";
		copy.b = "added";
		expect(props.getProperty("a")).toBe("1");
		expect(props.getProperty("b")).toBeNull();
		expect(props.getKeys()).toEqual(["a"]);
	});

	it("setProperties(obj, true) deletes the others; deleteProperty and deleteAllProperties", () => {
		const props = new LocalPropertiesService(
			makeState(),
		).getDocumentProperties();
		props.setProperties({ a: "1", b: "2" });
		props.setProperties({ c: "3" }, true);
		expect(props.getProperties()).toEqual({ c: "3" });
		props.setProperty("d", "4").deleteProperty("c");
		expect(props.getKeys()).toEqual(["d"]);
		props.deleteAllProperties();
		expect(props.getKeys()).toEqual([]);
	});

	it("keeps script, document and user stores apart; user = the effective user", () => {
		const state = makeState();
		const service = new LocalPropertiesService(state);
		service.getScriptProperties().setProperty("k", "script");
		service.getDocumentProperties().setProperty("k", "doc");
		asMenu(state, CLERK);
		service.getUserProperties().setProperty("k", "clerk");
		asInstallableTrigger(state, OWNER, CLERK);
		expect(service.getUserProperties().getProperty("k")).toBeNull();
		service.getUserProperties().setProperty("k", "owner");
		asMenu(state, CLERK);
		expect(service.getUserProperties().getProperty("k")).toBe("clerk");
		expect(service.getScriptProperties().getProperty("k")).toBe("script");
		expect(service.getDocumentProperties().getProperty("k")).toBe("doc");
	});
});

describe("Properties size limits", () => {
	it("accepts a 9 KB value and refuses one byte more (UTF-8 bytes)", () => {
		const props = new LocalPropertiesService(makeState()).getScriptProperties();
		expect(MAX_VALUE_BYTES).toBe(9 * 1024);
		props.setProperty("ok", "x".repeat(MAX_VALUE_BYTES));
		expect(() =>
			props.setProperty("big", "x".repeat(MAX_VALUE_BYTES + 1)),
		).toThrow(VALUE_TOO_LARGE);
		// 3,073 × 3-byte characters = 9,219 bytes although only 3,073 characters.
		expect(() => props.setProperty("kana", "あ".repeat(3073))).toThrow(
			VALUE_TOO_LARGE,
		);
		expect(props.getProperty("big")).toBeNull();
		expect(props.getProperty("kana")).toBeNull();
	});

	it("refuses writes past 500 KB per store and leaves the store unchanged", () => {
		const props = new LocalPropertiesService(makeState()).getScriptProperties();
		const value = "v".repeat(9000);
		let stored = 0;
		let error: unknown;
		for (let i = 0; i < 100; i++) {
			try {
				props.setProperty(`key${String(i).padStart(3, "0")}`, value);
				stored++;
			} catch (e) {
				error = e;
				break;
			}
		}
		expect((error as Error).message).toBe(STORE_QUOTA_EXCEEDED);
		expect(stored).toBe(Math.floor(MAX_STORE_BYTES / (9000 + 6)));
		expect(props.getKeys()).toHaveLength(stored);
		// A batch that would overflow is refused as a whole.
		expect(() => props.setProperties({ a: "1", b: value })).toThrow(
			STORE_QUOTA_EXCEEDED,
		);
		expect(props.getProperty("a")).toBeNull();
		// Replacing everything frees the space.
		props.setProperties({ a: "1" }, true);
		expect(props.getKeys()).toEqual(["a"]);
	});

	it("is named Properties / PropertiesService for the call counter", () => {
		const service = new LocalPropertiesService(makeState());
		expect(String(service)).toBe("PropertiesService");
		expect(String(service.getScriptProperties())).toBe("Properties");
	});
});
