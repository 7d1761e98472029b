/**
 * Which anchors the print renderer measures. Every named destination costs Chromium time
 * (at 450 pages, ten thousand of them cost more than the rest of the print), so only
 * these get one: the targets of printed page numbers (contents, index and glossary
 * locators, cross-references and the references themselves), the sections (running heads)
 * and the top-level blocks (the EPUB page-list), each part's opening, and in annotated
 * editions each passage and its note.
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { classesOf } from '../../model/hast-classes.ts';
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
  for (const id of annotationAnchors(parts)) anchors.add(id);
  return anchors;
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

/** Every anchor measured: the printed ones, plus section headings and top-level blocks. */
export function measuredAnchors(parts: EditionParts): Set<string> {
  const anchors = printedAnchors(parts);
  for (const { article } of parts.documents) {
    const body = article.children.find(
      (c): c is Element => c.type === 'element' && classesOf(c).includes('document-body'),
    );
    for (const block of body?.children ?? []) {
      if (block.type === 'element' && typeof block.properties.id === 'string')
        anchors.add(block.properties.id);
    }
  }
  // The openings of the front and back matter, where the edition has them.
  anchors.add(contentsId);
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
