/**
 * The menu actions on the command line (SPEC 9): setup, departments --csv, set, open-year,
 * close-year, and init --plan for any city and any size; CSV cells never become formulas,
 * Shift_JIS CSV is read, every CSV problem is listed with its row; no output names a menu item.
 * Run as a user runs them: dist-local/cli.mjs in a child process on files in a temporary folder.
 */
import { spawnSync } from "node:child_process";
import {
	copyFileSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTRY_COL, SHEET_NAMES, toCsv } from "../../src/domain";
import { MENU_ITEMS } from "../../src/gas/menu";
import {
	type CellValue,
	newSheetModel,
	newWorkbookModel,
	type SheetModel,
	setCell,
	type WorkbookModel,
} from "../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../src/local/runtime/xlsx";
import { CLI_PATH, ensureBuilt, ROOT } from "../support/bundle";

let dir: string;
const outputs: string[] = [];

function cli(...args: string[]) {
	const r = spawnSync(process.execPath, [CLI_PATH, ...args], {
		cwd: dir,
		encoding: "utf8",
	});
	outputs.push(r.stdout, r.stderr);
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string): string {
	return join(dir, name);
}

async function sheetOf(book: string, name: string): Promise<SheetModel> {
	const wb = await loadWorkbook(file(book));
	const sheet = wb.sheets.find((s) => s.name === name);
	if (!sheet) throw new Error(`no sheet ${name}`);
	return sheet;
}

/** The 値 of a 設定 item as saved. */
async function setting(book: string, item: string): Promise<CellValue> {
	const sheet = await sheetOf(book, SHEET_NAMES.settings);
	return sheet.values.find((r) => r[0] === item)?.[1] ?? "";
}

const PLAN_HEADER = ["取組No", "取組名", "担当課", "重点施策"];

