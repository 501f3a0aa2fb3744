/**
 * `npm run bench`: the built dist/Code.js in the local runtime on generated workbooks of 85 to
 * 50,000 initiatives. Prints a table of spreadsheet calls (vs the floor, floors.ts), other
 * service calls, mails, CPU time and peak memory per operation, and writes the results as JSON
 * to dist-local/bench-results.json. `--sizes 85,1000` runs only those sizes; `--profile OP[,OP]`
 * (e.g. buildSummary) writes a V8 CPU profile of that operation per size to
 * dist-local/bench-OP-N.cpuprofile (open it in Chrome DevTools or VS Code).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { fileURLToPath } from "node:url";
import { byMethodText, resultsTable } from "./report";
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

function selectedSizes(argv: readonly string[]): readonly BenchSize[] {
	const i = argv.indexOf("--sizes");
	if (i < 0) return BENCH_SIZES;
	const wanted = new Set(
		(argv[i + 1] ?? "").split(",").map((s) => Number(s.replace(/_/g, ""))),
	);
	const sizes = BENCH_SIZES.filter((s) => wanted.has(s.initiatives));
	if (sizes.length === 0)
		throw new Error(
			`--sizes: choose among ${BENCH_SIZES.map((s) => s.initiatives).join(",")}`,
		);
	return sizes;
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

function main(): void {
	const t0 = performance.now();
	const bundle = loadBundle();
	const argv = process.argv.slice(2);
	const outDir = fileURLToPath(new URL(".", import.meta.url));
	const profileAt = argv.indexOf("--profile");
	const profileOp = profileAt >= 0 ? argv[profileAt + 1] : undefined;
	const results: ScenarioResult[] = [];
	for (const size of selectedSizes(argv)) {
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
	const wallSeconds = (performance.now() - t0) / 1000;
	console.log(resultsTable(results));
	console.log("\nSpreadsheet and other service calls by method:");
	console.log(byMethodText(results));
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
			},
			null,
			2,
		)}\n`,
	);
	console.log(`\nWall time ${wallSeconds.toFixed(1)} s. Results: ${path}`);
}

try {
	main();
} catch (error) {
	console.error(
		`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
	);
	process.exitCode = 1;
}
