/**
 * Print cross-references say where their target is when it is on another page:
 * "Section 2.2.1, Respect cyberspace sovereignty, on page 7". Each reference gets an id
 * (so its own page is measured too) and, until pages are known, a placeholder slot.
 * A step of assembling a print article (see assembleEdition's `print`).
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { hasClass } from '../model/hast-classes.ts';
import { xrefId } from '../model/ids.ts';
import { type PageLookup, pagePlaceholder } from './print-inputs.ts';

/** Fills the article being assembled with its references' page slots. */
export function fillXrefPages(
  article: Element,
  documentId: string,
  lookup: PageLookup | undefined,
): void {
  let n = 0;
  visit(article, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'a' || !hasClass(node, 'xref') || !parent || index === undefined) return;
    const target = String(node.properties.dataRef ?? '');
    n += 1;
    const id = xrefId(documentId, n);
    node.properties.id ??= id;
    const own = lookup?.page(String(node.properties.id));
    const page = lookup?.page(target);
    if (lookup && (page === undefined || page === own)) return;
    const text = page === undefined ? pagePlaceholder : lookup?.label(page);
    parent.children.splice(
      index + 1,
      0,
      h('span.xref-page', [', on page ', h('a.page-ref', { href: `#${target}` }, text)]),
    );
    return index + 2;
  });
}
