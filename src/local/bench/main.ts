/**
 * `npm run bench`: the built dist/Code.js in the local runtime on generated workbooks of 85 to
 * 50,000 initiatives. Prints a table of spreadsheet calls (vs the floor, floors.ts), other
 * service calls, mails, CPU time and peak memory per operation, and writes the results as JSON
 * to dist-local/bench-results.json. Then the offline cycle (offline.ts): split and collect on
 * books of 10,000 and 50,000 initiatives with real .xlsx files. `--sizes 85,1000` runs only those
 * sizes, `--part main|offline` only that part; `--profile OP[,OP]`
 * (e.g. buildSummary) writes a V8 CPU profile of that operation per size to
 * dist-local/bench-OP-N.cpuprofile (open it in Chrome DevTools or VS Code).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { fileURLToPath } from "node:url";
import type { OfflineSize } from "./offline";
import {
	OFFLINE_SIZES,
	type OfflineResult,
	runOfflineScenario,
} from "./offline";
import { byMethodText, offlineTable, resultsTable } from "./report";
import {
	type BenchBundle,
	type BenchSize,
	runScenario,
	type ScenarioResult,
} from "./scenario";

export const BENCH_SIZES: readonly BenchSize[] = [
	{ initiatives: 85, departments: 22, years: 1 },
	{ initiatives: 1_000, departments: 50, years: 2 },
	{ initiatives: 10_000, departments: 200, years: 3 },
	{ initiatives: 50_000, departments: 500, years: 5 },
];

function loadBundle(): BenchBundle {
	const code = new URL("../dist/Code.js", import.meta.url);
	const manifest = new URL("../dist/appsscript.json", import.meta.url);
	if (!existsSync(code) || !existsSync(manifest))
		throw new Error(
			`${fileURLToPath(code)} is missing: run npm run build (npm run bench does)`,
		);
	return {
		code: readFileSync(code, "utf8"),
		manifest: JSON.parse(readFileSync(manifest, "utf8")),
	};
}

/**
 * `--sizes 85,10000` picks by number of initiatives, in both the main and the offline runs;
 * `--part main` or `--part offline` runs only that part.
 */
function selectedSizes(argv: readonly string[]): {
	main: readonly BenchSize[];
	offline: readonly OfflineSize[];
} {
	const i = argv.indexOf("--sizes");
	const wanted =
		i < 0
			? undefined
			: new Set(
					(argv[i + 1] ?? "")
						.split(",")
						.map((s) => Number(s.replace(/_/g, ""))),
				);
	const p = argv.indexOf("--part");
	const part = p < 0 ? undefined : argv[p + 1];
	if (part !== undefined && part !== "main" && part !== "offline")
		throw new Error("--part: main or offline");
	const pick = <T extends { initiatives: number }>(
		sizes: readonly T[],
		name: string,
	): readonly T[] =>
		part !== undefined && part !== name
			? []
			: sizes.filter((s) => !wanted || wanted.has(s.initiatives));
	const main = pick(BENCH_SIZES, "main");
	const offline = pick(OFFLINE_SIZES, "offline");
	if (main.length + offline.length === 0)
		throw new Error(
			`--sizes: choose among ${[...BENCH_SIZES, ...OFFLINE_SIZES].map((s) => s.initiatives).join(",")}`,
		);
	return { main, offline };
}

/** Runs `op` under the V8 profiler (the inspector session answers synchronously). */
function profiler(
	wanted: string | undefined,
	outDir: string,
	initiatives: number,
): ((op: string, run: () => void) => void) | undefined {
	if (!wanted) return undefined;
	return (op, run) => {
		if (!wanted.split(",").includes(op)) return run();
		const session = new Session();
		session.connect();
		const post = (method: string, params?: object) => {
			let reply: unknown;
			session.post(method, params ?? {}, (error, result) => {
				if (error) throw error;
				reply = result;
			});
			return reply as { profile?: unknown };
		};
		post("Profiler.enable");
		post("Profiler.setSamplingInterval", { interval: 200 });
		post("Profiler.start");
		try {
			run();
		} finally {
			const { profile } = post("Profiler.stop");
			session.disconnect();
			const path = `${outDir}bench-${op}-${initiatives}.cpuprofile`;
			writeFileSync(path, JSON.stringify(profile));
			console.error(`  CPU profile of ${op}: ${path}`);
		}
	};
}

async function main(): Promise<void> {
	const t0 = performance.now();
	const bundle = loadBundle();
	const argv = process.argv.slice(2);
	const outDir = fileURLToPath(new URL(".", import.meta.url));
	const profileAt = argv.indexOf("--profile");
	const profileOp = profileAt >= 0 ? argv[profileAt + 1] : undefined;
	const results: ScenarioResult[] = [];
	const sizes = selectedSizes(argv);
	for (const size of sizes.main) {
		const started = performance.now();
		console.error(
			`bench: ${size.initiatives} initiatives, ${size.departments} departments, ${size.years} fiscal year(s)`,
		);
		const result = runScenario(bundle, size, {
			progress: (m) => console.error(m),
			around: profiler(profileOp, outDir, size.initiatives),
		});
		results.push(result);
		console.error(
			`  done in ${((performance.now() - started) / 1000).toFixed(1)} s (building the workbook: ${(result.generation.wallMs / 1000).toFixed(1)} s)`,
		);
	}
	const offline: OfflineResult[] = [];
	for (const size of sizes.offline) {
		const started = performance.now();
		console.error(
			`bench offline: ${size.initiatives} initiatives, ${size.departments} departments`,
		);
		const result = await runOfflineScenario(bundle, size, (m) =>
			console.error(m),
		);
		offline.push(result);
		console.error(
			`  done in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured: ${(result.generation.wallMs / 1000).toFixed(1)} s)`,
		);
	}
	const wallSeconds = (performance.now() - t0) / 1000;
	if (results.length > 0) {
		console.log(resultsTable(results));
		console.log("\nSpreadsheet and other service calls by method:");
		console.log(byMethodText(results));
	}
	if (offline.length > 0) {
		console.log("\nThe offline cycle (split, collect):");
		console.log(offlineTable(offline));
	}
	mkdirSync(outDir, { recursive: true });
	const path = `${outDir}bench-results.json`;
	writeFileSync(
		path,
		`${JSON.stringify(
			{
				at: new Date().toISOString(),
				node: process.version,
				platform: `${process.platform} ${process.arch}`,
				wallSeconds,
				results,
				offline,
			},
			null,
			2,
		)}\n`,
	);
	console.log(`\nWall time ${wallSeconds.toFixed(1)} s. Results: ${path}`);
}

main().catch((error: unknown) => {
	console.error(
		`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
	);
	process.exitCode = 1;
});
