/**
 * Parsing the master sheets (基本方針, 重点施策, 担当課, 取組) into a Plan, reporting every problem
 * in Japanese with its sheet and row.
 */
import { initiativeKey, parseMeasureCode, parsePolicyCode } from "./codes";
import { parseEmailList } from "./email";
import { DEPARTMENT_HEADERS, SHEET_NAMES } from "./layout";
import type { Department, Initiative, Measure, Plan, Policy } from "./plan";
import { blocksTally } from "./problem-scope";
import { hasErrors, type Problem, problem } from "./problems";
import { type ColumnSpec, cellAt, locateTable } from "./table";
import {
	cellString,
	nameKey,
	normalizeDepartmentName,
	quoteInput,
	splitList,
	toHalfWidth,
} from "./text";

export interface MasterTables {
	/** 基本方針: コード | 名称 (with the header row). */
	policies: readonly (readonly unknown[])[];
	/** 重点施策: コード | 基本方針 | 名称 */
	measures: readonly (readonly unknown[])[];
	/** 担当課: 課名 | メールアドレス | 所属長メールアドレス */
	departments: readonly (readonly unknown[])[];
	/** 取組: 取組No | 取組名 | 担当課 | 重点施策 */
	initiatives: readonly (readonly unknown[])[];
}

export interface PlanResult {
	/** null when a problem blocks the tally (blocksTally); callers that mail check hasErrors too. */
	plan: Plan | null;
	problems: Problem[];
	/** What could be read, errors left out: for showing partial information, never for a tally. */
	draft: Plan;
}

const P = SHEET_NAMES.policies;
const M = SHEET_NAMES.measures;
const D = SHEET_NAMES.departments;
const I = SHEET_NAMES.initiatives;

function parsePolicies(
	values: MasterTables["policies"],
	problems: Problem[],
): Policy[] {
	const table = locateTable(
		P,
		values,
		[
			{ key: "code", header: "コード", aliases: ["基本方針コード", "番号"] },
			{
				key: "name",
				header: "名称",
				aliases: ["基本方針", "基本方針名", "名前"],
			},
		],
		problems,
	);
	if (!table) return [];
	const out: Policy[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of table.rows) {
		const rawCode = cellAt(table, cells, "code");
		const name = cellString(cellAt(table, cells, "name"));
		const codeText = cellString(rawCode);
		if (codeText === "") {
			problems.push(
				problem(
					P,
					row,
					"コードが空欄です（I・II・III のように入力してください）",
				),
			);
			continue;
		}
		const code = parsePolicyCode(codeText);
		if (code === null) {
			problems.push(
				problem(
					P,
					row,
					`コード${quoteInput(rawCode)}は基本方針のコードではありません（I・II・III のように入力してください）`,
				),
			);
			continue;
		}
		if (name === "") {
			problems.push(problem(P, row, `基本方針「${code}」の名称が空欄です`));
			continue;
		}
		const prev = seen.get(code);
		if (prev !== undefined) {
			problems.push(
				problem(
					P,
					row,
					`コード「${code}」が重複しています（${prev}行目と同じ）`,
				),
			);
			continue;
		}
		seen.set(code, row);
		out.push({ code, name });
	}
	if (
		out.length === 0 &&
		!problems.some((p) => p.sheet === P && p.level === "error")
	) {
		problems.push(problem(P, null, "基本方針が1件もありません"));
	}
	return out;
}

/** `I`, `Ⅰ`, `行政サービスのDX`, `I 行政サービスのDX` → the policy, or null. */
function resolvePolicyRef(
	text: string,
	policies: readonly Policy[],
): Policy | null | undefined {
	const byCode = parsePolicyCode(text);
	if (byCode !== null) return policies.find((p) => p.code === byCode) ?? null;
	const key = nameKey(text);
	const byName = policies.find((p) => nameKey(p.name) === key);
	if (byName) return byName;
	const m = /^(\S+)\s+(.+)$/.exec(toHalfWidth(text).trim());
	if (m) {
		const code = parsePolicyCode(m[1] ?? "");
		if (code !== null) return policies.find((p) => p.code === code) ?? null;
	}
	return undefined;
}

