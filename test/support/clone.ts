/** A copy of a runtime's whole state (workbook, triggers, properties, mail), for fault suites. */
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { newRuntime } from "./bundle";

export function cloneRuntime(rt: LocalRuntime): LocalRuntime {
	const copy = newRuntime({
		workbook: structuredClone(rt.workbook),
		now: rt.state.now,
	});
	copy.state.triggers = structuredClone(rt.state.triggers);
	copy.state.properties = structuredClone(rt.state.properties);
	copy.state.mail.outbox = structuredClone(rt.state.mail.outbox);
	copy.state.mail.dailyQuota = rt.state.mail.dailyQuota;
	copy.state.mail.charges = structuredClone(rt.state.mail.charges);
	copy.state.mail.rejected = new Set(rt.state.mail.rejected);
	return copy;
}
