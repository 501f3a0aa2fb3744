/**
 * Embedded charts (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder, embedded-chart). The runtime
 * keeps each chart's type, data ranges, title, anchor and options for the .xlsx/HTML output;
 * it draws nothing. As documented, a chart is only in the sheet after Sheet.insertChart, and
 * changes made through chart.modify() are saved only by Sheet.updateChart
 * (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#modify()). getChartId() is null until inserted.
 *
 * Decision: ranges must be on the chart's sheet (the model keeps rects only); a range of another
 * sheet throws rather than being silently misread.
 *
 * Only what Google documents is accepted. Each builder is the documented class it is at that
 * point of the chain: `newChart()` and every method documented as returning EmbeddedChartBuilder
 * (addRange, setPosition, setOption, setNumHeaders, setTransposeRowsAndColumns, …) give the
 * generic class, which has no setStacked or setTitle; as*Chart() and the typed setters give the
 * typed class (reference/spreadsheet/embedded-bar-chart-builder, embedded-column-chart-builder,
 * embedded-line-chart-builder, embedded-pie-chart-builder). A method that is not on that class
 * throws the TypeError a missing function throws. setOption takes only the names in the
 * "Configuration options" of the chart type's Google Charts page (CHART_OPTIONS).
 */
import type { CellValue, ChartModel, GridRect, SheetModel } from "../model";
import { GasError, type RuntimeState } from "../state";
import { rectToA1 } from "./a1";
import { readBlock } from "./cells";
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
	/** embedded-chart-builder#setTransposeRowsAndColumns(transpose); default false. */
	transposed: boolean;
	/** embedded-chart-builder#setNumHeaders(headers); -1 when not set (Sheets guesses). */
	numHeaders: number;
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
				GENERIC,
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
			transposed: s.transposed,
			numHeaders: s.numHeaders,
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
	| "setNumHeaders"
	| "setOption"
	| "setPosition"
	| "setStacked"
	| "setTitle"
	| "setTransposeRowsAndColumns"
	| "setColors"
	| "setLegendPosition"
	| "setXAxisTitle"
	| "setYAxisTitle"
>;

const GENERIC = "EmbeddedChartBuilder";
type BuilderClass = typeof GENERIC | (typeof TYPED_CLASS)[ChartModel["type"]];

const TYPED_CLASS = {
	BAR: "EmbeddedBarChartBuilder",
	COLUMN: "EmbeddedColumnChartBuilder",
	LINE: "EmbeddedLineChartBuilder",
	PIE: "EmbeddedPieChartBuilder",
} as const;

/** The typed setters the runtime implements, and the documented classes that have them. */
const TYPED_METHODS: Record<string, ReadonlyArray<ChartModel["type"]>> = {
	setStacked: ["BAR", "COLUMN"],
	setTitle: ["BAR", "COLUMN", "LINE", "PIE"],
	setColors: ["BAR", "COLUMN", "LINE", "PIE"],
	setLegendPosition: ["BAR", "COLUMN", "LINE", "PIE"],
	setXAxisTitle: ["BAR", "COLUMN", "LINE"],
	setYAxisTitle: ["BAR", "COLUMN", "LINE"],
};

