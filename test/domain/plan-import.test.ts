/** A plan CSV of any city (ownDepartments), the 担当課 CSV, and 設定 items by name. */
import { describe, expect, it } from "vitest";
import {
	parseDepartmentTable,
	planFromCsv,
	settingItemOf,
} from "../../src/domain";

const HEADER = "取組No,取組名,担当課,重点施策\n";

describe("planFromCsv with ownDepartments", () => {
	it("takes the departments the CSV names: known ones as the seed spells them, new ones after", () => {
		const r = planFromCsv(
			`${HEADER}1,A,第二支所,I-1\n2,B,ＤＸ推進室 市民課,I-1\n3,C,"第二支所、 港湾課",I-2\n`,
			{ ownDepartments: true },
		);
		expect(r.problems.filter((p) => p.level === "error")).toEqual([]);
		expect(r.draft.departments.map((d) => d.name)).toEqual([
			"DX推進室",
			"市民課",
			"第二支所",
			"港湾課",
		]);
		expect(r.plan?.initiatives.map((i) => i.departments)).toEqual([
			["第二支所"],
			["DX推進室", "市民課"],
			["第二支所", "港湾課"],
		]);
	});

	it("still reports a measure code in the 担当課 column (a shifted column)", () => {
		const r = planFromCsv(`${HEADER}1,A,I-1,I-1\n`, { ownDepartments: true });
		expect(r.problems.map((p) => p.message)).toContainEqual(
			expect.stringContaining("列がずれていないか"),
		);
	});

	it("without it, only the seed's departments are known", () => {
		const r = planFromCsv(`${HEADER}1,A,第二支所,I-1\n`);
		expect(r.plan).toBeNull();
	});
});

describe("parseDepartmentTable", () => {
	it("reports every problem under the given name with its row", () => {
		const r = parseDepartmentTable(
			[
				["課名", "メール", "所属長メールアドレス"],
				["港湾課", "kowan@city.example.jp", ""],
				["港湾課", "x@city.example.jp", ""],
				["税務課", "bad", "boss@"],
			],
			"CSV",
		);
		expect(r.departments.map((d) => d.name)).toEqual(["港湾課", "税務課"]);
		expect(r.problems.map((p) => [p.sheet, p.row])).toEqual([
			["CSV", 3],
			["CSV", 4],
			["CSV", 4],
		]);
	});

	it("refuses a table with no department", () => {
		expect(
			parseDepartmentTable(
				[["課名", "メールアドレス", "所属長メールアドレス"]],
				"CSV",
			).problems[0]?.message,
		).toBe("担当課が1件もありません");
	});
});

describe("settingItemOf", () => {
	it("finds an item as the sheet reads its 項目 (width and spaces ignored)", () => {
		expect(settingItemOf("回答期限")?.key).toBe("deadline");
		expect(settingItemOf(" ＤＸ推進室メール ")?.key).toBe("dxOfficeEmails");
		expect(settingItemOf("締切")).toBeUndefined();
	});
});
