/**
 * Logger and console contract:
 *   https://developers.google.com/apps-script/reference/base/logger
 *     log(format, values...): %s placeholders replaced by the values converted to strings.
 *   https://developers.google.com/apps-script/reference/base/console
 */
import { describe, expect, it } from "vitest";
import { LocalConsole, LocalLogger } from "../../../src/local/runtime/logger";
import { makeState } from "./helpers";

describe("Logger", () => {
	it("substitutes %s and writes to state.logs", () => {
		const state = makeState();
		const logger = new LocalLogger(state);
		expect(logger.log("送信 %s 件 / 残り %s", 3, "97")).toBe(logger);
		logger.log({ a: 1 });
		logger.log("%s and %s", "one");
		expect(state.logs.map((l) => [l.level, l.message])).toEqual([
			["log", "送信 3 件 / 残り 97"],
			["log", '{"a":1}'],
			["log", "one and %s"],
		]);
		expect(state.logs[0]?.at.toISOString()).toBe("2024-05-31T15:00:00.000Z");
		expect(logger.getLog()).toBe('送信 3 件 / 残り 97\n{"a":1}\none and %s');
		logger.clear();
		expect(logger.getLog()).toBe("");
		expect(String(logger)).toBe("Logger");
	});
});

describe("console", () => {
	it("keeps the level of each call", () => {
		const state = makeState();
		const c = new LocalConsole(state);
		c.log("a %d", 1);
		c.info("b");
		c.warn("c");
		c.error("d", { e: 1 });
		expect(state.logs.map((l) => [l.level, l.message])).toEqual([
			["log", "a 1"],
			["info", "b"],
			["warn", "c"],
			["error", "d { e: 1 }"],
		]);
	});

	it("times on the simulated clock", () => {
		let t = 0;
		const state = makeState();
		state.now = () => new Date(t);
		const c = new LocalConsole(state);
		c.time("job");
		t = 1500;
		c.timeEnd("job");
		expect(state.logs.at(-1)?.message).toBe("job: 1500ms");
	});
});
