/**
 * The whole season offline, as a DX office on LGWAN runs it (issue 11, SPEC 9): the command line
 * only (dist-local/cli.mjs in child processes) on a workbook that never saw Google — a city's own
 * .xlsx made in LibreOffice — and LibreOffice (headless, typed into through Python-UNO) wherever
 * a person opens a file: the DX office pasting its plan into 取組 and correcting the book by hand,
 * the departments answering their 照会 files. One scenario, its steps in order, sharing the files:
 * setup, departments from CSV, set, open-year, split, answers (with one file of each refused kind
 * and a conflict), collect twice, validate, remind with attachments over SMTP, summary checked
 * against a recount of what was typed, close-year. One LibreOffice serves every step. Skipped
 * with a note when `soffice` or python3-uno is missing, unless DX_REQUIRE_PROGRAMS=1 (CI).
 */
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTRY_COL, SEND_RESULT_SENT_OFFLINE } from "../../src/domain";
import { findProgram } from "../../src/local/office/libreoffice";
import { loadWorkbook } from "../../src/local/runtime/xlsx";
import { entryRow, sheetOf } from "../support/answer-forms";
import { SETUP_BUDGET_MS, WORKFLOW_BUDGET_MS } from "../support/budgets";
import { ensureBuilt } from "../support/bundle";
import { runCli } from "../support/late-book";
import {
	hasPythonUno,
	type JobCell,
	type OfficeJob,
	type OfficeSession,
	openOffice,
} from "../support/libreoffice-edit";
import { noteMissing, PROGRAMS_REQUIRED } from "../support/programs";

const missing = [
	...(findProgram("soffice") === undefined ? ["soffice"] : []),
	...(hasPythonUno() ? [] : ["python3-uno"]),
];
noteMissing(
	"The offline season test",
	missing,
	"libreoffice-calc-nogui python3-uno",
);

describe("programs the offline season needs", () => {
	it.runIf(PROGRAMS_REQUIRED)("are installed (DX_REQUIRE_PROGRAMS=1)", () => {
		expect(missing).toEqual([]);
	});
});

const DX = "dx@city-asahi.example.jp";
const mail = (local: string) => `${local}@city-asahi.example.jp`;
/** 担当課 of 朝日市 (made up): none of them is the seed's. */
const DEPARTMENTS = [
	["未来戦略課", mail("mirai"), mail("mirai-boss")],
	["くらし窓口課", mail("kurashi"), ""],
	["子育て応援課", mail("kosodate"), mail("kosodate-boss")],
	["農林振興課", mail("nourin"), ""],
	["上下水道課", mail("suido"), ""],
	["防災危機管理課", mail("bousai"), ""],
] as const;
const emailOf = (department: string) =>
	DEPARTMENTS.find((d) => d[0] === department)?.[1] ?? "";

/** 取組No, 取組名, 担当課, 重点施策: 7 is 再掲 under two policies, 13 twice under one, 9 shared. */
const PLAN = [
	["1", "オンライン申請の拡充", "くらし窓口課", "I-1"],
	["2", "窓口キャッシュレス決済の導入", "くらし窓口課", "I-5"],
	["3", "書かない窓口の試行", "くらし窓口課", "I-4"],
	["4", "子育て支援アプリの配信", "子育て応援課", "I-6"],
	["5", "保育所入所申請の電子化", "子育て応援課", "I-1"],
	["6", "庁内データ連携基盤の整備", "未来戦略課", "II-9"],
	["7", "生成AIの業務利用", "未来戦略課", "II-3、I-3"],
	["8", "スマート農業の実証", "農林振興課", "III-1"],
	["9", "鳥獣被害の通報システム", "農林振興課、未来戦略課", "III-1"],
	["10", "水道スマートメーターの導入", "上下水道課", "III-1"],
	["11", "水道料金の口座振替の電子化", "上下水道課", "I-5"],
	["12", "避難所Wi-Fiの整備", "防災危機管理課", "III-4"],
	["13", "防災情報の多言語配信", "防災危機管理課", "III-5、III-6"],
] as const;

