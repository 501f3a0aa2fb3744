/**
 * Embedded charts (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder, embedded-chart). The runtime
 * keeps each chart's type, data ranges, title, anchor and options for the .xlsx/HTML output;
 * it draws nothing. As documented, a chart is only in the sheet after Sheet.insertChart, and
 * changes made through chart.modify() are saved only by Sheet.updateChart
 * (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#modify()). getChartId() is null until inserted.
 *
 * Decision: ranges must be on the chart's sheet (the model keeps rects only); a range of another
 * sheet throws rather than being silently misread.
 */
import type { ChartModel, GridRect, SheetModel } from "../model";
import { GasError, type RuntimeState } from "../state";
import { asLocalRange, LocalRange } from "./range";
import { gas } from "./refs";

type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type ColumnBuilder = GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder;
type BarBuilder = GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder;
type PieBuilder = GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder;
type LineBuilder = GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface ChartSpec {
	id: number | null;
	type: ChartModel["type"];
	stacked: boolean;
	ranges: GridRect[];
	title: string;
	anchorRow: number;
	anchorCol: number;
	options: Record<string, unknown>;
}

function cloneSpec(s: ChartSpec): ChartSpec {
	return {
		...s,
		ranges: s.ranges.map((r) => ({ ...r })),
		options: { ...s.options },
	};
}

type ChartApi = Pick<
	EmbeddedChart,
	"getChartId" | "getContainerInfo" | "getOptions" | "getRanges" | "modify"
>;

export class LocalEmbeddedChart implements ChartApi {
	constructor(
		private readonly state: RuntimeState,
		readonly sheet: SheetModel,
		readonly spec: Readonly<ChartSpec>,
	) {}

	toString(): string {
		return "EmbeddedChart";
	}

	getChartId(): number | null {
		return this.spec.id;
	}

	getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
		const { anchorRow, anchorCol } = this.spec;
		return gas({
			getAnchorRow: () => anchorRow + 1,
			getAnchorColumn: () => anchorCol + 1,
			getOffsetX: () => 0,
			getOffsetY: () => 0,
			toString: () => "ContainerInfo",
		});
	}

	getOptions(): GoogleAppsScript.Charts.ChartOptions {
		const options: Record<string, unknown> = {
			...this.spec.options,
			title: this.spec.title,
		};
		return gas({
			get: (name: string) => options[name] ?? null,
			toString: () => "ChartOptions",
		});
	}

	getRanges(): Range[] {
		return this.spec.ranges.map((rect) =>
			gas<Range>(new LocalRange(this.state, this.sheet, rect)),
		);
	}

	modify(): EmbeddedChartBuilder {
		return gas(
			new LocalEmbeddedChartBuilder(
				this.state,
				this.sheet,
				cloneSpec(this.spec),
			),
		);
	}

	/** The model stored by insertChart/updateChart. */
	toModel(id: number): ChartModel {
		const s = cloneSpec(this.spec);
		return {
			id,
			type: s.type,
			stacked: s.stacked,
			ranges: s.ranges,
			title: s.title,
			anchorRow: s.anchorRow,
			anchorCol: s.anchorCol,
			options: s.options,
		};
	}
}

type BuilderApi = Pick<
	ColumnBuilder,
	| "addRange"
	| "asBarChart"
	| "asColumnChart"
	| "asLineChart"
	| "asPieChart"
	| "build"
	| "clearRanges"
	| "getRanges"
	| "removeRange"
	| "setOption"
	| "setPosition"
	| "setStacked"
	| "setTitle"
	| "setColors"
	| "setLegendPosition"
	| "setXAxisTitle"
	| "setYAxisTitle"
>;

