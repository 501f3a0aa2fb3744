/**
 * Who may edit what (SPEC 6): the master, 設定, 集計 and the logs are the DX office's only; in an
 * entry sheet every department reaches only the 評価・主な取組実績・評価理由・課題 cells of its own
 * rows. A closed year's sheet is the DX office's only.
 *
 * Each protection is locked down as Google's sample does (reference/spreadsheet/protection):
 * add the running account (its right may come only from a Google Group), remove every other
 * editor, switch domain editing off, then add the allowed accounts and groups. Our protections carry a description starting with PROTECTION_TAG so
 * they can be found, checked and rebuilt without touching anyone else's.
 */
import {
	ENTRY_COL,
	emailKey,
	type InputGroup,
	type Settings,
	SHEET_NAMES,
} from "../domain";
import { type Book, type Sheet, UserError } from "./book";
import { activeBook } from "./deployment";

const PROTECTION_TAG = "DX進捗管理";
const SETUP_BY = "dxProgress.setupBy";
const INSTALLED_BY = "dxProgress.installedBy";
/** DX office accounts seen editing through a Google Group (the script cannot list its members). */
const VIA_GROUP = "dxProgress.viaGroup";

/** Sheets only the DX office edits. */
const ADMIN_SHEETS = [
	SHEET_NAMES.settings,
	SHEET_NAMES.policies,
	SHEET_NAMES.measures,
	SHEET_NAMES.departments,
	SHEET_NAMES.initiatives,
	SHEET_NAMES.scale,
	SHEET_NAMES.kpis,
	SHEET_NAMES.summary,
	SHEET_NAMES.sendLog,
	SHEET_NAMES.editLog,
	SHEET_NAMES.plan,
] as const;

type Protection = GoogleAppsScript.Spreadsheet.Protection;

function unique(emails: ReadonlyArray<string | null | undefined>): string[] {
	const out: string[] = [];
	for (const e of emails) {
		const v = emailKey(e ?? "");
		if (v && !out.includes(v)) out.push(v);
	}
	return out;
}

/**
 * The DX office's accounts: the file's owner, whoever ran 初期設定, whoever installed the
 * triggers (they run as that account), 設定!DX推進室メール (accounts or Google Groups), and the
 * members of such a group who have run a DX office action (they stay the protections' editors).
 */
export function dxOfficeAccounts(settings: Settings): string[] {
	const props = PropertiesService.getDocumentProperties();
	// The file's owner can edit everything anyway (reference/spreadsheet/protection#canEdit());
	// getOwner() is null on a shared drive.
	const owner = activeBook().getOwner()?.getEmail() ?? "";
	return unique([
		owner,
		props.getProperty(SETUP_BY),
		props.getProperty(INSTALLED_BY),
		...settings.dxOfficeEmails,
		...(props.getProperty(VIA_GROUP) ?? "").split(","),
	]);
}

export function recordSetupBy(): void {
	const props = PropertiesService.getDocumentProperties();
	if (!props.getProperty(SETUP_BY)) props.setProperty(SETUP_BY, currentUser());
}

export function recordInstaller(): void {
	PropertiesService.getDocumentProperties().setProperty(
		INSTALLED_BY,
		currentUser(),
	);
}

let runner: string | undefined;

/** The account this execution runs as, asked once: each protection built names it. */
function currentUser(): string {
	runner ??= Session.getEffectiveUser().getEmail().toLowerCase();
	return runner;
}

/**
 * Menu actions that change the DX office's sheets are refused to other accounts. An account that
 * is not listed but can edit 設定's protection gets that right through a Google Group in
 * 設定!DX推進室メール (Protection.canEdit() counts group membership; nothing else shows it).
 * Returns the DX office's accounts it checked against, for the caller's further checks.
 */
export function requireDxOffice(settings: Settings, action: string): string[] {
	const office = dxOfficeAccounts(settings);
	const me = currentUser();
	if (office.length === 0 || !me || office.includes(me)) {
		assertCanEditAdminSheets(me);
		return office;
	}
	if (settingsProtection()?.canEdit()) {
		recordViaGroup(me);
		return office;
	}
	throw new UserError(
		`「${action}」はDX推進室だけが実行できます（${me} はDX推進室として登録されていません）。担当課の方は、自課の行の「評価」「主な取組実績」「評価理由・課題」だけを入力してください。`,
	);
}

function recordViaGroup(me: string): void {
	const props = PropertiesService.getDocumentProperties();
	const known = unique((props.getProperty(VIA_GROUP) ?? "").split(","));
	props.setProperty(VIA_GROUP, unique([...known, me]).join(","));
}

function settingsProtection(): Protection | undefined {
	const sheet = activeBook().getSheetByName(SHEET_NAMES.settings);
	return sheet?.getProtections(SpreadsheetApp.ProtectionType.SHEET).find(ours);
}