beforeAll(() => {
	ensureBuilt();
	dir = mkdtempSync(join(tmpdir(), "dx-offline-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("setup, set, departments, open-year, close-year", () => {
	it("setup makes a workbook that never saw the product ours, keeping what is there", async () => {
		const wb = newWorkbookModel();
		const sheet = newSheetModel(wb, "メモ");
		wb.sheets.push(sheet);
		setCell(sheet, 0, 0, "残しておく内容");
		await saveWorkbook(wb, file("city.xlsx"));
		const first = cli("setup", "city.xlsx");
		expect(first.code).toBe(0);
		expect(first.stdout).toContain("作成したシート：設定");
		const after = await loadWorkbook(file("city.xlsx"));
		expect(after.sheets.map((s) => s.name)).toEqual(
			expect.arrayContaining(["メモ", "設定", "担当課", "取組"]),
		);
		expect((await sheetOf("city.xlsx", "メモ")).values[0]?.[0]).toBe(
			"残しておく内容",
		);
		const again = cli("setup", "city.xlsx");
		expect(again.code).toBe(0);
		expect(again.stdout).toContain("既存の内容は変更していません");
	});

	it("set writes 設定 items checked as the sheet reads them; a bad one saves nothing", async () => {
		const ok = cli(
			"set",
			"city.xlsx",
			"回答期限=2025-05-30",
			"DX推進室メール=dx@city.example.jp",
			"催促日=7,3,1",
			"対象年度=R7",
			"回答方法=\\\\fileserver\\DX\\回答 に保存",
		);
		expect(ok.code).toBe(0);
		expect(ok.stdout).toContain("回答期限: 2025-05-30");
		// 回答期限 is a date as typed in the sheet (midnight, Asia/Tokyo); 催促日 stays text.
		expect(await setting("city.xlsx", "回答期限")).toEqual(
			new Date("2025-05-30T00:00:00+09:00"),
		);
		expect(await setting("city.xlsx", "催促日")).toBe("7,3,1");
		expect(await setting("city.xlsx", "対象年度")).toBe("R7");

		const before = readFileSync(file("city.xlsx"));
		const bad = cli(
			"set",
			"city.xlsx",
			"回答期限=2025-13-40",
			"催促時刻=25",
			"送信者名=広報",
		);
		expect(bad.code).toBe(2);
		const lines = bad.stderr.trimEnd().split("\n");
		expect(lines[0]).toContain("何も保存していません（2件）");
		expect(lines.slice(1).map((l) => l.trim())).toEqual([
			expect.stringMatching(/^回答期限「2025-13-40」は存在しない日付です/),
			"催促時刻「25」は 0〜23 の整数で入力してください",
		]);
		expect(readFileSync(file("city.xlsx")).equals(before)).toBe(true);

		const unknown = cli("set", "city.xlsx", "締切=2025-05-30", "回答期限");
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain("項目「締切」はありません");
		expect(unknown.stderr).toContain(
			"「回答期限」は 項目=値 の形ではありません",
		);
		expect(readFileSync(file("city.xlsx")).equals(before)).toBe(true);
	});

	it("departments --csv lists every problem with its row and changes nothing", () => {
		writeFileSync(
			file("bad-departments.csv"),
			"課名,メールアドレス,所属長メールアドレス\n" +
				"市民課,shimin@city.example.jp,\n" +
				"税務課,zeimu@,\n" +
				",x@city.example.jp,\n" +
				"市民課,other@city.example.jp,\n",
		);
		const before = readFileSync(file("city.xlsx"));
		const r = cli("departments", "city.xlsx", "--csv", "bad-departments.csv");
		expect(r.code).toBe(2);
		const lines = r.stderr.trimEnd().split("\n");
		expect(lines[0]).toContain("問題が3件あるため、ブックは変更していません");
		expect(lines.slice(1).map((l) => l.trim())).toEqual([
			"3行目: 税務課のメールアドレス「zeimu@」が正しくありません（例: dx@city.example.jp）",
			"4行目: 課名が空欄です",
			"5行目: 課名「市民課」が重複しています（2行目と同じ）",
		]);
		expect(readFileSync(file("city.xlsx")).equals(before)).toBe(true);
	});

	it("departments --csv reads the Shift_JIS CSV Japanese Excel saves; cells stay text", async () => {
		// Saved in CP932 (Python's cp932 codec): 髙 is an NEC-selected IBM extension, ① an NEC
		// special character, ～ the full-width tilde; not valid UTF-8.
		copyFileSync(
			join(ROOT, "test/fixtures/departments-cp932.csv"),
			file("sjis.csv"),
		);
		expect(() =>
			new TextDecoder("utf-8", { fatal: true }).decode(
				readFileSync(file("sjis.csv")),
			),
		).toThrow();
		const r = cli("departments", "city.xlsx", "--csv", "sjis.csv");
		expect(r.stderr).toBe("");
		expect(r.code).toBe(0);
		expect(r.stdout).toContain("担当課を3課に置き換えました");
		const sheet = await sheetOf("city.xlsx", SHEET_NAMES.departments);
		expect(
			sheet.values.slice(0, 4).map((row) => [0, 1, 2].map((c) => row[c] ?? "")),
		).toEqual([
			["課名", "メールアドレス", "所属長メールアドレス"],
			["髙島屋対策課①", "taka@city.example.jp", ""],
			// The product compares names width-insensitively and keeps them so (～ → ~).
			["ふるさと納税推進室~", "furu@city.example.jp", "boss@city.example.jp"],
			['=HYPERLINK("http://evil.example")', "", ""],
		]);
		expect(sheet.formulas.size).toBe(0);
		// The seed's 22 departments are gone: the rows were replaced, not added to.
		expect(sheet.values.filter((row) => row[0] !== "")).toHaveLength(4);
	});

	it("open-year opens 対象年度 from the master; close-year closes, --reopen reopens", async () => {
		// 取組 names departments that are not the seed's, pasted in the book as in Excel.
		const wb = await loadWorkbook(file("city.xlsx"));
		const initiatives = wb.sheets.find(
			(s) => s.name === SHEET_NAMES.initiatives,
		) as SheetModel;
		const rows = [
			PLAN_HEADER,
			["1", "窓口の混雑状況の発信", "髙島屋対策課①", "I-1"],
			["2", "ふるさと納税のオンライン受付", "ふるさと納税推進室～", "I-5"],
		];
		for (const [i, r] of rows.entries())
			for (const [c, v] of r.entries()) setCell(initiatives, i, c, v);
		await saveWorkbook(wb, file("city.xlsx"));
		const opened = cli("open-year", "city.xlsx");
		expect(opened.stderr).toBe("");
		expect(opened.stdout).toContain(
			"令和7年度の評価シート「評価_R7」を作成しました（取組2件）",
		);
		const entry = await sheetOf("city.xlsx", "評価_R7");
		expect(entry.values.slice(1).map((r) => r[ENTRY_COL.departments])).toEqual([
			"髙島屋対策課①",
			"ふるさと納税推進室~",
		]);
		const twice = cli("open-year", "city.xlsx");
		expect(twice.code).toBe(1);
		expect(twice.stderr).toContain("すでにあります");

		const before = readFileSync(file("city.xlsx"));
		const early = cli("close-year", "city.xlsx", "--reopen");
		expect(early.code).toBe(1);
		expect(early.stderr).toContain("まだ締めていない");
		expect(readFileSync(file("city.xlsx")).equals(before)).toBe(true);

		const closed = cli("close-year", "city.xlsx");
		expect(closed.code).toBe(0);
		expect(closed.stdout).toContain("「評価_R7」を締めました");
		const still = cli("close-year", "city.xlsx");
		expect(still.code).toBe(0);
		expect(still.stdout).toContain(
			"令和7年度は締めたままです。締めを解除するには「dx-progress close-year city.xlsx --reopen」を実行してください。",
		);
		const reopened = cli("close-year", "city.xlsx", "--reopen");
		expect(reopened.code).toBe(0);
		expect(reopened.stdout).toContain("締めを解除しました");
		expect(cli("close-year", "city.xlsx").stdout).toContain("を締めました");
	});
});

describe("init --plan", () => {
	it("takes 5,000 initiatives of departments the seed does not know", async () => {
		const rows = [PLAN_HEADER];
		for (let i = 1; i <= 5000; i++)
			rows.push([String(i), `取組${i}`, `第${(i % 40) + 1}支所`, "I-1"]);
		writeFileSync(file("big.csv"), toCsv(rows));
		const r = cli("init", "big.xlsx", "--plan", "big.csv", "--year", "R6");
		expect(r.stderr).toBe("");
		expect(r.stdout).toContain("取組 5000件");
		const entry = await sheetOf("big.xlsx", "評価_R6");
		expect(entry.values.filter((row) => row[0] !== "")).toHaveLength(5001);
		const departments = await sheetOf("big.xlsx", SHEET_NAMES.departments);
		expect(departments.values.slice(1).map((row) => row[0])).toEqual(
			Array.from({ length: 40 }, (_, i) => `第${((i + 1) % 40) + 1}支所`),
		);
	});

	it("writes cells starting with = + - @ as text, never as formulas", async () => {
		writeFileSync(
			file("formula.csv"),
			toCsv([
				[...PLAN_HEADER, "評価", "主な取組実績", "評価理由・課題"],
				[
					"1",
					'=HYPERLINK("http://evil.example","押す")',
					"市民課",
					"I-1",
					"A",
					"+81 窓口",
					"",
				],
				["2", "@SUM(1)", "市民課", "I-1", "C", "-5%削減", "=1+1"],
			]),
		);
		const r = cli(
			"init",
			"formula.xlsx",
			"--plan",
			"formula.csv",
			"--year",
			"R6",
		);
		expect(r.stderr).toBe("");
		const initiatives = await sheetOf("formula.xlsx", SHEET_NAMES.initiatives);
		expect(initiatives.formulas.size).toBe(0);
		expect(initiatives.values[1]?.[1]).toBe(
			'=HYPERLINK("http://evil.example","押す")',
		);
		expect(initiatives.values[2]?.[1]).toBe("@SUM(1)");
		const entry = await sheetOf("formula.xlsx", "評価_R6");
		expect(entry.formulas.size).toBe(0);
		const byNo = new Map(entry.values.map((row) => [String(row[0]), row]));
		expect(byNo.get("1")?.[ENTRY_COL.name]).toBe(
			'=HYPERLINK("http://evil.example","押す")',
		);
		expect(byNo.get("1")?.[ENTRY_COL.achievement]).toBe("+81 窓口");
		expect(byNo.get("2")?.[ENTRY_COL.achievement]).toBe("-5%削減");
		expect(byNo.get("2")?.[ENTRY_COL.reason]).toBe("=1+1");
		// Saved as text: the xlsx holds no formula element at all.
		const { default: JSZip } = await import("jszip");
		const zip = await JSZip.loadAsync(readFileSync(file("formula.xlsx")));
		for (const name of Object.keys(zip.files).filter((n) =>
			n.startsWith("xl/worksheets/sheet"),
		))
			expect(await zip.file(name)?.async("string")).not.toContain("<f>");
	});

	it("lists every problem of the CSV with its row", () => {
		writeFileSync(
			file("broken.csv"),
			toCsv([
				PLAN_HEADER,
				["1", "", "市民課", "I-1"],
				["1", "重複", "市民課", "IX-1"],
				["3", "担当なし", "", "I-1"],
				["4", "正しい行", "市民課", "I-1"],
			]),
		);
		const r = cli("init", "broken.xlsx", "--plan", "broken.csv");
		expect(r.code).toBe(2);
		const lines = r.stderr.trimEnd().split("\n");
		expect(lines[0]).toContain(
			"計画のCSV（broken.csv）に問題が4件あるため、ブックを作成しません",
		);
		expect(lines.slice(1).map((l) => l.trim())).toEqual([
			"2行目: 取組No「1」の取組名が空欄です",
			"3行目: 取組No「1」が重複しています（2行目と同じ）",
			"3行目: 重点施策「IX-1」は重点施策シートにありません",
			"4行目: 取組No「3」の担当課が空欄です",
		]);
	});

	it("names the encoding when a CSV is neither UTF-8 nor Shift_JIS", () => {
		writeFileSync(
			file("binary.csv"),
			Buffer.from([0x82, 0xa0, 0x80, 0xff, 0xfe]),
		);
		const r = cli("init", "binary.xlsx", "--plan", "binary.csv");
		expect(r.code).toBe(2);
		expect(r.stderr).toContain("UTF-8 でも Shift_JIS でもありません");
		expect(r.stderr.trim().split("\n")).toHaveLength(1);
	});
});

describe("the master leads, offline", () => {
	it("an initiative added to 取組 in the file gets its row at validate, not reminded about before", async () => {
		writeFileSync(
			file("lead.csv"),
			toCsv([PLAN_HEADER, ["1", "既存の取組", "市民課", "I-1"]]),
		);
		expect(
			cli("init", "lead.xlsx", "--plan", "lead.csv", "--year", "R6").code,
		).toBe(0);
		const wb: WorkbookModel = await loadWorkbook(file("lead.xlsx"));
		const sheet = wb.sheets.find(
			(s) => s.name === SHEET_NAMES.initiatives,
		) as SheetModel;
		for (const [c, v] of ["2", "追加した取組", "市民課", "I-1"].entries())
			setCell(sheet, 2, c, v);
		await saveWorkbook(wb, file("lead.xlsx"));
		writeFileSync(
			file("lead-departments.csv"),
			"課名,メールアドレス,所属長メールアドレス\n市民課,shimin@city.example.jp,\n",
		);
		expect(
			cli("departments", "lead.xlsx", "--csv", "lead-departments.csv").code,
		).toBe(0);
		expect(
			cli(
				"set",
				"lead.xlsx",
				"回答期限=2024-05-31",
				"DX推進室メール=dx@city.example.jp",
			).code,
		).toBe(0);
		const preview = () =>
			cli("remind", "lead.xlsx", "--today", "2024-05-31", "--dry-run").stdout;
		// 未入力件数: only the initiative that has a row is asked for.
		expect(preview()).toMatch(/^市民課\s.*\s1$/m);
		const r = cli("validate", "lead.xlsx");
		expect(r.stdout).toContain(
			"行がなかった取組の行を追加しました（取組No 2）",
		);
		const entry = await sheetOf("lead.xlsx", "評価_R6");
		expect(entry.values.map((row) => row[ENTRY_COL.no])).toEqual([
			"取組No",
			"1",
			"2",
		]);
		expect(preview()).toMatch(/^市民課\s.*\s2$/m);
	});
});

describe("messages name commands, never the menu", () => {
	it("the bundle's pointers to menu items become commands", async () => {
		const wb = newWorkbookModel();
		const sheet = newSheetModel(wb, "売上");
		wb.sheets.push(sheet);
		setCell(sheet, 0, 0, "月");
		await saveWorkbook(wb, file("not-ours.xlsx"));
		const r = cli("validate", "not-ours.xlsx");
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(
			"「dx-progress setup not-ours.xlsx」を実行してから",
		);
		expect(cli("set", "big.xlsx", "対象年度=R9").code).toBe(0);
		const missing = cli("validate", "big.xlsx");
		expect(missing.stderr).toContain(
			"「dx-progress open-year big.xlsx」を実行してください",
		);
	});

	it("no output of any command above names a menu item", () => {
		const labels = [
			...MENU_ITEMS.flatMap((item) => (item ? [item.caption] : [])),
			"初期設定",
		];
		expect(outputs.length).toBeGreaterThan(40);
		for (const text of outputs) {
			expect(text).not.toContain("メニュー");
			for (const label of labels) expect(text).not.toContain(`「${label}」`);
		}
	});
});
