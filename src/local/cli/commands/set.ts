/**
 * `set BOOK.xlsx 項目=値 …`: the DX office types 設定 items into the sheet (e.g.
 * `set book.xlsx 回答期限=2025-05-30 DX推進室メール=dx@city.example.jp`). Each value is checked
 * as the product reads the sheet (parseSettings); a bad value or an unknown item refuses the
 * whole command with the item, the value and the reason, and nothing is saved.
 */
import {
	type CalendarDate,
	keepText,
	parseSettings,
	quoteInput,
	SETTING_ITEMS,
	type SettingItem,
	SHEET_NAMES,
	settingItemOf,
	settingsValueText,
} from "../../../domain";
import type { CellValue } from "../../runtime/model";
import { getCell, lastRow } from "../../runtime/model";
import type { LocalRuntime } from "../../runtime/runtime";
import { wallClockToInstant } from "../../runtime/xlsx/dates";
import { paste, sheetModel } from "../../workbook-ops";
import { parseArgs, xlsxPath } from "../args";
import { runtimeFor, withBook } from "../book-session";
import { commandFor } from "../menu-commands";
import type { CliIo } from "../run";
import { CliError } from "../usage";

const USAGE_LINE =
	"使い方: dx-progress set BOOK.xlsx 項目=値 …（例: dx-progress set book.xlsx 回答期限=2025-05-30 DX推進室メール=dx@city.example.jp）";

interface Wanted {
	item: SettingItem;
	text: string;
}

export async function setCommand(argv: string[], io: CliIo): Promise<number> {
	const [path, ...pairs] = parseArgs(argv, {}).positional;
	if (!path || pairs.length === 0) throw new CliError(USAGE_LINE);
	xlsxPath(path);
	const wanted = readPairs(pairs);
	const checked = await withBook(
		path,
		{ command: "set", mode: "write" },
		({ workbook }) => {
			const rt = runtimeFor(workbook);
			const values = checkValues(wanted, rt.state.now());
			if (!workbook.sheets.some((s) => s.name === SHEET_NAMES.settings))
				throw new CliError(
					`シート「${SHEET_NAMES.settings}」がありません。先に「${commandFor("setupWorkbook", path)}」を実行してください`,
					1,
				);
			for (const { item, text, date } of values)
				typeValue(
					rt,
					item,
					date ? dateCell(date, workbook.timeZone) : keepText(text),
				);
			return values;
		},
	);
	const shown = checked.map(({ item, shown }) => `${item.label}: ${shown}`);
	io.stdout(`設定を保存しました（${shown.join("、")}）。\n`);
	return 0;
}

/** `項目=値` arguments; every malformed, unknown or repeated one is reported at once. */
function readPairs(pairs: readonly string[]): Wanted[] {
	const out: Wanted[] = [];
	const bad: string[] = [];
	for (const pair of pairs) {
		const at = pair.indexOf("=");
		if (at <= 0) {
			bad.push(`「${pair}」は 項目=値 の形ではありません`);
			continue;
		}
		const label = pair.slice(0, at).trim();
		const item = settingItemOf(label);
		if (!item) {
			bad.push(
				`項目「${label}」はありません（項目: ${SETTING_ITEMS.map((i) => i.label).join("・")}）`,
			);
			continue;
		}
		if (out.some((w) => w.item.key === item.key)) {
			bad.push(`項目「${item.label}」が2回指定されています`);
			continue;
		}
		out.push({ item, text: pair.slice(at + 1).trim() });
	}
	if (bad.length > 0)
		throw new CliError(
			`設定を保存しません（指定に誤りが${bad.length}件あります）。${USAGE_LINE}`,
			2,
			bad,
		);
	return out;
}

/** Each value read as the sheet would read it; every bad one named with its value and reason. */
function checkValues(wanted: readonly Wanted[], now: Date) {
	const bad: string[] = [];
	const checked = wanted.map(({ item, text }) => {
		const read = parseSettings([[item.label, text]], now);
		for (const p of read.problems)
			if (p.level === "error")
				bad.push(
					p.message.startsWith(item.label)
						? p.message
						: `${item.label}${quoteInput(text)}: ${p.message}`,
				);
		const date: CalendarDate | null =
			item.key === "deadline" ? read.settings.deadline : null;
		const shown =
			text === "" ? "（空欄）" : settingsValueText(read.settings, item.key);
		return { item, text, date, shown };
	});
	if (bad.length > 0)
		throw new CliError(
			`設定の値に誤りがあるため、何も保存していません（${bad.length}件）。`,
			2,
			bad,
		);
	return checked;
}

/** 回答期限 as a date typed in the sheet: midnight in the spreadsheet's time zone. */
function dateCell(date: CalendarDate, timeZone: string): Date {
	return wallClockToInstant(
		new Date(Date.UTC(date.y, date.m - 1, date.d)),
		timeZone,
	);
}

/** The DX office types the value beside its 項目 (the first such row, as the sheet is read). */
function typeValue(
	rt: LocalRuntime,
	item: SettingItem,
	value: CellValue,
): void {
	const sheet = sheetModel(rt, SHEET_NAMES.settings);
	const last = lastRow(sheet);
	const dx = rt.workbook.owner;
	for (let r = 0; r < last; r++) {
		if (settingItemOf(String(getCell(sheet, r, 0)))?.key === item.key) {
			paste(rt, dx, SHEET_NAMES.settings, r + 1, 2, [[value]]);
			return;
		}
	}
	paste(rt, dx, SHEET_NAMES.settings, last + 1, 1, [[item.label, value]]);
}
