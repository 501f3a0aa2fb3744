/**
 * The KPI recount the workflow tests check the product against: each indicator's 達成率 bucket
 * from its own numbers (SPEC 11: (実績 − 基準) / (目標 − 基準); 100%以上 / 80%以上 / 50%以上 /
 * 50%未満 / 未入力), in total and by 種別. Written without the product's tally code.
 */
export interface Indicator {
	no: string;
	department: string;
	name: string;
	kind: "アウトプット" | "アウトカム";
	unit: string;
	base: number;
	target: number;
	/** What the department types. */
	typed: string;
	/** The number `typed` means; null when it is no valid 実績値. */
	meant: number | null;
}

export const KPI_BUCKETS = [
	"ge100",
	"ge80",
	"ge50",
	"lt50",
	"missing",
] as const;
export type KpiCounts = Record<
	(typeof KPI_BUCKETS)[number] | "indicators",
	number
>;

function bucketOf(k: Indicator): (typeof KPI_BUCKETS)[number] {
	if (k.meant === null) return "missing";
	const rate = (k.meant - k.base) / (k.target - k.base);
	if (rate >= 1) return "ge100";
	if (rate >= 0.8) return "ge80";
	return rate >= 0.5 ? "ge50" : "lt50";
}

export function kpiRecount(indicators: readonly Indicator[]): {
	total: KpiCounts;
	output: KpiCounts;
	outcome: KpiCounts;
} {
	const empty = (): KpiCounts => ({
		ge100: 0,
		ge80: 0,
		ge50: 0,
		lt50: 0,
		missing: 0,
		indicators: 0,
	});
	const out = { total: empty(), output: empty(), outcome: empty() };
	for (const k of indicators)
		for (const c of [
			out.total,
			k.kind === "アウトプット" ? out.output : out.outcome,
		]) {
			c[bucketOf(k)]++;
			c.indicators++;
		}
	return out;
}
