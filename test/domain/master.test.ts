import { describe, expect, it } from "vitest";
import {
	formatProblem,
	masterTablesFromPlan,
	parsePlan,
	resolveDepartments,
	SEED_DEPARTMENTS,
	SEED_MEASURES,
	SEED_POLICIES,
	seedMasterTables,
} from "../../src/domain";
import { tables } from "./helpers";

const errorsOf = (r: ReturnType<typeof parsePlan>) =>
	r.problems.filter((p) => p.level === "error").map(formatProblem);

describe("seed structure", () => {
	it("has 3 policies and 24 measures with the seed's names", () => {
		expect(SEED_POLICIES.map((p) => `${p.code} ${p.name}`)).toEqual([
			"I 行政サービスのDX",
			"II 行政経営のDX",
			"III 市民・地域のDX",
		]);
		expect(SEED_MEASURES).toHaveLength(24);
		expect(SEED_MEASURES.filter((m) => m.policyCode === "II")).toHaveLength(12);
		expect(SEED_MEASURES.find((m) => m.code === "II-7")?.name).toBe(
			"内部情報系システムの充実と内部事務のデジタル化の推進",
		);
		expect(SEED_MEASURES.find((m) => m.code === "III-4")?.name).toBe(
			"Wi-Fi環境の整備",
		);
		expect(SEED_DEPARTMENTS.map((d) => d.name)).toContain("DX推進室");
		expect(SEED_DEPARTMENTS.map((d) => d.name)).toContain("広報秘書課");
	});
});

describe("parsePlan", () => {
	it("reads a valid master, with 再掲 and several departments", () => {
		const r = parsePlan(
			tables([
				[1, "オープンデータの拡充", "DX推進室", "II-9、III-2"],
				["2", "LINE公式アカウント", "広報秘書課", "I-3, I-6"],
				["3", "公共料金支払", "会計課、財務課", "Ⅰ－⑤\nII-7"],
			]),
		);
		expect(errorsOf(r)).toEqual([]);
		expect(r.plan?.initiatives).toEqual([
			{
				no: "1",
				name: "オープンデータの拡充",
				departments: ["DX推進室"],
				measures: ["II-9", "III-2"],
			},
			{
				no: "2",
				name: "LINE公式アカウント",
				departments: ["広報秘書課"],
				measures: ["I-3", "I-6"],
			},
			{
				no: "3",
				name: "公共料金支払",
				departments: ["会計課", "財務課"],
				measures: ["I-5", "II-7"],
			},
		]);
		// Measures without initiatives are a warning, not an error.
		expect(
			r.problems.some(
				(p) => p.level === "warning" && p.message.includes("I-1"),
			),
		).toBe(true);
	});

	it("tolerates reordered columns, blank rows, and the seed's spaced names", () => {
		const r = parsePlan(
			tables([], {
				initiatives: [
					["重点施策", "担当課", "取組名", "取組No"],
					[],
					["I-4", "DX 推進室 図書館", "図書館システム", "7"],
					["", "", "", ""],
					["II-4", "ＤＸ推進室 総務課", "テレワーク", "8"],
				],
			}),
		);
		expect(errorsOf(r)).toEqual([]);
		expect(r.plan?.initiatives.map((i) => i.departments)).toEqual([
			["DX推進室", "図書館"],
			["DX推進室", "総務課"],
		]);
	});

	it("reports every problem with its sheet and row", () => {
		const r = parsePlan(
			tables([
				["1", "A", "DX推進室", "I-1"],
				["1", "B", "DX推進室", "I-2"],
				["3", "C", "", "I-1"],
				["4", "D", "存在しない課", "I-1"],
				["5", "E", "DX推進室", "IV-1"],
				["", "F", "DX推進室", "I-1"],
				["7", "", "DX推進室", "I-1"],
			]),
		);
		expect(r.plan).toBeNull();
		expect(errorsOf(r)).toEqual([
			"取組 シート 3行目: 取組No「1」が重複しています（2行目と同じ）",
			"取組 シート 4行目: 取組No「3」の担当課が空欄です",
			"取組 シート 5行目: 担当課「存在しない課」は担当課シートにありません",
			"取組 シート 6行目: 重点施策「IV-1」は重点施策シートにありません",
			"取組 シート 7行目: 取組Noが空欄です（取組名「F」）",
			"取組 シート 8行目: 取組No「7」の取組名が空欄です",
		]);
		// The draft keeps what was valid.
		expect(r.draft.initiatives.map((i) => i.no)).toEqual(["1"]);
	});

	it("reports a missing header and values in a column without header", () => {
		const r = parsePlan(
			tables([], {
				initiatives: [
					["取組No", "取組名", "重点施策"],
					["1", "A", "I-1", "DX推進室"],
				],
			}),
		);
		expect(errorsOf(r)).toEqual([
			"取組 シート 1行目: 見出し「担当課」が見つかりません（見出し行: 取組No・取組名・重点施策）",
		]);
		const shifted = parsePlan(
			tables([
				["1", "A", "DX推進室", "I-1"],
				["2", "B", "DX推進室", "I-1", "はみ出し"],
			]),
		);
		expect(shifted.plan).not.toBeNull();
		expect(shifted.problems.map(formatProblem)).toContain(
			"取組 シート 3行目: 見出しのない列（E列）に値「はみ出し」があります。列がずれていないか確認してください",
		);
	});

	it("detects swapped 担当課 / 重点施策 columns", () => {
		const r = parsePlan(tables([["1", "A", "I-1", "DX推進室"]]));
		expect(errorsOf(r)).toEqual([
			"取組 シート 2行目: 担当課「I-1」は担当課シートにありません。列がずれていないか確認してください",
			"取組 シート 2行目: 重点施策「DX推進室」は重点施策のコードではありません。列がずれていないか確認してください",
		]);
	});

	it("validates policies, measures and departments", () => {
		const r = parsePlan(
			tables([["1", "A", "DX推進室", "I-1"]], {
				policies: [
					["コード", "名称"],
					["I", "行政サービスのDX"],
					["Ⅰ", "重複"],
					["X1", "変なコード"],
				],
				measures: [
					["コード", "基本方針", "名称"],
					["I-①", "I", "行政手続のオンライン化の推進"],
					["I-1", "I", "重複"],
					["IV-1", "", "未知の基本方針"],
					["I-2", "II", "不一致"],
					["I-3", "行政サービスのDX", "名前で指定"],
					["I-4", "I", ""],
				],
				departments: [
					["課名", "メールアドレス", "所属長メールアドレス"],
					["DX推進室", "dx@city.example.jp", "bad@"],
					["DX 推進室", "", ""],
					["市民課", "shimin@city", ""],
				],
			}),
		);
		expect(errorsOf(r)).toEqual([
			"基本方針 シート 3行目: コード「I」が重複しています（2行目と同じ）",
			"基本方針 シート 4行目: コード「X1」は基本方針のコードではありません（I・II・III のように入力してください）",
			"重点施策 シート 3行目: コード「I-1」が重複しています（2行目と同じ）",
			"重点施策 シート 4行目: 重点施策「IV-1」の基本方針「IV」は基本方針シートにありません",
			"重点施策 シート 5行目: 基本方針「II」は基本方針シートにありません",
			"重点施策 シート 7行目: 重点施策「I-4」の名称が空欄です",
			"担当課 シート 2行目: DX推進室の所属長メールアドレス「bad@」が正しくありません（例: kacho@city.example.jp）",
			"担当課 シート 3行目: 課名「DX推進室」が重複しています（2行目と同じ）",
			"担当課 シート 4行目: 市民課のメールアドレス「shimin@city」が正しくありません（例: dx@city.example.jp）",
		]);
		expect(r.draft.measures.map((m) => m.code)).toEqual(["I-1", "I-3"]);
	});

	it("round-trips through masterTablesFromPlan", () => {
		const r = parsePlan(tables([["1", "A", "DX推進室、市民課", "I-1、III-2"]]));
		const plan = r.plan;
		if (!plan) throw new Error("no plan");
		expect(parsePlan(masterTablesFromPlan(plan)).plan).toEqual(plan);
	});

	it("reports empty sheets", () => {
		const seed = seedMasterTables();
		const r = parsePlan({ ...seed, policies: [] });
		expect(errorsOf(r)).toContain(
			"基本方針 シート: シートが空です（1行目に見出し コード・名称 が必要です）",
		);
		expect(errorsOf(r)).toContain(
			"取組 シート: 取組が1件もありません（取組No・取組名・担当課・重点施策を入力してください）",
		);
	});
});

