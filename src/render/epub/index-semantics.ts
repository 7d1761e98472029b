/**
 * The index as an EPUB index document. EPUBCheck enforces the EPUB Indexes vocabulary in a
 * file declared with the `index` property, and Ace wants every `epub:type` matched by its
 * ARIA role; the assembled index needs two changes to satisfy both:
 * - its heading stands outside the `index` section (still naming it through
 *   `aria-labelledby`). Otherwise the file holds nothing but index content, and EPUBCheck
 *   then requires `epub:type="index"` on `body`, where Ace requires a `doc-index` role
 *   that `body` may not take;
 * - a cross-reference (`index-xref-preferred`/`-related`) holds a child `index-term`.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

const crossReferenceTypes = new Set(['index-xref-preferred', 'index-xref-related']);

/** A copy of the assembled index, fit to be the content of an index document. */
export function indexDocumentContent(index: Element): Element {
  const section = structuredClone(index);
  visit(section, 'element', (element: Element) => {
    const type = element.properties['epub:type'];
    if (typeof type !== 'string' || !crossReferenceTypes.has(type)) return;
    const hasTerm = element.children.some(
      (child) => child.type === 'element' && child.properties['epub:type'] === 'index-term',
    );
    if (!hasTerm) element.children = [h('span', { 'epub:type': 'index-term' }, element.children)];
  });
  const heading = section.children.find(
    (child): child is Element => child.type === 'element' && /^h[1-6]$/.test(child.tagName),
  );
  const { id, className } = section.properties;
  delete section.properties.id;
  section.properties.className = ['index-body'];
  section.children = section.children.filter((child) => child !== heading);
  // The wrapper keeps the index's id and classes: links, landmarks and page breaks still
  // land before the heading.
  return h('div', { id, className }, [...(heading ? [heading] : []), section]);
}
