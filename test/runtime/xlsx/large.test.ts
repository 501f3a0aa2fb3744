import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	newSheetModel,
	newWorkbookModel,
	setCell,
	type WorkbookModel,
} from "../../../src/local/runtime/model";
import { loadWorkbook, saveWorkbook } from "../../../src/local/runtime/xlsx";
import { WORKFLOW_BUDGET_MS } from "../../support/budgets";
import { withTempDir } from "./helpers";

// 50,000 rows (save ≈10 s, load ≈7 s here) belong to the benchmark; the test keeps a size that
// still exercises the whole path.
const ROWS = 10_000;
const COLS = 12;
const LABELS = [
	"A 順調に進んだ",
	"B まずまず進んだ",
	"C あまり進まなかった",
	"D 進まなかった",
];

function bigBook(): WorkbookModel {
	const wb = newWorkbookModel();
	const s = newSheetModel(wb, "評価_R5");
	wb.sheets.push(s);
	const base = Date.UTC(2024, 3, 1) - 9 * 3600_000;
	for (let r = 0; r < ROWS; r++) {
		setCell(s, r, 0, r + 1);
		setCell(s, r, 1, "I");
		setCell(s, r, 2, `I-${(r % 6) + 1}`);
		setCell(s, r, 3, `取組その${r}：行政手続のオンライン化`);
		setCell(s, r, 4, "DX推進室、市民課");
		setCell(s, r, 5, LABELS[r % 4] as string);
		setCell(s, r, 6, `実績の説明 ${r}\n二行目`);
		setCell(s, r, 7, r % 3 === 0 ? "" : "理由");
		setCell(s, r, 8, "入力済");
		setCell(s, r, 9, "dx@example.lg.jp");
		setCell(s, r, 10, new Date(base + r * 60_000));
		setCell(s, r, 11, r % 2 === 0);
	}
	s.maxRows = ROWS;
	s.maxColumns = COLS;
	return wb;
}

describe("a large workbook", () => {
	it(`saves and loads ${ROWS.toLocaleString()} rows × ${COLS} columns`, {
		timeout: WORKFLOW_BUDGET_MS,
	}, async () => {
		await withTempDir(async (dir) => {
			const wb = bigBook();
			const path = join(dir, "big.xlsx");
			let t = performance.now();
			await saveWorkbook(wb, path);
			const saveSeconds = (performance.now() - t) / 1000;
			t = performance.now();
			const back = await loadWorkbook(path);
			const loadSeconds = (performance.now() - t) / 1000;
			console.log(
				`${ROWS} × 12: save ${saveSeconds.toFixed(1)} s, load ${loadSeconds.toFixed(1)} s`,
			);
			const s = back.sheets[0];
			expect(s?.values).toHaveLength(ROWS);
			expect(s?.values[ROWS - 1]?.[0]).toBe(ROWS);
			expect(s?.values[ROWS - 1]?.[10]).toEqual(
				wb.sheets[0]?.values[ROWS - 1]?.[10],
			);
			expect(s?.values[12_345]).toEqual(wb.sheets[0]?.values[12_345]);
			expect(s?.values[ROWS - 2]?.[11]).toBe(true);
		});
	});
});