function parseMeasures(
	values: MasterTables["measures"],
	policies: readonly Policy[],
	problems: Problem[],
	rejected: Set<string>,
): Measure[] {
	const table = locateTable(
		M,
		values,
		[
			{ key: "code", header: "コード", aliases: ["重点施策コード", "番号"] },
			{ key: "policy", header: "基本方針", aliases: ["基本方針コード"] },
			{
				key: "name",
				header: "名称",
				aliases: ["重点施策", "重点施策名", "名前"],
			},
		],
		problems,
	);
	if (!table) return [];
	const out: Measure[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of table.rows) {
		const rawCode = cellAt(table, cells, "code");
		const rawPolicy = cellAt(table, cells, "policy");
		const name = cellString(cellAt(table, cells, "name"));
		if (cellString(rawCode) === "") {
			problems.push(
				problem(M, row, "コードが空欄です（I-1 のように入力してください）"),
			);
			continue;
		}
		const parsed = parseMeasureCode(cellString(rawCode));
		if (!parsed) {
			problems.push(
				problem(
					M,
					row,
					`コード${quoteInput(rawCode)}は重点施策のコードではありません（I-1 のように入力してください）`,
				),
			);
			continue;
		}
		rejected.add(parsed.code);
		const policyText = cellString(rawPolicy);
		let policyCode = parsed.policyCode;
		if (policyText !== "") {
			const ref = resolvePolicyRef(policyText, policies);
			if (ref === undefined || ref === null) {
				problems.push(
					problem(
						M,
						row,
						`基本方針${quoteInput(rawPolicy)}は基本方針シートにありません`,
					),
				);
				continue;
			}
			if (ref.code !== parsed.policyCode) {
				problems.push(
					problem(
						M,
						row,
						`コード「${parsed.code}」と基本方針${quoteInput(rawPolicy)}が一致しません（コードの先頭は基本方針のコードにしてください）`,
					),
				);
				continue;
			}
			policyCode = ref.code;
		} else if (!policies.some((p) => p.code === policyCode)) {
			problems.push(
				problem(
					M,
					row,
					`重点施策「${parsed.code}」の基本方針「${policyCode}」は基本方針シートにありません`,
				),
			);
			continue;
		}
		if (name === "") {
			problems.push(
				problem(M, row, `重点施策「${parsed.code}」の名称が空欄です`),
			);
			continue;
		}
		const prev = seen.get(parsed.code);
		if (prev !== undefined) {
			problems.push(
				problem(
					M,
					row,
					`コード「${parsed.code}」が重複しています（${prev}行目と同じ）`,
				),
			);
			continue;
		}
		seen.set(parsed.code, row);
		rejected.delete(parsed.code);
		out.push({ code: parsed.code, policyCode, number: parsed.number, name });
	}
	if (
		out.length === 0 &&
		!problems.some((p) => p.sheet === M && p.level === "error")
	) {
		problems.push(problem(M, null, "重点施策が1件もありません"));
	}
	return out;
}

interface DepartmentRow {
	dept: Department;
	row: number;
}

function parseDepartments(
	values: MasterTables["departments"],
	problems: Problem[],
	sheet: string = D,
): DepartmentRow[] {
	const D = sheet;
	const table = locateTable(
		D,
		values,
		[
			{
				key: "name",
				header: "課名",
				aliases: ["担当課", "課", "所属", "所属名", "部署", "部署名"],
			},
			{
				key: "email",
				header: "メールアドレス",
				aliases: ["メール", "アドレス", "Eメール", "E-mail"],
			},
			{
				key: "head",
				header: "所属長メールアドレス",
				aliases: ["所属長メール", "所属長のメールアドレス", "所属長アドレス"],
			},
		],
		problems,
	);
	if (!table) return [];
	const out: DepartmentRow[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of table.rows) {
		const rawName = cellAt(table, cells, "name");
		const name = normalizeDepartmentName(cellString(rawName));
		if (name === "") {
			problems.push(problem(D, row, "課名が空欄です"));
			continue;
		}
		// 取組!担当課 lists several departments separated by these: a name cannot contain them.
		if (/[,、，､;；\r\n]/.test(name)) {
			problems.push(
				problem(
					D,
					row,
					`課名「${name}」に区切り文字（、 , ; 改行）は使えません。課名だけを入力してください`,
				),
			);
			continue;
		}
		const key = nameKey(name);
		const prev = seen.get(key);
		if (prev !== undefined) {
			problems.push(
				problem(D, row, `課名「${name}」が重複しています（${prev}行目と同じ）`),
			);
			continue;
		}
		seen.set(key, row);
		const mail = parseEmailList(cellString(cellAt(table, cells, "email")));
		const head = parseEmailList(cellString(cellAt(table, cells, "head")));
		for (const bad of mail.invalid) {
			problems.push(
				problem(
					D,
					row,
					`${name}のメールアドレス「${bad}」が正しくありません（例: dx@city.example.jp）`,
					"error",
					DEPARTMENT_HEADERS[1],
				),
			);
		}
		for (const bad of head.invalid) {
			problems.push(
				problem(
					D,
					row,
					`${name}の所属長メールアドレス「${bad}」が正しくありません（例: kacho@city.example.jp）`,
					"error",
					DEPARTMENT_HEADERS[2],
				),
			);
		}
		out.push({
			dept: { name, emails: mail.emails, headEmails: head.emails },
			row,
		});
	}
	return out;
}

