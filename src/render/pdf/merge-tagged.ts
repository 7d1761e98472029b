/**
 * Merges tagged PDFs that Chromium printed part by part (documents, or chapters of one
 * large document) into one tagged PDF. `qpdf --pages` keeps only the first file's
 * structure tree. pdf-lib (not a dependency) could copy arbitrary objects with its object
 * copier, but it parses every object of every part into memory, which is what part-wise
 * printing is there to bound, and its `copyPages` leaves the structure tree behind (a
 * page reaches its tree only through the `/StructParents` number). qpdf's JSON v2 costs a
 * whole JSON read of each part (slower than the print, see document-objects.ts). So the
 * merge is Folio's own, on the reader of Chromium's output the running-heads overlay uses
 * (chromium-pdf.ts): stream bytes are copied as they are, never decoded.
 *
 * Each part's objects are copied under new numbers (in the order they are first reached,
 * so the same parts give the same bytes); the pages are joined under one page tree; each
 * part's `/StructParents` and `/StructParent` keys are offset by the keys of the parts
 * before it and the parent trees joined; the kids of each part's Document element are
 * joined under one Document; role maps, ID trees, named destinations (the `/Dests`
 * dictionary and the `/Names` tree), outlines and page labels are joined; `/Lang`,
 * `/MarkInfo` and the viewer preferences come from the first part that has them.
 */
import { encode, PdfFile } from './chromium-pdf.ts';

/** Where the PDF value that starts at `i` (after white space) ends. */
function valueEnd(text: string, start: number): number {
  let i = skipSpace(text, start);
  const c = text[i];
  if (c === '(') {
    let level = 0;
    for (; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '(') level++;
      else if (text[i] === ')' && --level === 0) return i + 1;
    }
    throw new Error('Unterminated string in the PDF');
  }
  if (c === '<' && text[i + 1] === '<') {
    i += 2;
    for (;;) {
      i = skipSpace(text, i);
      if (text.startsWith('>>', i)) return i + 2;
      if (i >= text.length) throw new Error('Unbalanced dictionary in the PDF');
      i = valueEnd(text, i);
    }
  }
  if (c === '<') {
    const end = text.indexOf('>', i);
    if (end < 0) throw new Error('Unterminated hex string in the PDF');
    return end + 1;
  }
  if (c === '[') {
    i++;
    for (;;) {
      i = skipSpace(text, i);
      if (text[i] === ']') return i + 1;
      if (i >= text.length) throw new Error('Unbalanced array in the PDF');
      i = valueEnd(text, i);
    }
  }
  const reference = /^\d+\s+\d+\s+R\b/.exec(text.slice(i, i + 32));
  if (reference) return i + reference[0].length;
  const token = /^\/?[^\s/<>[\]()%]*/.exec(text.slice(i))?.[0] ?? '';
  if (token.length === 0) throw new Error(`Unexpected '${c ?? ''}' in the PDF`);
  return i + token.length;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** The entries of a dictionary written `<< /Key value … >>`, values as written. */
function entries(dictionary: string): [string, string][] {
  const out: [string, string][] = [];
  let i = skipSpace(dictionary, 0);
  if (!dictionary.startsWith('<<', i)) throw new Error('Expected a dictionary in the PDF');
  i += 2;
  for (;;) {
    i = skipSpace(dictionary, i);
    if (dictionary.startsWith('>>', i) || i >= dictionary.length) return out;
    const keyEnd = valueEnd(dictionary, i);
    const key = dictionary.slice(i, keyEnd);
    const end = valueEnd(dictionary, keyEnd);
    out.push([key, dictionary.slice(keyEnd, end).trim()]);
    i = end;
  }
}

/** The items of an array written `[ … ]`, as written. */
function items(array: string): string[] {
  const out: string[] = [];
  let i = skipSpace(array, 0);
  if (array[i] !== '[') throw new Error('Expected an array in the PDF');
  i++;
  for (;;) {
    i = skipSpace(array, i);
    if (array[i] === ']' || i >= array.length) return out;
    const end = valueEnd(array, i);
    out.push(array.slice(i, end));
    i = end;
  }
}

const referenceId = (value: string | undefined) =>
  value === undefined ? undefined : Number(/^(\d+)\s+\d+\s+R$/.exec(value.trim())?.[1] ?? NaN);

/**
 * Rewrites a value's references through `renumber` and offsets its `/StructParent(s)`
 * keys, outside strings (a title or alternative text may read "3 0 R").
 */
