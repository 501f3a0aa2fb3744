import { describe, expect, it } from "vitest";
import { fixture } from "./helpers";

describe("large blocks", () => {
	// The product reads and writes whole blocks (guides/support/best-practices). Speed is measured
	// by the benchmark (npm run bench), never asserted here; this pins that a 50,000 × 12 block
	// round-trips intact through one setValues and one getValues.
	it("setValues/getValues a 50,000 × 12 block in one call each", () => {
		const { sheet } = fixture();
		sheet.insertRowsAfter(1000, 49_000);
		const data = Array.from({ length: 50_000 }, (_, r) =>
			Array.from({ length: 12 }, (_, c) =>
				c % 3 === 0 ? r * 12 + c : c % 3 === 1 ? `s${r}-${c}` : r % 2 === 0,
			),
		);
		const range = sheet.getRange(1, 1, 50_000, 12);
		range.setValues(data);
		const back = range.getValues();
		expect(back).toHaveLength(50_000);
		expect(back[49_999]?.[0]).toBe(49_999 * 12);
		expect(back[49_999]?.[1]).toBe("s49999-1");
		expect(back[49_998]?.[2]).toBe(true);
	});
});