/**
 * The rows of a 担当課 table (header first) given outside the sheet, e.g. a CSV for
 * `departments --csv`: every problem, each under `sheet` with its 1-based row.
 */
export function parseDepartmentTable(
	values: MasterTables["departments"],
	sheet: string,
): { departments: Department[]; problems: Problem[] } {
	const problems: Problem[] = [];
	const rows = parseDepartments(values, problems, sheet);
	if (rows.length === 0 && !hasErrors(problems))
		problems.push(problem(sheet, null, "担当課が1件もありません"));
	return { departments: rows.map((r) => r.dept), problems };
}

/**
 * The 担当課 sheet alone (with its header row): the valid departments in sheet order, for work
 * that needs names and addresses but not the whole master (collect, split). Problems are left to
 * parsePlan, which reports them.
 */
export function readDepartments(
	values: MasterTables["departments"],
): Department[] {
	return parseDepartments(values, []).map((d) => d.dept);
}

const indexes = new WeakMap<readonly Department[], Map<string, string>>();

/** nameKey → canonical name, built once per department list (called for every 取組 row). */
function departmentIndex(known: readonly Department[]): Map<string, string> {
	let index = indexes.get(known);
	if (!index) {
		index = new Map(known.map((d) => [nameKey(d.name), d.name]));
		indexes.set(known, index);
	}
	return index;
}

/**
 * Resolves one typed department against the known ones: by name (spaces and width ignored) or,
 * when the cell separates several names with spaces (`DX推進室 市民課`, the seed's own style, or
 * `DX 推進室 図書館`), by splitting at spaces into known names.
 */
export function resolveDepartments(
	text: string,
	known: readonly Department[],
): string[] | null {
	const byKey = departmentIndex(known);
	const direct = byKey.get(nameKey(text));
	if (direct) return [direct];
	const parts = toHalfWidth(text)
		.split(/\s+/)
		.filter((p) => p !== "");
	if (parts.length < 2) return null;
	// best[i] = a segmentation of parts[0..i) into known names (fewest names wins ties: greedy-long).
	const best: Array<string[] | null> = [[]];
	for (let i = 1; i <= parts.length; i++) {
		best[i] = null;
		for (let j = 0; j < i; j++) {
			const prefix = best[j];
			if (!prefix) continue;
			const name = byKey.get(nameKey(parts.slice(j, i).join("")));
			if (
				name &&
				(best[i] === null || (best[i] as string[]).length > prefix.length + 1)
			) {
				best[i] = [...prefix, name];
			}
		}
	}
	return best[parts.length] ?? null;
}

interface CellIssue {
	message: string;
	level: "error" | "warning";
}

function memoCell(
	parse: (text: string) => { names: string[]; issues: CellIssue[] },
): (text: string) => { names: string[]; issues: CellIssue[] } {
	const cache = new Map<string, { names: string[]; issues: CellIssue[] }>();
	return (text) => {
		let value = cache.get(text);
		if (!value) {
			value = parse(text);
			cache.set(text, value);
		}
		return value;
	};
}

/** The columns of 取組 (and of a plan CSV) as located by header. */
const INITIATIVE_COLUMNS: readonly ColumnSpec<
	"no" | "name" | "departments" | "measures"
