import { describe, expect, it } from "vitest";
import {
	type CsvError,
	formatProblem,
	isCsvError,
	parseCsv,
	planFromCsv,
	toCsv,
} from "../../src/domain";

describe("parseCsv", () => {
	it("reads quotes, embedded commas, quotes and newlines, and a BOM", () => {
		const text =
			'\ufeffa,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"line1\nline2",\n';
		expect(parseCsv(text)).toEqual([
			["a", "b", "c"],
			["1", "x, y", 'he said "hi"'],
			["2", "line1\nline2", ""],
		]);
	});
	it("handles CR line ends, no final newline and empty lines", () => {
		expect(parseCsv("a\rb")).toEqual([["a"], ["b"]]);
		expect(parseCsv("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
		expect(parseCsv("")).toEqual([]);
		expect(parseCsv(",")).toEqual([["", ""]]);
	});
	it("rejects an unterminated quote with the line number", () => {
		let caught: unknown = null;
		try {
			parseCsv('a\n"b,c\nd');
		} catch (e) {
			caught = e;
		}
		expect(isCsvError(caught)).toBe(true);
		expect((caught as CsvError).line).toBe(2);
		expect((caught as CsvError).message).toBe(
			'CSV 2行目: 引用符（"）が閉じられていません',
		);
		expect(() => parseCsv('a,b"c"\n')).toThrow(/途中に引用符/);
		expect(() => parseCsv('"a"b\n')).toThrow(/余分な文字/);
	});
	it("round-trips with toCsv", () => {
		const rows = [
			["取組No", "名前"],
			["1", 'a,"b"\nc'],
			["2", " lead"],
		];
		expect(parseCsv(toCsv(rows))).toEqual(rows);
	});
});

describe("planFromCsv", () => {
	it("returns the plan, problems and ratings", () => {
		const r = planFromCsv(
			"取組No,取組名,担当課,重点施策,評価,主な取組実績,評価理由・課題\n" +
				'1,A,"DX推進室、市民課","I-1、II-9",A,実績,\n' +
				"2,B,図書館,III-4,C,,理由\n" +
				"3,C,図書館,III-4,,,\n",
		);
		expect(r.problems.filter((p) => p.level === "error")).toEqual([]);
		expect(r.plan?.initiatives).toHaveLength(3);
		expect([...r.ratings.keys()]).toEqual(["1", "2"]);
		expect(r.ratings.get("2")).toEqual({
			rating: "C",
			achievement: "",
			reason: "理由",
		});
		expect(r.initiativeRows[1]).toEqual([
			"1",
			"A",
			"DX推進室、市民課",
			"I-1、II-9",
		]);
	});
	it("works without rating columns", () => {
		const r = planFromCsv("取組No,取組名,担当課,重点施策\n1,A,DX推進室,I-1\n");
		expect(r.plan?.initiatives).toHaveLength(1);
		expect(r.ratings.size).toBe(0);
	});
	it("reports CSV syntax errors and plan errors", () => {
		const bad = planFromCsv(
			'取組No,取組名,担当課,重点施策\n1,"A,DX推進室,I-1\n',
		);
		expect(bad.plan).toBeNull();
		expect(bad.problems.map(formatProblem)).toEqual([
			'CSV シート 2行目: CSV 2行目: 引用符（"）が閉じられていません',
		]);
		const unknown = planFromCsv(
			"取組No,取組名,担当課,重点施策\n1,A,DX推進室,IV-1\n",
		);
		expect(unknown.problems.map(formatProblem)).toContain(
			"取組 シート 2行目: 重点施策「IV-1」は重点施策シートにありません",
		);
	});
});
