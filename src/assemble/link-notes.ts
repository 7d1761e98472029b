/**
 * `printLinks: footnote`: in print, an external link's address becomes a footnote at the
 * foot of the link's page, as LaTeX's `\footnote{\url{…}}` would set it. A step of
 * assembling a print article, before the notes are arranged (footnotes.ts), so that link
 * notes are ordinary notes (`aside.footnote`) placed by the same page-foot machinery.
 *
 * - Numbers are shared with the author's notes: the document's notes are numbered again
 *   in reading order once the link notes are in (per chapter with `noteNumbering: chapter`).
 * - No note when the link's text is its address (`https://x.org` shown as `x.org`, a
 *   `mailto:` whose text is the address): the address is already printed.
 * - A note's address is a live link, in the code face and never hyphenated; a long one
 *   breaks where an address may (model/url-breaks.ts), anywhere only as a last resort.
 * - The same address linked more than once in one block (a paragraph, a list, a table)
 *   shares one note: its repeats stand on the same page, or on the next. Anywhere else it
 *   has a note of its own, so that a reader finds it at the foot of the page they are on.
 * - Where a note cannot stand (a heading, whose text is copied into the contents and the
 *   running heads; a caption; a note itself; a side note), and in a list item that is a
 *   link only (an entry of a reference list), the address follows the link as with
 *   `printLinks: after` (render/pdf/print-page.ts).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { EditionConfig } from '../config/schema.ts';
import type { GeneratedWords } from '../locale/words.ts';
import { hasClass } from '../model/hast-classes.ts';
import { writtenLevel } from '../model/heading-levels.ts';
import { footnoteId, footnoteRefId } from '../model/ids.ts';
import { breakableUrl } from '../model/url-breaks.ts';
import { decodeUrl } from '../model/url-escapes.ts';
import { plainText } from './chapters.ts';

/** The attribute that marks a link whose address went to a note (the note's id). */
export const linkNoteAttribute = 'dataLinkNote';

export interface LinkNoteOptions {
  documentId: string;
  numbering: EditionConfig['noteNumbering'];
  chapterLevel: number;
  /** The document's words, which name its notes for assistive technology. */
  words: GeneratedWords;
}

