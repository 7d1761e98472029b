/**
 * The one write of a finished PDF: every object of the printed (or merged) PDF, the
 * objects post-processing defines anew in their place (the catalog, the Info dictionary,
 * repaired content streams, the running heads' forms), the objects that are no streams
 * packed into compressed object streams, a compressed cross-reference stream, and an /ID
 * derived from the bytes (Chromium's is random), so that equal builds are equal bytes.
 *
 * This was qpdf's rewrite (`--object-streams=generate --deterministic-id`), which parses
 * and writes every object again: 2.5 s of a 455-page book's build and 10.7 s of a
 * 1,823-page one, the largest step after the last print. The input is always Chromium's
 * output or Folio's merge of it (chromium-pdf.ts reads it: one classic xref table, direct
 * stream lengths), so its objects are copied as they are: stream bytes never decoded,
 * no object renumbered.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { dictionaryEnd, encode, PdfFile } from './chromium-pdf.ts';
import type { ReplacedObject } from './document-objects.ts';

/** Objects per object stream, as qpdf packs them. */
const perObjectStream = 100;

export interface CompactOptions {
  /** The document information dictionary, for the trailer's /Info. */
  info?: number;
}

/**
 * `pdf` with `replaced` in place (and added: an id past the last is a new object), as a
 * PDF 1.7 file with object streams and a cross-reference stream.
 */
