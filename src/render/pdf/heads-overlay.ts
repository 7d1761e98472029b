/**
 * The running heads laid over the printed pages as objects defined anew, so that the one
 * final write (compact-pdf.ts) writes the book once. `qpdf --overlay` cost a whole
 * rewrite, and undoing what it did to the tags (it moves each page's content into a form,
 * where the marked-content ids no longer reach the text) cost three qpdf reads and a
 * second rewrite.
 *
 * Here each page of the heads' PDF (Chromium's print of running-heads.ts, one page per
 * page) becomes a form XObject, its fonts and other resources copied under new object
 * numbers; each page of the book keeps its own content stream, untouched, saved and
 * restored around it (Chromium leaves its flipped, scaled coordinates set), and then
 * draws its heads' form as an Artifact. Both PDFs are Chromium's (Skia's) output: one
 * classic xref table, direct stream lengths, page resources written inline.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { encode, inlineDictionary, PdfFile } from './chromium-pdf.ts';
import type { ReplacedObject } from './document-objects.ts';

/** The dictionary's resources, inline, with their references as written. */
function resourcesOf(file: PdfFile, page: string): string {
  const inline = inlineDictionary(page, 'Resources');
  if (inline) return page.slice(inline.from, inline.to);
  const ref = /\/Resources\s+(\d+)\s+0\s+R/.exec(page)?.[1];
  return ref ? file.dictionary(Number(ref)) : '<< >>';
}

/** The page's content streams, by object number. */
function contentsOf(page: string): number[] {
  const contents = /\/Contents\s+(?:(\d+)\s+0\s+R|\[([^\]]*)\])/.exec(page);
  if (!contents) return [];
  if (contents[1]) return [Number(contents[1])];
  return [...(contents[2] ?? '').matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
}

/** The content that draws a page's heads form, as furniture. */
const drawHeads = '/Artifact BMC\nq 1 0 0 1 0 0 cm /FolioHeads Do Q\nEMC\n';

export interface HeadsOverlay {
  objects: ReplacedObject[];
  /** One more than the highest object number used. */
  size: number;
}

/**
 * The objects that lay `heads` (one page per page) over the pages of `pdf`: the heads'
 * resources copied, a form per page, and each page's dictionary drawing its form after
 * its own content. New objects are numbered from `firstId`.
 */
export function headsOverlay(pdf: Uint8Array, heads: Uint8Array, firstId: number): HeadsOverlay {
  const book = new PdfFile(pdf);
  const source = new PdfFile(heads);
  const bookPages = book.pages();
  const headPages = source.pages();
  if (bookPages.length !== headPages.length)
    throw new Error(
      `The running heads have ${headPages.length} pages for a book of ${bookPages.length}`,
    );
  let next = firstId;
  const objects: ReplacedObject[] = [];
  const add = (body: Uint8Array, id = next++) => {
    objects.push({ id, body });
    return id;
  };
  const streamBody = (dictionary: string, data: Uint8Array) =>
    Buffer.concat([
      encode(`${dictionary.slice(0, -2).trimEnd()} /Length ${data.length} >>\nstream\n`),
      data,
      encode('\nendstream'),
    ]);

  // The heads' objects each get a new number the first time a resource refers to them.
  const renumbered = new Map<number, number>();
  const pending: number[] = [];
  const renumber = (text: string) =>
    text.replace(/(\d+)\s+0\s+R/g, (_, old: string) => {
      const id = Number(old);
      let mapped = renumbered.get(id);
      if (mapped === undefined) {
        mapped = next++;
        renumbered.set(id, mapped);
        pending.push(id);
      }
      return `${mapped} 0 R`;
    });

  const save = add(streamBody('<< >>', encode('q\n')));
  const restore = add(streamBody('<< >>', encode('\nQ\n')));
  const draw = add(streamBody('<< >>', encode(drawHeads)));

  headPages.forEach((headPage, i) => {
    const head = source.dictionary(headPage);
    const box = /\/MediaBox\s*\[([^\]]*)\]/.exec(head)?.[1] ?? '0 0 595.28 841.89';
    const resources = renumber(resourcesOf(source, head));
    const streams = contentsOf(head).map((id) => source.object(id));
    const [single] = streams;
    const plain = (value: string) => !/\/Filter|\/DecodeParms/.test(value);
    const flate = (value: string) =>
      /\/Filter\s*\/FlateDecode\b/.test(value) && !/\/DecodeParms/.test(value);
    // One stream is copied as it is; several are joined (Chromium writes one).
    const { data, filter } =
      streams.length === 1 && single?.stream && (plain(single.value) || flate(single.value))
        ? { data: single.stream, filter: flate(single.value) ? '/Filter /FlateDecode' : '' }
        : {
            data: deflateSync(
              Buffer.concat(
                streams.map((s) => {
                  const bytes = s.stream ?? new Uint8Array();
                  if (flate(s.value)) return inflateSync(bytes);
                  if (plain(s.value)) return bytes;
                  throw new Error('A running-heads page has a content stream Folio cannot read');
                }),
              ),
            ),
            filter: '/Filter /FlateDecode',
          };
    const form = add(
      streamBody(
        `<< /Type /XObject /Subtype /Form /BBox [${box.trim()}] /Resources ${resources} ${filter} >>`,
        data,
      ),
    );

    const pageId = bookPages[i] as number;
    const page = book.dictionary(pageId);
    const own = contentsOf(page);
    let dictionary = page.replace(
      /\/Contents\s+(?:\d+\s+0\s+R|\[[^\]]*\])/,
      `/Contents [${[save, ...own, restore, draw].map((id) => `${id} 0 R`).join(' ')}]`,
    );
    const heads = `/FolioHeads ${form} 0 R`;
    const inline = inlineDictionary(dictionary, 'Resources');
    let pageResources = inline
      ? dictionary.slice(inline.from, inline.to)
      : resourcesOf(book, dictionary);
    const xobjects = inlineDictionary(pageResources, 'XObject');
    pageResources = xobjects
      ? `${pageResources.slice(0, xobjects.to - 2)} ${heads}>>${pageResources.slice(xobjects.to)}`
      : `${pageResources.slice(0, -2).trimEnd()} /XObject << ${heads} >> >>`;
    dictionary = inline
      ? `${dictionary.slice(0, inline.from)}${pageResources}${dictionary.slice(inline.to)}`
      : dictionary.replace(/\/Resources\s+\d+\s+0\s+R/, `/Resources ${pageResources}`);
    add(encode(dictionary), pageId);
  });

  // Every object the heads' resources reach, copied under its new number.
  while (pending.length > 0) {
    const old = pending.shift() as number;
    const object = source.object(old);
    const value = renumber(object.value);
    const id = renumbered.get(old) as number;
    add(
      object.stream
        ? Buffer.concat([encode(`${value}\nstream\n`), object.stream, encode('\nendstream')])
        : encode(value),
      id,
    );
  }
  return { objects, size: next };
}
