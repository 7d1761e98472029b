/**
 * Keeps the PDF's tags on its text through post-processing. Chromium's tagged print links
 * each structure element to its text by marked-content ids in the page's own content
 * stream (the page's /StructParents). Two things would spoil that:
 *
 * - Before qpdf, in the incremental update: the margin boxes Chromium draws outside any
 *   tag (folio, handling markings) become Artifacts (artifacts.ts); the structure tree
 *   root gets a role map for Chromium's `Em` and `Strong`, which are no standard types
 *   in PDF 1.7; each document's `Art` element gets the document's language; and a
 *   bookmark whose title Chromium doubled gets it once (see `outlineTitle`).
 * - The running heads: `qpdf --overlay` would move each page's content into a form
 *   XObject without /StructParents, where the tags no longer reach the text; so they are
 *   laid over in the same update instead, the page's own content left in place
 *   (heads-overlay.ts).
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { markUntaggedAsArtifacts } from './artifacts.ts';
import {
  objectDictionary,
  pdfTextString,
  type ReplacedObject,
  readTrailer,
} from './incremental-update.ts';

/** Structure types Chromium writes that PDF 1.7 lacks, and the standard type each plays. */
export const chromiumRoles: Readonly<Record<string, string>> = { Em: 'Span', Strong: 'Span' };

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/**
 * Objects of Chromium's printed PDF to define anew in the incremental update: page
 * content streams with their untagged drawing marked as Artifacts, the structure tree
 * root with its role map, and the documents' `Art` elements with their language
 * (`documentLanguages` in document order; left alone unless there is one `Art` each).
 */
export function structureRepairs(
  pdf: Uint8Array,
  documentLanguages: readonly string[],
): ReplacedObject[] {
  const text = latin1(pdf);
  const replaced: ReplacedObject[] = [];
  const encode = (body: string) => Buffer.from(body, 'latin1');
  const seen = new Set<number>();

  for (const page of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*<<\s*\/Type\s*\/Page[\s/>]/g)) {
    const dictionary = objectDictionary(pdf, Number(page[1]));
    const contents = /\/Contents\s+(?:(\d+)\s+0\s+R|\[([^\]]*)\])/.exec(dictionary);
    const ids = contents?.[1]
      ? [Number(contents[1])]
      : [...(contents?.[2] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
    for (const id of ids) {
      // A content stream shared by several pages is rewritten once.
      if (seen.has(id)) continue;
      seen.add(id);
      const stream = flateStream(pdf, text, id);
      if (!stream) continue;
      const marked = markUntaggedAsArtifacts(inflateSync(stream));
      if (!marked) continue;
      const data = deflateSync(marked);
      replaced.push({
        id,
        body: Buffer.concat([
          encode(`<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
          data,
          encode('\nendstream'),
        ]),
      });
    }
  }

  const catalog = objectDictionary(pdf, readTrailer(pdf).root);
  const rootId = /\/StructTreeRoot\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
  if (rootId) {
    const root = objectDictionary(pdf, Number(rootId));
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

  const articles = [
    ...text.matchAll(/\n(\d+) 0 obj\s*<<\s*\/Type\s*\/StructElem\s*\/S\s*\/Art[\s/>]/g),
  ];
  if (articles.length === documentLanguages.length) {
    articles.forEach((article, i) => {
      const element = objectDictionary(pdf, Number(article[1]));
      if (/\/Lang\s/.test(element)) return;
      replaced.push({
        id: Number(article[1]),
        body: encode(
          `${element.slice(0, -2)} /Lang ${pdfTextString(documentLanguages[i] ?? '')} >>`,
        ),
      });
    });
  }
  // Chromium writes an ASCII title as a literal string, any other as UTF-16 in hex.
  const titled = /\n(\d+) 0 obj\s*<<\s*\/Title\s*(<[0-9A-Fa-f]*>|\((?:\\[\s\S]|[^\\)])*\))/g;
  for (const item of text.matchAll(titled)) {
    const written = item[2] ?? '';
    const title = outlineTitle(
      written.startsWith('<') ? decodeUtf16(written.slice(1, -1)) : decodeLiteral(written),
    );
    if (title === undefined) continue;
    const id = Number(item[1]);
    const dictionary = objectDictionary(pdf, id);
    replaced.push({
      id,
      body: encode(dictionary.replace(written, () => pdfTextString(title))),
    });
  }
  return replaced;
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

/** The raw (still compressed) data of stream object `id`, if it is a plain Flate stream. */
function flateStream(pdf: Uint8Array, text: string, id: number): Uint8Array | undefined {
  const start = text.lastIndexOf(`\n${id} 0 obj`);
  if (start < 0) return undefined;
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
