/**
 * LockService / Lock contract:
 *   https://developers.google.com/apps-script/reference/lock/lock-service
 *   https://developers.google.com/apps-script/reference/lock/lock
 *     tryLock → boolean; waitLock throws on timeout; releaseLock has no effect when not held.
 */
import { describe, expect, it } from "vitest";
import {
	LOCK_TIMEOUT,
	LocalLockService,
	releaseExecutionLocks,
} from "../../../src/local/runtime/lock";
import { asMenu, CLERK, makeState, OWNER } from "./helpers";

describe("Lock without contention", () => {
	it("tryLock acquires for this execution; releaseLock frees", () => {
		const state = makeState();
		const lock = new LocalLockService(state).getScriptLock();
		expect(lock.hasLock()).toBe(false);
		expect(lock.tryLock(1000)).toBe(true);
		expect(lock.hasLock()).toBe(true);
		expect(state.locks.script).toBe(state.executionId);
		lock.releaseLock();
		expect(lock.hasLock()).toBe(false);
		expect(state.locks.script).toBeNull();
	});

	it("waitLock acquires the document lock", () => {
		const state = makeState();
		const lock = new LocalLockService(state).getDocumentLock();
		lock.waitLock(30000);
		expect(state.locks.document).toBe(state.executionId);
	});
});

describe("Lock under contention (another execution holds it)", () => {
	it("tryLock returns false and leaves the holder", () => {
		const state = makeState();
		state.locks.document = "other-exec";
		const lock = new LocalLockService(state).getDocumentLock();
		expect(lock.tryLock(10000)).toBe(false);
		expect(lock.hasLock()).toBe(false);
		expect(state.locks.document).toBe("other-exec");
	});

	it("waitLock throws the lock timeout exception", () => {
		const state = makeState();
		state.locks.script = "other-exec";
		const lock = new LocalLockService(state).getScriptLock();
		expect(() => lock.waitLock(30000)).toThrow(LOCK_TIMEOUT);
		expect(LOCK_TIMEOUT).toBe(
			"Lock timeout: another process was holding the lock for too long.",
		);
		expect(state.locks.script).toBe("other-exec");
	});

	it("releaseLock does not free another execution's lock", () => {
		const state = makeState();
		state.locks.document = "other-exec";
		new LocalLockService(state).getDocumentLock().releaseLock();
		expect(state.locks.document).toBe("other-exec");
	});

	it("user locks are per user: another user's lock does not contend", () => {
		const state = makeState();
		state.locks.user.set(CLERK, "other-exec");
		asMenu(state, OWNER);
		expect(new LocalLockService(state).getUserLock().tryLock(0)).toBe(true);
		asMenu(state, CLERK);
		expect(new LocalLockService(state).getUserLock().tryLock(0)).toBe(false);
	});

	it("releaseExecutionLocks frees only this execution's locks (locks end with the script)", () => {
		const state = makeState();
		const service = new LocalLockService(state);
		service.getScriptLock().tryLock(0);
		service.getUserLock().tryLock(0);
		state.locks.document = "other-exec";
		releaseExecutionLocks(state);
		expect(state.locks).toEqual({
			document: "other-exec",
			script: null,
			user: new Map(),
		});
	});

	it("is named Lock / LockService for the call counter", () => {
		const service = new LocalLockService(makeState());
		expect(String(service)).toBe("LockService");
		expect(String(service.getScriptLock())).toBe("Lock");
	});
});