// Google Charts "Configuration options" of each type, as setOption takes them
// (embedded-chart-builder#setOption(option, value): "See the available options for this chart"):
// https://developers.google.com/chart/interactive/docs/gallery/barchart#configuration-options,
// …/columnchart#configuration-options, …/linechart#configuration-options,
// …/piechart#configuration-options. Only the documented names the runtime vouches for.
const AXIS_OPTIONS = [
	"format",
	"gridlines.color",
	"gridlines.count",
	"logScale",
	"maxValue",
	"minValue",
	"textPosition",
	"textStyle",
	"title",
	"titleTextStyle",
	"viewWindow.max",
	"viewWindow.min",
];
const COMMON_OPTIONS = [
	"backgroundColor",
	"backgroundColor.fill",
	"backgroundColor.stroke",
	"backgroundColor.strokeWidth",
	"chartArea",
	"chartArea.backgroundColor",
	"chartArea.height",
	"chartArea.left",
	"chartArea.top",
	"chartArea.width",
	"colors",
	"enableInteractivity",
	"fontName",
	"fontSize",
	"height",
	"legend",
	"legend.alignment",
	"legend.position",
	"legend.textStyle",
	"reverseCategories",
	"title",
	"titleTextStyle",
	"tooltip",
	"tooltip.textStyle",
	"tooltip.trigger",
	"width",
];
const AXIS_CHART_OPTIONS = [
	...COMMON_OPTIONS,
	"animation.duration",
	"animation.easing",
	"animation.startup",
	"axisTitlesPosition",
	"dataOpacity",
	"focusTarget",
	"orientation",
	"series",
	"theme",
	"titlePosition",
	...AXIS_OPTIONS.flatMap((o) => [`hAxis.${o}`, `vAxis.${o}`]),
];
const BAR_OPTIONS = [
	...AXIS_CHART_OPTIONS,
	"annotations.alwaysOutside",
	"annotations.textStyle",
	"bar.groupWidth",
	"isStacked",
];
const CHART_OPTIONS: Readonly<Record<ChartModel["type"], ReadonlySet<string>>> =
	{
		BAR: new Set(BAR_OPTIONS),
		COLUMN: new Set(BAR_OPTIONS),
		LINE: new Set([
			...AXIS_CHART_OPTIONS,
			"curveType",
			"interpolateNulls",
			"lineDashStyle",
			"lineWidth",
			"pointShape",
			"pointSize",
		]),
		PIE: new Set([
			...COMMON_OPTIONS,
			"is3D",
			"pieHole",
			"pieSliceBorderColor",
			"pieSliceText",
			"pieSliceTextStyle",
			"pieStartAngle",
			"sliceVisibilityThreshold",
			"slices",
		]),
	};

function newSpec(): ChartSpec {
	return {
		id: null,
		type: "COLUMN",
		stacked: false,
		ranges: [],
		transposed: false,
		numHeaders: -1,
		title: "",
		anchorRow: 0,
		anchorCol: 0,
		options: {},
	};
}

export class LocalEmbeddedChartBuilder implements BuilderApi {
	constructor(
		private readonly state: RuntimeState,
		private readonly sheet: SheetModel,
		private readonly spec: ChartSpec = newSpec(),
		private readonly className: BuilderClass = GENERIC,
	) {}

	/** The Apps Script class of this builder (the runtime counts calls by it). */
	toString(): string {
		return this.className;
	}

	/** The same chart under a builder of another documented class (one spec, shared). */
	private as<T>(className: BuilderClass): T {
		return gas<T>(
			new LocalEmbeddedChartBuilder(
				this.state,
				this.sheet,
				this.spec,
				className,
			),
		);
	}

	private generic(): EmbeddedChartBuilder {
		return this.as(GENERIC);
	}

	/** A typed setter: only on the typed builder classes that document it. */
	private typed(method: string): ColumnBuilder {
		const types = TYPED_METHODS[method] ?? [];
		if (
			this.className === GENERIC ||
			!types.some((t) => TYPED_CLASS[t] === this.className)
		) {
			throw new TypeError(
				`${method} is not a function (no ${this.className}.${method} in the Apps Script reference)`,
			);
		}
		return gas(this);
	}

	private typeIs(type: ChartModel["type"]): ColumnBuilder {
		this.spec.type = type;
		return this.as(TYPED_CLASS[type]);
	}

	addRange(range: Range): EmbeddedChartBuilder {
		const r = asLocalRange(range);
		if (r.sheetModel !== this.sheet) {
			throw new GasError(
				"Local runtime: a chart's ranges must be on the chart's own sheet.",
			);
		}
		this.spec.ranges.push({ ...r.rect });
		return this.generic();
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
		return this.generic();
	}

	clearRanges(): EmbeddedChartBuilder {
		this.spec.ranges = [];
		return this.generic();
	}

	getRanges(): Range[] {
		return this.spec.ranges.map((rect) =>
			gas<Range>(new LocalRange(this.state, this.sheet, rect)),
		);
	}

	asColumnChart(): ColumnBuilder {
		return this.typeIs("COLUMN");
	}

	asBarChart(): BarBuilder {
		return gas(this.typeIs("BAR"));
	}

	asPieChart(): PieBuilder {
		return gas(this.typeIs("PIE"));
	}

	asLineChart(): LineBuilder {
		return gas(this.typeIs("LINE"));
	}

	/** "If set to true, the rows and columns are switched. Defaults to false." */
	setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilder {
		this.spec.transposed = transpose === true;
		return this.generic();
	}

	/** "Sets the number of rows or columns of the range that should be treated as headers." */
	setNumHeaders(headers: number): EmbeddedChartBuilder {
		if (!Number.isInteger(headers) || headers < 0)
			throw new GasError(`Invalid argument: headers (${headers})`);
		this.spec.numHeaders = headers;
		return this.generic();
	}

