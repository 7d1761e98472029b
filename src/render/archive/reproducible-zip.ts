/**
 * A zip whose bytes depend only on its entries: entries in the order given, each dated
 * with the build date (never the clock; a zip cannot date anything before 1980), no folder
 * entries, fixed compression. Files that are compressed already (PDF, EPUB, images) are
 * stored as they are.
 */
import JSZip from 'jszip';

export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

/** The earliest date a zip entry can carry (DOS time starts in 1980). */
export const zipEpoch = Date.UTC(1980, 0, 1);
const compressed = /\.(pdf|epub|zip|png|jpe?g|gif|webp|woff2?)$/i;

/** True when `name` is relative, with no `..`, `.`, empty part, backslash or drive. */
export function entryNameStays(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[a-z]:/i.test(name)) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}

export async function reproducibleZip(
  entries: readonly ZipEntry[],
  date: Date,
): Promise<Uint8Array> {
  const stamp = new Date(Math.max(date.getTime(), zipEpoch));
  const zip = new JSZip();
  for (const entry of entries) {
    // Names come from the project's paths: one that could leave the folder it is
    // extracted into (`sources/../../x`) is a bug before it is a zip.
    if (!entryNameStays(entry.path)) throw new Error(`Unsafe zip entry name \`${entry.path}\``);
    zip.file(entry.path, entry.bytes, {
      date: stamp,
      createFolders: false,
      compression: compressed.test(entry.path) ? 'STORE' : 'DEFLATE',
    });
  }
  for (const file of Object.values(zip.files)) file.date = stamp;
  return zip.generateAsync({
    type: 'uint8array',
    compressionOptions: { level: 9 },
    platform: 'DOS',
  });
}
