/**
 * Tests that open our files in the programs users open (LibreOffice, Chromium): locally they are
 * skipped with a plain note when a program is missing; CI (.ci/run sets DX_REQUIRE_PROGRAMS=1)
 * requires them, so a missing program fails instead.
 */
export const PROGRAMS_REQUIRED = process.env.DX_REQUIRE_PROGRAMS === "1";

/** True when something is missing; says so on the console unless CI requires the programs. */
export function noteMissing(
	tests: string,
	missing: readonly string[],
	install: string,
): boolean {
	if (missing.length > 0 && !PROGRAMS_REQUIRED)
		console.warn(
			`${tests} skipped: ${missing.join(", ")} not installed (Debian: apt-get install ${install})`,
		);
	return missing.length > 0;
}