	setStacked(): ColumnBuilder {
		const self = this.typed("setStacked");
		this.spec.stacked = true;
		return self;
	}

	setTitle(chartTitle: string): ColumnBuilder {
		const self = this.typed("setTitle");
		this.spec.title = String(chartTitle);
		return self;
	}

	setOption(option: string, value: unknown): EmbeddedChartBuilder {
		const name = String(option);
		if (!CHART_OPTIONS[this.spec.type].has(name)) {
			throw new GasError(
				`Local runtime: "${name}" is not a documented configuration option of a ${this.spec.type} chart.`,
			);
		}
		if (name === "title") this.spec.title = String(value);
		else if (name === "isStacked")
			this.spec.stacked =
				value === true || value === "true" || value === "absolute";
		else this.spec.options[name] = value;
		return this.generic();
	}

	setColors(cssValues: string[]): ColumnBuilder {
		const self = this.typed("setColors");
		this.spec.options.colors = [...cssValues];
		return self;
	}

	setLegendPosition(position: GoogleAppsScript.Charts.Position): ColumnBuilder {
		const self = this.typed("setLegendPosition");
		this.spec.options["legend.position"] = String(position);
		return self;
	}

	setXAxisTitle(title: string): ColumnBuilder {
		const self = this.typed("setXAxisTitle");
		this.spec.options["hAxis.title"] = String(title);
		return self;
	}

	setYAxisTitle(title: string): ColumnBuilder {
		const self = this.typed("setYAxisTitle");
		this.spec.options["vAxis.title"] = String(title);
		return self;
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
		return this.generic();
	}

	build(): EmbeddedChart {
		return gas(
			new LocalEmbeddedChart(this.state, this.sheet, cloneSpec(this.spec)),
		);
	}
}

export interface ChartSeriesView {
	/** The categories (the domain axis): A1 of their cells and their labels. */
	domain: { a1: string; labels: string[] };
	series: Array<{ label: string; a1: string; values: CellValue[] }>;
}

/**
 * How Google reads a chart's data range: the first column is the domain (the categories) and each
 * further column one series (Google Charts bar chart, "Data Format": "Column 0 … group labels;
 * Column 1 … N: bar values"), rows and columns switched when transposed
 * (embedded-chart-builder#setTransposeRowsAndColumns); the first `numHeaders` cells of each
 * series are its label (#setNumHeaders). With no numHeaders set, Sheets guesses: the runtime
 * takes one header when the first cell of every series is text. The product's charts have one
 * range; further ranges are not merged here.
 */
export function chartSeries(
	sheet: SheetModel,
	chart: ChartModel,
): ChartSeriesView {
	const rect = chart.ranges[0];
	if (!rect) return { domain: { a1: "", labels: [] }, series: [] };
	const grid = readBlock(sheet, rect);
	const lineCount = chart.transposed ? rect.numRows : rect.numCols;
	const lineLength = chart.transposed ? rect.numCols : rect.numRows;
	const cell = (line: number, i: number): CellValue =>
		(chart.transposed ? grid[line]?.[i] : grid[i]?.[line]) ?? "";
	const lineRect = (line: number, from: number): GridRect =>
		chart.transposed
			? {
					row: rect.row + line,
					col: rect.col + from,
					numRows: 1,
					numCols: lineLength - from,
				}
			: {
					row: rect.row + from,
					col: rect.col + line,
					numRows: lineLength - from,
					numCols: 1,
				};
	const guessed = Array.from({ length: lineCount - 1 }, (_, k) =>
		cell(k + 1, 0),
	).every((v) => typeof v === "string" && v !== "");
	const h = chart.numHeaders >= 0 ? chart.numHeaders : guessed ? 1 : 0;
	const valuesOf = (line: number) =>
		Array.from({ length: lineLength - h }, (_, i) => cell(line, h + i));
	return {
		domain: { a1: rectToA1(lineRect(0, h)), labels: valuesOf(0).map(String) },
		series: Array.from({ length: lineCount - 1 }, (_, k) => ({
			label: Array.from({ length: h }, (_, i) => String(cell(k + 1, i))).join(
				" ",
			),
			a1: rectToA1(lineRect(k + 1, h)),
			values: valuesOf(k + 1),
		})),
	};
}

export function asLocalChart(chart: unknown): LocalEmbeddedChart {
	if (chart instanceof LocalEmbeddedChart) return chart;
	throw new GasError(
		"The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
	);
}
