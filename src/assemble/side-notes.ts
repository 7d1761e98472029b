/**
 * Side notes for annotated print editions. Chromium has no `float: footnote`, so each note
 * becomes a float in a column to the right of the text (styles/annotations.css): it is
 * moved from after its passage's block into that block, just before the inline content
 * holding the passage's start, so its first line stands level with the line where the
 * passage begins, on the same page. Floats that meet stack (`clear: right`) and a note too
 * long for the rest of the page runs on at the top of the next, so nothing overlaps or is
 * lost. Notes the page-number loop moved up (`Hoists`) open the block it chose instead. A
 * note inside a paragraph must be phrasing content, so its blocks become spans. A step of
 * assembling a print article (see assembleEdition's `print`).
 */
import type { Element, ElementContent, Parent } from 'hast';
import { h } from 'hastscript';
import { isBlock } from '../model/block-elements.ts';
import { classesOf } from '../model/hast-classes.ts';
import { passageId } from '../model/ids.ts';
import type { Hoists } from './print-inputs.ts';

/** The top-level blocks of an article's body that have an id, in order. */
export function topLevelBlocks(article: Element): Element[] {
  const body = article.children.find(
    (c): c is Element => c.type === 'element' && classesOf(c).includes('document-body'),
  );
  return (body?.children ?? []).filter(
    (c): c is Element => c.type === 'element' && typeof c.properties.id === 'string',
  );
}

/** Moves the notes of the article being assembled beside their passages, or where hoisted. */
export function placeSideNotes(article: Element, hoists: Hoists): void {
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
    const path = paths.get(passageId(String(note.properties.id)));
    if (!path) continue;
    const blockIndex = path.findLastIndex((p) => isBlock(p));
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
  if (!isBlock(node)) return { ...node, children };
  return h(
    'span',
    { ...node.properties, className: [...classesOf(node), `side-note-${node.tagName}`] },
    children,
  );
}