>[] = [
	{
		key: "no",
		header: "取組No",
		aliases: ["取組No.", "取組番号", "No", "No.", "番号", "取組ナンバー"],
	},
	{
		key: "name",
		header: "取組名",
		aliases: ["具体的取組", "具体的な取組", "取組", "取組内容"],
	},
	{
		key: "departments",
		header: "担当課",
		aliases: ["担当部署", "課名", "所属"],
	},
	{
		key: "measures",
		header: "重点施策",
		aliases: ["重点施策コード", "施策"],
	},
];

/** The 担当課 cell of every 取組 row (1-based row, text), or [] when the column is missing. */
export function initiativeDepartmentCells(
	values: MasterTables["initiatives"],
): Array<{ row: number; text: string }> {
	const table = locateTable(I, values, INITIATIVE_COLUMNS, []);
	if (!table || table.cols.departments === undefined) return [];
	return table.rows.map(({ row, cells }) => ({
		row,
		text: cellString(cellAt(table, cells, "departments")),
	}));
}

function parseInitiatives(
	values: MasterTables["initiatives"],
	measures: readonly Measure[],
	departments: readonly Department[],
	problems: Problem[],
	rejectedMeasures: ReadonlySet<string> = new Set(),
): Initiative[] {
	const table = locateTable(I, values, INITIATIVE_COLUMNS, problems);
	if (!table) return [];
	const measureCodes = new Set(measures.map((m) => m.code));
	const deptKeys = new Set(departments.map((d) => nameKey(d.name)));
	const out: Initiative[] = [];
	const seen = new Map<string, number>();
	// 50,000 rows repeat a few hundred 担当課 and 重点施策 texts: each text is parsed once and its
	// problems are reported on every row that has it.
	const departmentsOfCell = memoCell((deptText) => {
		const names: string[] = [];
		const issues: CellIssue[] = [];
		for (const item of splitList(deptText)) {
			const resolved = resolveDepartments(item, departments);
			if (!resolved) {
				const hint = parseMeasureCode(item)
					? "。列がずれていないか確認してください"
					: "";
				issues.push({
					message: `担当課「${item}」は担当課シートにありません${hint}`,
					level: "error",
				});
				continue;
			}
			for (const d of resolved) {
				if (names.includes(d))
					issues.push({
						message: `担当課「${d}」が2回書かれています`,
						level: "warning",
					});
				else names.push(d);
			}
		}
		return { names, issues };
	});
	const measuresOfCell = memoCell((measureText) => {
		const names: string[] = [];
		const issues: CellIssue[] = [];
		for (const item of splitList(measureText)) {
			const parsed = parseMeasureCode(item);
			if (!parsed) {
				const hint = deptKeys.has(nameKey(item))
					? "。列がずれていないか確認してください"
					: "（I-1 のように入力してください）";
				issues.push({
					message: `重点施策「${item}」は重点施策のコードではありません${hint}`,
					level: "error",
				});
				continue;
			}
			if (!measureCodes.has(parsed.code)) {
				issues.push({
					message: rejectedMeasures.has(parsed.code)
						? `重点施策「${item}」は重点施策シートの行に誤りがあるため使えません`
						: `重点施策「${item}」は重点施策シートにありません`,
					level: "error",
				});
				continue;
			}
			if (names.includes(parsed.code))
				issues.push({
					message: `重点施策「${parsed.code}」が2回書かれています`,
					level: "warning",
				});
			else names.push(parsed.code);
		}
		return { names, issues };
	});
	for (const { row, cells } of table.rows) {
		const rawNo = cellAt(table, cells, "no");
		const no = cellString(rawNo);
		const name = cellString(cellAt(table, cells, "name"));
		const deptText = cellString(cellAt(table, cells, "departments"));
		const measureText = cellString(cellAt(table, cells, "measures"));
		let ok = true;
		if (no === "") {
			problems.push(
				problem(
					I,
					row,
					`取組Noが空欄です${name ? `（取組名「${name}」）` : ""}`,
				),
			);
			ok = false;
		} else {
			const key = initiativeKey(no);
			const prev = seen.get(key);
			if (prev !== undefined) {
				problems.push(
					problem(
						I,
						row,
						`取組No「${no}」が重複しています（${prev}行目と同じ）`,
					),
				);
				ok = false;
			} else seen.set(key, row);
		}
		const label = no !== "" ? `取組No「${no}」の` : "";
		if (name === "") {
			problems.push(problem(I, row, `${label}取組名が空欄です`));
			ok = false;
		}
		let deptNames: string[] = [];
		if (deptText === "") {
			problems.push(problem(I, row, `${label}担当課が空欄です`));
			ok = false;
		} else {
			const parsed = departmentsOfCell(deptText);
			deptNames = parsed.names;
			for (const issue of parsed.issues)
				problems.push(problem(I, row, issue.message, issue.level));
			if (parsed.issues.some((i) => i.level === "error")) ok = false;
		}
		let codes: string[] = [];
		if (measureText === "") {
			problems.push(problem(I, row, `${label}重点施策が空欄です`));
			ok = false;
		} else {
			const parsed = measuresOfCell(measureText);
			codes = parsed.names;
			for (const issue of parsed.issues)
				problems.push(problem(I, row, issue.message, issue.level));
			if (parsed.issues.some((i) => i.level === "error")) ok = false;
		}
		if (ok) out.push({ no, name, departments: deptNames, measures: codes });
	}
	if (table.rows.length === 0) {
		problems.push(
			problem(
				I,
				null,
				"取組が1件もありません（取組No・取組名・担当課・重点施策を入力してください）",
			),
		);
	}
	return out;
}

