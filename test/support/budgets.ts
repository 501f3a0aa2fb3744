/**
 * Time budgets (milliseconds, vitest's timeout argument) of the tests that take more than a
 * moment, each at least 20 times what the test takes on a quiet machine, so that a loaded
 * two-core machine never fails a test by being slow. `npm test` also passes vitest a default
 * testTimeout and hookTimeout (package.json) for every other test and hook.
 */

/** A fast-check property, bounded by its numRuns: 0.5–2.5 s on a quiet machine. */
export const PROPERTY_BUDGET_MS = 120_000;

/** A workflow through the bundle, or a CLI run in a child process: up to about 5 s quiet. */
export const WORKFLOW_BUDGET_MS = 120_000;

/** A fault injected at every service call of an operation: up to about 30 s quiet. */
export const SWEEP_BUDGET_MS = 600_000;

/** A beforeAll that builds the bundle or a workbook. */
export const SETUP_BUDGET_MS = 120_000;
