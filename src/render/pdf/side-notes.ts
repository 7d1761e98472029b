/**
 * Side notes for annotated print editions. Chromium has no `float: footnote`, so each note
 * becomes a float in a column to the right of the text (styles/annotations.css): it is
 * moved from after its passage's block into that block, just before the inline content
 * holding the passage's start, so its first line stands level with the line where the
 * passage begins, on the same page. Floats that meet stack (`clear: right`) and a note too
 * long for the rest of the page runs on at the top of the next, so nothing overlaps or is
 * lost. When the notes of a page do not all fit beside their passages (a note is pushed to
 * the next page), the page-number loop moves that page's notes up to the top of the page
 * (`SideNoteHoists`), so they stack from there. A note inside a
 * paragraph must be phrasing content, so its blocks become spans.
 */
import type { Element, ElementContent, Parent } from 'hast';
import { h } from 'hastscript';
import type { EditionParts } from '../../assemble/edition.ts';
import { classesOf } from '../../model/hast-classes.ts';

const blocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'dt', 'dd']);
const flow = new Set([
  'p',
  'div',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'aside',
  'section',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'hr',
]);

const passageSuffix = '-passage';

/** The id of a note's passage (its mark in the text). */
export const passageOf = (noteId: string) => `${noteId}${passageSuffix}`;

/** Note id → id of the top-level block whose start the note moves to. */
export type Hoists = ReadonlyMap<string, string>;

export function withSideNotes(parts: EditionParts, hoists: Hoists = new Map()): EditionParts {
  if (!parts.edition.annotated) return parts;
  // Each article is this assembly's own copy (see assembleEdition): moved in place.
  for (const document of parts.documents) moveNotes(document.article, hoists);
  return parts;
}

/**
 * The notes moved up, decided after each print from where the notes landed. When a note
 * is pushed off its passage's page, the notes of the passages on that page move together to
 * the start of the first block that begins on the page (if it is not after their blocks),
 * so they stack from there. A float cannot stand higher than the line it is anchored in,
 * so the lines of a block running on from the page before stay without notes. Moves are
 * kept from pass to pass, so the layout settles.
 */
export class SideNoteHoists {
  readonly hoists = new Map<string, string>();

  /** Adds the moves a print calls for; true when there are new ones. */
  update(parts: EditionParts, page: (id: string) => number | undefined): boolean {
    const before = this.hoists.size;
    for (const { article } of parts.documents) {
      const blocks = topLevelBlocks(article).map((block, index) => ({
        block,
        id: String(block.properties.id),
        index,
        page: page(String(block.properties.id)),
      }));
      const notes = blocks.flatMap(({ block, index }) =>
        passagesIn(block).map((passage) => {
          const note = passage.slice(0, -passageSuffix.length);
          return { note, index, page: page(passage), notePage: page(note) };
        }),
      );
      const crowded = new Set(
        notes.flatMap((n) => (n.page !== undefined && n.notePage !== n.page ? [n.page] : [])),
      );
      for (const pageNumber of crowded) {
        const first = blocks.find((b) => b.page === pageNumber);
        if (!first) continue;
        for (const n of notes) {
          if (n.page === pageNumber && n.index >= first.index && !this.hoists.has(n.note))
            this.hoists.set(n.note, first.id);
        }
      }
    }
    return this.hoists.size > before;
  }
}

/** Notes whose first line is not on their passage's page, by id. */
export function notesOffPage(pageOf: ReadonlyMap<string, number>): string[] {
  return [...pageOf]
    .filter(([id, page]) => /--note-\d+$/.test(id) && pageOf.get(passageOf(id)) !== page)
    .map(([id]) => id);
}

function topLevelBlocks(article: Element): Element[] {
  const body = article.children.find(
    (c): c is Element => c.type === 'element' && classesOf(c).includes('document-body'),
  );
  return (body?.children ?? []).filter(
    (c): c is Element => c.type === 'element' && typeof c.properties.id === 'string',
  );
}

/** Ids of the passages a block holds (on their marks, or on the probes printing put there). */
function passagesIn(block: Element): string[] {
  const found: string[] = [];
  const walk = (node: Element) => {
    const id = node.properties.id;
    if (typeof id === 'string' && id.endsWith(passageSuffix)) found.push(id);
    for (const child of node.children) if (child.type === 'element') walk(child);
  };
  walk(block);
  return found;
}

function moveNotes(article: Element, hoists: Hoists): void {
  const notes: Array<{ note: Element; parent: Parent }> = [];
  const paths = new Map<string, Element[]>();
  const walk = (parent: Element, path: Element[]) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (classesOf(child).includes('annotation-note')) notes.push({ note: child, parent });
      const id = child.properties.id;
      if (child.tagName === 'mark' && typeof id === 'string')
        paths.set(id, [...path, parent, child]);
      walk(child, [...path, parent]);
    }
  };
  walk(article, []);
  const blocksById = new Map(topLevelBlocks(article).map((b) => [String(b.properties.id), b]));
  const hoisted = new Map<Element, Element[]>();
  for (const { note, parent } of notes) {
    const target = blocksById.get(hoists.get(String(note.properties.id)) ?? '');
    if (target) {
      parent.children.splice(parent.children.indexOf(note), 1);
      hoisted.set(target, [...(hoisted.get(target) ?? []), sideNote(note)]);
      continue;
    }
    const path = paths.get(`${String(note.properties.id)}${passageSuffix}`);
    if (!path) continue;
    const blockIndex = path.findLastIndex((p) => blocks.has(p.tagName));
    const block = path[blockIndex];
    const holder = path[blockIndex + 1];
    if (!block || !holder) continue;
    parent.children.splice(parent.children.indexOf(note), 1);
    const at = block.children.indexOf(holder as ElementContent);
    block.children.splice(at, 0, sideNote(note));
  }
  // Moved notes open their block, in the order of their numbers.
  for (const [block, moved] of hoisted) block.children.unshift(...moved);
}

/** The note as a float; its label and byline run in with its first and last paragraphs. */
function sideNote(note: Element): Element {
  const children = [...note.children];
  const isClass = (node: ElementContent | undefined, name: string): node is Element =>
    node?.type === 'element' && classesOf(node).includes(name);
  const label = children[0];
  const first = children[1];
  if (isClass(label, 'annotation-label') && first?.type === 'element' && first.tagName === 'p') {
    children.splice(0, 2, {
      ...first,
      children: [
        h('span.annotation-label', label.children),
        { type: 'text', value: ' ' },
        ...first.children,
      ],
    });
  }
  const byline = children[children.length - 1];
  const last = children[children.length - 2];
  if (isClass(byline, 'annotation-byline') && last?.type === 'element' && last.tagName === 'p') {
    children.splice(-2, 2, {
      ...last,
      children: [
        ...last.children,
        { type: 'text', value: ' — ' },
        h('span.annotation-byline', byline.children),
      ],
    });
  }
  return h(
    'span',
    { ...note.properties, className: [...classesOf(note), 'side-note'] },
    children.map(phrasing),
  );
}

function phrasing(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  const children = node.children.map(phrasing);
  if (!flow.has(node.tagName)) return { ...node, children };
  return h(
    'span',
    { ...node.properties, className: [...classesOf(node), `side-note-${node.tagName}`] },
    children,
  );
}
