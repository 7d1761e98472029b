/**
 * The objects a printed PDF gets anew after its last print, and the reading they need.
 * The catalog is defined again with page labels, viewer preferences and the language
 * (its other entries, structure tree, outlines and destinations, kept verbatim), beside a
 * new document information dictionary; for PDF/A also the XMP metadata stream and the
 * output intent with its ICC profile (see pdfa.ts). Other objects are replaced with them
 * (`ReplacedObject`): the pages' content streams with their margin boxes marked as
 * Artifacts, the structure tree root with its role map (see tagged-structure.ts), the
 * running heads' forms (heads-overlay.ts). compact-pdf.ts writes the PDF once with them.
 * Reading the whole file into qpdf's JSON to change two dictionaries took longer than
 * printing; this reads only the catalog.
 */
import { encode } from './chromium-pdf.ts';

export interface DocumentInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  language: string;
  /** PDF date string, `D:YYYYMMDDHHmmSSZ`. */
  date: string;
}

/** The Info dictionary's Creator and Producer (XMP repeats them in PDF/A). */
export const creatorTool = 'Folio';
export const producerName = 'Folio (Chromium)';

/** What PDF/A adds to the catalog: XMP metadata and an output intent with its ICC profile. */
export interface ArchivalParts {
  /** The XMP packet (UTF-8). */
  xmp: Uint8Array;
  /** The ICC profile of the output intent (RGB). */
  icc: Uint8Array;
  /** `/OutputConditionIdentifier` and `/Info` of the output intent. */
  outputCondition: string;
}

export interface PageLabelRange {
  /** Physical page index (0-based) where the style starts. */
  from: number;
  /** `r` lower-case roman, `D` decimal. */
  style: 'r' | 'D';
  start?: number;
}