type Grade = "A" | "B" | "C" | "D";
/** One row of a department's answer: what the person types, and the grade they mean by it. */
interface Typed {
	no: string;
	rating?: { text: string; grade: Grade };
	achievement?: string;
	reason?: string;
}
const grade = (text: string, g: Grade) => ({ text, grade: g });
/** The labels the book keeps (SPEC 2: an accepted input is rewritten to its label). */
const LABELS: Record<Grade, string> = {
	A: "A 順調に進んだ",
	B: "B まずまず進んだ",
	C: "C あまり進まなかった",
	D: "D 進まなかった",
};

/** The answers that are taken: the file each comes back as (in the inbox) and what it holds. */
const ANSWERED: ReadonlyArray<{
	department: string;
	file: string;
	rows: readonly Typed[];
}> = [
	{
		department: "くらし窓口課",
		file: "R6_くらし窓口課.xlsx",
		rows: [
			{
				no: "1",
				rating: grade("A", "A"),
				achievement: "オンライン申請を30手続に拡大",
			},
			// The DX office corrects this 評価 in the book after the split: a conflict.
			{
				no: "2",
				rating: grade("b", "B"),
				achievement: "本庁の窓口でキャッシュレス決済を開始",
			},
			{
				no: "3",
				rating: grade("Ｃ　あまり進まなかった", "C"),
				achievement: "支所で1か月試行",
				reason: "試行窓口の人員が確保できなかった",
			},
		],
	},
	{
		department: "子育て応援課",
		// Renamed by the department: the name is free, the file says whose it is.
		file: "子育て応援課_回答.xlsx",
		rows: [
			{
				no: "4",
				rating: grade("a", "A"),
				achievement: "アプリ登録者 1,200人",
			},
			// D without 評価理由・課題: taken, but the row is still to fix.
			{ no: "5", rating: grade("D", "D") },
		],
	},
	{
		department: "未来戦略課",
		file: "R6_未来戦略課.xlsx",
		rows: [
			{ no: "6", rating: grade("B", "B") },
			{
				no: "7",
				rating: grade("A 順調に進んだ", "A"),
				achievement: "全課で会議録作成にAIを利用",
			},
			{ no: "9", rating: grade("c", "C"), reason: "通報件数が少なかった" },
		],
	},
];
/** The DX office's correction typed into the book itself after the split. */
const CORRECTION = { no: "2", text: "A 順調に進んだ", grade: "A" as Grade };
/** 農林振興課 never answers; 上下水道課 and 防災危機管理課 send files that are refused. */
const LATE = ["子育て応援課", "農林振興課", "上下水道課", "防災危機管理課"];
const ANSWER_METHOD =
	"添付の照会ファイルに入力し、このメールに返信してください";
const ENTRY = "評価_R6";
const INPUT = {
	rating: ENTRY_COL.rating,
	achievement: ENTRY_COL.achievement,
	reason: ENTRY_COL.reason,
} as const;
const columnLetter = (col: number) => String.fromCharCode(65 + col);

let dir: string;
let office: OfficeSession;
const path = (...parts: string[]) => join(dir, ...parts);
const cli = (...args: string[]) => runCli({ cwd: dir }, ...args);

/** 取組No → 1-based row of a workbook's entry sheet, as a person finds it on screen. */
async function rowsOf(
	file: string,
	sheet = ENTRY,
): Promise<Map<string, number>> {
	const values = sheetOf(await loadWorkbook(file), sheet).values;
	return new Map(values.map((r, i) => [String(r[ENTRY_COL.no]), i + 1]));
}

/** The cells a department types for `rows` into its file. */
async function cellsFor(
	file: string,
	rows: readonly Typed[],
	sheet = ENTRY,
): Promise<JobCell[]> {
	const at = await rowsOf(file, sheet);
	return rows.flatMap((r) => {
		const row = at.get(r.no);
		if (row === undefined) throw new Error(`no 取組No ${r.no} in ${file}`);
		const texts: Array<[number, string | undefined]> = [
			[INPUT.rating, r.rating?.text],
			[INPUT.achievement, r.achievement],
			[INPUT.reason, r.reason],
		];
		return texts.flatMap(([col, text]) =>
			text === undefined
				? []
				: [{ sheet, a1: `${columnLetter(col)}${row}`, text }],
		);
	});
}

