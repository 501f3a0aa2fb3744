/** Shared setup for the service contract tests: a bound workbook, every manifest scope. */
import { newWorkbookModel } from "../../../src/local/runtime/model";
import {
	createRuntimeState,
	type ExecutionContext,
	type RuntimeState,
	SCOPES,
} from "../../../src/local/runtime/state";

export const OWNER = "dx-office@city.example.lg.jp";
export const CLERK = "clerk@city.example.lg.jp";
const ALL_SCOPES = Object.values(SCOPES);

export function makeState(
	options: { scopes?: readonly string[]; mailQuota?: number; now?: Date } = {},
): RuntimeState {
	const now = options.now ?? new Date("2024-05-31T15:00:00Z");
	return createRuntimeState({
		workbook: newWorkbookModel({ owner: OWNER, id: "sheet-123" }),
		scopes: options.scopes ?? ALL_SCOPES,
		now: () => new Date(now.getTime()),
		...(options.mailQuota !== undefined
			? { mailQuota: options.mailQuota }
			: {}),
	});
}

/** The execution contexts the runtime uses (runtime.ts): menu click, simple and installable triggers. */
export function asMenu(state: RuntimeState, user: string): void {
	state.exec = {
		activeUser: user,
		effectiveUser: user,
		authMode: "FULL",
		kind: "menu",
	};
}

export function asSimpleTrigger(state: RuntimeState, user: string): void {
	state.exec = {
		activeUser: user,
		effectiveUser: user,
		authMode: "LIMITED",
		kind: "simple-trigger",
	};
}

export function asInstallableTrigger(
	state: RuntimeState,
	owner: string,
	editor = "",
): void {
	const exec: ExecutionContext = {
		activeUser: editor,
		effectiveUser: owner,
		authMode: "FULL",
		kind: "installable-trigger",
	};
	state.exec = exec;
}

export function without(scope: string): string[] {
	return ALL_SCOPES.filter((s) => s !== scope);
}
