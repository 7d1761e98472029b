/**
 * Which HTML elements are blocks: every element that is not phrasing content (by
 * `hast-util-phrasing`, which follows the HTML standard), and which blocks hold only
 * certain children (lists, definition lists, tables and their rows), so that nothing else
 * may be put among those children. Notes, side notes and print-page markers are placed by
 * these two answers; ask them here rather than keeping a list of tag names.
 */
import type { Nodes } from 'hast';
import { phrasing } from 'hast-util-phrasing';

/** The node is a block element (a paragraph, heading, list, list item, table cell …). */
export function isBlock(node: Nodes): boolean {
  return node.type === 'element' && !phrasing(node);
}

const restricted = new Set(['dl', 'ol', 'ul', 'table', 'thead', 'tbody', 'tfoot', 'tr']);

/** The element's children are fixed by HTML (list items, rows, cells): nothing may stand among them. */
export function holdsOnlyItems(node: Nodes): boolean {
  return node.type === 'element' && restricted.has(node.tagName);
}
