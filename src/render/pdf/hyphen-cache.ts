/**
 * The settled hyphens a build keeps for the next one (`.folio-cache/`, build-cache.ts), so
 * that a rebuild measures only the paragraphs that changed. Where a paragraph's lines end
 * depends on its HTML, the stylesheet, the faces and the browser that lays it out, and
 * the way Folio settles them (line-end-hyphens.browser.js): an entry is named by a hash
 * of the paragraph's HTML and of the stylesheet and its files (`styleContext`), and the
 * file as a whole holds for one environment only (`hyphenEnvironment`: Folio's version,
 * the browser's, the settling script), so a changed style, face or browser measures
 * everything again. A paragraph with an image, whose size comes from a file, is never
 * kept. The file is untrusted: an entry is taken only when each of its texts is its
 * paragraph's text with soft hyphens kept, dropped or made hyphens (`settlesFrom`), so
 * whatever the file holds, it cannot change a word of the edition.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { folioVersion } from '../archive/provenance.ts';
import { fontFaceCss } from '../fonts.ts';
import { cacheFile, readCacheJson, writeCacheJson } from './build-cache.ts';
import { measuringScript } from './in-page-scripts.ts';
import { paperSizes } from './paper-sizes.ts';

/** Settled texts by entry name (hash of a paragraph and its style context). */
export type KeptHyphens = Map<string, string[]>;

const format = 1;
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const fileSchema = z.strictObject({
  format: z.literal(format),
  edition: z.string(),
  environment: hash,
  paragraphs: z.array(z.tuple([hash, z.array(z.string())])),
});

const sha256 = (...parts: string[]): string => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\u0000');
  return digest.digest('hex');
};

/** Where the settled hyphens of edition `editionId` are kept in output folder `outDir`. */
export const hyphensFile = (outDir: string, editionId: string): string =>
  cacheFile(outDir, 'hyphens', editionId);

/**
 * What every kept entry of a build depends on besides its paragraph and stylesheet: Folio's
 * version, the browser's, and the script and page areas that settle the hyphens.
 */
export function hyphenEnvironment(browserVersion: string): string {
  return sha256(
    String(format),
    folioVersion(),
    browserVersion,
    measuringScript('line-end-hyphens'),
    JSON.stringify(paperSizes),
  );
}

/**
 * The stylesheet `css` of a print page as hyphens depend on it: its text, the bundled
 * faces' rules, and the size and time of every local file either names (a face updated
 * in place changes the context).
 */
export function styleContext(css: string): string {
  const faces = fontFaceCss();
  const files = [...`${css}\n${faces}`.matchAll(/url\(\s*["']?(file:[^"')]+)/g)].map(
    ([, url]) => url ?? '',
  );
  const stamps = [...new Set(files)].sort().map((url) => {
    try {
      const stats = statSync(fileURLToPath(url));
      return `${url} ${stats.size} ${stats.mtimeMs}`;
    } catch {
      return `${url} missing`;
    }
  });
  return sha256(css, faces, ...stamps);
}

/** The name of a paragraph's entry, or undefined for one that is never kept (an image in it). */
export function entryName(context: string, paragraphHtml: string): string | undefined {
  if (/<(img|picture|video|iframe|object|embed)\b/i.test(paragraphHtml)) return undefined;
  return sha256(context, paragraphHtml);
}

/**
 * Whether `settled` is `original` (a text with soft hyphens) with each soft hyphen kept,
 * dropped or made a hyphen, and nothing else changed. The patterns put soft hyphens
 * between letters only, so a hyphen where one stood is never the text's own.
 */
export function settlesFrom(original: string, settled: string): boolean {
  let s = 0;
  for (const char of original) {
    if (char === '\u00AD') {
      if (settled[s] === '\u00AD' || settled[s] === '-') s++;
      continue;
    }
    if (settled.startsWith(char, s)) s += char.length;
    else return false;
  }
  return s === settled.length;
}

/** The hyphens kept for `editionId` in `environment`, or undefined when there are none to use. */
export async function readKeptHyphens(
  file: string,
  editionId: string,
  environment: string,
): Promise<KeptHyphens | undefined> {
  const read = fileSchema.safeParse(await readCacheJson(file));
  if (!read.success) return undefined;
  const { edition, environment: keptIn, paragraphs } = read.data;
  if (edition !== editionId || keptIn !== environment) return undefined;
  return new Map(paragraphs);
}

/** Keeps `entries` for the next build of `editionId` in `environment`; never throws. */
export async function writeKeptHyphens(
  file: string,
  editionId: string,
  environment: string,
  entries: KeptHyphens,
): Promise<void> {
  const content: z.infer<typeof fileSchema> = {
    format,
    edition: editionId,
    environment,
    paragraphs: [...entries],
  };
  await writeCacheJson(file, content);
}
