/**
 * A document lock around every read-modify-write of shared sheets (SPEC 6), with a bounded wait
 * and a clear message when another run holds it (reference/lock/lock#waitLock).
 */
import { UserError } from "./book";

const WAIT_MS = 20_000;

export function withDocumentLock<T>(
	work: () => T,
	waitMs = WAIT_MS,
	whenBusy?: () => T,
): T {
	const lock = LockService.getDocumentLock();
	if (!lock.tryLock(waitMs)) {
		if (whenBusy) return whenBusy();
		throw new UserError(
			"ほかの処理（入力の検証や集計）が実行中のため、今は実行できません。1分ほど待ってから、もう一度お試しください。",
		);
	}
	try {
		const result = work();
		// Pending writes must land before another execution can take the lock (reference/spreadsheet/spreadsheet-app#flush).
		SpreadsheetApp.flush();
		return result;
	} finally {
		lock.releaseLock();
	}
}
