/**
 * The zip Folio writes its EPUBs and archives with: readable by another zip library, the
 * same bytes whatever the machine's time zone, an EPUB's `mimetype` first and stored, and
 * files that are compressed already stored as they are.
 */
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { reproducibleZip } from '../../src/render/reproducible-zip.ts';

const text = (value: string) => new TextEncoder().encode(value);
const entries = [
  { path: 'mimetype', bytes: text('application/epub+zip'), store: true },
  { path: 'OEBPS/chapter.xhtml', bytes: text('<p>Cyberspace sovereignty. </p>'.repeat(400)) },
  { path: 'OEBPS/images/cover.png', bytes: new Uint8Array(64).fill(7) },
  { path: 'OEBPS/über.txt', bytes: text('ü') },
];
// In New York's spring-forward gap: 02:30 never happens on that day's local clock.
const built = new Date('2026-03-08T02:30:00Z');
const zone = process.env.TZ;

afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('a reproducible zip', () => {
  it('reads back, entry for entry, in order, with another zip library', async () => {
    const zip = await JSZip.loadAsync(reproducibleZip(entries, built));
    const names = Object.keys(zip.files);
    expect(names).toEqual(entries.map((e) => e.path));
    for (const entry of entries)
      expect(await zip.file(entry.path)?.async('uint8array')).toEqual(entry.bytes);
  });

  it('opens with an EPUB mimetype stored, with no extra field, as OCF requires', () => {
    const bytes = reproducibleZip(entries, built);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0); // stored
    expect(view.getUint16(28, true)).toBe(0); // no extra field
    expect(new TextDecoder().decode(bytes.subarray(30, 38))).toBe('mimetype');
    expect(new TextDecoder().decode(bytes.subarray(38, 58))).toBe('application/epub+zip');
  });

  it('deflates text and stores what is compressed already', () => {
    const bytes = reproducibleZip(entries, built);
    const methods = localHeaders(bytes).map((h) => [h.name, h.method]);
    expect(methods).toEqual([
      ['mimetype', 0],
      ['OEBPS/chapter.xhtml', 8],
      ['OEBPS/images/cover.png', 0],
      ['OEBPS/über.txt', 0], // deflating one character would make it larger
    ]);
    expect(bytes.byteLength).toBeLessThan(2000);
  });

  it('dates every entry with the build date in UTC, the same bytes in any time zone', () => {
    process.env.TZ = 'UTC';
    const utc = reproducibleZip(entries, built);
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
      process.env.TZ = tz;
      expect(Buffer.from(reproducibleZip(entries, built)).equals(Buffer.from(utc)), tz).toBe(true);
    }
    const [first] = localHeaders(utc);
    expect(first?.time).toBe((2 << 11) | (30 << 5));
    expect(first?.day).toBe(((2026 - 1980) << 9) | (3 << 5) | 8);
  });

  it('dates a build before 1980 at the zip epoch, the earliest a zip can say', () => {
    const [first] = localHeaders(reproducibleZip(entries, new Date(0)));
    expect(first?.day).toBe((1 << 5) | 1);
    expect(first?.time).toBe(0);
  });

  it('marks a name that is not ASCII as UTF-8', () => {
    const flags = localHeaders(reproducibleZip(entries, built)).map((h) => h.flags);
    expect(flags).toEqual([0, 0, 0, 0x0800]);
  });

  it('refuses two entries of one name', () => {
    const twice = [entries[1], entries[1]].filter((e) => e !== undefined);
    expect(() => reproducibleZip(twice, built)).toThrow(/Two zip entries named/);
  });
});

/** The local file headers, walked from the start. */
function localHeaders(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const headers: Array<{ name: string; method: number; flags: number; time: number; day: number }> =
    [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    headers.push({
      name: new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength)),
      flags: view.getUint16(at + 6, true),
      method: view.getUint16(at + 8, true),
      time: view.getUint16(at + 10, true),
      day: view.getUint16(at + 12, true),
    });
    at += 30 + nameLength + extra + size;
  }
  return headers;
}
