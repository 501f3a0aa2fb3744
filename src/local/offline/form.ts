/**
 * One department's 照会 file as a workbook model (SPEC 9): a 記入方法 sheet, and the entry sheet
 * with only that department's rows copied from the book with their formats, the rating dropdown
 * and the status colours; the whole file is protected except the input cells, and its identity is
 * signed into its hidden state. The xlsx writer turns the model into the file.
 */
import {
	ANSWER_COLUMNS,
	codesOf,
	entryLayoutWidth,
	fiscalYearLabel,
	type Scale,
	scaleOptions,
} from "../../domain";
import {
	type CellValue,
	cellKey,
	type GridRect,
	getCell,
	newSheetModel,
	newWorkbookModel,
	type ProtectionModel,
	type SheetModel,
	setCell,
	type WorkbookModel,
} from "../runtime/model";
import {
	attachIdentity,
	type BookSecret,
	encodeCell,
	newIdentity,
} from "./identity";

const GUIDE_SHEET = "記入方法";

export interface FormGuide {
	fiscalYear: number;
	/** The book's rating scale (評価区分), for the instructions. */
	scale: Scale;
	/** 回答期限 as shown, e.g. `2025年5月30日（金）`. */
	deadline: string;
	answerMethod: string;
	/** Whom to ask: 送信者名 and DX推進室メール. */
	contact: string;
}

interface FormSource {
	book: WorkbookModel;
	entry: SheetModel;
	department: string;
	/** 0-based rows of the book's entry sheet that are the department's. */
	rows: readonly number[];
	guide: FormGuide;
	secret: BookSecret;
	/** What a cell shows in the file (入力者: another department's address becomes its name). */
	shown: (value: CellValue, column: number) => CellValue;
	madeAt: Date;
}

export function answerForm(src: FormSource): WorkbookModel {
	const form = newWorkbookModel({
		owner: src.book.owner,
		name: `${src.entry.name}_${src.department}`,
		id: "answer-form",
		timeZone: src.book.timeZone,
	});
	form.sheets.push(guideSheet(form, src));
	const sheet = entryCopy(form, src);
	form.sheets.push(sheet);
	// The book's columns, last year's answers included when the sheet has them (read-only).
	const width = entryLayoutWidth(src.entry.values[0] ?? []);
	const cells = (r: number) =>
		Array.from({ length: width }, (_, c) => encodeCell(getCell(sheet, r, c)));
	attachIdentity(
		form,
		src.secret,
		newIdentity(src.secret, {
			fiscalYear: src.guide.fiscalYear,
			sheet: src.entry.name,
			department: src.department,
			madeAt: src.madeAt.toISOString(),
			header: cells(0).map(String),
			rows: src.rows.map((r, i) => ({ row: r + 1, cells: cells(i + 1) })),
		}),
	);
	return form;
}

function wholeSheet(
	form: WorkbookModel,
	unprotected: GridRect[],
): ProtectionModel {
	return {
		id: form.nextId++,
		description: "照会ファイル（入力欄のほかは変更できません）",
		warningOnly: false,
		editors: [form.owner],
		domainEdit: false,
		unprotected,
	};
}

function guideSheet(form: WorkbookModel, src: FormSource): SheetModel {
	const { guide, department } = src;
	const label = fiscalYearLabel(guide.fiscalYear);
	const rows: [string, string][] = [
		["照会", `${label} 行政DX推進計画 進捗度評価の照会（${department}）`],
		["年度", label],
		["担当課", department],
		["回答期限", guide.deadline],
		["対象の取組", `${src.rows.length}件（「${src.entry.name}」シート）`],
		["記入方法", howToFill(src.entry.name, guide.scale)],
		[
			"回答方法",
			guide.answerMethod ||
				"入力したこのファイルを、DX推進室へ返送してください。",
		],
		["問い合わせ先", guide.contact],
	];
	const sheet = newSheetModel(form, GUIDE_SHEET);
	rows.forEach(([item, text], r) => {
		setCell(sheet, r, 0, item);
		setCell(sheet, r, 1, text);
		sheet.formats.set(cellKey(r, 0), { font: { bold: true } });
		sheet.formats.set(cellKey(r, 1), { wrap: true });
	});
	sheet.columnWidths.set(0, 120);
	sheet.columnWidths.set(1, 640);
	sheet.protections.push(wholeSheet(form, []));
	return sheet;
}

function howToFill(entrySheet: string, scale: Scale): string {
	const reason = codesOf(scale, "評価");
	return [
		`1. 「${entrySheet}」シートの「評価」「主な取組実績」「評価理由・課題」に入力してください。ほかの欄は保護されていて変更できません。`,
		`2. 評価は一覧から選んでください（${scaleOptions(scale).join("／")}）。`,
		reason.length > 0
			? `3. 評価が ${reason.join(" または ")} のときは「評価理由・課題」も入力してください。`
			: "3. 「評価理由・課題」は、必要に応じて入力してください。",
		"4. 行・列・シートの追加や削除、並べ替え、保護の解除はしないでください（取り込めなくなります）。",
		"5. Excel形式（.xlsx）のまま上書き保存し、回答方法のとおり返送してください。ファイル名は変えてもかまいません。",
		"「状態」「入力者」「更新日時」は、DX推進室が回答を取り込んだときに更新されます。",
	].join("\n");
}

/** The book's entry sheet with only `src.rows`, its layout, dropdown and colours re-based. */
function entryCopy(form: WorkbookModel, src: FormSource): SheetModel {
	const { entry } = src;
	const sheet = newSheetModel(form, entry.name);
	const n = src.rows.length;
	const width = entryLayoutWidth(entry.values[0] ?? []);
	[0, ...src.rows].forEach((from, to) => {
		for (let c = 0; c < width; c++) {
			const v = getCell(entry, from, c);
			setCell(sheet, to, c, to === 0 ? v : src.shown(v, c));
			const format = entry.formats.get(cellKey(from, c));
			if (format) sheet.formats.set(cellKey(to, c), structuredClone(format));
		}
	});
	sheet.maxRows = n + 1;
	sheet.maxColumns = width;
	sheet.columnWidths = new Map(entry.columnWidths);
	sheet.hiddenColumns = new Set(entry.hiddenColumns);
	sheet.frozenRows = entry.frozenRows;
	sheet.frozenColumns = entry.frozenColumns;
	const body = (rect: GridRect): GridRect | null =>
		rect.row <= 1 && rect.row + rect.numRows > 1 && n > 0
			? { row: 1, col: rect.col, numRows: n, numCols: rect.numCols }
			: null;
	for (const v of entry.validations) {
		const rect = body(v.rect);
		if (rect) sheet.validations.push({ ...structuredClone(v), rect });
	}
	for (const f of entry.conditionalFormats) {
		const rects = f.rects.map(body).filter((r): r is GridRect => r !== null);
		if (rects.length > 0)
			sheet.conditionalFormats.push({ ...structuredClone(f), rects });
	}
	const inputs: GridRect[] =
		n > 0
			? [
					{
						row: 1,
						col: ANSWER_COLUMNS[0] as number,
						numRows: n,
						numCols: ANSWER_COLUMNS.length,
					},
				]
			: [];
	sheet.protections.push(wholeSheet(form, inputs));
	return sheet;
}
