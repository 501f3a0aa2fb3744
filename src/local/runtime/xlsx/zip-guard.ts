/**
 * The zip container of an .xlsx, checked before exceljs unpacks it. exceljs (through JSZip)
 * inflates every part into one string in memory, whatever the zip says, so a small file that
 * unpacks to gigabytes (a zip bomb) would exhaust memory and abort Node. Here:
 *
 * 1. the central directory is read (zip64 included): the number of parts and the sizes they
 *    declare, unpacked, are checked against the limits below;
 * 2. each part is inflated once with its declared size as a hard ceiling (zlib's
 *    maxOutputLength), since a hand-made zip can declare small sizes and unpack to more: the
 *    inflater stops at the ceiling, so neither time nor memory exceeds the declared total.
 *
 * Limits (measured: the benchmark's largest book, 50,000 initiatives × 5 years and 500
 * departments, is 13.6 MB on disk and unpacks to 157 MB, its largest part 25 MB; loading it
 * takes about 12 bytes of heap per unpacked byte):
 * - MAX_PARTS parts and MAX_PART_BYTES per part — far beyond any workbook (a sheet of 256 MB of
 *   XML is about 500,000 rows of this product's entry sheet);
 * - MAX_TOTAL_BYTES in all: beyond it the file is called damaged or hostile;
 * - and the memory bound: a sixteenth of Node's heap limit (on this project's machines 4.3 GB →
 *   271 MB), so that a real but huge book is refused with advice instead of running out of
 *   memory half way.
 */

import { getHeapStatistics } from "node:v8";
import { inflateRawSync } from "node:zlib";
import { loadError, tooLarge, tooManyParts } from "./errors";

export const MAX_PARTS = 10_000;
export const MAX_PART_BYTES = 256 * 2 ** 20;
export const MAX_TOTAL_BYTES = 1024 * 2 ** 20;
/** Heap bytes needed per unpacked byte, with room to spare (measured about 12). */
const HEAP_PER_BYTE = 16;

export interface ZipPart {
	name: string;
	/** 0 stored, 8 deflate: the two methods xlsx writers use and JSZip reads. */
	method: number;
	encrypted: boolean;
	compressedSize: number;
	/** As declared in the central directory (not trusted: see inflateWithin). */
	size: number;
	localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

function u64(buf: Buffer, at: number): number {
	return Number(buf.readBigUInt64LE(at));
}

/** Where the central directory is and how many parts it lists; undefined when not found. */
function directory(buf: Buffer): { offset: number; count: number } | undefined {
	const lowest = Math.max(0, buf.length - 22 - 0xffff);
	let at = buf.length - 22;
	while (at >= lowest && buf.readUInt32LE(at) !== EOCD) at--;
	if (at < lowest) return undefined;
	let count = buf.readUInt16LE(at + 10);
	let offset = buf.readUInt32LE(at + 16);
	if (count === 0xffff || offset === U32_MAX) {
		const locator = at - 20;
		if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR)
			return undefined;
		const record = u64(buf, locator + 8);
		if (record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_EOCD)
			return undefined;
		count = u64(buf, record + 32);
		offset = u64(buf, record + 48);
	}
	return { offset, count };
}

/** The zip64 extra field's sizes, for the fields the fixed header marks 0xFFFFFFFF. */
function zip64Sizes(
	extra: Buffer,
	part: { size: number; compressedSize: number; localOffset: number },
): void {
	for (let at = 0; at + 4 <= extra.length; ) {
		const id = extra.readUInt16LE(at);
		const length = extra.readUInt16LE(at + 2);
		if (id === 0x0001) {
			let field = at + 4;
			for (const key of ["size", "compressedSize", "localOffset"] as const) {
				if (part[key] !== U32_MAX) continue;
				if (field + 8 > at + 4 + length) return;
				part[key] = u64(extra, field);
				field += 8;
			}
			return;
		}
		at += 4 + length;
	}
}

/**
 * The parts listed in the central directory. A zip whose directory (at its end) is missing or
 * cut is refused as truncated, one listing more than MAX_PARTS parts as a bomb.
 */
export function zipParts(buf: Buffer, source: string): ZipPart[] {
	const dir = buf.length < 22 ? undefined : directory(buf);
	if (!dir) throw loadError("truncated", source);
	if (dir.count > MAX_PARTS) throw tooManyParts(source, dir.count, MAX_PARTS);
	const parts: ZipPart[] = [];
	let at = dir.offset;
	for (let i = 0; i < dir.count; i++) {
		if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL)
			throw loadError("truncated", source);
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		const end = at + 46 + nameLength + extraLength;
		if (end > buf.length) throw loadError("truncated", source);
		const part = {
			name: buf.toString("utf8", at + 46, at + 46 + nameLength),
			method: buf.readUInt16LE(at + 10),
			encrypted: (buf.readUInt16LE(at + 8) & 1) === 1,
			compressedSize: buf.readUInt32LE(at + 20),
			size: buf.readUInt32LE(at + 24),
			localOffset: buf.readUInt32LE(at + 42),
		};
		zip64Sizes(buf.subarray(at + 46 + nameLength, end), part);
		parts.push(part);
		at = end + commentLength;
	}
	return parts;
}

/** The memory bound (see the file comment): a sixteenth of this process's heap limit. */
export function memoryBound(
	heapLimit = getHeapStatistics().heap_size_limit,
): number {
	return Math.min(MAX_TOTAL_BYTES, Math.floor(heapLimit / HEAP_PER_BYTE));
}

/** Refuses a zip whose parts, as declared, are too many or unpack to too much. */
export function checkDeclaredSizes(
	parts: readonly ZipPart[],
	source: string,
	bound = memoryBound(),
): void {
	let total = 0;
	for (const part of parts) {
		if (part.size > MAX_PART_BYTES)
			throw tooLarge(source, {
				bytes: part.size,
				limit: MAX_PART_BYTES,
				bomb: true,
			});
		total += part.size;
	}
	if (total > MAX_TOTAL_BYTES)
		throw tooLarge(source, {
			bytes: total,
			limit: MAX_TOTAL_BYTES,
			bomb: true,
		});
	if (total > bound)
		throw tooLarge(source, { bytes: total, limit: bound, bomb: false });
}

/** A part's bytes as stored in the zip; undefined when the file is cut short. */
function storedBytes(buf: Buffer, part: ZipPart): Buffer | undefined {
	const at = part.localOffset;
	if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) return undefined;
	const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
	const end = start + part.compressedSize;
	return end <= buf.length ? buf.subarray(start, end) : undefined;
}

/**
 * A part unpacked, never to more than its declared size: a part that would unpack to more is a
 * forged zip and is refused as soon as the ceiling is reached.
 */
export function inflateWithin(
	buf: Buffer,
	part: ZipPart,
	source: string,
): Buffer {
	const stored = storedBytes(buf, part);
	if (!stored) throw loadError("truncated", source);
	if (part.encrypted || (part.method !== 0 && part.method !== 8))
		throw loadError("not-xlsx", source);
	if (part.method === 0) {
		if (stored.length > part.size)
			throw tooLarge(source, {
				bytes: part.size,
				limit: 0,
				bomb: true,
				lied: true,
			});
		return stored;
	}
	try {
		return inflateRawSync(stored, { maxOutputLength: Math.max(1, part.size) });
	} catch (err) {
		if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
			throw tooLarge(source, {
				bytes: part.size,
				limit: 0,
				bomb: true,
				lied: true,
			});
		throw loadError("truncated", source, err);
	}
}
