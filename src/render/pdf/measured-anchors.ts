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
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { classesOf, hasClass } from '../../model/hast-classes.ts';
import {
  contentsId,
  documentTitleAnchor,
  glossaryId,
  indexId,
  isNoteOrPassageId,
} from '../../model/ids.ts';
import { decodeUrlComponent } from '../../model/url-escapes.ts';

function roots(parts: EditionParts): Element[] {
  return [
    parts.contents,
    ...(parts.objectLists ?? []),
    ...parts.documents.map((d) => d.article),
    parts.glossary,
    parts.index,
  ].filter((e): e is Element => e !== undefined);
}

/** Anchors whose page some page number shows, or that decide the layout: they must settle. */
export function printedAnchors(parts: EditionParts): Set<string> {
  const anchors = new Set<string>(parts.documents.map((d) => documentTitleAnchor(d.record.id)));
  for (const root of roots(parts)) {
    visit(root, 'element', (node: Element) => {
      const classes = classesOf(node);
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      if (
        href.startsWith('#') &&
        (classes.includes('locator') ||
          classes.includes('page-ref') ||
          classes.includes('toc-link'))
      ) {
        anchors.add(decodeUrlComponent(href.slice(1)) ?? href.slice(1));
      }
      if (classes.includes('xref') && typeof node.properties.id === 'string')
        anchors.add(node.properties.id);
    });
  }
  for (const id of useAnchors(parts)) anchors.add(id);
  for (const id of annotationAnchors(parts)) anchors.add(id);
  return anchors;
}

/** Classes of the elements that stand for one use (index marks, ranges and their ends, glossary uses). */
const useClasses = ['index-mark', 'index-range', 'index-range-end', 'term'];

/**
 * The anchor of every use of an index mark or glossary term in the edition's documents,
 * and the end of every index range. Locators are per use: before the first print the
 * index shows one placeholder per section, but every use must be measured, or a second
 * use in a section on a later page would never get its page.
 */
export function useAnchors(parts: EditionParts): string[] {
  const ids: string[] = [];
  for (const { article } of parts.documents) {
    visit(article, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && useClasses.some((c) => hasClass(node, c))) ids.push(id);
    });
  }
  return ids;
}

/**
 * Each annotated passage and its note: where the notes go depends on their pages. Found by
 * their ids (`doc--note-3`, `doc--note-3-passage`), which printing moves onto probes.
 */
function annotationAnchors(parts: EditionParts): string[] {
  const ids: string[] = [];
  for (const { article } of parts.documents) {
    visit(article, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && isNoteOrPassageId(id)) ids.push(id);
    });
  }
  return ids;
}

/**
 * Every anchor measured: the printed ones, plus section headings and the blocks the EPUB
 * page-list marks a page at (top-level blocks and the blocks inside index ranges, glossary
 * terms, index groups and entries), so that a page beginning inside a range or in the
 * back matter has a block to carry its marker.
 */
export function measuredAnchors(parts: EditionParts): Set<string> {
  const anchors = printedAnchors(parts);
  const addBlocks = (blocks: readonly ElementContent[]) => {
    for (const block of blocks) {
      if (block.type !== 'element') continue;
      if (typeof block.properties.id === 'string') anchors.add(block.properties.id);
      if (hasClass(block, 'index-range')) addBlocks(block.children);
    }
  };
  for (const { article } of parts.documents) {
    const body = article.children.find(
      (c): c is Element => c.type === 'element' && classesOf(c).includes('document-body'),
    );
    addBlocks(body?.children ?? []);
  }
  for (const root of [parts.glossary, parts.index]) {
    if (!root) continue;
    visit(root, 'element', (node: Element) => {
      const id = node.properties.id;
      if (
        typeof id === 'string' &&
        (hasClass(node, 'glossary-term') ||
          hasClass(node, 'index-group') ||
          hasClass(node, 'index-entry'))
      )
        anchors.add(id);
    });
  }
  // The openings of the front and back matter, where the edition has them.
  anchors.add(contentsId);
  for (const list of parts.objectLists ?? [])
    if (typeof list.properties.id === 'string') anchors.add(list.properties.id);
  if (parts.glossary) anchors.add(glossaryId);
  if (parts.index) anchors.add(indexId);
  return anchors;
}

/** Targets of the links the edition shows: Chromium already writes their destinations. */
export function linkedTargets(parts: EditionParts): Set<string> {
  const targets = new Set<string>();
  for (const root of [parts.cover, ...roots(parts)]) {
    if (!root) continue;
    visit(root, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#'))
        targets.add(decodeUrlComponent(href.slice(1)) ?? href.slice(1));
    });
  }
  return targets;
}