function rewrite(text: string, renumber: (id: number) => number, keyOffset: number): string {
  // Only what may change is looked at: strings (skipped whole), references and the keys;
  // the text between is copied in one piece (a copy character by character was half the
  // merge).
  const interesting = /<<|\(|<|(\d+)\s+0\s+R\b|\/StructParents?(\s+)(\d+)/g;
  let out = '';
  let copied = 0;
  for (let found = interesting.exec(text); found; found = interesting.exec(text)) {
    const at = found.index;
    const [token, id, space, key] = found;
    if (token === '<<') continue;
    if (token === '(' || token === '<') {
      interesting.lastIndex = valueEnd(text, at);
      continue;
    }
    if (id !== undefined) {
      // A number's fraction ("1.5 0 R" is no reference).
      if (at > 0 && text[at - 1] === '.') {
        interesting.lastIndex = at + 1;
        continue;
      }
      out += `${text.slice(copied, at)}${renumber(Number(id))} 0 R`;
    } else {
      const name = token.startsWith('/StructParents') ? '/StructParents' : '/StructParent';
      out += `${text.slice(copied, at)}${name}${space}${Number(key) + keyOffset}`;
    }
    copied = at + token.length;
  }
  return out + text.slice(copied);
}

/** A PDF literal string holding `text` (its bytes as Latin-1). */
function pdfString(text: string): string {
  return `(${text.replace(/[()\\]/g, (c) => `\\${c}`)})`;
}

/** A structure element's `/ID` and `/Headers` with the ids of `renamed` replaced. */
function withRenamedIds(value: string, renamed: ReadonlyMap<string, string>): string {
  if (!/\/(ID|Headers)\b/.test(value)) return value;
  const rename = (literal: string) => {
    const own = nameKey(literal);
    const to = renamed.get(own);
    return to === undefined ? literal : pdfString(to);
  };
  return value
    .replace(
      /(\/ID\s*)(\((?:\\.|[^()\\])*\)|<[0-9A-Fa-f\s]*>)/g,
      (_, key: string, id: string) => key + rename(id),
    )
    .replace(
      /(\/Headers\s*\[)([^\]]*)\]/g,
      (_, key: string, list: string) =>
        `${key}${list.replace(/\((?:\\.|[^()\\])*\)|<[0-9A-Fa-f\s]*>/g, rename)}]`,
    );
}

/** The URI of a link annotation's URI action written inline, decoded from its literal string. */
function linkUri(annotation: string): string | undefined {
  const action = new Map(entries(annotation)).get('/A');
  if (!action?.startsWith('<<')) return undefined;
  const uri = new Map(entries(action)).get('/URI');
  return uri?.startsWith('(') ? nameKey(uri) : undefined;
}

/** A value that may be indirect, resolved to its text. */
function resolved(file: PdfFile, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const id = referenceId(value);
  return Number.isNaN(id) ? value : file.dictionary(id as number);
}

/** The [key, value] leaves of a number or name tree, in order. */
function treeLeaves(file: PdfFile, node: string, leafKey: '/Nums' | '/Names'): [string, string][] {
  const fields = new Map(entries(node));
  const leaves: [string, string][] = [];
  const own = resolved(file, fields.get(leafKey));
  if (own) {
    const list = items(own);
    for (let k = 0; k + 1 < list.length; k += 2)
      leaves.push([list[k] as string, list[k + 1] as string]);
  }
  const kids = resolved(file, fields.get('/Kids'));
  if (kids)
    for (const kid of items(kids))
      leaves.push(...treeLeaves(file, resolved(file, kid) as string, leafKey));
  return leaves;
}

/** A name tree's key as bytes, for the order a name tree must keep. */
function nameKey(value: string): string {
  const text = value.trim();
  if (text.startsWith('<')) return Buffer.from(text.slice(1, -1), 'hex').toString('latin1');
  return text
    .slice(1, -1)
    .replace(/\\([0-7]{1,3}|.)/g, (_, e: string) =>
      /^[0-7]/.test(e)
        ? String.fromCharCode(parseInt(e, 8))
        : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e),
    );
}

/** A dictionary's text with `extra` entries added before its end. */
const withEntries = (dictionary: string, extra: string) =>
  extra ? `${dictionary.trimEnd().slice(0, -2).trimEnd()} ${extra} >>` : dictionary;