export function compactPdf(
  pdf: Uint8Array,
  replaced: readonly ReplacedObject[],
  options: CompactOptions = {},
): Uint8Array {
  const file = new PdfFile(pdf);
  const bodies = new Map<number, Uint8Array>();
  for (const object of replaced) {
    if (bodies.has(object.id)) throw new Error(`Object ${object.id} is defined anew twice`);
    bodies.set(object.id, object.body);
  }
  const size = Math.max(file.size, ...[...bodies.keys()].map((id) => id + 1));

  const chunks: Uint8Array[] = [encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let length = chunks[0]?.length ?? 0;
  const put = (bytes: Uint8Array) => {
    chunks.push(bytes);
    length += bytes.length;
  };
  /** Cross-reference entries: [type, field 2, field 3] by object number. */
  const xref = new Map<number, [number, number, number]>();
  const writeObject = (id: number, pieces: readonly Uint8Array[]) => {
    xref.set(id, [1, length, 0]);
    put(encode(`${id} 0 obj\n`));
    for (const piece of pieces) put(piece);
    put(encode('\nendobj\n'));
  };

  // Streams are written whole; the rest wait for packing (a catalog holds every named
  // destination of a merged book: 450 KB at 455 pages, unpacked).
  const packed: Array<{ id: number; value: Uint8Array }> = [];
  for (const id of reachedFrom(file, bodies, [file.root, options.info])) {
    const body = bodies.get(id);
    if (body && isStream(body)) writeObject(id, [body]);
    else if (body) packed.push({ id, value: body });
    if (body) continue;
    const object = file.object(id);
    if (object.stream)
      writeObject(id, [encode(`${object.value}\nstream\n`), object.stream, encode('\nendstream')]);
    else packed.push({ id, value: encode(object.value) });
  }

  let next = size;
  for (let from = 0; from < packed.length; from += perObjectStream) {
    const group = packed.slice(from, from + perObjectStream);
    const streamId = next++;
    const offsets: string[] = [];
    let at = 0;
    for (const [index, object] of group.entries()) {
      offsets.push(`${object.id} ${at}`);
      at += object.value.length + 1;
      xref.set(object.id, [2, streamId, index]);
    }
    const header = encode(`${offsets.join(' ')}\n`);
    const data = deflateSync(
      Buffer.concat([header, ...group.flatMap((o) => [o.value, encode('\n')])]),
    );
    writeObject(streamId, [
      encode(
        `<< /Type /ObjStm /N ${group.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      ),
      data,
      encode('\nendstream'),
    ]);
  }

  // The /ID: a digest of everything before the cross-reference stream, which holds it.
  const digest = createHash('md5');
  for (const chunk of chunks) digest.update(chunk);
  const id = digest.digest('hex').toUpperCase();
  const xrefId = next++;
  const xrefOffset = length;
  xref.set(xrefId, [1, xrefOffset, 0]);
  const compressed = deflateSync(xrefRows(xref, next));
  put(
    encode(
      `${xrefId} 0 obj\n<< /Type /XRef /Size ${next} /W [1 4 2] /Root ${file.root} 0 R${
        options.info === undefined ? '' : ` /Info ${options.info} 0 R`
      } /ID [<${id}> <${id}>] /Filter /FlateDecode /DecodeParms << /Columns ${rowBytes - 1} /Predictor 12 >> /Length ${compressed.length} >>\nstream\n`,
    ),
  );
  put(compressed);
  put(encode(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  const whole = Buffer.concat(chunks, length);
  return new Uint8Array(whole.buffer, whole.byteOffset, whole.length);
}

/** A body defined anew that is a stream (its dictionary, `stream`, its bytes, `endstream`). */
function isStream(body: Uint8Array): boolean {
  const tail = Buffer.from(
    body.buffer,
    body.byteOffset + Math.max(0, body.length - 16),
    Math.min(16, body.length),
  );
  return tail.toString('latin1').trimEnd().endsWith('endstream');
}

/** Each row of the cross-reference stream: the type, 4 bytes of offset or number, 2 of index. */
const rowBytes = 1 + 1 + 4 + 2;

/**
 * The cross-reference stream's rows (`/W [1 4 2]`), each with the PNG "up" predictor
 * (the difference from the row above, as qpdf writes it): neighbouring rows differ little,
 * so they compress about ten times smaller.
 */
function xrefRows(
  xref: ReadonlyMap<number, readonly [number, number, number]>,
  size: number,
): Buffer {
  const rows = Buffer.alloc(size * rowBytes);
  const row = Buffer.alloc(rowBytes - 1);
  const previous = Buffer.alloc(rowBytes - 1);
  for (let n = 0; n < size; n++) {
    const [type, second, third] = xref.get(n) ?? [0, 0, n === 0 ? 0xffff : 0];
    row.writeUInt8(type, 0);
    row.writeUInt32BE(second, 1);
    row.writeUInt16BE(third, 5);
    const at = n * rowBytes;
    rows[at] = 2;
    for (let k = 0; k < row.length; k++)
      rows[at + 1 + k] = ((row[k] as number) - (previous[k] as number)) & 0xff;
    row.copy(previous);
  }
  return rows;
}

/**
 * The objects the document reaches from `roots`, in ascending order: only they are
 * written, as qpdf wrote them. Chromium's own information dictionary (its clock's
 * CreationDate), which Folio's replaces, is left behind, and so are the objects a
 * replaced one no longer refers to. A stream's references are read from its dictionary.
 */
function reachedFrom(
  file: PdfFile,
  bodies: ReadonlyMap<number, Uint8Array>,
  roots: ReadonlyArray<number | undefined>,
): number[] {
  const reached = new Set<number>();
  const stack = roots.filter((id): id is number => id !== undefined);
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (reached.has(id) || !(bodies.has(id) || file.has(id))) continue;
    reached.add(id);
    const body = bodies.get(id);
    const text = body ? dictionaryText(body) : file.object(id).value;
    for (const reference of text.matchAll(/(\d+)\s+\d+\s+R\b/g)) stack.push(Number(reference[1]));
  }
  return [...reached].sort((a, b) => a - b);
}

/** A body's text up to its stream data, if it has any. */
function dictionaryText(body: Uint8Array): string {
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
  if (!isStream(body)) return text;
  const start = text.indexOf('<<');
  return start < 0 ? '' : text.slice(0, dictionaryEnd(text, start));
}
