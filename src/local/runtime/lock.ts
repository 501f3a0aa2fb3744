/**
 * LockService for the local runtime. A lock is held by an execution id (`state.locks`); a lock
 * held by another id is contention. The runtime has no timers and runs one execution at a
 * time, so a contended lock is never released while we "wait": tryLock/waitLock fail at once,
 * as they would after waiting the whole timeout.
 *
 * Reference: https://developers.google.com/apps-script/reference/lock/lock-service
 *            https://developers.google.com/apps-script/reference/lock/lock
 */
import { GasError, type RuntimeState } from "./state";

type LockServiceApi = Pick<
	GoogleAppsScript.Lock.LockService,
	"getDocumentLock" | "getScriptLock" | "getUserLock"
>;
type LockApi = GoogleAppsScript.Lock.Lock;

/**
 * The message waitLock throws on timeout. The reference only says it times out "with an
 * exception"; this is the wording Apps Script gives.
 */
export const LOCK_TIMEOUT =
	"Lock timeout: another process was holding the lock for too long.";

type LockKind = "document" | "script" | "user";

export class LocalLock implements LockApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly kind: LockKind,
		/** For user locks: whose lock. */
		private readonly user = "",
	) {}

	toString(): string {
		return "Lock";
	}

	/** "Attempts to acquire the lock, timing out after the provided number of milliseconds." */
	tryLock(timeoutInMillis: number): boolean {
		checkTimeout(timeoutInMillis, "Lock.tryLock");
		const holder = this.holder();
		if (holder !== null && holder !== this.state.executionId) return false;
		this.setHolder(this.state.executionId);
		return true;
	}

	/**
	 * "Attempts to acquire the lock, timing out with an exception after the provided number of
	 * milliseconds." (reference/lock/lock#waitLock(Integer))
	 */
	waitLock(timeoutInMillis: number): void {
		checkTimeout(timeoutInMillis, "Lock.waitLock");
		if (!this.tryLock(timeoutInMillis)) throw new GasError(LOCK_TIMEOUT);
	}

	/**
	 * "Releases the lock ... This method has no effect if the lock has not been acquired."
	 * (reference/lock/lock#releaseLock())
	 */
	releaseLock(): void {
		if (this.holder() === this.state.executionId) this.setHolder(null);
	}

	/** "Returns true if the lock was acquired." */
	hasLock(): boolean {
		return this.holder() === this.state.executionId;
	}

	private holder(): string | null {
		if (this.kind === "user")
			return this.state.locks.user.get(this.user) ?? null;
		return this.state.locks[this.kind];
	}

	private setHolder(id: string | null): void {
		if (this.kind === "user") {
			if (id === null) this.state.locks.user.delete(this.user);
			else this.state.locks.user.set(this.user, id);
		} else {
			this.state.locks[this.kind] = id;
		}
	}
}

function checkTimeout(ms: number, method: string): void {
	if (typeof ms !== "number" || Number.isNaN(ms)) {
		throw new GasError(
			`The parameters (${ms === null ? "null" : typeof ms}) don't match the method signature for ${method}.`,
		);
	}
}

/**
 * Releases every lock the given execution holds: Apps Script releases locks when the script
 * ends (reference/lock/lock#releaseLock(): "Locks are automatically released when the script
 * terminates") and across a Ui.alert/prompt suspension (reference/base/ui#alert(String)).
 */
export function releaseExecutionLocks(
	state: RuntimeState,
	executionId = state.executionId,
): void {
	if (state.locks.document === executionId) state.locks.document = null;
	if (state.locks.script === executionId) state.locks.script = null;
	for (const [user, holder] of [...state.locks.user]) {
		if (holder === executionId) state.locks.user.delete(user);
	}
}

export class LocalLockService implements LockServiceApi {
	constructor(private readonly state: RuntimeState) {}

	toString(): string {
		return "LockService";
	}

	/**
	 * "Gets a lock that prevents any user of the current document from concurrently running a
	 * section of code" — null outside a bound document; the local runtime's script is always
	 * bound to its workbook.
	 */
	getDocumentLock(): LocalLock {
		return new LocalLock(this.state, "document");
	}

	/** "Gets a lock that prevents any user from concurrently running a section of code." */
	getScriptLock(): LocalLock {
		return new LocalLock(this.state, "script");
	}

	/**
	 * "Gets a lock that prevents the current user from concurrently running a section of code."
	 * The current user is taken as the effective user (the active user may be hidden as '').
	 */
	getUserLock(): LocalLock {
		return new LocalLock(this.state, "user", this.state.exec.effectiveUser);
	}
}
