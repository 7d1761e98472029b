/**
 * Keeps the PDF's tags on its text through post-processing. Chromium's tagged print links
 * each structure element to its text by marked-content ids in the page's own content
 * stream (the page's /StructParents). Two things would spoil that:
 *
 * - Among the objects defined anew before the final write (compact-pdf.ts): the margin
 *   boxes Chromium draws outside any tag (folio, handling markings) become Artifacts
 *   (artifacts.ts); the structure tree root gets a role map for Chromium's `Em` and `Strong`, which are no standard types
 *   in PDF 1.7; each document's `Art` element gets the document's language; a
 *   bookmark whose title Chromium doubled gets it once (see `outlineTitle`); and a
 *   heading's bookmark that Chromium titled with the glyphs of its math ("𝐸=𝑚𝑐2") gets the
 *   heading's plain title ("E=mc²", see `plainOutlineTitle`).
 * - The running heads: `qpdf --overlay` would move each page's content into a form
 *   XObject without /StructParents, where the tags no longer reach the text; so they are
 *   laid over among the same objects instead, the page's own content left in place
 *   (heads-overlay.ts).
 */
import { promisify } from 'node:util';
import { deflate as deflateAsync, inflate as inflateAsync } from 'node:zlib';
import { markUntaggedAsArtifacts } from './artifacts.ts';
import {
  ObjectIndex,
  pdfTextString,
  type ReplacedObject,
  readTrailer,
} from './document-objects.ts';

const inflate = promisify(inflateAsync);
const deflate = promisify(deflateAsync);
/** Content streams repaired at a time: no more than these are held inflated. */
const streamsAtOnce = 16;

/** Structure types Chromium writes that PDF 1.7 lacks, and the standard type each plays. */
export const chromiumRoles: Readonly<Record<string, string>> = { Em: 'Span', Strong: 'Span' };

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/**
 * Objects of Chromium's printed PDF to define anew before the final write: page
 * content streams with their untagged drawing marked as Artifacts, the structure tree
 * root with its role map, and the documents' `Art` elements with their language
 * (`documentLanguages` in document order, `documentPages` the physical page each begins
 * on: see `articleLanguages`).
 */
