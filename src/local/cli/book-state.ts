/**
 * What Apps Script keeps with a spreadsheet besides its cells — document properties ("specific
 * to the current spreadsheet", reference/properties/properties-service#getDocumentProperties())
 * and the project's installable triggers (guides/triggers/installable; offline the project
 * belongs to this one book) — kept offline in the
 * workbook's runtime state (WorkbookModel.runtimeExtra, saved in its hidden runtime sheet), so
 * that a year closed by one command is still closed for the next, and the triggers installed by
 * setup or init stay installed.
 */
import type { WorkbookModel } from "../runtime/model";
import type { LocalRuntime } from "../runtime/runtime";
import type { TriggerModel } from "../runtime/state";

interface SavedBookState {
	documentProperties?: Record<string, string>;
	triggers?: TriggerModel[];
}

const runtimes = new WeakMap<WorkbookModel, LocalRuntime>();

/** The book's saved properties and triggers, given to the runtime that works on it. */
export function restoreBookState(rt: LocalRuntime): void {
	const saved = (rt.workbook.runtimeExtra ?? {}) as SavedBookState;
	for (const [key, value] of Object.entries(saved.documentProperties ?? {}))
		rt.state.properties.document.set(key, value);
	for (const trigger of saved.triggers ?? []) {
		rt.state.triggers.push(trigger);
		// New triggers get ids after the saved ones (ids are 1,000,000 + a sequence number).
		const seq = Number(trigger.uid) - 1_000_000;
		if (Number.isInteger(seq))
			rt.state.triggerSeq = Math.max(rt.state.triggerSeq ?? 0, seq);
	}
	runtimes.set(rt.workbook, rt);
}

/** Before the book is saved: its runtime's properties and triggers go into its state. */
export function storeBookState(workbook: WorkbookModel): void {
	const rt = runtimes.get(workbook);
	if (!rt) return;
	const state: SavedBookState = {
		documentProperties: Object.fromEntries(rt.state.properties.document),
		triggers: rt.state.triggers,
	};
	workbook.runtimeExtra = { ...workbook.runtimeExtra, ...state };
}