export class LocalEmbeddedChartBuilder implements BuilderApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly sheet: SheetModel,
		private readonly spec: ChartSpec = {
			id: null,
			type: "COLUMN",
			stacked: false,
			ranges: [],
			title: "",
			anchorRow: 0,
			anchorCol: 0,
			options: {},
		},
	) {}

	/** The Apps Script class name of the builder in its current type (the runtime counts by it). */
	toString(): string {
		switch (this.spec.type) {
			case "BAR":
				return "EmbeddedBarChartBuilder";
			case "PIE":
				return "EmbeddedPieChartBuilder";
			case "LINE":
				return "EmbeddedLineChartBuilder";
			default:
				return "EmbeddedColumnChartBuilder";
		}
	}

	private get self(): ColumnBuilder {
		return gas(this);
	}

	addRange(range: Range): EmbeddedChartBuilder {
		const r = asLocalRange(range);
		if (r.sheetModel !== this.sheet) {
			throw new GasError(
				"Local runtime: a chart's ranges must be on the chart's own sheet.",
			);
		}
		this.spec.ranges.push({ ...r.rect });
		return gas(this);
	}

	removeRange(range: Range): EmbeddedChartBuilder {
		const r = asLocalRange(range).rect;
		this.spec.ranges = this.spec.ranges.filter(
			(x) =>
				!(
					x.row === r.row &&
					x.col === r.col &&
					x.numRows === r.numRows &&
					x.numCols === r.numCols
				),
		);
		return gas(this);
	}

	clearRanges(): EmbeddedChartBuilder {
		this.spec.ranges = [];
		return gas(this);
	}

	getRanges(): Range[] {
		return this.spec.ranges.map((rect) =>
			gas<Range>(new LocalRange(this.state, this.sheet, rect)),
		);
	}

	asColumnChart(): ColumnBuilder {
		this.spec.type = "COLUMN";
		return this.self;
	}

	asBarChart(): BarBuilder {
		this.spec.type = "BAR";
		return gas(this);
	}

	asPieChart(): PieBuilder {
		this.spec.type = "PIE";
		return gas(this);
	}

	asLineChart(): LineBuilder {
		this.spec.type = "LINE";
		return gas(this);
	}

	setStacked(): ColumnBuilder {
		this.spec.stacked = true;
		return this.self;
	}

	setTitle(chartTitle: string): ColumnBuilder {
		this.spec.title = String(chartTitle);
		return this.self;
	}

	setOption(option: string, value: unknown): EmbeddedChartBuilder {
		if (option === "title") this.spec.title = String(value);
		else if (option === "isStacked")
			this.spec.stacked =
				value === true || value === "true" || value === "absolute";
		else this.spec.options[option] = value;
		return gas(this);
	}

	setColors(cssValues: string[]): ColumnBuilder {
		this.spec.options.colors = [...cssValues];
		return this.self;
	}

	setLegendPosition(position: GoogleAppsScript.Charts.Position): ColumnBuilder {
		this.spec.options["legend.position"] = String(position);
		return this.self;
	}

	setXAxisTitle(title: string): ColumnBuilder {
		this.spec.options["hAxis.title"] = String(title);
		return this.self;
	}

	setYAxisTitle(title: string): ColumnBuilder {
		this.spec.options["vAxis.title"] = String(title);
		return this.self;
	}

	/** anchorRowPos / anchorColPos are 1-based (embedded-chart-builder#setPosition); the model is 0-based. */
	setPosition(
		anchorRowPos: number,
		anchorColPos: number,
		offsetX: number,
		offsetY: number,
	): EmbeddedChartBuilder {
		if (anchorRowPos < 1 || anchorColPos < 1) {
			throw new GasError(
				"The coordinates of the range are outside the dimensions of the sheet.",
			);
		}
		this.spec.anchorRow = anchorRowPos - 1;
		this.spec.anchorCol = anchorColPos - 1;
		if (offsetX || offsetY)
			this.spec.options.offset = { x: offsetX, y: offsetY };
		return gas(this);
	}

	build(): EmbeddedChart {
		return gas(
			new LocalEmbeddedChart(this.state, this.sheet, cloneSpec(this.spec)),
		);
	}
}

export function asLocalChart(chart: unknown): LocalEmbeddedChart {
	if (chart instanceof LocalEmbeddedChart) return chart;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
	);
}