describe("resolveDepartments", () => {
	const known = SEED_DEPARTMENTS;
	it("matches by name, width and spaces ignored, and splits space-separated names", () => {
		expect(resolveDepartments("ＤＸ 推進室", known)).toEqual(["DX推進室"]);
		expect(resolveDepartments("DX推進室 市民課", known)).toEqual([
			"DX推進室",
			"市民課",
		]);
		expect(resolveDepartments("DX 推進室 図書館", known)).toEqual([
			"DX推進室",
			"図書館",
		]);
		expect(resolveDepartments("広報 秘書課", known)).toEqual(["広報秘書課"]);
		expect(resolveDepartments("DX推進室 どこか", known)).toBeNull();
	});
});

describe("department names", () => {
	it("refuses a 課名 containing a list separator, naming the row", async () => {
		const { parsePlan } = await import("../../src/domain");
		const result = parsePlan({
			policies: [
				["コード", "名称"],
				["I", "行政サービスのDX"],
			],
			measures: [
				["コード", "基本方針", "名称"],
				["I-1", "I", "行政手続のオンライン化の推進"],
			],
			departments: [
				["課名", "メールアドレス", "所属長メールアドレス"],
				["市民課、窓口担当", "a@x.example", ""],
			],
			initiatives: [
				["取組No", "取組名", "担当課", "重点施策"],
				["1", "取組", "市民課、窓口担当", "I-1"],
			],
		});
		expect(result.plan).toBeNull();
		expect(
			result.problems.map((p) => `${p.sheet}:${p.row}:${p.message}`),
		).toContain(
			"担当課:2:課名「市民課、窓口担当」に区切り文字（、 , ; 改行）は使えません。課名だけを入力してください",
		);
	});
});
