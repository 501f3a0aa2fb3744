/**
 * Fault injection for the crash tests (test/cli/remind-safety.test.ts): with the environment
 * variable DX_PROGRESS_KILL_AT=<point>, the process kills itself with SIGKILL at that point, as a
 * power cut would — no finally block, no exit handler runs. Points: `journal:N` (after the Nth
 * line of this run's send journal reached the disk), `save` (just before the book is saved),
 * `saved` (after the save, before the journal is removed).
 */
export function killPoint(point: string): void {
	if (process.env.DX_PROGRESS_KILL_AT === point)
		process.kill(process.pid, "SIGKILL");
}
