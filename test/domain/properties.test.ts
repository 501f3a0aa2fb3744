/**
 * Property-based tests: for random plans and ratings, the tally equals an independent, simple
 * recount; gross − distinct equals the extra 再掲 placements.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
	entrySheetValues,
	parseCsv,
	parsePlan,
	parseRating,
	readEntryRows,
	tally,
	toCsv,
	toRoman,
} from "../../src/domain";
import { PROPERTY_BUDGET_MS } from "../support/budgets";

type Code = "A" | "B" | "C" | "D";
const LABELS: Record<Code, string> = {
	A: "順調に進んだ",
	B: "まずまず進んだ",
	C: "あまり進まなかった",
	D: "進まなかった",
};
const fullWidth = (s: string) =>
	s.replace(/[A-Za-z0-9]/g, (c) =>
		String.fromCharCode(c.charCodeAt(0) + 0xfee0),
	);

/** A rating cell and what it should count as (null = 未評価). */
const ratingCell: fc.Arbitrary<{ raw: unknown; code: Code | null }> = fc.oneof(
	fc
		.constantFrom<Code>("A", "B", "C", "D")
		.chain((code) =>
			fc
				.constantFrom(
					code,
					code.toLowerCase(),
					fullWidth(code),
					` ${code} `,
					`${code} ${LABELS[code]}`,
					`${fullWidth(code)}\u3000${LABELS[code]}`,
					LABELS[code],
				)
				.map((raw) => ({ raw: raw as unknown, code: code as Code | null })),
		),
	fc
		.constantFrom<unknown>("", "  ", "E", "AB", "1", 1, true, "=A1")
		.map((raw) => ({ raw, code: null })),
);

interface Gen {
	measuresPerPolicy: number[];
	departments: number;
	initiatives: Array<{
		measures: number[];
		departments: number[];
		rating: { raw: unknown; code: Code | null };
		reason: boolean;
		circled: boolean;
	}>;
	entryColumnOrder: number[];
}

const genArb: fc.Arbitrary<Gen> = fc
	.record({
		measuresPerPolicy: fc.array(fc.integer({ min: 1, max: 4 }), {
			minLength: 1,
			maxLength: 4,
		}),
		departments: fc.integer({ min: 1, max: 4 }),
	})
	.chain(({ measuresPerPolicy, departments }) => {
		const nMeasures = measuresPerPolicy.reduce((a, b) => a + b, 0);
		return fc.record({
			measuresPerPolicy: fc.constant(measuresPerPolicy),
			departments: fc.constant(departments),
			initiatives: fc.array(
				fc.record({
					measures: fc.uniqueArray(fc.integer({ min: 0, max: nMeasures - 1 }), {
						minLength: 1,
						maxLength: 3,
					}),
					departments: fc.uniqueArray(
						fc.integer({ min: 0, max: departments - 1 }),
						{
							minLength: 1,
							maxLength: 2,
						},
					),
					rating: ratingCell,
					reason: fc.boolean(),
					circled: fc.boolean(),
				}),
				{ minLength: 1, maxLength: 25 },
			),
			entryColumnOrder: fc.shuffledSubarray([...Array(11).keys()], {
				minLength: 11,
				maxLength: 11,
			}),
		});
	});

const circled = (n: number) => String.fromCodePoint(0x2460 + n - 1);

