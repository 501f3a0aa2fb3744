/**
 * 報告資料を作成 (SPEC 10): the year's report, structured like the seed's 第1, shown in a dialog
 * over the spreadsheet, ready to print or copy. A dialog needs only the script.container.ui
 * scope the menu already has (a Google Doc would need the documents scope: the DX office
 * account's every document). Nothing is written: the workbook is only read.
 */
import {
	blocksTally,
	entrySheetName,
	fiscalYearLabel,
	formatPercent,
	initiativeKey,
	parsePlanInfo,
	readEntryRows,
	reportDocument,
	SHEET_NAMES,
	shareLabel,
} from "../domain";
import { renderReportHtml } from "../domain/report-html";
import { type Book, readAll, requireSheet, UserError } from "./book";
import { readMaster, readSettings } from "./master-sheets";
import { problemsMessage } from "./problems";
import { requireDxOffice } from "./protections";
import { tallyYears, yearKpis } from "./summary";
import { sheetZone } from "./time-zone";
import type { ActionResult } from "./ui";

const REPORT_DIALOG_TITLE = "報告資料";

function planInfo(book: Book) {
	const sheet = book.getSheetByName(SHEET_NAMES.plan);
	if (!sheet)
		throw new UserError(
			`「${SHEET_NAMES.plan}」シートがありません。メニュー「初期設定（シート作成）」を実行すると作成されます（見本の内容が入るので、計画名・計画期間・基本理念などを自市の内容に直してください）。`,
		);
	return parsePlanInfo(readAll(sheet));
}

/** 主な取組実績 by 取組No, from the target year's entry sheet. */
function achievements(book: Book, fiscalYear: number): Map<string, string> {
	const name = entrySheetName(fiscalYear);
	const rows = readEntryRows(readAll(requireSheet(book, name)), name).rows;
	return new Map(rows.map((r) => [initiativeKey(r.no), r.achievement]));
}

export function buildReport(book: Book, now: Date): ActionResult {
	const read = readSettings(book, now);
	const { settings } = read;
	requireDxOffice(settings, "報告資料を作成");
	const master = readMaster(book);
	const problems = [...read.problems, ...master.problems];
	if (!master.plan || problems.some(blocksTally))
		throw new UserError(
			problemsMessage(
				"設定またはマスタに問題があるため報告資料を作成できません。次の点を直してから、もう一度実行してください。",
				problems.filter(blocksTally),
			),
		);
	const info = planInfo(book);
	const years = tallyYears(book, master.plan, settings.fiscalYear);
	const current = years.find((y) => y.fiscalYear === settings.fiscalYear);
	if (!current)
		throw new UserError(
			`${fiscalYearLabel(settings.fiscalYear)}の評価シート「${entrySheetName(settings.fiscalYear)}」がありません。設定シートの「対象年度」を確認するか、メニュー「新年度の評価シートを作成」を実行してください。`,
		);
	const report = reportDocument({
		plan: master.plan,
		info,
		fiscalYear: settings.fiscalYear,
		tally: current.tally,
		achievements: achievements(book, settings.fiscalYear),
		years,
		kpi: yearKpis(book, settings.fiscalYear, []),
	});
	// reference/utilities/utilities#formatDate(Date,String,String), in the spreadsheet's zone.
	const generatedAt = Utilities.formatDate(
		now,
		sheetZone(book).zone,
		"yyyy/MM/dd HH:mm",
	);
	const html = renderReportHtml(report, { generatedAt, printButton: true });
	// reference/base/ui#showModalDialog(Object,String): sizes in pixels; the content scrolls.
	SpreadsheetApp.getUi().showModalDialog(
		HtmlService.createHtmlOutput(html).setWidth(900).setHeight(640),
		`${REPORT_DIALOG_TITLE}（${report.label}）`,
	);
	return {
		ok: true,
		shown: true,
		message: `${report.label}の報告資料を作成しました（${shareLabel(current.tally.scale)} ${formatPercent(current.tally.abShare)}）。ダイアログから印刷するか、内容をコピーしてください。`,
		report,
		generatedAt,
	};
}
