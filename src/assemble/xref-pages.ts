/**
 * Print cross-references say where their target is when it is on another page:
 * "Section 2.2.1, Respect cyberspace sovereignty, on page 7", in the language of the text
 * the reference stands in (a German chapter's say "auf Seite 7"). Each reference gets an
 * id (so its own page is measured too) and, until pages are known, a placeholder slot.
 * A step of assembling a print article (see assembleEdition's `print`).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { wordsFor } from '../locale/locale.ts';
import { hasClass } from '../model/hast-classes.ts';
import { xrefId } from '../model/ids.ts';
import { type PageLookup, pagePlaceholder } from './print-inputs.ts';

/** Fills the article being assembled (in `language`) with its references' page slots. */
export function fillXrefPages(
  article: Element,
  documentId: string,
  lookup: PageLookup | undefined,
  language: string,
): void {
  let n = 0;
  // Walked by hand rather than with unist-util-visit: each slot needs the language of
  // the innermost element around its reference that declares one.
  const walk = (parent: Element, inherited: string) => {
    const own = parent.properties.lang;
    const lang = typeof own === 'string' && own !== '' ? own : inherited;
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index];
      if (node?.type !== 'element') continue;
      if (node.tagName !== 'a' || !hasClass(node, 'xref')) {
        walk(node, lang);
        continue;
      }
      const target = String(node.properties.dataRef ?? '');
      n += 1;
      node.properties.id ??= xrefId(documentId, n);
      const from = lookup?.page(String(node.properties.id));
      const page = lookup?.page(target);
      if (lookup && (page === undefined || page === from)) continue;
      const text = page === undefined ? pagePlaceholder : lookup?.label(page);
      const pieces = wordsFor(lang)
        .onPage(h('a.page-ref', { href: `#${target}` }, text))
        .map(
          (piece): ElementContent =>
            typeof piece === 'string' ? { type: 'text', value: piece } : piece,
        );
      parent.children.splice(index + 1, 0, h('span.xref-page', pieces));
      index += 1;
    }
  };
  walk(article, language);
}
