/**
 * Reading a PDF as Chromium (Skia) writes it: one classic xref table, direct stream
 * lengths, no object streams. Shared by the running-heads overlay and the merge of
 * part-wise printed PDFs.
 */
export const latin1 = (bytes: Uint8Array, from = 0, to = bytes.length) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
export const encode = (text: string) => Buffer.from(text, 'latin1');

/** One object of a PDF: its dictionary (or other value) text, and a stream's raw bytes. */
export interface PdfObject {
  value: string;
  stream?: Uint8Array;
}

/** A Chromium PDF read through its one xref table. */
export class PdfFile {
  private readonly offsets = new Map<number, number>();
  /** Where each object's bytes end at the latest: where the next one (or the xref) starts. */
  private readonly ends = new Map<number, number>();
  readonly size: number;
  readonly root: number;

  constructor(private readonly bytes: Uint8Array) {
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024));
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
    if (!startxref) throw new Error('The PDF has no startxref (unexpected Chromium output)');
    const xref = latin1(bytes, Number(startxref));
    if (!xref.startsWith('xref'))
      throw new Error('The PDF has no classic xref table (unexpected Chromium output)');
    const trailerAt = xref.indexOf('trailer');
    const lines = xref.slice(4, trailerAt).trim().split(/\r?\n/);
    let id = 0;
    for (const line of lines) {
      const section = /^(\d+)\s+(\d+)$/.exec(line.trim());
      if (section) {
        id = Number(section[1]);
        continue;
      }
      const entry = /^(\d{10})\s+(\d{5})\s+([nf])/.exec(line.trim());
      if (entry?.[3] === 'n') this.offsets.set(id, Number(entry[1]));
      id++;
    }
    const starts = [...this.offsets].sort((a, b) => a[1] - b[1]);
    for (const [k, [object]] of starts.entries())
      this.ends.set(object, starts[k + 1]?.[1] ?? Number(startxref));
    const trailer = xref.slice(trailerAt);
    if (/\/Prev\s/.test(trailer))
      throw new Error('The PDF was updated incrementally (unexpected Chromium output)');
    this.size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1] ?? 0);
    this.root = Number(/\/Root\s+(\d+)\s+0\s+R/.exec(trailer)?.[1] ?? 0);
  }

  /** Whether the xref table holds object `id`. */
  has(id: number): boolean {
    return this.offsets.has(id);
  }

  object(id: number): PdfObject {
    const at = this.offsets.get(id);
    if (at === undefined) throw new Error(`The PDF has no object ${id}`);
    // Only the object's own bytes are read as text: a dictionary longer than the first
    // look (a page tree, a parent tree) once read the whole rest of the file, per object.
    const limit = Math.max(at, Math.min(this.bytes.length, this.ends.get(id) ?? this.bytes.length));
    const head = latin1(this.bytes, at, Math.min(limit, at + 4096));
    const header = /^\s*\d+\s+\d+\s+obj\s*/.exec(head);
    if (!header) throw new Error(`Object ${id} does not start where the xref says`);
    let end = head.indexOf('endobj');
    const streamAt = /(?:>>|\s)stream\r?\n/.exec(head);
    if (streamAt && (end < 0 || streamAt.index < end)) {
      const value = head.slice(
        header[0].length,
        streamAt.index + (head[streamAt.index] === '>' ? 2 : 0),
      );
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(value)?.[1];
      if (!length) throw new Error(`Stream ${id} has no direct length`);
      const from = at + streamAt.index + streamAt[0].length;
      return { value: value.trim(), stream: this.bytes.subarray(from, from + Number(length)) };
    }
    if (end < 0) end = latin1(this.bytes, at, limit).indexOf('endobj');
    return { value: latin1(this.bytes, at + header[0].length, at + end).trim() };
  }

  dictionary(id: number): string {
    return this.object(id).value;
  }

  /** The page objects in page order, through the page tree. */
  pages(): number[] {
    const catalog = this.dictionary(this.root);
    const top = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog)?.[1];
    const pages: number[] = [];
    const walk = (id: number) => {
      const node = this.dictionary(id);
      if (/\/Type\s*\/Pages\b/.test(node)) {
        const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
        for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(kid[1]));
      } else pages.push(id);
    };
    if (top) walk(Number(top));
    return pages;
  }
}

/** The balanced `<< … >>` that starts at `from` in `text`: where it ends (after `>>`). */
export function dictionaryEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('<<', i)) {
      depth++;
      i++;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (text[i] === '(') {
      // A literal string may hold brackets: skip it, with its escapes.
      let level = 0;
      for (; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') level++;
        else if (text[i] === ')' && --level === 0) break;
      }
    }
  }
  throw new Error('Unbalanced dictionary in the PDF');
}

/** The value of `key` in a dictionary's text when it is a dictionary written inline. */
export function inlineDictionary(
  dictionary: string,
  key: string,
): { from: number; to: number } | undefined {
  const found = new RegExp(`/${key}\\s*<<`).exec(dictionary);
  if (!found) return undefined;
  const from = found.index + found[0].length - 2;
  return { from, to: dictionaryEnd(dictionary, from) };
}
