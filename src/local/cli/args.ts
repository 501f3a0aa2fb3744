import { notXlsxPathMessage } from "../runtime/xlsx";
import { CliError } from "./usage";

export interface ParsedArgs {
	positional: string[];
	flags: Map<string, string | true>;
}

/**
 * `--name value`, `--name=value` and boolean `--name`; `spec` says which flags take a value.
 * Unknown flags are refused (a typo must not silently do something else).
 */
export function parseArgs(
	argv: string[],
	spec: Record<string, "value" | "boolean">,
): ParsedArgs {
	const positional: string[] = [];
	const flags = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (!arg.startsWith("--")) {
			positional.push(arg);
			continue;
		}
		const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [
			string,
			string | undefined,
		];
		const kind = spec[name];
		if (!kind) throw new CliError(`不明なオプションです: --${name}`);
		if (kind === "boolean") {
			if (inline !== undefined)
				throw new CliError(`--${name} に値は指定できません`);
			flags.set(name, true);
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined || value.startsWith("--"))
			throw new CliError(`--${name} の値を指定してください`);
		flags.set(name, value);
	}
	return { positional, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
	const v = args.flags.get(name);
	return typeof v === "string" ? v : undefined;
}

/** Exactly one positional argument: the workbook path. */
export function bookPath(args: ParsedArgs, command: string): string {
	if (args.positional.length !== 1) {
		throw new CliError(
			`使い方: dx-progress ${command} BOOK.xlsx（ブックのパスを1つ指定してください）`,
		);
	}
	return xlsxPath(args.positional[0] as string);
}

/** The workbook path as given; a name that is not .xlsx is refused with what the file is. */
export function xlsxPath(path: string): string {
	if (!/\.xlsx$/i.test(path)) throw new CliError(notXlsxPathMessage(path));
	return path;
}
