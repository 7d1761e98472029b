/**
 * A zip whose bytes depend only on its entries: entries in the order given, each dated
 * with the build date in UTC (never the clock, never the machine's time zone; a zip cannot
 * date anything before 1980), no folder entries, no extra fields, DOS attributes. Files
 * that are compressed already (PDF, EPUB, images, fonts), or that an entry says to store
 * (an EPUB's `mimetype`), are stored as they are; the rest are deflated at level 9 by
 * fflate, in plain JavaScript, so the same entries give the same bytes on any machine
 * (fflate is pinned: another version may deflate differently). Used by the EPUB and the
 * archive; the container is written here (APPNOTE 6.3.10, without Zip64).
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
  /** Stored, not deflated, whatever its name (an EPUB's `mimetype` must be). */
  store?: boolean;
}

/** The earliest date a zip entry can carry (DOS time starts in 1980). */
export const zipEpoch = Date.UTC(1980, 0, 1);
/** The latest: DOS dates count years from 1980 in seven bits. */
const zipEnd = Date.UTC(2107, 11, 31, 23, 59, 58);
const compressed = /\.(pdf|epub|zip|png|jpe?g|gif|webp|woff2?)$/i;
/** Without Zip64, sizes, offsets and counts must fit in these. */
const most32 = 0xffff_ffff;
const most16 = 0xffff;

/** True when `name` is relative, with no `..`, `.`, empty part, backslash or drive. */
export function entryNameStays(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}

/** The DOS time and date of `date`, read in UTC (two seconds' resolution). */
function dosDateTime(date: Date): { time: number; day: number } {
  const stamp = new Date(Math.min(Math.max(date.getTime(), zipEpoch), zipEnd));
  return {
    time: (stamp.getUTCHours() << 11) | (stamp.getUTCMinutes() << 5) | (stamp.getUTCSeconds() >> 1),
    day:
      ((stamp.getUTCFullYear() - 1980) << 9) |
      ((stamp.getUTCMonth() + 1) << 5) |
      stamp.getUTCDate(),
  };
}

interface Written {
  name: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
  data: Uint8Array;
  offset: number;
}

export function reproducibleZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const { time, day } = dosDateTime(date);
  const encoder = new TextEncoder();
  const written: Written[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const entry of entries) {
    // Names come from the project's paths: one that could leave the folder it is
    // extracted into (`sources/../../x`) is a bug before it is a zip.
    if (!entryNameStays(entry.path)) throw new Error(`Unsafe zip entry name \`${entry.path}\``);
    if (seen.has(entry.path)) throw new Error(`Two zip entries named \`${entry.path}\``);
    seen.add(entry.path);
    const name = encoder.encode(entry.path);
    const deflated =
      entry.store || compressed.test(entry.path)
        ? undefined
        : deflateSync(entry.bytes, { level: 9 });
    // Deflating that does not make the entry smaller is not worth the reader's time.
    const method = deflated && deflated.byteLength < entry.bytes.byteLength ? 8 : 0;
    const data = method === 8 && deflated ? deflated : entry.bytes;
    const file: Written = {
      name,
      method,
      crc: crc32(entry.bytes),
      size: entry.bytes.byteLength,
      data,
      offset,
    };
    if (file.size > most32 || offset + data.byteLength > most32)
      throw new Error(`The zip would pass 4 GiB at \`${entry.path}\`, which Folio cannot write`);
    const header = localHeader(file, time, day);
    chunks.push(header, data);
    offset += header.byteLength + data.byteLength;
    written.push(file);
  }
  if (written.length > most16)
    throw new Error(`A zip of ${written.length} entries needs Zip64, which Folio cannot write`);
  const directoryStart = offset;
  for (const file of written) {
    const header = centralHeader(file, time, day);
    chunks.push(header);
    offset += header.byteLength;
  }
  if (offset > most32) throw new Error('The zip would pass 4 GiB, which Folio cannot write');
  chunks.push(endOfDirectory(written.length, offset - directoryStart, directoryStart));
  const zip = new Uint8Array(offset + 22);
  let at = 0;
  for (const chunk of chunks) {
    zip.set(chunk, at);
    at += chunk.byteLength;
  }
  return zip;
}

/** Bit 11: the name is UTF-8 (set only when it is not plain ASCII). */
function flags(name: Uint8Array): number {
  return name.some((byte) => byte > 0x7f) ? 0x0800 : 0;
}

/**
 * The fields local and central headers share, from "version needed to extract" to the
 * name's length (the local header holds them at 4, the central one at 6).
 */
function sharedFields(view: DataView, at: number, file: Written, time: number, day: number): void {
  view.setUint16(at, file.method === 8 ? 20 : 10, true); // 2.0 for deflate, 1.0 to store
  view.setUint16(at + 2, flags(file.name), true);
  view.setUint16(at + 4, file.method, true);
  view.setUint16(at + 6, time, true);
  view.setUint16(at + 8, day, true);
  view.setUint32(at + 10, file.crc, true);
  view.setUint32(at + 14, file.data.byteLength, true);
  view.setUint32(at + 18, file.size, true);
  view.setUint16(at + 22, file.name.byteLength, true);
}

/** A local file header: its extra field is empty. */
function localHeader(file: Written, time: number, day: number): Uint8Array {
  const header = new Uint8Array(30 + file.name.byteLength);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  sharedFields(view, 4, file, time, day);
  header.set(file.name, 30);
  return header;
}

/**
 * A central directory header. Made by MS-DOS (0), format 2.0: no Unix modes, so
 * extraction uses the umask. Extra field, comment, disk number, internal and external
 * attributes: all zero.
 */
function centralHeader(file: Written, time: number, day: number): Uint8Array {
  const header = new Uint8Array(46 + file.name.byteLength);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true);
  sharedFields(view, 6, file, time, day);
  view.setUint32(42, file.offset, true);
  header.set(file.name, 46);
  return header;
}

function endOfDirectory(count: number, size: number, start: number): Uint8Array {
  const record = new Uint8Array(22);
  const view = new DataView(record.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, start, true);
  return record;
}
