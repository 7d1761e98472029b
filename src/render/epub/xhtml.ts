/**
 * Serialises chapter content as XHTML ourselves (hast → xast → XML) so that every
 * attribute survives: epub-gen-memory's own sanitiser would drop `scope`, `data-*` and
 * others, and rewrite `alt=""`. The result is the body of a chapter, without namespace
 * declarations (the chapter template declares them on `<html>`).
 */
import type { Element, ElementContent } from 'hast';
import { toXast } from 'hast-util-to-xast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { toXml } from 'xast-util-to-xml';

export function toXhtmlFragment(nodes: ElementContent[]): string {
  // Converting the nodes inside a body puts the XHTML namespace on that body only, so the
  // fragment itself carries no `xmlns` of its own.
  const body = h('body', structuredClone(nodes));
  alignmentAsStyle(body);
  const xast = toXast(body, { space: 'html' });
  if (xast.type !== 'element') throw new Error('Expected an element from hast-util-to-xast');
  return toXml(xast.children, { closeEmptyElements: true });
}

/** HTML 5 has no `align` (remark-gfm sets it on table cells): EPUBCheck rejects it. */
function alignmentAsStyle(tree: Element): void {
  visit(tree, 'element', (element: Element) => {
    const { align } = element.properties;
    if (typeof align !== 'string') return;
    delete element.properties.align;
    const style = element.properties.style;
    element.properties.style = `${typeof style === 'string' && style ? `${style.replace(/;?\s*$/, '; ')}` : ''}text-align: ${align}`;
  });
}
