/**
 * Which characters a font file draws, read from its `cmap` table. A style sheet's
 * `unicode-range` only says which characters a subset is meant for (Source Serif 4's
 * latin subset claims U+2000–206F yet has no U+2011), so Folio reads the fonts it
 * bundles: their WOFF 1 files, whose tables are zlib-compressed one by one.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** The code points with a glyph in the WOFF 1 font `file`. */
export function woffCoverage(file: string): Set<number> {
  const woff = readFileSync(file);
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error(`${file} is not a WOFF font`);
  const tables = woff.readUInt16BE(12);
  for (let t = 0; t < tables; t++) {
    const entry = 44 + t * 20;
    if (woff.toString('latin1', entry, entry + 4) !== 'cmap') continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return cmapCoverage(compressed < original ? inflateSync(raw) : raw);
  }
  throw new Error(`${file} has no cmap table`);
}

/** Code points mapped by the Unicode subtables (formats 4 and 12) of a `cmap` table. */
function cmapCoverage(cmap: Buffer): Set<number> {
  const covered = new Set<number>();
  const subtables = cmap.readUInt16BE(2);
  for (let s = 0; s < subtables; s++) {
    const platform = cmap.readUInt16BE(4 + s * 8);
    const encoding = cmap.readUInt16BE(6 + s * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap.readUInt32BE(8 + s * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segments = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segments * 2 + 2;
      const deltas = starts + segments * 2;
      const rangeOffsets = deltas + segments * 2;
      for (let i = 0; i < segments; i++) {
        const end = cmap.readUInt16BE(ends + i * 2);
        const start = cmap.readUInt16BE(starts + i * 2);
        const delta = cmap.readInt16BE(deltas + i * 2);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + i * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph =
            rangeOffset === 0
              ? (c + delta) & 0xffff
              : cmap.readUInt16BE(rangeOffsets + i * 2 + rangeOffset + (c - start) * 2);
          if (glyph !== 0) covered.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(at + 16 + g * 12);
        const end = cmap.readUInt32BE(at + 20 + g * 12);
        for (let c = start; c <= end; c++) covered.add(c);
      }
    }
  }
  return covered;
}