/**
 * A DX office member added to 設定 after the protections were made is not yet their editor, and
 * every write would fail with Sheets' English message; say in Japanese who can register them.
 */
function assertCanEditAdminSheets(me: string): void {
	const protection = settingsProtection();
	if (!protection || protection.canEdit()) return;
	throw new UserError(
		`${me || "このアカウント"} は、まだシートの保護の編集者に登録されていません。これまでの担当者かファイルのオーナーが「初期設定（シート作成）」を実行すると、設定シートの「DX推進室メール」に書かれたアカウントが登録されます。その後でもう一度実行してください。`,
	);
}

/** Installable triggers of an earlier installer still run as that account: only the current one works. */
export function isCurrentInstaller(): boolean {
	const installer =
		PropertiesService.getDocumentProperties().getProperty(INSTALLED_BY);
	return !installer || installer === currentUser();
}

function restrict(
	protection: Protection,
	description: string,
	editors: readonly string[],
): void {
	protection.setDescription(description);
	// reference/spreadsheet/protection (class sample): "Ensure the current user is an editor before
	// removing others. Otherwise, if the user's edit permission comes from a group, the script
	// throws an exception upon removing the group."
	const me = currentUser();
	if (me) protection.addEditor(me);
	protection.removeEditors(protection.getEditors());
	if (protection.canDomainEdit()) protection.setDomainEdit(false);
	if (editors.length > 0) protection.addEditors([...editors]);
}

function ours(protection: Protection): boolean {
	return protection.getDescription().startsWith(PROTECTION_TAG);
}

function removeOurs(sheet: Sheet): void {
	for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET))
		if (ours(p)) p.remove();
	for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE))
		if (ours(p)) p.remove();
}

function adminDescription(sheetName: string): string {
	return `${PROTECTION_TAG}：${sheetName}（DX推進室のみ編集できます）`;
}

/** Protects one of the DX office's sheets (replacing our earlier protection of it). */
export function protectAdminSheet(
	sheet: Sheet,
	office: readonly string[],
	name = sheet.getName(),
): void {
	removeOurs(sheet);
	restrict(sheet.protect(), adminDescription(name), office);
}

export function protectAdminSheets(
	book: Book,
	office: readonly string[],
): void {
	for (const name of ADMIN_SHEETS) {
		const sheet = book.getSheetByName(name);
		if (sheet) protectAdminSheet(sheet, office);
	}
}

/** A problem of one of the DX office's sheets, and which sheet. */
export interface SheetProblem {
	sheet: string;
	message: string;
}

/**
 * 全行を検証's check of the DX office's sheets (SPEC 12): each sheet protection must exist, have
 * only the DX office's accounts as editors, no domain-wide edit and no unprotected range. One
 * that is missing or widened is rebuilt as 初期設定 makes it. A constant number of calls per sheet.
 */
export function checkAndRepairAdminSheets(
	book: Book,
	office: readonly string[],
): SheetProblem[] {
	const owner = activeBook().getOwner()?.getEmail().toLowerCase() ?? "";
	const out: SheetProblem[] = [];
	for (const name of ADMIN_SHEETS) {
		const sheet = book.getSheetByName(name);
		if (!sheet) continue;
		const problems = adminSheetProblems(sheet, name, office, owner);
		if (problems.length === 0) continue;
		protectAdminSheet(sheet, office, name);
		for (const p of problems)
			out.push({ sheet: name, message: `${p}（保護を作り直しました）` });
	}
	return out;
}

function adminSheetProblems(
	sheet: Sheet,
	name: string,
	office: readonly string[],
	owner: string,
): string[] {
	const where = `「${name}」シート全体`;
	const whole = sheet
		.getProtections(SpreadsheetApp.ProtectionType.SHEET)
		.find(ours);
	if (!whole) return [`${where}の保護が外されています`];
	const problems: string[] = [];
	checkEditors(whole, office, owner, where, problems);
	const open = whole.getUnprotectedRanges();
	if (open.length > 0)
		problems.push(
			`${where}に保護されていない範囲が作られています（${open.map((r) => r.getA1Notation()).join(", ")}）`,
		);
	return problems;
}

/** The columns departments type into: 0-based first column and how many. */
export interface InputColumns {
	first: number;
	count: number;
}

/** 評価・主な取組実績・評価理由・課題 of the entry sheet. */
const ENTRY_INPUTS: InputColumns = {
	first: ENTRY_COL.rating,
	count: ENTRY_COL.reason - ENTRY_COL.rating + 1,
};

/** No row numbers: Sheets moves a protected range with its rows, the description stays true. */
function groupDescription(sheetName: string, group: InputGroup): string {
	return `${PROTECTION_TAG}：${sheetName} 入力欄（${group.departments.join("、")}）`;
}

