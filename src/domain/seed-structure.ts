/**
 * The structure of the seed report (亀山市行政DX推進計画, 令和4～8年度): 3 basic policies,
 * 24 priority measures with their exact names, and the departments of its 担当課 column.
 * setupWorkbook fills 基本方針, 重点施策 and 担当課 with these when the sheets are empty.
 */
import type { Department, Measure, Plan, Policy } from "./plan";

export const SEED_POLICIES: readonly Policy[] = [
	{ code: "I", name: "行政サービスのDX" },
	{ code: "II", name: "行政経営のDX" },
	{ code: "III", name: "市民・地域のDX" },
];

const MEASURE_NAMES: Record<string, readonly string[]> = {
	I: [
		"行政手続のオンライン化の推進",
		"マイナンバーカードの普及促進",
		"問い合わせの自動応答環境の整備",
		"住民情報系システムの充実と窓口のデジタル化の推進",
		"公金収納のデジタル化の推進",
		"情報発信の多様化の検討",
	],
	II: [
		"情報システムの標準化・共通化の推進",
		"タブレット端末の活用の推進",
		"AI・RPAの活用の拡充",
		"テレワークの推進",
		"Web会議の推進",
		"文書等のデジタル化の推進",
		"内部情報系システムの充実と内部事務のデジタル化の推進",
		"クラウド化の推進",
		"データ活用の推進",
		"庁内無線LANの拡充",
		"学校・保育現場等のデジタル化の推進",
		"情報セキュリティ対策の強化",
	],
	III: [
		"地域のデジタル化の促進",
		"オープンデータ化の推進",
		"サテライトオフィス等の検討",
		"Wi-Fi環境の整備",
		"防災や被災者支援の仕組みの構築",
		"情報格差への対応",
	],
};

export const SEED_MEASURES: readonly Measure[] = SEED_POLICIES.flatMap((p) =>
	(MEASURE_NAMES[p.code] ?? []).map((name, i) => ({
		code: `${p.code}-${i + 1}`,
		policyCode: p.code,
		number: i + 1,
		name,
	})),
);

/**
 * Every department of the seed's 担当課 column, spaces normalised (`DX 推進室` → `DX推進室`,
 * `広報 秘書課` → `広報秘書課`), in order of first appearance; plus 財務課, which the seed's text
 * names (財務課契約管財G) in the public-utility payment initiative. `病院` is kept as the seed writes
 * it (the city hospital's own name for itself in the report); the DX office can rename it.
 */
export const SEED_DEPARTMENT_NAMES: readonly string[] = [
	"DX推進室",
	"市民課",
	"広報秘書課",
	"図書館",
	"税務課",
	"建設管理課",
	"地域医療課",
	"議事調査課",
	"総務課",
	"上水道課",
	"下水道課",
	"会計課",
	"病院",
	"学校教育課",
	"まちづくり協働課",
	"文化課",
	"環境課",
	"歴史博物館",
	"政策推進課",
	"防災安全課",
	"生涯学習課",
	"財務課",
];

export const SEED_DEPARTMENTS: readonly Department[] =
	SEED_DEPARTMENT_NAMES.map((name) => ({
		name,
		emails: [],
		headEmails: [],
	}));

/** The seed's structure as a Plan without initiatives (copies: safe to mutate). */
export function seedStructure(): Plan {
	return {
		policies: SEED_POLICIES.map((p) => ({ ...p })),
		measures: SEED_MEASURES.map((m) => ({ ...m })),
		departments: SEED_DEPARTMENTS.map((d) => ({
			...d,
			emails: [],
			headEmails: [],
		})),
		initiatives: [],
	};
}

/** The master sheets' rows (header first) that setupWorkbook writes into empty sheets. */
export function seedMasterTables(): {
	policies: string[][];
	measures: string[][];
	departments: string[][];
	initiatives: string[][];
} {
	return {
		policies: [
			["コード", "名称"],
			...SEED_POLICIES.map((p) => [p.code, p.name]),
		],
		measures: [
			["コード", "基本方針", "名称"],
			...SEED_MEASURES.map((m) => [m.code, m.policyCode, m.name]),
		],
		departments: [
			["課名", "メールアドレス", "所属長メールアドレス"],
			...SEED_DEPARTMENT_NAMES.map((n) => [n, "", ""]),
		],
		initiatives: [["取組No", "取組名", "担当課", "重点施策"]],
	};
}
