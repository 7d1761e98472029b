/**
 * The index as an EPUB index document, following EPUB Indexes 1.1: `index-group`s, each
 * with one `index-entry-list` of `index-entry` items, each with one `index-term`, its
 * locators in one `index-locator-list` (ranges as `index-locator-range`), subentries in a
 * nested `index-entry-list`, and "See" / "See also" as `index-xref-preferred` /
 * `index-xref-related` holding an `index-term`. EPUBCheck enforces the vocabulary in a
 * file declared with the `index` property, and Ace wants every `epub:type` matched by its
 * ARIA role; the assembled index needs these changes to satisfy both:
 * - its heading stands outside the `index` section (still naming it through
 *   `aria-labelledby`). Otherwise the file holds nothing but index content, and EPUBCheck
 *   then requires `epub:type="index"` on `body`, where Ace requires a `doc-index` role
 *   that `body` may not take;
 * - a cross-reference (`index-xref-preferred`/`-related`) holds a child `index-term`;
 * - the lists of entries are typed `index-entry-list` (not left implied), and an entry's
 *   locators become an `index-locator-list`, one item per document ("CAE 2016: …").
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { hasClass } from '../../model/hast-classes.ts';

const crossReferenceTypes = new Set(['index-xref-preferred', 'index-xref-related']);

/** A copy of the assembled index, fit to be the content of an index document. */
export function indexDocumentContent(index: Element): Element {
  const section = structuredClone(index);
  visit(section, 'element', (element: Element) => {
    if (hasClass(element, 'index-entries') || hasClass(element, 'index-subentries'))
      element.properties['epub:type'] = 'index-entry-list';
    if (hasClass(element, 'index-entry')) {
      element.children = element.children.map((child) =>
        child.type === 'element' && hasClass(child, 'index-locators') ? locatorList(child) : child,
      );
    }
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

/** An entry's locators as an `index-locator-list`: one item per document, split at "; ". */
function locatorList(locators: Element): Element {
  const items: ElementContent[][] = [[]];
  for (const child of locators.children) {
    if (child.type === 'text' && child.value === '; ') items.push([]);
    else items[items.length - 1]?.push(child);
  }
  return h(
    'ul.index-locators',
    { 'epub:type': 'index-locator-list' },
    items.filter((item) => item.length > 0).map((item) => h('li', item)),
  );
}
