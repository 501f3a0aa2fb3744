/**
 * What every user-facing line must be (issue 11 item 6): one line, a Japanese sentence, no
 * `Error:` prefix and no English sentence (three English words in a row) — codes such as
 * ECONNREFUSED or "SMTP 550 5.1.1", addresses, URLs and option names are fine.
 */
import { expect } from "vitest";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const ENGLISH_SENTENCE = /\b[A-Za-z']{2,}(?:[ \t]+[A-Za-z']{2,}){2,}/;

export function expectJapaneseLine(text: string): void {
	const line = text.trimEnd();
	expect(line, line).not.toContain("\n");
	expect(line, line).toMatch(JAPANESE);
	expect(line, line).not.toMatch(/\bError:/);
	expect(line, line).not.toMatch(ENGLISH_SENTENCE);
}