/** Every text part of an .xlsx (the hidden identity included), concatenated. */
async function allText(file: string): Promise<string> {
	const zip = await JSZip.loadAsync(readFileSync(file));
	const parts = await Promise.all(
		Object.values(zip.files)
			.filter((f) => !f.dir)
			.map((f) => f.async("string")),
	);
	return parts.join("\n");
}

const bookBytes = () => readFileSync(path("book.xlsx"));
/** The rows of 変更履歴 below its header. */
async function editLog(): Promise<unknown[][]> {
	const sheet = sheetOf(await loadWorkbook(path("book.xlsx")), "変更履歴");
	return sheet.values.slice(1).filter((r) => r.some((c) => c !== ""));
}

describe.skipIf(missing.length > 0)(
	"the whole season offline: the command line and LibreOffice, no Google",
	() => {
		beforeAll(() => {
			ensureBuilt();
			dir = mkdtempSync(join(tmpdir(), "dx-season-"));
			office = openOffice();
		}, SETUP_BUDGET_MS);
		afterAll(async () => {
			await office?.close();
			rmSync(dir, { recursive: true, force: true });
		});

		it(
			"1. setup makes the city's own LibreOffice workbook ours, keeping its sheet",
			async () => {
				office.run([
					{
						new: path("book.xlsx"),
						sheet: "メモ",
						cells: [
							{ sheet: "メモ", a1: "A1", text: "朝日市 DX推進計画 進捗管理" },
						],
					},
				]);
				const r = await cli("setup", "book.xlsx");
				expect(r.stderr).toBe("");
				expect(r.code).toBe(0);
				expect(r.stdout).toContain("作成したシート：設定");
				const wb = await loadWorkbook(path("book.xlsx"));
				expect(wb.sheets.map((s) => s.name)).toEqual(
					expect.arrayContaining([
						"メモ",
						"設定",
						"担当課",
						"取組",
						"変更履歴",
					]),
				);
				expect(sheetOf(wb, "メモ").values[0]?.[0]).toBe(
					"朝日市 DX推進計画 進捗管理",
				);
			},
			SETUP_BUDGET_MS,
		);

		it(
			"2. departments from a CSV, the plan pasted into 取組 in LibreOffice, set, open-year",
			async () => {
				writeFileSync(
					path("departments.csv"),
					`課名,メールアドレス,所属長メールアドレス\n${DEPARTMENTS.map((d) => d.join(",")).join("\n")}\n`,
				);
				const departments = await cli(
					"departments",
					"book.xlsx",
					"--csv",
					"departments.csv",
				);
				expect(departments.stderr).toBe("");
				expect(departments.stdout).toContain("担当課を6課に置き換えました");
				// Typed as a person types: 取組No become numbers.
				office.run([
					{
						edit: path("book.xlsx"),
						out: path("book.xlsx"),
						cells: PLAN.flatMap((row, i) =>
							row.map((text, c) => ({
								sheet: "取組",
								a1: `${columnLetter(c)}${i + 2}`,
								text,
								typed: true,
							})),
						),
					},
				]);
				const set = await cli(
					"set",
					"book.xlsx",
					"対象年度=R6",
					"回答期限=2024-05-31",
					`DX推進室メール=${DX}`,
					`回答方法=${ANSWER_METHOD}`,
				);
				expect(set.stderr).toBe("");
				expect(set.code).toBe(0);
				const opened = await cli("open-year", "book.xlsx");
				expect(opened.stderr).toBe("");
				expect(opened.stdout).toContain(
					`令和6年度の評価シート「${ENTRY}」を作成しました（取組${PLAN.length}件）`,
				);
				const entry = sheetOf(await loadWorkbook(path("book.xlsx")), ENTRY);
				expect(
					entry.values
						.slice(1)
						.map((r) => [r[ENTRY_COL.no], r[ENTRY_COL.departments]])
						.sort((a, b) => Number(a[0]) - Number(b[0])),
				).toEqual(PLAN.map((p) => [p[0], p[2]]));
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"3. split writes one 照会 file per department, each with its rows only",
			async () => {
				const r = await cli("split", "book.xlsx", "--out", "forms");
				expect(r.stderr).toBe("");
				expect(r.code).toBe(0);
				expect(readdirSync(path("forms")).sort()).toEqual(
					DEPARTMENTS.map((d) => `R6_${d[0]}.xlsx`).sort(),
				);
				for (const [department] of DEPARTMENTS) {
					const file = path("forms", `R6_${department}.xlsx`);
					const form = await loadWorkbook(file);
					const own = PLAN.filter((p) =>
						p[2].split("、").includes(department),
					).map((p) => p[0]);
					const rows = sheetOf(form, ENTRY).values.slice(1);
					expect(rows.map((v) => v[ENTRY_COL.no]).sort()).toEqual(
						[...own].sort(),
					);
					const text = await allText(file);
					for (const [other, ...addresses] of DEPARTMENTS)
						if (other !== department)
							for (const a of addresses.filter(Boolean))
								expect(text, `${department}: ${other}`).not.toContain(a);
				}
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"4. answers come back saved by LibreOffice, one file of each refused kind among them",
			async () => {
				mkdirSync(path("inbox"));
				// Another year: a copy of the book opened for 令和5年度 and split.
				copyFileSync(path("book.xlsx"), path("last-year.xlsx"));
				for (const args of [
					["set", "last-year.xlsx", "対象年度=R5"],
					["open-year", "last-year.xlsx"],
					["split", "last-year.xlsx", "--out", "last-year"],
				])
					expect((await cli(...args)).code, args.join(" ")).toBe(0);
				// Another book: the neighbouring city's, which has a 上下水道課 too.
				writeFileSync(
					path("neighbour.csv"),
					"取組No,取組名,担当課,重点施策\n1,下水道台帳の電子化,上下水道課,II-6\n",
				);
				for (const args of [
					["init", "neighbour.xlsx", "--plan", "neighbour.csv", "--year", "R6"],
					["split", "neighbour.xlsx", "--out", "neighbour"],
				])
					expect((await cli(...args)).code, args.join(" ")).toBe(0);

				const form = (d: string) => path("forms", `R6_${d}.xlsx`);
				const jobs: OfficeJob[] = [];
				for (const a of ANSWERED)
					jobs.push({
						edit: form(a.department),
						out: path("inbox", a.file),
						cells: await cellsFor(form(a.department), a.rows),
					});
				// Tampered: 上下水道課 renames its initiative (a locked cell) and rates it.
				const suido = await rowsOf(form("上下水道課"));
				jobs.push({
					edit: form("上下水道課"),
					out: path("inbox", "R6_上下水道課.xlsx"),
					cells: [
						{
							sheet: ENTRY,
							a1: `D${suido.get("10")}`,
							text: "全戸スマートメーター化",
						},
						{ sheet: ENTRY, a1: `F${suido.get("10")}`, text: "A" },
					],
				});
				// Unreadable: 防災危機管理課 answers, then saves with a password.
				jobs.push(
					{
						edit: form("防災危機管理課"),
						out: path("bousai-answered.xlsx"),
						cells: await cellsFor(form("防災危機管理課"), [
							{ no: "12", rating: grade("A", "A") },
						]),
					},
					{
						save: path("bousai-answered.xlsx"),
						out: path("inbox", "R6_防災危機管理課.xlsx"),
						filter: "Calc MS Excel 2007 XML",
						password: "bousai",
					},
				);
				// Another year: 未来戦略課 answers last year's file.
				const lastYear = path("last-year", "R5_未来戦略課.xlsx");
				jobs.push({
					edit: lastYear,
					out: path("inbox", "R5_未来戦略課.xlsx"),
					cells: await cellsFor(
						lastYear,
						[{ no: "6", rating: grade("A", "A") }],
						"評価_R5",
					),
				});
				// Foreign: the neighbouring city's file, sent here by mistake.
				const neighbour = path("neighbour", "R6_上下水道課.xlsx");
				jobs.push({
					edit: neighbour,
					out: path("inbox", "隣市_R6_上下水道課.xlsx"),
					cells: await cellsFor(neighbour, [
						{ no: "1", rating: grade("A", "A") },
					]),
				});
				// The DX office corrects one answer in the book itself, after the split.
				const bookRow = (await rowsOf(path("book.xlsx"))).get(CORRECTION.no);
				jobs.push({
					edit: path("book.xlsx"),
					out: path("book.xlsx"),
					cells: [
						{
							sheet: ENTRY,
							a1: `${columnLetter(INPUT.rating)}${bookRow}`,
							text: CORRECTION.text,
						},
					],
				});
				office.run(jobs);
				expect(readdirSync(path("inbox")).sort()).toEqual(
					[
						...ANSWERED.map((a) => a.file),
						"R6_上下水道課.xlsx",
						"R6_防災危機管理課.xlsx",
						"R5_未来戦略課.xlsx",
						"隣市_R6_上下水道課.xlsx",
					].sort(),
				);
			},
			SETUP_BUDGET_MS,
		);

		it(
			"5. collect takes the answers, refuses each bad file with its reason, keeps the book's correction; twice changes nothing",
			async () => {
				const r = await cli("collect", "book.xlsx", "inbox");
				expect(r.code).toBe(1);
				// The correction typed into the book is traced before the answers are merged.
				expect(r.stderr).toContain(
					"ファイルで直接編集されたセル 1か所を変更履歴に記録し",
				);
				const line = (name: string) =>
					r.stdout.split("\n").find((l) => l.includes(`: ${name}`)) ?? "";
				const wb = await loadWorkbook(path("book.xlsx"));
				const rowOf = (no: string) => entryRow(wb, no, ENTRY).row;
				expect(line("R6_くらし窓口課.xlsx")).toBe(
					"取込: R6_くらし窓口課.xlsx（くらし窓口課） 3行・6セル",
				);
				expect(r.stdout).toContain(
					`  競合: 取組No 2 F${rowOf("2")}（評価）はブックの値「A 順調に進んだ」のままです（ファイルの値「b」）`,
				);
				expect(line("子育て応援課_回答.xlsx")).toBe(
					"取込: 子育て応援課_回答.xlsx（子育て応援課） 2行・3セル（うち要修正 1行）",
				);
				expect(line("R6_未来戦略課.xlsx")).toBe(
					"取込: R6_未来戦略課.xlsx（未来戦略課） 3行・5セル",
				);
				const suidoRow = (
					await rowsOf(path("forms", "R6_上下水道課.xlsx"))
				).get("10");
				expect(line("R6_上下水道課.xlsx")).toBe(
					`拒否: R6_上下水道課.xlsx（上下水道課） 保護されたセル D${suidoRow}（取組名、取組No 10）が変更されています`,
				);
				expect(line("R6_防災危機管理課.xlsx")).toMatch(
					/^拒否: R6_防災危機管理課\.xlsx 読み込めません（パスワードで保護（暗号化）されたファイル/,
				);
				expect(line("R5_未来戦略課.xlsx")).toBe(
					"拒否: R5_未来戦略課.xlsx（未来戦略課） 令和5年度の照会ファイルです（ブックの対象年度は令和6年度）",
				);
				expect(line("隣市_R6_上下水道課.xlsx")).toBe(
					"拒否: 隣市_R6_上下水道課.xlsx このブックから作成した照会ファイルではありません",
				);
				expect(r.stdout).toContain(
					"合計 7件: 取込 3件、変更なし 0件、拒否 4件、競合 1件。ブックを保存しました。",
				);

				for (const a of ANSWERED)
					for (const t of a.rows) {
						const values = entryRow(wb, t.no, ENTRY).values;
						const rating =
							t.no === CORRECTION.no ? CORRECTION.grade : t.rating?.grade;
						expect(values[ENTRY_COL.rating], t.no).toBe(
							rating ? LABELS[rating] : "",
						);
						expect(values[ENTRY_COL.achievement], t.no).toBe(
							t.achievement ?? "",
						);
						expect(values[ENTRY_COL.reason], t.no).toBe(t.reason ?? "");
						if (t.no !== CORRECTION.no)
							expect(values[ENTRY_COL.editor], t.no).toBe(
								emailOf(a.department),
							);
					}
				for (const no of ["8", "10", "11", "12", "13"])
					expect(entryRow(wb, no, ENTRY).values[ENTRY_COL.rating], no).toBe("");
				const log = await editLog();
				expect(log.filter((l) => l[1] === "（ファイルで直接編集）")).toEqual([
					[
						expect.any(Date),
						"（ファイルで直接編集）",
						ENTRY,
						`F${rowOf("2")}`,
						"2",
						"",
						CORRECTION.text,
					],
				]);
				// One line per cell taken (the conflicting one is not).
				const taken = ANSWERED.flatMap((a) =>
					a.rows.flatMap((t) =>
						[
							t.rating && t.no !== CORRECTION.no,
							t.achievement,
							t.reason,
						].filter(Boolean),
					),
				);
				expect(log).toHaveLength(taken.length + 1);

				const before = bookBytes();
				const again = await cli("collect", "book.xlsx", "inbox");
				expect(again.code).toBe(1);
				expect(again.stdout).toContain(
					"合計 7件: 取込 0件、変更なし 3件、拒否 4件、競合 1件。ブックは変更していません。",
				);
				expect(bookBytes().equals(before)).toBe(true);
				expect(await editLog()).toEqual(log);
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"6. validate lists the row still to fix and counts the rest",
			async () => {
				const r = await cli("validate", "book.xlsx", "--json");
				expect(r.code).toBe(1);
				const report = JSON.parse(r.stdout);
				// Reported: 1–4, 6, 7, 9; blank: 8 and those of the refused files; to fix: 5.
				expect(report).toMatchObject({
					sheet: ENTRY,
					fiscalYear: 2024,
					done: 7,
					blank: 5,
					fix: 1,
				});
				expect(report.rows).toEqual([
					{
						no: "5",
						department: "子育て応援課",
						cell: expect.stringMatching(/^H\d+$/),
						reason: "評価がC・Dの場合は「評価理由・課題」を入力してください",
					},
				]);
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"7. remind --attach mails the late departments only, each with its own 照会 file, From the DX office",
			async () => {
				// Fresh files for the reminder: what was taken is already in them.
				const split = await cli(
					"split",
					"book.xlsx",
					"--out",
					"reminder-forms",
				);
				expect(split.code).toBe(0);
				const received: Array<{ rcpt: string[]; raw: string }> = [];
				const server = new SMTPServer({
					authOptional: true,
					disabledCommands: ["STARTTLS"],
					logger: false,
					onData(stream, session, callback) {
						const chunks: Buffer[] = [];
						stream.on("data", (c: Buffer) => chunks.push(c));
						stream.on("end", () => {
							received.push({
								rcpt: session.envelope.rcptTo.map((a) => a.address),
								raw: Buffer.concat(chunks).toString("utf8"),
							});
							callback();
						});
					},
				});
				await new Promise<void>((done) =>
					server.listen(0, "127.0.0.1", () => done()),
				);
				try {
					const port = (server.server.address() as AddressInfo).port;
					const r = await cli(
						"remind",
						"book.xlsx",
						"--today",
						"2024-05-28",
						"--smtp",
						`smtp://127.0.0.1:${port}`,
						"--attach",
						"reminder-forms",
					);
					expect(r.stderr).toBe("");
					expect(r.code).toBe(0);
				} finally {
					await new Promise<void>((done) => server.close(() => done()));
				}
				expect(received.map((m) => m.rcpt)).toEqual([
					...LATE.map((d) => [emailOf(d)]),
					[DX],
				]);
				const mails = await Promise.all(
					received.map((m) => simpleParser(m.raw)),
				);
				for (const [i, department] of LATE.entries()) {
					const m = mails[i] as ParsedMail;
					expect(m.from?.value).toEqual([{ name: "DX推進室", address: DX }]);
					expect(m.attachments.map((a) => a.filename)).toEqual([
						`R6_${department}.xlsx`,
					]);
					expect(
						m.attachments[0]?.content.equals(
							readFileSync(path("reminder-forms", `R6_${department}.xlsx`)),
						),
					).toBe(true);
					expect(m.text).toContain(ANSWER_METHOD);
					const everything = `${received[i]?.raw}\n${m.text}\n${m.html}`;
					for (const [other, ...addresses] of DEPARTMENTS)
						if (other !== department)
							for (const a of addresses.filter(Boolean))
								expect(everything).not.toContain(a);
				}
				// 農林振興課 is asked for 8 only: 9 was answered by 未来戦略課.
				const nourin = mails[LATE.indexOf("農林振興課")]?.text ?? "";
				expect(nourin).toMatch(/No\.?\s*8\D/);
				expect(nourin).not.toMatch(/No\.?\s*9\D/);
				expect(mails[LATE.length]?.attachments).toEqual([]);
				const sent = sheetOf(await loadWorkbook(path("book.xlsx")), "送信履歴")
					.values.slice(1)
					.map((row) => [row[1], row[3], row[5]]);
				// Mail went to the city's SMTP server: nothing claims Gmail.
				expect(sent).toEqual([
					...LATE.map((d) => [d, "事前催促", SEND_RESULT_SENT_OFFLINE]),
					["DX推進室", "ダイジェスト", SEND_RESULT_SENT_OFFLINE],
				]);
				for (const m of mails)
					expect(`${m.text}\n${m.html}`).not.toMatch(/Gmail|MailApp/);
				expect(mails[LATE.length]?.text).toContain(
					"「送信済」はメールサーバーに引き渡した",
				);
				// What 子育て応援課 gets back holds what was taken: nobody types it twice.
				const kosodate = await loadWorkbook(
					path("reminder-forms", "R6_子育て応援課.xlsx"),
				);
				expect(entryRow(kosodate, "4", ENTRY).values[ENTRY_COL.rating]).toBe(
					"A 順調に進んだ",
				);
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"8. summary --json counts what was typed, recounted here",
			async () => {
				const grades = new Map<string, Grade>();
				for (const a of ANSWERED)
					for (const t of a.rows)
						if (t.rating) grades.set(t.no, t.rating.grade);
				grades.set(CORRECTION.no, CORRECTION.grade);
				const expected = new Map<string, Record<string, number>>();
				const zero = () => ({ A: 0, B: 0, C: 0, D: 0, unrated: 0, total: 0 });
				const total = zero();
				for (const [no, , , measures] of PLAN) {
					const policies = new Set(
						measures.split("、").map((m) => m.split("-")[0] ?? ""),
					);
					for (const p of policies) {
						const counts = expected.get(p) ?? zero();
						expected.set(p, counts);
						for (const c of [counts, total]) {
							c[grades.get(no) ?? "unrated"] += 1;
							c.total += 1;
						}
					}
				}
				const r = await cli("summary", "book.xlsx", "--json");
				expect(r.stderr).toBe("");
				expect(r.code).toBe(0);
				const summary = JSON.parse(r.stdout);
				const pick = (c: Record<string, number>) => ({
					A: c.A,
					B: c.B,
					C: c.C,
					D: c.D,
					unrated: c.unrated,
					total: c.total,
				});
				expect(
					summary.policies.map(
						(p: Record<string, number> & { code: string }) => [p.code, pick(p)],
					),
				).toEqual(["I", "II", "III"].map((p) => [p, expected.get(p)]));
				expect(pick(summary.total)).toEqual(total);
				expect(summary.initiatives).toBe(PLAN.length);
				expect(summary.abShare).toBeCloseTo(
					(total.A + total.B) / total.total,
					10,
				);
				expect(summary.unreported.map((u: { name: string }) => u.name)).toEqual(
					LATE,
				);
			},
			WORKFLOW_BUDGET_MS,
		);

		it(
			"9. close-year; afterwards collect is refused, the book stays as it was, and nobody is reminded",
			async () => {
				const closed = await cli("close-year", "book.xlsx");
				expect(closed.stderr).toBe("");
				expect(closed.stdout).toContain(`「${ENTRY}」を締めました`);
				const before = bookBytes();
				const late = await cli("collect", "book.xlsx", "inbox");
				expect(late.code).toBe(1);
				expect(late.stderr.trimEnd().split("\n")).toEqual([
					"dx-progress: 令和6年度は締めているため、回答を取り込めません。取り込むには先に締めを解除してください（dx-progress close-year book.xlsx --reopen）。",
				]);
				expect(bookBytes().equals(before)).toBe(true);
				const remind = await cli(
					"remind",
					"book.xlsx",
					"--today",
					"2024-05-31",
					"--dry-run",
				);
				expect(remind.stdout).toContain(
					"令和6年度は締め済みです。催促メールは送信しません。",
				);
				expect(remind.stdout).toContain("本日送信する催促メール 0件");
			},
			WORKFLOW_BUDGET_MS,
		);
	},
);