interface Part {
  file: PdfFile;
  catalog: Map<string, string>;
  pagesRoot: number;
  structRoot?: number;
  outlinesRoot?: number;
  /** The first and last top-level outline items. */
  outline?: { first: number; last: number; count: number };
}

// The merged document's own objects; the parts' objects are numbered after them.
const CATALOG = 1;
const PAGES = 2;
const STRUCT_ROOT = 3;
const DOCUMENT = 4;
const PARENT_TREE = 5;
const OUTLINES = 6;
const FIRST_COPIED = 7;

/** A PDF name for `text` (UTF-8), with `#xx` for what a name cannot hold as it is. */
function pdfName(text: string): string {
  return `/${[...Buffer.from(text, 'utf8')]
    .map((byte) =>
      byte < 0x21 || byte > 0x7e || '()<>[]{}/%#'.includes(String.fromCharCode(byte))
        ? `#${byte.toString(16).padStart(2, '0').toUpperCase()}`
        : String.fromCharCode(byte),
    )
    .join('')}`;
}

export interface MergeOptions {
  /**
   * Links between parts: Chromium drops a link to an anchor its page does not hold, so a
   * part links to another part's anchor as `${crossPartPrefix}${id}` (a URI link in its
   * print), and the merge turns every such link whose id names a destination into a link
   * to that destination.
   */
  crossPartPrefix?: string;
  /**
   * For each part, whether its first top-level structure element goes on with the last
   * one of the part before (a document cut between two parts at a chapter): its kids are
   * added to that element's, its marked content and kids take that element as parent,
   * and it is not copied.
   */
  continued?: readonly boolean[];
}

/** One tagged PDF holding `parts` (Chromium's tagged prints) in order. */
export function mergeTaggedPdfs(
  parts: readonly Uint8Array[],
  options: MergeOptions = {},
): Uint8Array {
  if (parts.length === 0) throw new Error('No PDF parts to merge');
  const read: Part[] = parts.map((bytes) => {
    const file = new PdfFile(bytes);
    const catalog = new Map(entries(file.dictionary(file.root)));
    const pagesRoot = referenceId(catalog.get('/Pages'));
    if (pagesRoot === undefined || Number.isNaN(pagesRoot))
      throw new Error('A PDF part has no page tree');
    const structRoot = referenceId(catalog.get('/StructTreeRoot'));
    const outlinesRoot = referenceId(catalog.get('/Outlines'));
    const part: Part = { file, catalog, pagesRoot };
    if (structRoot !== undefined && !Number.isNaN(structRoot)) part.structRoot = structRoot;
    if (outlinesRoot !== undefined && !Number.isNaN(outlinesRoot)) {
      part.outlinesRoot = outlinesRoot;
      const outlines = new Map(entries(file.dictionary(outlinesRoot)));
      const first = referenceId(outlines.get('/First'));
      const last = referenceId(outlines.get('/Last'));
      if (first !== undefined && last !== undefined && !Number.isNaN(first) && !Number.isNaN(last))
        part.outline = { first, last, count: Math.abs(Number(outlines.get('/Count') ?? 0)) };
    }
    return part;
  });

  // A stream's body is kept as its pieces, the stream's bytes a view of its part's: the
  // merged PDF is put together once, in writePdf, not copied object by object first.
  const bodies = new Map<number, Body>();
  let next = FIRST_COPIED;
  const pageKids: string[] = [];
  let pageCount = 0;
  const documentKids: string[] = [];
  const parentTree: string[] = [];
  let keyOffset = 0;
  const roleMap = new Map<string, string>();
  const idTree = new Map<string, string>();
  const dests = new Map<string, string>();
  const namedDests = new Map<string, string>();
  const labels: string[] = [];
  const anyLabels = read.some((p) => p.catalog.has('/PageLabels'));
  let outlineCount = 0;
  const topOutlines: { first: number; last: number }[] = [];
  const crossLinks: { id: number; target: string }[] = [];
  let marked = false;
  let lang: string | undefined;
  let viewer: string | undefined;

  for (const [index, part] of read.entries()) {
    const { file, catalog } = part;
    const partNumber = index + 1;
    const renamedIds = new Map<string, string>();
    const renumbered = new Map<number, number>([
      [file.root, CATALOG],
      [part.pagesRoot, PAGES],
    ]);
    const pending: number[] = [];
    const skipped = new Set<number>([file.root, part.pagesRoot]);
    const renumber = (id: number) => {
      let mapped = renumbered.get(id);
      if (mapped === undefined) {
        mapped = next++;
        renumbered.set(id, mapped);
        pending.push(id);
      }
      return mapped;
    };
    const copy = (text: string) => rewrite(text, renumber, keyOffset);

    // Pages.
    const pagesNode = new Map(entries(file.dictionary(part.pagesRoot)));
    for (const kid of items(resolved(file, pagesNode.get('/Kids')) ?? '[]'))
      pageKids.push(copy(kid));
    const partPages = Number(pagesNode.get('/Count') ?? 0);

    // Structure: the part's Document element (or its root) stands for the merged Document.
    let partKeys = 0;
    let continuation: { into: number; element: Map<string, string> } | undefined;
    if (part.structRoot !== undefined) {
      const root = new Map(entries(file.dictionary(part.structRoot)));
      renumbered.set(part.structRoot, DOCUMENT);
      skipped.add(part.structRoot);
      const k = root.get('/K');
      let kids = k === undefined ? [] : k.trim().startsWith('[') ? items(k) : [k];
      const only = kids.length === 1 ? referenceId(kids[0]) : undefined;
      if (only !== undefined && !Number.isNaN(only)) {
        const element = new Map(entries(file.dictionary(only)));
        if (element.get('/S') === '/Document') {
          renumbered.set(only, DOCUMENT);
          skipped.add(only);
          const inner = element.get('/K');
          kids = inner === undefined ? [] : inner.trim().startsWith('[') ? items(inner) : [inner];
          lang ??= element.get('/Lang');
        }
      }
      const joined = options.continued?.[index] ? referenceId(documentKids.at(-1)) : undefined;
      const first = kids.length > 0 ? referenceId(kids[0]) : undefined;
      if (joined !== undefined && first !== undefined && !Number.isNaN(joined + first)) {
        renumbered.set(first, joined);
        skipped.add(first);
        continuation = { into: joined, element: new Map(entries(file.dictionary(first))) };
        kids = kids.slice(1);
      }
      for (const kid of kids) documentKids.push(copy(kid));
      const tree = resolved(file, root.get('/ParentTree'));
      const treeId = referenceId(root.get('/ParentTree'));
      if (treeId !== undefined && !Number.isNaN(treeId)) skipped.add(treeId);
      let highest = -1;
      for (const [key, value] of tree ? treeLeaves(file, tree, '/Nums') : []) {
        parentTree.push(`${Number(key) + keyOffset} ${copy(value)}`);
        highest = Math.max(highest, Number(key));
      }
      partKeys = Math.max(Number(root.get('/ParentTreeNextKey') ?? 0), highest + 1);
      const roles = resolved(file, root.get('/RoleMap'));
      for (const [name, role] of roles ? entries(roles) : [])
        if (!roleMap.has(name)) roleMap.set(name, role);
      // Chromium numbers element ids per renderer process (`node00000142`), from a count
      // that what ran in the process before moves: parts repeat them, and the same part
      // printed on another browser (parts in parallel) numbers them otherwise. Every id
      // is named anew from the part's number and its place in the part's ID tree (which
      // Chromium keeps in the order of its numbers), in the tree and in the elements, so
      // the same parts give the same bytes wherever they printed.
      const ids = resolved(file, root.get('/IDTree'));
      let place = 0;
      for (const [key, value] of ids ? treeLeaves(file, ids, '/Names') : []) {
        if (continuation && copy(value).trim() === `${continuation.into} 0 R`) continue;
        place += 1;
        const renamed = `node${partNumber}-${place}`;
        renamedIds.set(nameKey(key), renamed);
        idTree.set(renamed, `${pdfString(renamed)} ${copy(value)}`);
      }
    }

    // Destinations: the /Dests dictionary and the /Names tree's /Dests.
    const destDictionary = resolved(file, catalog.get('/Dests'));
    for (const [name, value] of destDictionary ? entries(destDictionary) : [])
      if (!dests.has(name)) dests.set(name, copy(value));
    const names = resolved(file, catalog.get('/Names'));
    const destTree = names ? resolved(file, new Map(entries(names)).get('/Dests')) : undefined;
    for (const [key, value] of destTree ? treeLeaves(file, destTree, '/Names') : [])
      if (!namedDests.has(nameKey(key))) namedDests.set(nameKey(key), `${key} ${copy(value)}`);

    // Outlines: the part's top-level items, chained to the other parts' once all are copied.
    if (part.outline && part.outlinesRoot !== undefined) {
      renumbered.set(part.outlinesRoot, OUTLINES);
      skipped.add(part.outlinesRoot);
      outlineCount += part.outline.count;
      topOutlines.push({ first: renumber(part.outline.first), last: renumber(part.outline.last) });
    }

    // Page labels, offset by the pages before; a part without labels counts from 1.
    if (anyLabels) {
      const own = resolved(file, catalog.get('/PageLabels'));
      const leaves = own
        ? treeLeaves(file, own, '/Nums')
        : [['0', '<< /S /D >>'] as [string, string]];
      for (const [key, value] of leaves) labels.push(`${Number(key) + pageCount} ${copy(value)}`);
    }

    const markInfo = resolved(file, catalog.get('/MarkInfo'));
    if (markInfo && /\/Marked\s+true/.test(markInfo)) marked = true;
    lang ??= catalog.get('/Lang');
    viewer ??= catalog.get('/ViewerPreferences');

    // Every object reached, copied under its new number.
    // A queue read by its index: shift() on a long array moves it all, each time.
    for (let queued = 0; queued < pending.length; queued++) {
      const old = pending[queued] as number;
      if (skipped.has(old)) continue;
      const object = file.object(old);
      const value =
        renamedIds.size > 0 ? withRenamedIds(copy(object.value), renamedIds) : copy(object.value);
      const uri =
        options.crossPartPrefix && /\/Subtype\s*\/Link\b/.test(value) ? linkUri(value) : undefined;
      if (uri?.startsWith(options.crossPartPrefix as string))
        crossLinks.push({
          id: renumbered.get(old) as number,
          target: uri.slice((options.crossPartPrefix as string).length),
        });
      const id = renumbered.get(old) as number;
      bodies.set(
        id,
        object.stream
          ? [encode(`${value}\nstream\n`), object.stream, encode('\nendstream')]
          : encode(value),
      );
    }
    if (continuation) joinKids(bodies, continuation.into, continuation.element, copy);
    keyOffset += partKeys;
    pageCount += partPages;
  }

  const own = (id: number, text: string) => bodies.set(id, encode(text));
  const nameTree = (leaves: Map<string, string>) =>
    `<< /Names [${[...leaves.keys()]
      .sort()
      .map((k) => leaves.get(k))
      .join(' ')}] >>`;
  const catalog = [
    '/Type /Catalog',
    `/Pages ${PAGES} 0 R`,
    ...(documentKids.length > 0 || parentTree.length > 0
      ? [`/StructTreeRoot ${STRUCT_ROOT} 0 R`]
      : []),
    ...(marked ? ['/MarkInfo << /Type /MarkInfo /Marked true >>'] : []),
    ...(lang ? [`/Lang ${lang}`] : []),
    ...(viewer ? [`/ViewerPreferences ${viewer}`] : []),
    ...(topOutlines.length > 0 ? [`/Outlines ${OUTLINES} 0 R`] : []),
    ...(dests.size > 0
      ? [`/Dests << ${[...dests].map(([k, v]) => `${k} ${v}`).join(' ')} >>`]
      : []),
    ...(namedDests.size > 0 ? [`/Names << /Dests ${nameTree(namedDests)} >>`] : []),
    ...(labels.length > 0 ? [`/PageLabels << /Nums [${labels.join(' ')}] >>`] : []),
  ];
  own(CATALOG, `<< ${catalog.join(' ')} >>`);
  own(PAGES, `<< /Type /Pages /Kids [${pageKids.join(' ')}] /Count ${pageCount} >>`);
  own(
    STRUCT_ROOT,
    `<< /Type /StructTreeRoot /K ${DOCUMENT} 0 R /ParentTree ${PARENT_TREE} 0 R /ParentTreeNextKey ${keyOffset}${
      roleMap.size > 0
        ? ` /RoleMap << ${[...roleMap].map(([k, v]) => `${k} ${v}`).join(' ')} >>`
        : ''
    }${idTree.size > 0 ? ` /IDTree ${nameTree(idTree)}` : ''} >>`,
  );
  own(
    DOCUMENT,
    `<< /Type /StructElem /S /Document /P ${STRUCT_ROOT} 0 R${lang ? ` /Lang ${lang}` : ''} /K [${documentKids.join(' ')}] >>`,
  );
  own(PARENT_TREE, `<< /Type /ParentTree /Nums [${parentTree.join(' ')}] >>`);
  topOutlines.forEach((item, i) => {
    const before = topOutlines[i - 1];
    const after = topOutlines[i + 1];
    const patch = (id: number, extra: string) =>
      bodies.set(id, encode(withEntries(bodyText(bodies.get(id)), extra)));
    if (before) patch(item.first, `/Prev ${before.last} 0 R`);
    if (after) patch(item.last, `/Next ${after.first} 0 R`);
  });
  for (const link of crossLinks) {
    let name: string | undefined;
    try {
      name = pdfName(decodeURIComponent(link.target));
    } catch {
      name = undefined;
    }
    // A target no part holds loses its action rather than keep the stand-in URI, which
    // would send a reader to an address that is not there.
    const annotation = entries(bodyText(bodies.get(link.id)))
      .filter(([key]) => key !== '/A')
      .map(([key, value]) => `${key} ${value}`);
    const dest = name !== undefined && dests.has(name) ? ` /Dest ${name}` : '';
    bodies.set(link.id, encode(`<< ${annotation.join(' ')}${dest} >>`));
  }
  const [firstOutline, lastOutline] = [topOutlines[0], topOutlines.at(-1)];
  own(
    OUTLINES,
    firstOutline && lastOutline
      ? `<< /Type /Outlines /First ${firstOutline.first} 0 R /Last ${lastOutline.last} 0 R /Count ${outlineCount} >>`
      : // Parts printed without bookmarks: the number stays taken, by an object nothing uses.
        'null',
  );
  return writePdf(bodies, next);
}

/**
 * Adds the kids of `element` (a part's structure element that goes on with merged element
 * `into`) to `into`'s: a marked-content id, which stands for content of `element`'s page,
 * as a marked-content reference to that page. The kids are copied (and so reached) here.
 */
function joinKids(
  bodies: Map<number, Body>,
  into: number,
  element: ReadonlyMap<string, string>,
  copy: (text: string) => string,
): void {
  const kidsOf = (k: string | undefined) =>
    k === undefined ? [] : k.trim().startsWith('[') ? items(k) : [k];
  const page = element.get('/Pg');
  const added = kidsOf(element.get('/K')).map((kid) =>
    /^\d+$/.test(kid.trim()) && page
      ? `<< /Type /MCR /Pg ${copy(page)} /MCID ${kid.trim()} >>`
      : copy(kid),
  );
  const body = bodies.get(into);
  if (!body || added.length === 0) return;
  const target = entries(bodyText(body));
  const own = new Map(target).get('/Pg');
  const kept = kidsOf(new Map(target).get('/K')).map((kid) =>
    /^\d+$/.test(kid.trim()) && own ? `<< /Type /MCR /Pg ${own} /MCID ${kid.trim()} >>` : kid,
  );
  const rest = target.filter(([key]) => key !== '/K').map(([key, value]) => `${key} ${value}`);
  bodies.set(into, encode(`<< ${rest.join(' ')} /K [${[...kept, ...added].join(' ')}] >>`));
}

/** An object's body: its bytes, or for a stream its pieces in order. */
type Body = Uint8Array | readonly Uint8Array[];

/** The text of an object's body (outline items and links, never streams, are read back). */
function bodyText(body: Body | undefined): string {
  const pieces = body === undefined ? [] : body instanceof Uint8Array ? [body] : body;
  return pieces.map((piece) => Buffer.from(piece).toString('latin1')).join('');
}

/** A whole PDF of `bodies` (object number → body), numbered 1 to `size - 1` without gaps. */
function writePdf(bodies: ReadonlyMap<number, Body>, size: number): Uint8Array {
  const chunks: Uint8Array[] = [encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  for (let id = 1; id < size; id++) {
    const body = bodies.get(id);
    if (!body) throw new Error(`The merged PDF lost object ${id}`);
    offsets.push(length);
    const pieces = body instanceof Uint8Array ? [body] : body;
    for (const chunk of [encode(`${id} 0 obj\n`), ...pieces, encode('\nendobj\n')]) {
      chunks.push(chunk);
      length += chunk.length;
    }
  }
  const xref = [
    'xref',
    `0 ${size}`,
    '0000000000 65535 f ',
    ...offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${size} /Root ${CATALOG} 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(encode(xref));
  const whole = Buffer.concat(chunks);
  return new Uint8Array(whole.buffer, whole.byteOffset, whole.length);
}
