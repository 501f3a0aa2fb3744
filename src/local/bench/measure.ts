/**
 * One measured operation in the local runtime: its service calls (spreadsheet and other, by
 * `Class.method`), the mails it sent, CPU time (process.cpuUsage delta) and peak memory
 * (process.memoryUsage sampled before, at every service call, and after; every 20 ms as well
 * for work that also reads and writes files).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isSpreadsheetCall } from "../runtime/calls";
import type { LocalRuntime } from "../runtime/runtime";

export interface OpResult {
	op: string;
	/** What was done, e.g. `paste 1,000 rows`. */
	detail: string;
	spreadsheetCalls: number;
	spreadsheetByMethod: Record<string, number>;
	otherCalls: number;
	otherByMethod: Record<string, number>;
	mails: number;
	/** The floor of spreadsheet calls for this operation (see floors.ts). */
	floor: number;
	ratio: number;
	cpuMs: number;
	wallMs: number;
	peakRssMb: number;
	peakHeapMb: number;
	/** Peak heap minus the heap before the operation (after a GC when available). */
	heapGrowthMb: number;
}

let collect: (() => void) | null | undefined;

/** A full GC before each measurement, so peaks are not left-overs of the generation. */
function gc(): void {
	if (collect === undefined) {
		try {
			setFlagsFromString("--expose-gc");
			collect = runInNewContext("gc") as () => void;
		} catch {
			collect = null;
		}
	}
	collect?.();
}

const MB = 1024 * 1024;

interface Probe {
	sample(): void;
	/** Ends the measurement (restores the call counter) and returns its figures. */
	finish(op: string, detail: string, floor: number): OpResult;
}

/** Starts measuring `rt`: a GC, counters reset, memory sampled at every service call. */
function startProbe(rt: LocalRuntime): Probe {
	gc();
	rt.calls.reset();
	const outboxBefore = rt.state.mail.outbox.length;
	const start = process.memoryUsage();
	let peakRss = start.rss;
	let peakHeap = start.heapUsed;
	const sample = () => {
		const m = process.memoryUsage();
		if (m.rss > peakRss) peakRss = m.rss;
		if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
	};
	const counter = rt.calls;
	const hit = counter.hit;
	counter.hit = (name: string) => {
		sample();
		hit.call(counter, name);
	};
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const finish = (op: string, detail: string, floor: number): OpResult => {
		counter.hit = hit;
		const wallMs = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		sample();
		const spreadsheetByMethod: Record<string, number> = {};
		const otherByMethod: Record<string, number> = {};
		for (const [name, n] of Object.entries(counter.snapshot())) {
			if (isSpreadsheetCall(name)) spreadsheetByMethod[name] = n;
			else otherByMethod[name] = n;
		}
		const sum = (r: Record<string, number>) =>
			Object.values(r).reduce((a, b) => a + b, 0);
		const spreadsheetCalls = sum(spreadsheetByMethod);
		return {
			op,
			detail,
			spreadsheetCalls,
			spreadsheetByMethod,
			otherCalls: sum(otherByMethod),
			otherByMethod,
			mails: rt.state.mail.outbox.length - outboxBefore,
			floor,
			ratio: floor > 0 ? spreadsheetCalls / floor : Number.NaN,
			cpuMs: (cpu.user + cpu.system) / 1000,
			wallMs,
			peakRssMb: peakRss / MB,
			peakHeapMb: peakHeap / MB,
			heapGrowthMb: (peakHeap - start.heapUsed) / MB,
		};
	};
	return { sample, finish };
}

export function measure(
	rt: LocalRuntime,
	op: string,
	detail: string,
	floor: number,
	fn: () => void,
): OpResult {
	const probe = startProbe(rt);
	let result: OpResult | undefined;
	try {
		fn();
	} finally {
		result = probe.finish(op, detail, floor);
	}
	return result;
}

/** The same for work that reads and writes files: memory is also sampled every 20 ms. */
export async function measureAsync(
	rt: LocalRuntime,
	op: string,
	detail: string,
	floor: number,
	fn: () => Promise<void>,
): Promise<OpResult> {
	const probe = startProbe(rt);
	const timer = setInterval(probe.sample, 20);
	let result: OpResult | undefined;
	try {
		await fn();
	} finally {
		clearInterval(timer);
		result = probe.finish(op, detail, floor);
	}
	return result;
}