/** An external link's address as a note shows it, or undefined for a link that needs none. */
export function noteAddress(href: string): string | undefined {
  if (/^mailto:/i.test(href)) return decoded(href.replace(/^mailto:/i, '').split('?')[0] ?? '');
  if (/^https?:\/\//i.test(href)) return decoded(href);
  return undefined;
}

/** The link's text already is its address (`<https://x.org/>`, `[x.org](https://x.org)`). */
export function showsItsAddress(link: Element, href: string): boolean {
  const bare = (url: string) =>
    url
      .replace(/^(?:https?:\/\/|mailto:)/i, '')
      .replace(/^www\./i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  const text = bare(plainText(link).trim());
  return text === bare(href) || text === bare(decoded(href));
}

/** A URL decoded as `decodeURI` does, or as written when malformed. */
const decoded = (url: string): string => decodeUrl(url) ?? url;

const isNote = (node: ElementContent): boolean =>
  node.type === 'element' && hasClass(node, 'footnote');
const isSpace = (node: ElementContent): boolean => node.type === 'text' && !node.value.trim();

/** Where a note reference may not go: its text is copied, or it is a note already. */
function barsNotes(node: Element): boolean {
  return (
    writtenLevel(node) !== undefined ||
    node.tagName === 'figcaption' ||
    node.tagName === 'caption' ||
    hasClass(node, 'footnote') ||
    hasClass(node, 'footnote-ref') ||
    hasClass(node, 'side-note')
  );
}

/**
 * A list item that is a link and nothing else (`- [CWE-22 …](https://…)`): an entry of a
 * reference list. Notes would only repeat the list at the page's foot, a note a line, and
 * a long list would push its notes pages on; its address follows it as with `after`.
 */
function isReferenceEntry(node: Element): boolean {
  if (node.tagName !== 'li') return false;
  const links: Element[] = [];
  visit(node, 'element', (a) => {
    if (a.tagName === 'a') links.push(a);
  });
  const [link] = links;
  return (
    links.length === 1 && link !== undefined && plainText(link).trim() === plainText(node).trim()
  );
}

/** Adds a note after each external link of a document's body and numbers the notes again. */
export function addLinkNotes(body: ElementContent[], options: LinkNoteOptions): void {
  let nextId = firstFreeNoteId(body);
  const out: ElementContent[] = [];
  let added = 0;
  for (const node of body) {
    out.push(node);
    if (node.type !== 'element' || isNote(node) || barsNotes(node)) continue;
    /** Address → the note of this block that holds it, and how often it is referred to. */
    const notes = new Map<string, { note: Element; refs: number }>();
    visit(node, 'element', (link, index, parent) => {
      if (link !== node && barsNotes(link)) return SKIP;
      if (isReferenceEntry(link)) return SKIP;
      const href = link.properties.href;
      if (link.tagName !== 'a' || typeof href !== 'string' || !parent || index === undefined)
        return;
      const address = noteAddress(href);
      if (address === undefined || showsItsAddress(link, href)) return SKIP;
      let entry = notes.get(href);
      if (!entry) {
        entry = { note: linkNote(footnoteId(options.documentId, nextId), href, address), refs: 0 };
        nextId += 1;
        notes.set(href, entry);
      }
      entry.refs += 1;
      const id = String(entry.note.properties.id);
      link.properties[linkNoteAttribute] = id;
      parent.children.splice(index + 1, 0, reference(id, entry.refs));
      return [SKIP, index + 2];
    });
    for (const { note } of notes.values()) out.push(note);
    added += notes.size;
  }
  if (added === 0) return;
  body.splice(0, body.length, ...renumbered(out, options));
}

/** One past the highest note sequence number in `body` (`doc--fn-7` → 8). */
function firstFreeNoteId(body: ElementContent[]): number {
  let highest = 0;
  for (const node of body) {
    if (node.type !== 'element' || !isNote(node)) continue;
    const n = /--fn-(\d+)$/.exec(String(node.properties.id))?.[1];
    if (n) highest = Math.max(highest, Number(n));
  }
  return highest + 1;
}

/** A note reference (as remark-footnotes.ts writes it); its number is set by `renumbered`. */
function reference(noteId: string, n: number): Element {
  return h('sup.footnote-ref', [
    h('a', {
      href: `#${noteId}`,
      id: footnoteRefId(noteId, n),
      role: 'doc-noteref',
      'epub:type': 'noteref',
    }),
  ]);
}

function linkNote(id: string, href: string, address: string): Element {
  return h(
    'aside.footnote.link-note',
    { id, role: 'doc-footnote', 'epub:type': 'footnote' },
    h('p', [
      h('a.footnote-number', { href: `#${footnoteRefId(id, 1)}`, role: 'doc-backlink' }),
      ' ',
      h('a.link-note-address', { href }, h('code', breakableUrl(address))),
    ]),
  );
}

/**
 * The body with every note numbered in reading order (a block's references, then those in
 * its notes), each block's notes in their numbers' order. Numbers start again at each
 * chapter heading with `noteNumbering: chapter`, as remark-footnotes.ts counts them.
 */
function renumbered(body: ElementContent[], options: LinkNoteOptions): ElementContent[] {
  const numbers = new Map<string, number>();
  let next = 1;
  const out: ElementContent[] = [];
  let i = 0;
  while (i < body.length) {
    const block = body[i] as ElementContent;
    i += 1;
    // The block's notes, which may stand apart from it and each other by white space.
    const notes: Element[] = [];
    const spaces: ElementContent[] = [];
    for (let next = body[i]; next && (isNote(next) || isSpace(next)); next = body[++i])
      (next.type === 'element' ? notes : spaces).push(next);
    if (block.type === 'element' && !isNote(block)) {
      const rank = writtenLevel(block);
      if (options.numbering === 'chapter' && rank !== undefined && rank <= options.chapterLevel)
        next = 1;
    }
    for (const part of [block, ...notes]) {
      visit(part, 'element', (a) => {
        if (a.tagName !== 'a' || a.properties.role !== 'doc-noteref') return;
        const target = String(a.properties.href).slice(1);
        if (!numbers.has(target)) numbers.set(target, next++);
        const number = numbers.get(target);
        a.children = [{ type: 'text', value: String(number) }];
        a.properties.ariaLabel = options.words.noteReference(String(number));
      });
    }
    for (const note of notes) {
      const number = numbers.get(String(note.properties.id));
      if (number === undefined) continue;
      note.properties.dataNoteNumber = String(number);
      visit(note, 'element', (a) => {
        if (!hasClass(a, 'footnote-number')) return;
        a.children = [{ type: 'text', value: String(number) }];
        a.properties.ariaLabel = options.words.backToReference(String(number));
        return SKIP;
      });
    }
    const order = (note: Element) => numbers.get(String(note.properties.id)) ?? 0;
    out.push(block, ...notes.sort((a, b) => order(a) - order(b)), ...spaces);
  }
  return out;
}
