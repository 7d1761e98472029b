/**
 * The notes of an annotated edition, placed in a document's HTML: after each marked
 * passage a note reference (`epub:type="noteref"`, `role="doc-noteref"`, numbered through
 * the edition in reading order), and after the block holding the passage the note itself,
 * an `aside` with `epub:type="footnote"` and `role="doc-footnote"` (reading systems that
 * know it show it as a pop-up) that opens with a link back to the passage and closes with
 * its author and date. Print moves each note beside its passage (render/pdf/side-notes.ts).
 */
import type { Element, ElementContent, Parent } from 'hast';
import { h } from 'hastscript';
import { wordsFor } from '../locale/locale.ts';
import type { GeneratedWords } from '../locale/words.ts';
import { holdsOnlyItems, isBlock } from '../model/block-elements.ts';
import { classesOf } from '../model/hast-classes.ts';
import { noteRefId } from '../model/ids.ts';
import type { AnnotationRecord } from '../model/registry.ts';

interface Found {
  element: Element;
  /** Ancestors from the outermost (a child of the body) to the parent. */
  path: Array<Element | { type: 'root'; children: ElementContent[] }>;
}

/**
 * Places the notes of `records` in `body` (the document's top-level nodes), numbering from
 * `counter.next`. `note` gives a record's note as HTML (its cross-references resolved);
 * the notes' labels are in the document's `language`.
 */
export function placeNotes(
  body: ElementContent[],
  records: readonly AnnotationRecord[],
  counter: { next: number },
  note: (record: AnnotationRecord) => ElementContent[],
  language = 'en',
): void {
  const words = wordsFor(language);
  const root = { type: 'root' as const, children: body };
  const marks = new Map<string, Found[]>();
  const walk = (parent: Found['path'][number], path: Found['path']) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      const note = child.properties.dataNote;
      if (child.tagName === 'mark' && typeof note === 'string')
        marks.set(note, [...(marks.get(note) ?? []), { element: child, path: [...path, parent] }]);
      walk(child, [...path, parent]);
    }
  };
  walk(root, []);
  const ordered = [...records]
    .filter((r) => marks.has(r.anchor))
    .sort((a, b) => order(marks, a) - order(marks, b));
  for (const record of ordered) {
    const segments = marks.get(record.anchor) ?? [];
    const last = segments[segments.length - 1];
    if (!last) continue;
    const number = counter.next++;
    insertAfter(outsideLinks(last), noteRef(record, number));
    insertNote(last, noteAside(record, number, note(record), words));
  }
}

/** Position of a record's first mark in reading order. */
function order(marks: Map<string, Found[]>, record: AnnotationRecord): number {
  let n = 0;
  for (const [anchor] of marks) {
    if (anchor === record.anchor) return n;
    n++;
  }
  return n;
}

/** The mark, or the outermost link around it: a note reference may not sit inside a link. */
function outsideLinks(found: Found): { node: ElementContent; parent: Parent } {
  let node: ElementContent = found.element;
  let parent = found.path[found.path.length - 1] as Parent;
  for (let i = found.path.length - 1; i > 0; i--) {
    const ancestor = found.path[i];
    if (ancestor && isBlock(ancestor)) break;
    if (ancestor?.type === 'element' && ancestor.tagName === 'a') {
      node = ancestor;
      parent = found.path[i - 1] as Parent;
    }
  }
  return { node, parent };
}

function insertAfter(at: { node: ElementContent; parent: Parent }, inserted: ElementContent): void {
  const index = at.parent.children.indexOf(at.node as Parent['children'][number]);
  at.parent.children.splice(index + 1, 0, inserted);
}

/** After the passage's block (or at the end of a list item or table cell holding it). */
function insertNote(found: Found, aside: Element): void {
  const path = found.path;
  for (let i = path.length - 1; i >= 0; i--) {
    const block = path[i];
    if (block?.type !== 'element' || !isBlock(block)) continue;
    // An aside may not stand among a list's items or a table's cells: it ends the item.
    const outer = path[i - 1];
    if (outer && holdsOnlyItems(outer)) {
      block.children.push(aside);
      return;
    }
    const parent = outer as Parent | undefined;
    if (!parent) break;
    let index = parent.children.indexOf(block) + 1;
    // Notes of passages in one block follow it in the order of their numbers.
    while (index < parent.children.length) {
      const next = parent.children[index];
      const isNote = next?.type === 'element' && classesOf(next).includes('annotation-note');
      if (!isNote && !(next?.type === 'text' && next.value.trim() === '')) break;
      index++;
    }
    parent.children.splice(index, 0, aside);
    return;
  }
  // A mark outside any block (a bare inline at the top level): the note follows it.
  insertAfter({ node: found.element, parent: path[path.length - 1] as Parent }, aside);
}

function noteRef(record: AnnotationRecord, number: number): Element {
  return h(
    'a.annotation-ref',
    {
      id: noteRefId(record.anchor),
      href: `#${record.anchor}`,
      'epub:type': 'noteref',
      role: 'doc-noteref',
    },
    String(number),
  );
}

function noteAside(
  record: AnnotationRecord,
  number: number,
  content: ElementContent[],
  words: GeneratedWords,
): Element {
  return h(
    `aside.annotation-note.annotation-${record.kind}`,
    {
      id: record.anchor,
      'epub:type': 'footnote',
      role: 'doc-footnote',
      dataKind: record.kind,
    },
    [
      h('p.annotation-label', [
        h(
          'a.annotation-backlink',
          {
            href: `#${noteRefId(record.anchor)}`,
            role: 'doc-backlink',
            ariaLabel: words.noteBacklink(number),
          },
          String(number),
        ),
        { type: 'text', value: ' ' },
        h('span.annotation-kind', words.annotationKinds[record.kind]),
      ]),
      ...content,
      h('p.annotation-byline', `${record.author}, ${record.date.slice(0, 10)}`),
    ],
  );
}
