/**
 * Print cross-references say where their target is when it is on another page:
 * "Section 2.2.1, Respect cyberspace sovereignty, on page 7". Each reference gets an id
 * (so its own page is measured too) and, until pages are known, a placeholder slot.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { hasClass } from '../../model/hast-classes.ts';
import { type PageLookup, placeholder } from './page-locators.ts';

export function withXrefPages(parts: EditionParts, lookup: PageLookup | undefined): EditionParts {
  return {
    ...parts,
    documents: parts.documents.map((document) => {
      // The article is this assembly's own copy (see assembleEdition).
      const article = document.article;
      let n = 0;
      visit(article, 'element', (node: Element, index, parent) => {
        if (node.tagName !== 'a' || !hasClass(node, 'xref') || !parent || index === undefined)
          return;
        const target = String(node.properties.dataRef ?? '');
        n += 1;
        const id = `${document.record.id}--xref-${n}`;
        node.properties.id ??= id;
        const own = lookup?.page(String(node.properties.id));
        const page = lookup?.page(target);
        if (lookup && (page === undefined || page === own)) return;
        const text = page === undefined ? placeholder : lookup?.label(page);
        parent.children.splice(
          index + 1,
          0,
          h('span.xref-page', [', on page ', h('a.page-ref', { href: `#${target}` }, text)]),
        );
        return index + 2;
      });
      return { ...document, article };
    }),
  };
}