/** First row and row count of an A1 range such as `F12:H30` or `F12`. */
function rowsOfA1(a1: string): { firstRow: number; numRows: number } {
	const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(a1);
	const first = Number(m?.[1] ?? 0);
	const last = Number(m?.[2] ?? first);
	return { firstRow: first, numRows: last - first + 1 };
}

function rowsText(firstRow: number, numRows: number): string {
	return `${firstRow}〜${firstRow + numRows - 1}行`;
}

/**
 * The entry sheet: the whole sheet for the DX office, except the input cells; each run of rows
 * of one department set editable by those departments (and the DX office). A closed year has no
 * input cells at all.
 */
export function protectEntrySheet(
	sheet: Sheet,
	groups: readonly InputGroup[],
	office: readonly string[],
	closed: boolean,
	name = sheet.getName(),
	inputs: InputColumns = ENTRY_INPUTS,
): void {
	removeOurs(sheet);
	const whole = sheet.protect();
	restrict(
		whole,
		closed
			? `${PROTECTION_TAG}：${name}（締め済み。DX推進室のみ編集できます）`
			: adminDescription(name),
		office,
	);
	if (closed || groups.length === 0) return;
	// Only the groups' own cells are open in the sheet protection: a row of no department (a
	// blank 取組No, an inserted row) stays the DX office's.
	const ranges = groups.map((group) =>
		sheet.getRange(
			group.firstRow,
			inputs.first + 1,
			group.numRows,
			inputs.count,
		),
	);
	whole.setUnprotectedRanges(ranges);
	for (const [i, group] of groups.entries()) {
		const range = ranges[i] as GoogleAppsScript.Spreadsheet.Range;
		restrict(
			range.protect(),
			groupDescription(name, group),
			unique([...office, ...group.editors]),
		);
	}
}

export interface ProtectionCheck {
	/** Japanese, one per difference found. */
	problems: string[];
}

/**
 * Compares an entry sheet's protections with what they should be: a missing one (removed), an
 * extra editor (widened) or a different range is reported. Calls grow with the number of
 * department groups, never with rows.
 */
export function checkEntryProtections(
	sheet: Sheet,
	groups: readonly InputGroup[],
	office: readonly string[],
	closed: boolean,
): ProtectionCheck {
	const name = sheet.getName();
	const problems: string[] = [];
	const owner = activeBook().getOwner()?.getEmail().toLowerCase() ?? "";
	const sheetProtections = sheet
		.getProtections(SpreadsheetApp.ProtectionType.SHEET)
		.filter(ours);
	if (sheetProtections.length === 0)
		problems.push(`「${name}」シート全体の保護が外されています`);
	else
		checkEditors(
			sheetProtections[0] as Protection,
			office,
			owner,
			`「${name}」シート全体`,
			problems,
		);
	const expected = (closed ? [] : groups).map((g) => ({
		description: groupDescription(name, g),
		where: `${groupDescription(name, g).slice(PROTECTION_TAG.length + 1)} ${rowsText(g.firstRow, g.numRows)}`,
		key: `${groupDescription(name, g)}@${g.firstRow}+${g.numRows}`,
		editors: unique([...office, ...g.editors]),
	}));
	const byKey = new Map(expected.map((e) => [e.key, e]));
	const found = new Set<string>();
	for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
		const description = p.getDescription();
		if (!description.startsWith(PROTECTION_TAG)) continue;
		const rows = rowsOfA1(p.getRange().getA1Notation());
		const key = `${description}@${rows.firstRow}+${rows.numRows}`;
		const want = byKey.get(key);
		if (!want) {
			problems.push(
				`保護の範囲が入力欄と合っていません（${description.slice(PROTECTION_TAG.length + 1)} ${rowsText(rows.firstRow, rows.numRows)}）`,
			);
			continue;
		}
		found.add(key);
		checkEditors(p, want.editors, owner, want.where, problems);
	}
	for (const e of expected) {
		if (!found.has(e.key)) problems.push(`保護が外されています（${e.where}）`);
	}
	return { problems };
}

function checkEditors(
	p: Protection,
	allowed: readonly string[],
	owner: string,
	where: string,
	problems: string[],
): void {
	// Counting first keeps the check to one call per protection; addresses are read only when
	// there are more editors than allowed (the owner and the running account are always there).
	const editors = p.getEditors();
	const limit = unique([...allowed, owner]).length;
	// Addresses that are not Google accounts are never added, so fewer editors than allowed is
	// normal; then one added outsider would not show in the count: compare the lists.
	if (editors.length !== limit) {
		const extra = editors
			.map((u) => u.getEmail().toLowerCase())
			.filter((e) => e !== owner && !allowed.includes(e));
		if (extra.length > 0)
			problems.push(
				`${where}の編集者が広げられています（${extra.join(", ")}）`,
			);
	}
	if (p.canDomainEdit())
		problems.push(`${where}がドメイン内の全員に編集可能になっています`);
}
