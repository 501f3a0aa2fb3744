/**
 * Synthetic plans for the benchmark: N initiatives over D departments (`課1`…`課D`, addresses
 * `dept1@bench.example`…) and the seed's 24 measures, with 再掲 placements, a few initiatives
 * shared by two departments, and deterministic A–D ratings per fiscal year.
 */
import { KPI_HEADERS } from "../../domain/layout";
import { SEED_MEASURES } from "../../domain/seed-structure";
import type { CellValue } from "../runtime/model";

const BENCH_DOMAIN = "bench.example";
export const BENCH_DX_OFFICE = `dx-office@${BENCH_DOMAIN}`;

/** Initiatives shared by two departments: a fixed number, so input groups do not grow with N. */
const SHARED_INITIATIVES = 5;

function departmentName(n: number): string {
	return `課${n}`;
}

export function departmentEmail(n: number): string {
	return `dept${n}@${BENCH_DOMAIN}`;
}

function departmentHeadEmail(n: number): string {
	return `dept${n}-head@${BENCH_DOMAIN}`;
}

/** 担当課 sheet rows, header first. */
export function departmentRows(departments: number): string[][] {
	const rows = [["課名", "メールアドレス", "所属長メールアドレス"]];
	for (let d = 1; d <= departments; d++)
		rows.push([departmentName(d), departmentEmail(d), departmentHeadEmail(d)]);
	return rows;
}

const TOPICS = [
	"窓口手続のオンライン化",
	"マイナンバーカード交付体制の拡充",
	"AIチャットボットによる問い合わせ対応",
	"キャッシュレス決済の導入",
	"電子申請システムの利用拡大",
	"RPAによる定型業務の自動化",
	"ペーパーレス会議の推進",
	"テレワーク環境の整備",
	"文書管理システムの導入",
	"オープンデータの公開拡充",
	"公共施設予約のオンライン化",
	"防災情報の多言語配信",
	"学校ICT環境の更新",
	"デジタル活用支援講座の開催",
	"庁内無線LANの整備",
	"情報セキュリティ研修の実施",
];

/** Japanese-looking initiative name, e.g. `取組123：RPAによる定型業務の自動化（第8期）`. */
function initiativeName(n: number): string {
	const topic = TOPICS[n % TOPICS.length] ?? TOPICS[0];
	return `取組${n}：${topic}（第${Math.floor(n / TOPICS.length) + 1}期）`;
}

/** 1-based department numbers of initiative n (1-based). */
function initiativeDepartments(n: number, departments: number): number[] {
	const first = ((n - 1) % departments) + 1;
	if (n <= SHARED_INITIATIVES && departments > 1)
		return [first, (first % departments) + 1];
	return [first];
}

/** Measure codes of initiative n: one of the seed's 24, every 12th also under another policy (再掲). */
function initiativeMeasures(n: number): string[] {
	const m = SEED_MEASURES.length;
	const first = SEED_MEASURES[(n - 1) % m];
	if (!first) throw new Error("no seed measures");
	const codes = [first.code];
	if (n % 12 === 0) {
		const other = SEED_MEASURES.find(
			(x) => x.policyCode !== first.policyCode && x.number === first.number,
		);
		if (other) codes.push(other.code);
	}
	return codes;
}

/** 取組 sheet rows, header first. */
export function initiativeRows(
	initiatives: number,
	departments: number,
): CellValue[][] {
	const rows: CellValue[][] = [["取組No", "取組名", "担当課", "重点施策"]];
	for (let n = 1; n <= initiatives; n++) {
		rows.push([
			n,
			initiativeName(n),
			initiativeDepartments(n, departments).map(departmentName).join("、"),
			initiativeMeasures(n).join("、"),
		]);
	}
	return rows;
}

/** A small deterministic hash → [0, 1). */
function unit(n: number, salt: number): number {
	let x = (n * 2654435761 + salt * 40503) >>> 0;
	x ^= x >>> 15;
	x = Math.imul(x, 2246822519) >>> 0;
	x ^= x >>> 13;
	return (x >>> 0) / 4294967296;
}

const LABELS = [
	"A 順調に進んだ",
	"B まずまず進んだ",
	"C あまり進まなかった",
	"D 進まなかった",
] as const;

/** 評価 | 主な取組実績 | 評価理由・課題 of initiative `no` in `fiscalYear` (C/D carry a reason). */
export function ratingCells(no: number, fiscalYear: number): CellValue[] {
	const u = unit(no, fiscalYear);
	const k = u < 0.6 ? 0 : u < 0.88 ? 1 : u < 0.97 ? 2 : 3;
	const label = LABELS[k] ?? LABELS[0];
	// Departments type the letter as often as the label; the script canonicalises it.
	const typed = unit(no, fiscalYear + 7) < 0.5 ? label.slice(0, 1) : label;
	return [
		typed,
		`令和${fiscalYear - 2018}年度は計画どおり取組${no}を実施した`,
		k >= 2 ? "担当者の異動により検討が遅れたため、次年度に継続する" : "",
	];
}

/**
 * KPI sheet rows, header first: every third initiative has an indicator, every sixth a second
 * one, so the KPI sheet grows with N as the entry sheet does.
 */
export function kpiRows(initiatives: number): CellValue[][] {
	const rows: CellValue[][] = [[...KPI_HEADERS]];
	for (let n = 3; n <= initiatives; n += 3) {
		rows.push([
			n,
			`取組${n}の実施件数`,
			"アウトプット",
			"件",
			0,
			100 + n,
			"R8",
		]);
		if (n % 6 === 0)
			rows.push([n, `取組${n}の利用率`, "アウトカム", "%", 10, 60, "R8"]);
	}
	return rows;
}

/** 実績値 of KPI row `k` (0-based) in `fiscalYear`, typed as people do. */
export function kpiActual(k: number, fiscalYear: number): string {
	const u = unit(k + 1, fiscalYear + 13);
	const value = Math.round(u * 150);
	return u < 0.3 ? `${value.toLocaleString("en-US")}件` : String(value);
}