export async function structureRepairs(
  pdf: Uint8Array,
  documentLanguages: readonly string[],
  documentPages: readonly (number | undefined)[] = [],
  plainTitles: readonly string[] = [],
): Promise<ReplacedObject[]> {
  const text = latin1(pdf);
  const objects = new ObjectIndex(pdf, text);
  const replaced: ReplacedObject[] = [];
  const encode = (body: string) => Buffer.from(body, 'latin1');
  const seen = new Set<number>();
  const streams: Array<{ id: number; stream: Uint8Array }> = [];

  for (const page of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*<<\s*\/Type\s*\/Page[\s/>]/g)) {
    const dictionary = objects.dictionary(Number(page[1]));
    const contents = /\/Contents\s+(?:(\d+)\s+0\s+R|\[([^\]]*)\])/.exec(dictionary);
    const ids = contents?.[1]
      ? [Number(contents[1])]
      : [...(contents?.[2] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
    for (const id of ids) {
      // A content stream shared by several pages is rewritten once.
      if (seen.has(id)) continue;
      seen.add(id);
      const stream = flateStream(pdf, text, objects.start(id));
      if (stream) streams.push({ id, stream });
    }
  }
  // Inflated and deflated on zlib's threads, a batch at a time, while this one reads the
  // operators: half the repairs' time was zlib's, on one core of two.
  for (let from = 0; from < streams.length; from += streamsAtOnce) {
    const batch = streams.slice(from, from + streamsAtOnce);
    const marked = await Promise.all(
      batch.map(async ({ id, stream }) => {
        const content = markUntaggedAsArtifacts(await inflate(stream));
        return content ? { id, data: await deflate(content) } : undefined;
      }),
    );
    for (const { id, data } of marked.filter((m) => m !== undefined))
      replaced.push({
        id,
        body: Buffer.concat([
          encode(`<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
          data,
          encode('\nendstream'),
        ]),
      });
  }

  const catalog = objects.dictionary(readTrailer(pdf).root);
  const rootId = /\/StructTreeRoot\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
  if (rootId) {
    const root = objects.dictionary(Number(rootId));
    if (!/\/RoleMap/.test(root)) {
      const roles = Object.entries(chromiumRoles)
        .map(([from, to]) => `/${from} /${to}`)
        .join(' ');
      replaced.push({
        id: Number(rootId),
        body: encode(`${root.slice(0, -2)} /RoleMap << ${roles} >> >>`),
      });
    }
  }

  for (const [id, language] of articleLanguages(
    pdf,
    text,
    documentLanguages,
    documentPages,
    objects,
  )) {
    const element = objects.dictionary(id);
    if (/\/Lang\s/.test(element)) continue;
    replaced.push({
      id,
      body: encode(`${element.slice(0, -2)} /Lang ${pdfTextString(language)} >>`),
    });
  }
  // Chromium writes an ASCII title as a literal string, any other as UTF-16 in hex.
  const titled = /\n(\d+) 0 obj\s*<<\s*\/Title\s*(<[0-9A-Fa-f]*>|\((?:\\[\s\S]|[^\\)])*\))/g;
  for (const item of text.matchAll(titled)) {
    const written = item[2] ?? '';
    const decoded = written.startsWith('<')
      ? decodeUtf16(written.slice(1, -1))
      : decodeLiteral(written);
    const once = outlineTitle(decoded) ?? decoded;
    const title = plainOutlineTitle(once, plainTitles) ?? (once === decoded ? undefined : once);
    if (title === undefined) continue;
    const id = Number(item[1]);
    const dictionary = objects.dictionary(id);
    replaced.push({
      id,
      body: encode(dictionary.replace(written, () => pdfTextString(title))),
    });
  }
  return replaced;
}

/**
 * The language of each `Art` element (by object id). Chromium writes one `Art` per
 * `<article>`: the documents', and any other a template or a note adds. The outermost
 * ones, in order, are the documents' when there is one each (an `Art` inside them takes
 * their language by inheritance). Otherwise each outermost `Art` takes the language of
 * the document its first marked content is printed in: the last document that begins on
 * or before that page. An `Art` before every document keeps the catalog's language.
 */
export function articleLanguages(
  pdf: Uint8Array,
  text: string,
  documentLanguages: readonly string[],
  documentPages: readonly (number | undefined)[],
  objects = new ObjectIndex(pdf, text),
): Map<number, string> {
  const articles = [
    ...text.matchAll(/\n(\d+) 0 obj\s*<<\s*\/Type\s*\/StructElem\s*\/S\s*\/Art[\s/>]/g),
  ].map((m) => Number(m[1]));
  const isArticle = new Set(articles);
  const parentOf = (id: number): number | undefined => {
    let element: string;
    try {
      element = objects.dictionary(id);
    } catch {
      return undefined;
    }
    const parent = /\/P\s+(\d+)\s+0\s+R/.exec(element)?.[1];
    return parent === undefined ? undefined : Number(parent);
  };
  const outermost = articles.filter((id) => {
    const seen = new Set<number>();
    for (let up = parentOf(id); up !== undefined && !seen.has(up); up = parentOf(up)) {
      seen.add(up);
      if (isArticle.has(up)) return false;
    }
    return true;
  });
  const languages = new Map<number, string>();
  if (outermost.length === documentLanguages.length) {
    for (const [i, id] of outermost.entries()) languages.set(id, documentLanguages[i] ?? '');
    return languages;
  }
  if (documentPages.length !== documentLanguages.length) return languages;
  const pageNumbers = pageOrder(pdf, objects);
  for (const id of outermost) {
    const pageObject = firstPageObject(pdf, id, objects);
    const page = pageObject === undefined ? undefined : pageNumbers.get(pageObject);
    if (page === undefined) continue;
    let language: string | undefined;
    for (const [i, start] of documentPages.entries())
      if (start !== undefined && start <= page) language = documentLanguages[i];
    if (language) languages.set(id, language);
  }
  return languages;
}

/** The physical page number (1-based) of each page object, from the page tree. */
function pageOrder(pdf: Uint8Array, objects: ObjectIndex): Map<number, number> {
  const order = new Map<number, number>();
  const catalog = objects.dictionary(readTrailer(pdf).root);
  const walk = (id: number, depth: number) => {
    if (depth > 32) return;
    const node = objects.dictionary(id);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1];
    if (/\/Type\s*\/Pages\b/.test(node) && kids !== undefined) {
      for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(kid[1]), depth + 1);
    } else {
      order.set(id, order.size + 1);
    }
  };
  const root = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
  if (root) walk(Number(root), 0);
  return order;
}

/**
 * The page object of the first marked content under structure element `id`, depth first:
 * an element's `/Pg` is the page of its own marked content; an element without one has
 * only elements as kids.
 */
function firstPageObject(
  pdf: Uint8Array,
  id: number,
  objects: ObjectIndex,
  depth = 0,
): number | undefined {
  if (depth > 64) return undefined;
  let element: string;
  try {
    element = objects.dictionary(id);
  } catch {
    return undefined;
  }
  const page = /\/Pg\s+(\d+)\s+0\s+R/.exec(element)?.[1];
  if (page) return Number(page);
  const kids = /\/K\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(element)?.[1] ?? '';
  for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) {
    const found = firstPageObject(pdf, Number(kid[1]), objects, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The title a bookmark should have, when Chromium's is wrong. Skia builds a heading's
 * bookmark title from the glyphs drawn while the heading is the current tag, and Chromium
 * paints a heading at the top of a page twice (once clipped away at the foot of the page
 * before), so such a title is the heading's text twice over ("IndexIndex"). Undefined
 * when the title is right.
 */
export function outlineTitle(title: string): string | undefined {
  if (title.length < 2 || title.length % 2 !== 0) return undefined;
  const half = title.slice(0, title.length / 2);
  return half === title.slice(title.length / 2) ? half : undefined;
}

/** A title compared with Chromium's: compatibility forms folded (𝐸 → E, ² → 2), no spaces. */
const outlineKey = (title: string) => title.normalize('NFKC').replace(/\s+/g, '');

/**
 * The plain title (of a heading with math: src/model/math-text.ts) that Chromium's bookmark
 * `title` stands for, when the two differ: Chromium titles a bookmark with the glyphs drawn,
 * so math reads in mathematical letters with its scripts flattened ("𝐸=𝑚𝑐2" for "E=mc²").
 */
export function plainOutlineTitle(
  title: string,
  plainTitles: readonly string[],
): string | undefined {
  const key = outlineKey(title);
  const plain = plainTitles.find((t) => outlineKey(t) === key);
  return plain !== undefined && plain !== title ? plain : undefined;
}

function decodeUtf16(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  if (bytes[0] !== 0xfe || bytes[1] !== 0xff) return bytes.toString('latin1');
  return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
}

/** The text of a PDF literal string `(…)` of one-byte characters. */
function decodeLiteral(literal: string): string {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  return literal
    .slice(1, -1)
    .replace(/\\(?:([0-7]{1,3})|\r?\n|([\s\S]))/g, (_, octal?: string, other?: string) =>
      octal
        ? String.fromCharCode(Number.parseInt(octal, 8))
        : other
          ? (escapes[other] ?? other)
          : '',
    );
}

/** The raw (still compressed) data of the stream object that starts at `start`, if it is a plain Flate stream. */
function flateStream(
  pdf: Uint8Array,
  text: string,
  start: number | undefined,
): Uint8Array | undefined {
  if (start === undefined) return undefined;
  const keyword = text.indexOf('stream', start);
  const head = text.slice(start, keyword);
  const length = /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(head)?.[1];
  if (!length || !/\/Filter\s*\/FlateDecode/.test(head) || /\/DecodeParms/.test(head))
    return undefined;
  let from = keyword + 'stream'.length;
  if (text[from] === '\r') from++;
  if (text[from] === '\n') from++;
  return pdf.subarray(from, from + Number(length));
}
