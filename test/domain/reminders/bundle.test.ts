/**
 * The reminders module bundled the way build.mjs bundles for Apps Script (IIFE, neutral platform,
 * ES2019): no Node module requires, no `process`, no ES2022 `Object.hasOwn`, and it runs in a bare
 * V8 context (no Node globals) with the holiday data included.
 */
import vm from "node:vm";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";

describe("reminders bundle", () => {
	it("bundles without Node APIs and runs in a bare context", async () => {
		const result = await esbuild.build({
			entryPoints: ["src/domain/reminders/index.ts"],
			bundle: true,
			format: "iife",
			globalName: "Reminders",
			platform: "neutral",
			mainFields: ["module", "main"],
			target: "es2019",
			write: false,
			logLevel: "silent",
		});
		const code = result.outputFiles[0]?.text ?? "";
		expect(code).not.toMatch(/\brequire\(\s*["']/);
		expect(code).not.toMatch(/\bprocess\./);
		expect(code).not.toMatch(/Object\.hasOwn\(/);
		expect(code).not.toMatch(/\b(setTimeout|setInterval|Buffer)\b/);
		const context = vm.createContext({});
		vm.runInContext(`${code}\nglobalThis.Reminders = Reminders;`, context);
		const r = context.Reminders;
		expect(r.holidayName({ y: 2024, m: 5, d: 6 })).toBe("こどもの日 振替休日");
		expect(r.isBusinessDay({ y: 2019, m: 4, d: 30 })).toBe(false);
		expect(r.addBusinessDays({ y: 2024, m: 5, d: 2 }, 1)).toEqual({
			y: 2024,
			m: 5,
			d: 7,
		});
	});
});
