/**
 * What a build keeps for the next one in its output folder (`.folio-cache/`): the page
 * estimate (page-estimate.ts) and the settled hyphens (hyphen-cache.ts). Every file there
 * is untrusted input: only a regular file of a sane size that parses as JSON is read, and
 * anything else (missing, unreadable, a folder, a named pipe, a link to a device) reads as
 * nothing, never as an error. A file is written whole and renamed into place, never
 * through a cache folder that is a link to elsewhere; a folder that cannot take it costs
 * the next build its cache, not this build its output.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file larger than this is not read (a 1,600-page edition's files are a few MB). */
const largestFile = 64 * 1024 * 1024;

/** Where the cache file of `kind` for edition `editionId` is kept in output folder `outDir`. */
export function cacheFile(outDir: string, kind: string, editionId: string): string {
  const key = createHash('sha256').update(editionId).digest('hex').slice(0, 16);
  return path.join(outDir, '.folio-cache', `${kind}-${key}.json`);
}

/** The JSON value `file` holds, or undefined when it holds none worth reading. */
export async function readCacheJson(file: string): Promise<unknown> {
  let text: string;
  try {
    // Not blocking on a named pipe put there; only a regular file of a sane size is read.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (!stats.isFile() || stats.size > largestFile) return undefined;
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Keeps `content` in `file` as JSON for the next build; never throws. */
export async function writeCacheJson(file: string, content: unknown): Promise<void> {
  const staged = `${file}.${process.pid}.tmp`;
  try {
    const folder = path.dirname(file);
    await mkdir(folder, { recursive: true });
    // The cache folder is Folio's own: one that is a link to elsewhere is not written through.
    if (!(await lstat(folder)).isDirectory()) return;
    await writeFile(staged, JSON.stringify(content));
    await rename(staged, file);
  } catch {
    await rm(staged, { force: true }).catch(() => {});
  }
}
