/**
 * The few parts of POSIX tar (ustar) a backup needs: regular files only, written in sequence and
 * read back by position. A backup is a plain .tar so that `tar tf` / `tar xf` can open it by hand.
 * Sizes of 8 GiB and more use GNU's base-256 size field, which GNU tar and bsdtar read.
 */
import type { FileHandle } from 'node:fs/promises';

export const BLOCK = 512;
const OCTAL_SIZE_LIMIT = 8 ** 11; // 11 octal digits

export class TarFormatError extends Error {}

function putString(h: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new TarFormatError(`tar field too long: ${value}`);
  bytes.copy(h, offset);
}

function putOctal(h: Buffer, offset: number, length: number, value: number): void {
  putString(h, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function putSize(h: Buffer, offset: number, value: number): void {
  if (value < OCTAL_SIZE_LIMIT) return putOctal(h, offset, 12, value);
  // base-256: the high bit of the first byte set, then the number big-endian.
  h.fill(0, offset, offset + 12);
  h[offset] = 0x80;
  let v = BigInt(value);
  for (let i = offset + 11; i > offset; i--) {
    h[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

/** A header block for a regular file (name ≤ 100 bytes, or prefix/name split at a slash ≤ 255). */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new TarFormatError(`tar name too long: ${name}`);
  }
  putString(h, 0, 100, base);
  putOctal(h, 100, 8, 0o640);
  putOctal(h, 108, 8, 0);
  putOctal(h, 116, 8, 0);
  putSize(h, 124, size);
  putOctal(h, 136, 12, Math.floor(mtime.getTime() / 1000));
  h[156] = 0x30; // '0': regular file
  putString(h, 257, 6, 'ustar\0');
  putString(h, 263, 2, '00');
  putString(h, 265, 32, 'lianxin');
  putString(h, 297, 32, 'lianxin');
  putString(h, 345, 155, prefix);
  putOctal(h, 148, 7, checksum(h));
  h[155] = 0x20;
  return h;
}

/** Zero bytes that complete a member's data to a whole block. */
export const padding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Two zero blocks end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function readString(h: Buffer, offset: number, length: number): string {
  const end = h.indexOf(0, offset);
  return h.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

function readNumber(h: Buffer, offset: number, length: number): number {
  if (h[offset]! & 0x80) {
    let v = 0n;
    for (let i = offset + 1; i < offset + length; i++) v = (v << 8n) | BigInt(h[i]!);
    return Number(v);
  }
  const text = readString(h, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`成员头第 ${offset} 字节处的数字字段无效`);
  return parseInt(text, 8);
}

export interface TarEntry {
  name: string;
  size: number;
  /** Where the member's data starts in the archive. */
  dataOffset: number;
}

/**
 * Lists the members by reading their headers only (the data is skipped), so a truncated or
 * damaged archive is found before anything is extracted. Throws TarFormatError.
 */
export async function listTar(file: FileHandle, fileSize: number): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const h = Buffer.alloc(BLOCK);
  let pos = 0;
  for (;;) {
    if (pos + BLOCK > fileSize) throw new TarFormatError(`文件在第 ${pos} 字节处的成员头中途结束`);
    await readFully(file, h, pos);
    if (h.every((b) => b === 0)) {
      if (entries.length === 0) throw new TarFormatError('归档中没有任何成员');
      return entries;
    }
    const stored = readNumber(h, 148, 8);
    if (stored !== checksum(h)) throw new TarFormatError(`第 ${pos} 字节处的成员头校验和不符`);
    if (readString(h, 257, 6) !== 'ustar') throw new TarFormatError(`第 ${pos} 字节处不是 tar 成员头`);
    const type = String.fromCharCode(h[156]!);
    if (type !== '0' && type !== '\0') throw new TarFormatError(`第 ${pos} 字节处的成员类型 ${JSON.stringify(type)} 不是普通文件`);
    const prefix = readString(h, 345, 155);
    const base = readString(h, 0, 100);
    const size = readNumber(h, 124, 12);
    const dataOffset = pos + BLOCK;
    if (dataOffset + size > fileSize) throw new TarFormatError(`文件在成员 ${prefix ? `${prefix}/${base}` : base} 的数据中途结束`);
    entries.push({ name: prefix ? `${prefix}/${base}` : base, size, dataOffset });
    pos = dataOffset + size + padding(size).length;
  }
}

async function readFully(file: FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await file.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new TarFormatError(`文件在第 ${position + done} 字节处意外结束`);
    done += bytesRead;
  }
}

/** Calls `chunk` with a member's data, in pieces of at most 1 MiB. */
export async function readEntry(file: FileHandle, entry: TarEntry, chunk: (bytes: Buffer) => void | Promise<void>): Promise<void> {
  const buf = Buffer.alloc(Math.min(1 << 20, Math.max(entry.size, 1)));
  let done = 0;
  while (done < entry.size) {
    const want = Math.min(buf.length, entry.size - done);
    const { bytesRead } = await file.read(buf, 0, want, entry.dataOffset + done);
    if (bytesRead === 0) throw new TarFormatError(`文件在成员 ${entry.name} 中意外结束`);
    await chunk(buf.subarray(0, bytesRead));
    done += bytesRead;
  }
}
