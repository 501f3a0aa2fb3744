/** The menu item → command mapping of the command line's output (SPEC 9). */
import { describe, expect, it } from "vitest";
import { SETUP_HINT } from "../../src/gas/book";
import { MENU_ITEMS } from "../../src/gas/menu";
import {
	commandFor,
	forCommandLine,
	MENU_COMMANDS,
} from "../../src/local/cli/menu-commands";

const ITEMS = MENU_ITEMS.flatMap((item) => (item ? [item] : []));

describe("forCommandLine", () => {
	it("has a command for every menu item", () => {
		for (const item of ITEMS)
			expect(MENU_COMMANDS[item.functionName], item.caption).toBeTruthy();
	});

	it("replaces each way the bundle names a menu item", () => {
		expect(forCommandLine(SETUP_HINT, "book.xlsx")).toBe(
			"「dx-progress setup book.xlsx」を実行してから、もう一度お試しください。",
		);
		expect(
			forCommandLine(
				"設定シートの「対象年度」を確認するか、メニュー「新年度の評価シートを作成」を実行してください。",
				"b.xlsx",
			),
		).toBe(
			"設定シートの「対象年度」を確認するか、「dx-progress open-year b.xlsx」を実行してください。",
		);
		expect(
			forCommandLine("「全行を検証」はDX推進室だけが実行できます", "b.xlsx"),
		).toBe("「dx-progress validate b.xlsx」はDX推進室だけが実行できます");
		expect(
			forCommandLine("「初期設定」と「トリガーを設定」をやり直し", "b.xlsx"),
		).toBe(
			"「dx-progress setup b.xlsx」と「dx-progress setup b.xlsx」をやり直し",
		);
		for (const item of ITEMS) {
			const out = forCommandLine(`「${item.caption}」`, "b.xlsx");
			expect(out).not.toContain(item.caption);
			expect(out).toBe(`「${commandFor(item.functionName, "b.xlsx")}」`);
		}
		// Text that only contains the words is not a pointer to the menu.
		expect(forCommandLine("令和5年度の集計を作成しました", "b.xlsx")).toBe(
			"令和5年度の集計を作成しました",
		);
	});

	it("fills in the book where the bundle names a command itself", () => {
		expect(
			forCommandLine(
				"先に締めを解除してください（dx-progress close-year {book} --reopen）。",
				"朝日市 進捗.xlsx",
			),
		).toBe(
			"先に締めを解除してください（dx-progress close-year '朝日市 進捗.xlsx' --reopen）。",
		);
		const json = `${JSON.stringify({ message: "（dx-progress close-year {book} --reopen）" })}\n`;
		expect(
			JSON.parse(forCommandLine(json, 'C:\\DX\\"進捗".xlsx')).message,
		).toBe(`（dx-progress close-year 'C:\\DX\\"進捗".xlsx' --reopen）`);
		expect(forCommandLine("取組名 {book} のまま", "b.xlsx")).toBe(
			"取組名 {book} のまま",
		);
	});

	it("quotes a path for the shell and keeps JSON valid", () => {
		expect(commandFor("openFiscalYear", "my book's.xlsx")).toBe(
			"dx-progress open-year 'my book'\\''s.xlsx'",
		);
		const json = `${JSON.stringify({ message: "メニュー「年度を締める」を実行" })}\n`;
		const out = forCommandLine(json, 'C:\\DX\\"進捗".xlsx');
		expect(JSON.parse(out).message).toBe(
			`「dx-progress close-year 'C:\\DX\\"進捗".xlsx'」を実行`,
		);
	});
});