describe("tally properties", () => {
	it("equals an independent recount per policy and per measure; gross − distinct = extra 再掲", {
		timeout: PROPERTY_BUDGET_MS,
	}, () => {
		fc.assert(
			fc.property(genArb, (g) => {
				// The plan as sheets.
				const measures: Array<{ code: string; policy: string; n: number }> = [];
				g.measuresPerPolicy.forEach((count, p) => {
					for (let n = 1; n <= count; n++)
						measures.push({
							code: `${toRoman(p + 1)}-${n}`,
							policy: toRoman(p + 1),
							n,
						});
				});
				const deptName = (d: number) => `課${d + 1}`;
				const result = parsePlan({
					policies: [
						["コード", "名称"],
						...g.measuresPerPolicy.map((_, p) => [
							toRoman(p + 1),
							`方針${p + 1}`,
						]),
					],
					measures: [
						["コード", "基本方針", "名称"],
						...measures.map((m) => [m.code, m.policy, `施策${m.code}`]),
					],
					departments: [
						["課名", "メールアドレス", "所属長メールアドレス"],
						...Array.from({ length: g.departments }, (_, d) => [
							deptName(d),
							`d${d}@example.jp`,
							"",
						]),
					],
					initiatives: [
						["取組No", "取組名", "担当課", "重点施策"],
						...g.initiatives.map((i, k) => [
							String(k + 1),
							`取組${k + 1}`,
							i.departments.map(deptName).join("、"),
							i.measures
								.map((mi) => {
									const m = measures[mi] as (typeof measures)[number];
									return i.circled ? `${m.policy}-${circled(m.n)}` : m.code;
								})
								.join("、"),
						]),
					],
				});
				expect(result.problems.filter((p) => p.level === "error")).toEqual([]);
				const plan = result.plan;
				if (!plan) throw new Error("no plan");

				// Ratings through the entry sheet, with its columns shuffled.
				const ratings = new Map(
					g.initiatives.map((i, k) => [
						String(k + 1),
						{
							rating: i.rating.raw,
							achievement: "",
							reason: i.reason ? "理由" : "",
						},
					]),
				);
				const sheet = entrySheetValues(plan, { ratings }).map((row) =>
					g.entryColumnOrder.map((c) => row[c]),
				);
				const read = readEntryRows(sheet);
				expect(read.problems).toEqual([]);
				const t = tally(plan, read.rows);

				// Independent recount.
				const blank = () => ({ A: 0, B: 0, C: 0, D: 0, unrated: 0, total: 0 });
				const byPolicy = new Map<string, ReturnType<typeof blank>>();
				const byMeasure = new Map<string, ReturnType<typeof blank>>();
				let extra = 0;
				g.initiatives.forEach((i) => {
					const key = i.rating.code ?? "unrated";
					const policies = new Set(
						i.measures.map((mi) => measures[mi]?.policy as string),
					);
					extra += policies.size - 1;
					for (const p of policies) {
						const c = byPolicy.get(p) ?? blank();
						c[key]++;
						c.total++;
						byPolicy.set(p, c);
					}
					for (const mi of i.measures) {
						const code = measures[mi]?.code as string;
						const c = byMeasure.get(code) ?? blank();
						c[key]++;
						c.total++;
						byMeasure.set(code, c);
					}
				});
				for (const p of t.policies) {
					const { code, name, ...counts } = p;
					expect(counts, code).toEqual(byPolicy.get(code) ?? blank());
				}
				for (const m of t.measures) {
					const { code, name, policyCode, ...counts } = m;
					expect(counts, code).toEqual(byMeasure.get(code) ?? blank());
				}
				const gross = [...byPolicy.values()].reduce((a, c) => a + c.total, 0);
				expect(t.gross).toBe(gross);
				expect(t.initiatives).toBe(g.initiatives.length);
				expect(t.gross - t.initiatives).toBe(extra);
				expect(t.extraPlacements).toBe(extra);
				const ab = [...byPolicy.values()].reduce((a, c) => a + c.A + c.B, 0);
				expect(t.abShare).toBe(gross === 0 ? null : ab / gross);

				// Unreported departments: any initiative without a valid rating, or C/D without reason.
				const expectedUnreported = new Set<string>();
				g.initiatives.forEach((i) => {
					const reported =
						i.rating.code !== null &&
						(i.rating.code === "A" || i.rating.code === "B" || i.reason);
					if (!reported)
						for (const d of i.departments) expectedUnreported.add(deptName(d));
				});
				expect(new Set(t.unreported.map((u) => u.name))).toEqual(
					expectedUnreported,
				);
			}),
			{ numRuns: 300 },
		);
	});

	it("parseRating never throws and accepts only A–D or blank", {
		timeout: PROPERTY_BUDGET_MS,
	}, () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.string({ unit: "binary" }),
					fc.integer(),
					fc.boolean(),
					fc.date(),
				),
				(v) => {
					const r = parseRating(v);
					if (r.ok && r.code !== null)
						expect(["A", "B", "C", "D"]).toContain(r.code);
					if (!r.ok) expect(r.reason).toMatch(/評価/);
				},
			),
		);
	});

	it("CSV round-trips any table of strings", {
		timeout: PROPERTY_BUDGET_MS,
	}, () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.array(fc.string({ unit: "grapheme" }), {
						minLength: 1,
						maxLength: 5,
					}),
					{ minLength: 1, maxLength: 6 },
				),
				(rows) => {
					// A row of one empty field is written as an empty line, which reads back as [""]: fine.
					expect(parseCsv(toCsv(rows))).toEqual(rows);
				},
			),
		);
	});
});
