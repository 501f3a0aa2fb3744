/**
 * The 計画 sheet (SPEC 10): 項目 | 値 rows that say what the 報告資料's 計画の概要 says — the plan's
 * name, period, position, basic idea and the description of each basic policy. 初期設定 fills it
 * with the seed's text; the DX office rewrites it for its own city.
 */
import { parsePolicyCode } from "./codes";
import { SETTINGS_HEADERS } from "./layout";
import { cellString, cellText, nameKey, trimAll } from "./text";

export interface PlanInfo {
	/** 計画名: `亀山市行政DX推進計画` */
	name: string;
	/** 計画期間: `令和4～8年度（5年間）` */
	period: string;
	/** 計画の位置付け (a paragraph; may be blank). */
	position: string;
	/** 基本理念 (one sentence, shown in bold quotes). */
	basicIdea: string;
	/** 基本理念の説明 (a paragraph; may be blank). */
	basicIdeaText: string;
	/** 基本方針の説明 by policy code (`I` → its paragraph). */
	policyTexts: Record<string, string>;
}

const ITEMS = {
	name: "計画名",
	period: "計画期間",
	position: "計画の位置付け",
	basicIdea: "基本理念",
	basicIdeaText: "基本理念の説明",
} as const;

/** `基本方針の説明（I）`: the 項目 of a policy's description. */
export function policyTextItem(code: string): string {
	return `基本方針の説明（${code}）`;
}

const SEED_INFO: PlanInfo = {
	name: "亀山市行政DX推進計画",
	period: "令和4～8年度（5年間）",
	position:
		"亀山市行政DX推進計画は、デジタル社会形成基本法及び官民データ活用推進基本法に基づき、デジタル社会の形成や官民データ活用の推進に関し、国との適切な役割分担を踏まえて、地域の特性を生かした自主的な施策等を策定し実施するための分野別計画であり、本市の行政DXの推進を図るものです。",
	basicIdea:
		"人々の生活をより良い方向に変化させるため、利用者中心の行政サービスへ変革します",
	basicIdeaText:
		"本市の行政サービスを物理的制約から解放し、「いつでも」「どこでも」「誰でも」アクセスでき、「すぐ使えて」「簡単で」「便利で」「安全・安心な」利用者中心のサービスへ変革することで、利用者の体験全体が最良となるようなサービスを提供するとともに、提供されているサービスの内容、品質が継続的に改善され、向上するような行政サービスを実現し、人々の生活をあらゆる面でより良い方向に変化させることにより、一人ひとりの幸せが実現でき、心ゆたかに暮らせる社会につなげます。",
	policyTexts: {
		I: "サービスを通じて得られる利用者の体験が最良となるよう、行政DXを推進することにより利用者中心の行政サービスへ変革します。",
		II: "経営資源を行政サービスの更なる質の向上に振り向けるため、行政DXを推進することにより業務改革（BPR）を実現し、スマート自治体への転換を図ります。",
		III: "デジタル化によるメリットを多くの市民が享受できるよう、市民や地域社会のデジタル化を推進します。",
	},
};

/** The 計画 sheet 初期設定 writes: header, then the seed's items. */
export function defaultPlanInfoRows(): string[][] {
	return [
		[...SETTINGS_HEADERS],
		[ITEMS.name, SEED_INFO.name],
		[ITEMS.period, SEED_INFO.period],
		[ITEMS.position, SEED_INFO.position],
		[ITEMS.basicIdea, SEED_INFO.basicIdea],
		[ITEMS.basicIdeaText, SEED_INFO.basicIdeaText],
		...Object.entries(SEED_INFO.policyTexts).map(([code, text]) => [
			policyTextItem(code),
			text,
		]),
	];
}

/** The seed's rows whose 項目 the sheet lacks (a sheet made by an earlier version, or trimmed). */
export function missingPlanInfoRows(
	values: readonly (readonly unknown[])[],
): string[][] {
	const present = new Set(values.map((r) => itemKey(cellString(r[0]))));
	return defaultPlanInfoRows()
		.slice(1)
		.filter((r) => !present.has(itemKey(r[0] as string)));
}

/** One key per item: policy descriptions by their code (`（Ⅱ）` = `(II)`), others by name. */
function itemKey(item: string): string {
	const policy = policyOfItem(item);
	return policy ? `policy:${policy}` : nameKey(item);
}

/** `基本方針の説明（Ⅱ）` → `II`; null for any other 項目. */
function policyOfItem(item: string): string | null {
	const m = /^基本方針の説明\s*[（(](.+)[）)]$/.exec(trimAll(item));
	return m?.[1] ? parsePolicyCode(m[1]) : null;
}

/**
 * Reads the 計画 sheet. Blank or missing items are blank (the report leaves them out); the first
 * row of an item wins. Values keep their line breaks; surrounding spaces are trimmed.
 */
export function parsePlanInfo(
	values: readonly (readonly unknown[])[],
): PlanInfo {
	const info: PlanInfo = {
		name: "",
		period: "",
		position: "",
		basicIdea: "",
		basicIdeaText: "",
		policyTexts: {},
	};
	const seen = new Set<string>();
	const keys = Object.entries(ITEMS).map(
		([key, label]) => [nameKey(label), key as keyof typeof ITEMS] as const,
	);
	for (const row of values) {
		const item = cellString(row[0]);
		const value = trimAll(cellText(row[1]));
		const key = itemKey(item);
		if (item === "" || seen.has(key)) continue;
		seen.add(key);
		const field = keys.find(([k]) => k === key)?.[1];
		if (field) info[field] = value;
		const policy = policyOfItem(item);
		if (policy && value !== "") info.policyTexts[policy] = value;
	}
	return info;
}