const latin1 = (bytes: Uint8Array, from: number, to: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');

/** A PDF text string in UTF-16BE with a byte order mark, safe for any title. */
export function pdfTextString(text: string): string {
  const utf16 = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${utf16.toString('hex').toUpperCase()}>`;
}

/** A PDF literal string of printable ASCII (an identifier), escaped. */
function pdfAsciiString(text: string): string {
  return `(${text.replace(/[^\x20-\x7e]/g, '').replace(/[\\()]/g, '\\$&')})`;
}

/** An object defined anew under its number: its body, between `obj` and `endobj`. */
export interface ReplacedObject {
  id: number;
  body: Uint8Array;
}

interface Trailer {
  size: number;
  root: number;
  startxref: number;
}

export function readTrailer(pdf: Uint8Array): Trailer {
  const tail = latin1(pdf, Math.max(0, pdf.length - 2048), pdf.length);
  const size = /\/Size\s+(\d+)/.exec(tail.slice(tail.lastIndexOf('trailer')))?.[1];
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(tail.slice(tail.lastIndexOf('trailer')))?.[1];
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  if (!size || !root || !startxref || tail.lastIndexOf('trailer') < 0) {
    throw new Error(
      'The printed PDF has no classic trailer to update (unexpected Chromium output)',
    );
  }
  return { size: Number(size), root: Number(root), startxref: Number(startxref) };
}

/** The dictionary text of object `id`, from its last definition in the file. */
export function objectDictionary(pdf: Uint8Array, id: number): string {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const start = buffer.lastIndexOf(`\n${id} 0 obj`);
  if (start < 0) throw new Error(`The printed PDF has no object ${id}`);
  return dictionaryAt(pdf, id, start);
}

function dictionaryAt(pdf: Uint8Array, id: number, start: number): string {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const end = buffer.indexOf('endobj', start);
  const body = latin1(pdf, start, end)
    .replace(/^\s*\d+ 0 obj\s*/, '')
    .trim();
  if (!body.startsWith('<<') || !body.endsWith('>>'))
    throw new Error(`Object ${id} is not a dictionary`);
  return body;
}

/**
 * Where each object of a PDF is last defined (the offset of the line break before
 * `N 0 obj`), found in one pass over the file: what `objectDictionary` finds by searching
 * back from the end, for every object at once. Searching once per object made the tag
 * repairs of a 1,600-page book quadratic (one search of the whole file per page, per
 * bookmark): 67 s at 1,600 synthetic pages against 1.3 s at 200.
 */
export class ObjectIndex {
  private readonly starts = new Map<number, number>();

  /** `text`: the PDF as latin1 text, when the caller has it already. */
  constructor(
    private readonly pdf: Uint8Array,
    text: string = latin1(pdf, 0, pdf.length),
  ) {
    for (const found of text.matchAll(/\n(\d+) 0 obj/g))
      this.starts.set(Number(found[1]), found.index);
  }

  /** The offset of the line break before object `id`'s last `N 0 obj`, if it has one. */
  start(id: number): number | undefined {
    return this.starts.get(id);
  }

  /** The dictionary text of object `id`, from its last definition (as `objectDictionary`). */
  dictionary(id: number): string {
    const start = this.starts.get(id);
    if (start === undefined) throw new Error(`The printed PDF has no object ${id}`);
    return dictionaryAt(this.pdf, id, start);
  }
}

/** The document's own objects, and the number of its information dictionary. */
export interface DocumentObjects {
  objects: ReplacedObject[];
  info: number;
}

/**
 * The catalog defined anew and the Info dictionary (numbered `trailer.size`), then for
 * PDF/A the XMP metadata and the output profile after it.
 */
export function documentObjects(
  pdf: Uint8Array,
  info: DocumentInfo,
  labels: readonly PageLabelRange[],
  archival?: ArchivalParts,
): DocumentObjects {
  const trailer = readTrailer(pdf);
  const catalog = objectDictionary(pdf, trailer.root);
  const nums = labels
    .map(
      (l) => `${l.from} << /S /${l.style}${l.start && l.start !== 1 ? ` /St ${l.start}` : ''} >>`,
    )
    .join(' ');
  const additions = [
    `/PageLabels << /Nums [${nums}] >>`,
    '/ViewerPreferences << /DisplayDocTitle true >>',
    ...(/\/Lang\s/.test(catalog) ? [] : [`/Lang ${pdfTextString(info.language)}`]),
  ].join(' ');
  const cleaned = catalog.replace(/\/(PageLabels|ViewerPreferences)\s*<<[^>]*>>/g, '');
  const infoId = trailer.size;
  const xmpId = infoId + 1;
  const iccId = infoId + 2;
  const archivalEntries = archival
    ? [
        `/Metadata ${xmpId} 0 R`,
        `/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier ${pdfAsciiString(archival.outputCondition)} /Info ${pdfAsciiString(archival.outputCondition)} /RegistryName (http://www.color.org) /DestOutputProfile ${iccId} 0 R >>]`,
      ]
    : [];
  const withoutArchival = archival
    ? cleaned.replace(/\/Metadata\s+\d+\s+0\s+R/g, '').replace(/\/OutputIntents\s*\[[^\]]*\]/g, '')
    : cleaned;
  const newCatalog = `${withoutArchival.slice(0, -2)} ${[additions, ...archivalEntries].join(' ')} >>`;
  const entries: Array<[string, string | undefined]> = [
    ['Title', info.title],
    ['Author', info.author],
    ['Subject', info.subject],
    ['Keywords', info.keywords.length > 0 ? info.keywords.join(', ') : undefined],
    ['Creator', creatorTool],
    ['Producer', producerName],
  ];
  const infoDictionary = `<< ${entries
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([key, value]) => `/${key} ${pdfTextString(value)}`)
    .join(' ')} /CreationDate (${info.date}) /ModDate (${info.date}) >>`;
  const text = (id: number, body: string): ReplacedObject => ({ id, body: encode(body) });
  const stream = (id: number, dictionary: string, bytes: Uint8Array): ReplacedObject => ({
    id,
    body: Buffer.concat([
      encode(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`),
      bytes,
      encode('\nendstream'),
    ]),
  });
  return {
    objects: [
      text(trailer.root, newCatalog),
      text(infoId, infoDictionary),
      ...(archival
        ? [
            stream(xmpId, '/Type /Metadata /Subtype /XML', archival.xmp),
            stream(iccId, '/N 3 /Alternate /DeviceRGB', archival.icc),
          ]
        : []),
    ],
    info: infoId,
  };
}
