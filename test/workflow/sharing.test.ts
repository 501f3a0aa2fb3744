/**
 * Access that Google grants outside the sheet (SPEC 6, 12) through the bundle: a DX office staff
 * member who edits through a Google Group, 担当課 addresses the file is not shared with, and who
 * the edit trigger may name (入力者, 変更履歴).
 */
import { describe, expect, it } from "vitest";
import {
	ENTRY_COL,
	SEED_DEPARTMENT_NAMES,
	SHEET_NAMES,
} from "../../src/domain";
import { EDITOR_UNKNOWN } from "../../src/gas/validation";
import {
	connectShared,
	newControlWorkbook,
} from "../../src/local/control-deployment";
import { newWorkbookModel } from "../../src/local/runtime/model";
import type { LocalRuntime } from "../../src/local/runtime/runtime";
import { PROTECTED_MESSAGE } from "../../src/local/runtime/spreadsheet";
import { FILE_READ_ONLY_MESSAGE } from "../../src/local/runtime/spreadsheet/access";
import { SAMPLE_DEADLINE } from "../../src/local/sample-book";
import {
	paste,
	pasteTable,
	setSettings,
	sheetModel,
} from "../../src/local/workbook-ops";
import { loadSamplePlan } from "../../src/sample";
import {
	sampleDepartmentEmail,
	sampleDepartmentRows,
} from "../../src/sample/departments";
import { newRuntime } from "../support/bundle";
import { DX, expectOk, openedSampleBook, rowOf, rowsOf } from "./helpers";

const SHEET = "評価_R5";

function editorsOf(rt: LocalRuntime, sheet: string): string[] {
	const whole = sheetModel(rt, sheet).protections.find((p) => !p.rect);
	return whole?.editors ?? [];
}

describe("a DX office staff member who edits through a Google Group", () => {
	const OWNER = "owner@city.example.jp";
	const GROUP = "dx-staff@city.example.jp";
	const STAFF = "tanaka@city.example.jp";
	const STAFF2 = "suzuki@city.example.jp";

	function groupBook(): LocalRuntime {
		// As deployed (SPEC 12): the code in a control spreadsheet shared with the DX office's group.
		const rt = newRuntime({
			workbook: newWorkbookModel({ owner: OWNER }),
			container: newControlWorkbook(OWNER),
			groups: { [GROUP]: [STAFF, STAFF2] },
		});
		rt.shareControl(GROUP);
		rt.share(GROUP, ...SEED_DEPARTMENT_NAMES.map(sampleDepartmentEmail));
		connectShared(rt, STAFF);
		return rt;
	}

	it("runs 初期設定 → 新年度の評価シートを作成 → 年度を締める, and a second member can work too", () => {
		const rt = groupBook();
		rt.open(STAFF);
		expectOk(rt.runMenu("setupWorkbook", STAFF));
		const sample = loadSamplePlan();
		pasteTable(rt, STAFF, SHEET_NAMES.initiatives, sample.initiativeRows);
		pasteTable(
			rt,
			STAFF,
			SHEET_NAMES.departments,
			sampleDepartmentRows(SEED_DEPARTMENT_NAMES),
		);
		setSettings(rt, STAFF, {
			対象年度: "R5",
			回答期限: SAMPLE_DEADLINE,
			DX推進室メール: GROUP,
		});
		expectOk(rt.runMenu("installTriggers", STAFF));
		expect(editorsOf(rt, SHEET_NAMES.settings)).toContain(GROUP);
		const opened = expectOk(rt.runMenu("openFiscalYear", STAFF));
		expect(opened.message).not.toContain("編集者ではない");
		expect(editorsOf(rt, SHEET)).toContain(GROUP);
		const shimin = sampleDepartmentEmail("市民課");
		paste(rt, shimin, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [
			["A"],
		]);
		expectOk(rt.runMenu("closeFiscalYear", STAFF));
		expect(() =>
			paste(rt, shimin, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [
				["B"],
			]),
		).toThrow(PROTECTED_MESSAGE);
		// Another member of the group, never named anywhere, is DX office through the group.
		paste(rt, STAFF2, SHEET, rowOf(rt, "市民課"), ENTRY_COL.rating + 1, [
			["B"],
		]);
		const checked = expectOk(rt.runMenu("validateAll", STAFF2));
		expect(checked.message).not.toContain("保護");
		const again = expectOk(rt.runMenu("validateAll", STAFF));
		expect(again.message).not.toContain("保護");
	});

	it("a department is still refused the DX office's menu", () => {
		const rt = openedSampleBook();
		// Even with the control spreadsheet shared with it by mistake (SPEC 12 keeps it away).
		rt.shareControl(sampleDepartmentEmail("税務課"));
		const result = rt.runMenu(
			"validateAll",
			sampleDepartmentEmail("税務課"),
		) as {
			ok: boolean;
			message: string;
		};
		expect(result.ok).toBe(false);
		expect(result.message).toContain("DX推進室だけが実行できます");
	});
});

