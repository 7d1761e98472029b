/**
 * Which anchors the print renderer measures. Every named destination costs Chromium time
 * (at 450 pages, ten thousand of them cost more than the rest of the print), so only
 * these get one: the targets of printed page numbers (contents locators, cross-references
 * and the references themselves, and every use of an index mark or glossary term, with
 * the end of each index range, whether or not a locator links to it yet), the sections
 * (running heads), the blocks the EPUB page-list can mark (top-level blocks, the blocks
 * inside index ranges, glossary and index entries), each part's opening, and in annotated
 * editions each passage and its note.
 */
import type { Element, ElementContent } from 'hast';
import type { EditionParts } from '../../assemble/edition.ts';
import { classesOf, hasClass } from '../../model/hast-classes.ts';
import { eachElement } from '../../model/hast-walk.ts';
import {
  contentsId,
  documentTitleAnchor,
  firstFootnoteRef,
  glossaryId,
  indexId,
  isFootnoteId,
  isNoteOrPassageId,
} from '../../model/ids.ts';
import { decodeUrlComponent } from '../../model/url-escapes.ts';

/** The anchors of one assembled edition, each kind in document order. */
interface EditionAnchors {
  printed: ReadonlySet<string>;
  measured: ReadonlySet<string>;
  uses: readonly string[];
  footnotes: readonly string[];
  linked: ReadonlySet<string>;
}

/**
 * Found once per assembled edition: a pass asks for them to write its print page, plan
 * its parts, check its page map and place its footnotes (at 447 pages each walk over the
 * edition cost about 0.1 s, and a pass made a dozen). The trees are not changed after
 * assembly: what each pass changes, it changes on a copy (print-page.ts).
 */
const found = new WeakMap<EditionParts, EditionAnchors>();

function editionAnchors(parts: EditionParts): EditionAnchors {
  let anchors = found.get(parts);
  if (!anchors) {
    anchors = findAnchors(parts);
    found.set(parts, anchors);
  }
  return anchors;
}

/** Classes of the elements that stand for one use (index marks, ranges and their ends, glossary uses). */
const useClasses = ['index-mark', 'index-range', 'index-range-end', 'term'];

/** Classes of the back matter's entries, each the start of a page-list marker. */
const entryClasses = ['glossary-term', 'index-group', 'index-entry'];

/** One walk over each part of the edition, every kind of anchor gathered as it goes. */
function findAnchors(parts: EditionParts): EditionAnchors {
  const references: string[] = [];
  const uses: string[] = [];
  const annotations: string[] = [];
  const footnotes: string[] = [];
  const entries: string[] = [];
  const linked = new Set<string>();
  const linkTarget = (node: Element): string | undefined => {
    const href = node.properties.href;
    if (typeof href !== 'string' || !href.startsWith('#')) return undefined;
    return decodeUrlComponent(href.slice(1)) ?? href.slice(1);
  };
  // Every part: the targets of its links, and of those the printed page numbers.
  const linksAndReferences = (node: Element) => {
    const target = linkTarget(node);
    if (target !== undefined && node.tagName === 'a') linked.add(target);
    const classes = classesOf(node);
    if (
      target !== undefined &&
      (classes.includes('locator') || classes.includes('page-ref') || classes.includes('toc-link'))
    )
      references.push(target);
    if (classes.includes('xref') && typeof node.properties.id === 'string')
      references.push(node.properties.id);
  };
  if (parts.cover)
    eachElement(parts.cover, (node) => {
      const target = linkTarget(node);
      if (target !== undefined && node.tagName === 'a') linked.add(target);
    });
  for (const root of [parts.contents, ...(parts.objectLists ?? [])])
    eachElement(root, linksAndReferences);
  for (const { article } of parts.documents)
    eachElement(article, (node) => {
      linksAndReferences(node);
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      if (useClasses.some((c) => hasClass(node, c))) uses.push(id);
      if (isNoteOrPassageId(id)) annotations.push(id);
      // Footnotes, their references and the chains of their areas: where notes go depends on them.
      if (isFootnoteId(id)) footnotes.push(id, firstFootnoteRef(id));
      else if (hasClass(node, 'footnote-chain')) footnotes.push(id);
    });
  for (const root of [parts.glossary, parts.index]) {
    if (!root) continue;
    eachElement(root, (node) => {
      linksAndReferences(node);
      const id = node.properties.id;
      if (typeof id === 'string' && entryClasses.some((c) => hasClass(node, c))) entries.push(id);
    });
  }
  const printed = new Set<string>([
    ...parts.documents.map((d) => documentTitleAnchor(d.record.id)),
    ...references,
    ...uses,
    ...annotations,
    ...footnotes,
  ]);
  const measured = new Set(printed);
  const addBlocks = (blocks: readonly ElementContent[]) => {
    for (const block of blocks) {
      if (block.type !== 'element') continue;
      if (typeof block.properties.id === 'string') measured.add(block.properties.id);
      if (hasClass(block, 'index-range')) addBlocks(block.children);
    }
  };
  for (const { article } of parts.documents) {
    const body = article.children.find(
      (c): c is Element => c.type === 'element' && hasClass(c, 'document-body'),
    );
    addBlocks(body?.children ?? []);
  }
  for (const id of entries) measured.add(id);
  // The openings of the front and back matter, where the edition has them.
  measured.add(contentsId);
  for (const list of parts.objectLists ?? [])
    if (typeof list.properties.id === 'string') measured.add(list.properties.id);
  if (parts.glossary) measured.add(glossaryId);
  if (parts.index) measured.add(indexId);
  return { printed, measured, uses, footnotes, linked };
}

/**
 * Anchors whose page some page number shows, or that decide the layout: they must settle.
 * The targets of contents locators, page references and cross-references, the
 * cross-references themselves, the documents' openings, every use of an index mark or
 * glossary term and the end of each index range (locators are per use: before the first
 * print the index shows one placeholder per section, but every use must be measured, or a
 * second use in a section on a later page would never get its page), each annotated
 * passage and its note (found by their ids, `doc--note-3`, `doc--note-3-passage`), and
 * the footnotes, their references and the chains of their areas.
 */
export function printedAnchors(parts: EditionParts): ReadonlySet<string> {
  return editionAnchors(parts).printed;
}

/** The anchor of every use of an index mark or glossary term, and the end of every index range. */
export function useAnchors(parts: EditionParts): readonly string[] {
  return editionAnchors(parts).uses;
}

/** The ids a print must measure for the footnotes: notes, their first references, chains. */
export function footnoteAnchors(parts: EditionParts): readonly string[] {
  return editionAnchors(parts).footnotes;
}

/**
 * Every anchor measured: the printed ones, plus section headings and the blocks the EPUB
 * page-list marks a page at (top-level blocks and the blocks inside index ranges, glossary
 * terms, index groups and entries), so that a page beginning inside a range or in the
 * back matter has a block to carry its marker.
 */
export function measuredAnchors(parts: EditionParts): ReadonlySet<string> {
  return editionAnchors(parts).measured;
}

/** Targets of the links the edition shows: Chromium already writes their destinations. */
export function linkedTargets(parts: EditionParts): ReadonlySet<string> {
  return editionAnchors(parts).linked;
}