/**
 * Parses the four master sheets. Every problem is reported (not only the first), with its sheet
 * and 1-based row. The plan is null when an error blocks the tally (blocksTally: a bad mail
 * address does not); warnings (a measure without initiatives, a department without a mail
 * address, a value in a column without a header, …) never block.
 */
export function parsePlan(tables: MasterTables): PlanResult {
	const problems: Problem[] = [];
	const policies = parsePolicies(tables.policies, problems);
	const rejected = new Set<string>();
	const measures = parseMeasures(tables.measures, policies, problems, rejected);
	const deptRows = parseDepartments(tables.departments, problems);
	const departments = deptRows.map((d) => d.dept);
	const initiatives = parseInitiatives(
		tables.initiatives,
		measures,
		departments,
		problems,
		rejected,
	);

	const used = new Set(initiatives.flatMap((i) => i.measures));
	for (const m of measures) {
		if (!used.has(m.code) && initiatives.length > 0) {
			problems.push(
				problem(M, null, `重点施策「${m.code}」に取組がありません`, "warning"),
			);
		}
	}
	for (const p of policies) {
		if (!measures.some((m) => m.policyCode === p.code) && measures.length > 0) {
			problems.push(
				problem(
					P,
					null,
					`基本方針「${p.code}」に重点施策がありません`,
					"warning",
				),
			);
		}
	}
	const usedDepts = new Set(initiatives.flatMap((i) => i.departments));
	for (const { dept, row } of deptRows) {
		if (usedDepts.has(dept.name) && dept.emails.length === 0) {
			problems.push(
				problem(
					D,
					row,
					`${dept.name}のメールアドレスが未入力のため、催促メールを送れません`,
					"warning",
					DEPARTMENT_HEADERS[1],
				),
			);
		}
	}
	const draft: Plan = { policies, measures, departments, initiatives };
	return { plan: problems.some(blocksTally) ? null : draft, problems, draft };
}

/** The master sheets' rows (with headers) for a plan: the inverse of parsePlan. */
export function masterTablesFromPlan(plan: Plan): {
	policies: string[][];
	measures: string[][];
	departments: string[][];
	initiatives: string[][];
} {
	return {
		policies: [
			["コード", "名称"],
			...plan.policies.map((p) => [p.code, p.name]),
		],
		measures: [
			["コード", "基本方針", "名称"],
			...plan.measures.map((m) => [m.code, m.policyCode, m.name]),
		],
		departments: [
			["課名", "メールアドレス", "所属長メールアドレス"],
			...plan.departments.map((d) => [
				d.name,
				d.emails.join(", "),
				d.headEmails.join(", "),
			]),
		],
		initiatives: [
			["取組No", "取組名", "担当課", "重点施策"],
			...plan.initiatives.map((i) => [
				i.no,
				i.name,
				i.departments.join("、"),
				i.measures.join("、"),
			]),
		],
	};
}
