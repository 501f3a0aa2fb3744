/**
 * Zip bombs for the loader's tests, made in a few megabytes and milliseconds: a deflate stream of
 * zeros is a block that can be repeated (each copy refers only to its own output), so gigabytes
 * of zeros cost kilobytes. The zip is written by hand (zip64 when a size needs it), since JSZip
 * would inflate the data to write it.
 */
import { constants, deflateRawSync } from "node:zlib";

const CHUNK = 16 * 2 ** 20;

/** A raw deflate stream that unpacks to `chunks` × 16 MiB of zero bytes. */
function zerosDeflated(chunks: number): Buffer {
	const block = deflateRawSync(Buffer.alloc(CHUNK), {
		finishFlush: constants.Z_SYNC_FLUSH,
	});
	// A final, empty fixed-Huffman block ends the stream.
	return Buffer.concat([
		...Array.from({ length: chunks }, () => block),
		Buffer.from([0x03, 0x00]),
	]);
}

export interface BombPart {
	name: string;
	/** Deflated bytes (method 8). */
	data: Buffer;
	/** The unpacked size the zip declares. */
	declaredSize: number;
}

function u64(n: number): Buffer {
	const b = Buffer.alloc(8);
	b.writeBigUInt64LE(BigInt(n));
	return b;
}

/** A zip of deflated parts with the sizes given (sizes ≥ 4 GiB written as zip64). */
export function writeZip(parts: readonly BombPart[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name, "utf8");
		const big = part.declaredSize >= 0xffffffff;
		const extra = big
			? Buffer.concat([
					Buffer.from([1, 0, 16, 0]),
					u64(part.declaredSize),
					u64(part.data.length),
				])
			: Buffer.alloc(0);
		const header = (central: boolean) => {
			const h = Buffer.alloc(central ? 46 : 30);
			let at = 0;
			h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, at);
			at += 4;
			if (central) {
				h.writeUInt16LE(45, at);
				at += 2;
			}
			h.writeUInt16LE(45, at); // version needed (zip64)
			h.writeUInt16LE(0, at + 2); // flags
			h.writeUInt16LE(8, at + 4); // deflate
			h.writeUInt32LE(0, at + 10); // CRC-32: not checked before unpacking
			h.writeUInt32LE(big ? 0xffffffff : part.data.length, at + 14);
			h.writeUInt32LE(big ? 0xffffffff : part.declaredSize, at + 18);
			h.writeUInt16LE(name.length, at + 22);
			h.writeUInt16LE(extra.length, at + 24);
			if (central) h.writeUInt32LE(offset, 42);
			return Buffer.concat([h, name, extra]);
		};
		centrals.push(header(true));
		const local = Buffer.concat([header(false), part.data]);
		locals.push(local);
		offset += local.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/**
 * An .xlsx-looking zip (content types, workbook, one sheet) whose sheet is 4 GiB of zeros in
 * 4 MB, declaring `declaredSize` unpacked bytes for it: the bomb that aborted Node.
 */
export function xlsxBomb(declaredSize: number): Buffer {
	const small = (name: string, text: string): BombPart => {
		const data = Buffer.from(text);
		return { name, data: deflateRawSync(data), declaredSize: data.length };
	};
	return writeZip([
		small("[Content_Types].xml", "<Types/>"),
		small("xl/workbook.xml", "<workbook/>"),
		{
			name: "xl/worksheets/sheet1.xml",
			data: zerosDeflated(BOMB_CHUNKS),
			declaredSize,
		},
	]);
}

const BOMB_CHUNKS = 256;
export const BOMB_BYTES = BOMB_CHUNKS * CHUNK;