describe("担当課 addresses the spreadsheet is not shared with", () => {
	const TEAM = "zeimu-team@city-kameyama.example";

	function partlySharedBook(): LocalRuntime {
		const rt = openedSampleBook();
		const shimin = sampleDepartmentEmail("市民課");
		const kankyo = sampleDepartmentEmail("環境課");
		rt.workbook.editors = rt.workbook.editors.filter(
			(e) => e !== shimin && e !== kankyo,
		);
		// 環境課 edits through a group the file is shared with: the script cannot see that.
		rt.share(TEAM);
		rt.workbook.groups = { [TEAM]: [kankyo] };
		const row =
			sheetModel(rt, SHEET_NAMES.departments).values.findIndex(
				(r) => r[0] === "税務課",
			) + 1;
		paste(rt, DX, SHEET_NAMES.departments, row, 2, [[TEAM]]);
		return rt;
	}

	it("全行を検証 lists each one with what to do, and a shared group address is fine", () => {
		const rt = partlySharedBook();
		const result = expectOk(rt.runMenu("validateAll", DX));
		const message = String(result.message);
		expect(message).toContain(
			`市民課のアドレス ${sampleDepartmentEmail("市民課")} はこのスプレッドシートの編集者ではないため、入力できません。「共有」からこのアドレスを編集者として追加してください`,
		);
		expect(message).toContain(
			`環境課のアドレス ${sampleDepartmentEmail("環境課")} はこのスプレッドシートの編集者ではない`,
		);
		expect(message).not.toContain(TEAM);
		expect(message).not.toContain(sampleDepartmentEmail("総務課"));
		expect(() =>
			paste(
				rt,
				sampleDepartmentEmail("市民課"),
				SHEET,
				rowOf(rt, "市民課"),
				ENTRY_COL.rating + 1,
				[["A"]],
			),
		).toThrow(FILE_READ_ONLY_MESSAGE);
	});

	it("新年度の評価シートを作成 warns too, and still creates the sheet", () => {
		const rt = partlySharedBook();
		setSettings(rt, DX, { 対象年度: "R6" });
		const result = expectOk(rt.runMenu("openFiscalYear", DX));
		expect(result.message).toContain("評価_R6」を作成しました");
		expect(result.message).toContain(
			`${sampleDepartmentEmail("市民課")} はこのスプレッドシートの編集者ではない`,
		);
		rt.share(sampleDepartmentEmail("市民課"), sampleDepartmentEmail("環境課"));
		const clean = expectOk(rt.runMenu("validateAll", DX));
		expect(clean.message).not.toContain("編集者ではない");
	});
});

describe("who edited: 入力者 and 変更履歴 never name the wrong person", () => {
	const OTHER_DOMAIN = "shimin@other-city.example";
	const CONSUMER = "shimin.kameyama@gmail.com";

	it("an editor of another domain and a gmail.com editor are not revealed; one of the owner's domain is", () => {
		const rt = openedSampleBook();
		const row =
			sheetModel(rt, SHEET_NAMES.departments).values.findIndex(
				(r) => r[0] === "市民課",
			) + 1;
		paste(rt, DX, SHEET_NAMES.departments, row, 2, [
			[`${OTHER_DOMAIN}, ${CONSUMER}`],
		]);
		rt.share(OTHER_DOMAIN, CONSUMER);
		expectOk(rt.runMenu("validateAll", DX));
		const shimin = rowOf(rt, "市民課");
		const zeimu = rowOf(rt, "税務課");
		const lastLog = () => rowsOf(rt, SHEET_NAMES.editLog).at(-1) ?? [];
		const editorCell = (r: number) =>
			sheetModel(rt, SHEET).values[r - 1]?.[ENTRY_COL.editor];
		for (const user of [OTHER_DOMAIN, CONSUMER]) {
			paste(rt, user, SHEET, shimin, ENTRY_COL.rating + 1, [["A"]]);
			expect(editorCell(shimin)).toBe(EDITOR_UNKNOWN);
			expect(lastLog()[1]).toBe(EDITOR_UNKNOWN);
			expect(lastLog()[3]).toBe(`F${shimin}`);
		}
		const same = sampleDepartmentEmail("税務課");
		paste(rt, same, SHEET, zeimu, ENTRY_COL.rating + 1, [["B"]]);
		expect(editorCell(zeimu)).toBe(same);
		expect(lastLog()[1]).toBe(same);
		const named = rowsOf(rt, SHEET_NAMES.editLog).map((r) => r[1]);
		expect(named).not.toContain(DX);
	});
});
