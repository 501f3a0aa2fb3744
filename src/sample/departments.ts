/**
 * Sample mail addresses for the seed's departments (the seed names no addresses). The reserved
 * `.example` domain (RFC 2606) so that no demo mail can ever reach a real person.
 */
const SAMPLE_DOMAIN = "city-kameyama.example";
export const SAMPLE_DX_OFFICE = `dx-office@${SAMPLE_DOMAIN}`;

const ROMAJI: Record<string, string> = {
	DX推進室: "dx",
	市民課: "shimin",
	広報秘書課: "koho",
	図書館: "library",
	税務課: "zeimu",
	建設管理課: "kensetsu",
	地域医療課: "iryo",
	議事調査課: "giji",
	総務課: "somu",
	上水道課: "josuido",
	下水道課: "gesuido",
	会計課: "kaikei",
	病院: "hospital",
	学校教育課: "gakko",
	まちづくり協働課: "machizukuri",
	文化課: "bunka",
	環境課: "kankyo",
	歴史博物館: "museum",
	政策推進課: "seisaku",
	防災安全課: "bosai",
	生涯学習課: "shogai",
	財務課: "zaimu",
};

export function sampleDepartmentEmail(name: string): string {
	return `${ROMAJI[name] ?? "dept"}@${SAMPLE_DOMAIN}`;
}

export function sampleHeadEmail(name: string): string {
	return `${ROMAJI[name] ?? "dept"}-head@${SAMPLE_DOMAIN}`;
}

/** 担当課 sheet rows (header first) with sample addresses. */
export function sampleDepartmentRows(names: readonly string[]): string[][] {
	return [
		["課名", "メールアドレス", "所属長メールアドレス"],
		...names.map((n) => [n, sampleDepartmentEmail(n), sampleHeadEmail(n)]),
	];
}
