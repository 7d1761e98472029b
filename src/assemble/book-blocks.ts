/**
 * Blocks of real books, prepared for every format when a document body is assembled:
 * tables, each in a box (`div.table-wrap`, focusable, since a narrow screen scrolls it
 * rather than widening the page) marked `table-wide` (five columns or more) or
 * `table-very-wide` (eight or more) so that print sets it in smaller type with tighter
 * padding and no column text touching; paragraphs of images only (`image-paragraph`), set
 * without a text indent that would push the image out of the text block; task-list check
 * boxes, named for assistive technology ("done", "not done").
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { plainText } from './chapters.ts';

/** The number of columns of `table`: the cells of its widest row. */
function columnCount(table: Element): number {
  let most = 0;
  const rows = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') {
        const cells = child.children.filter(
          (c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'),
        );
        const span = cells.reduce((sum, c) => sum + (Number(c.properties.colSpan) || 1), 0);
        most = Math.max(most, span);
      } else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) rows(child);
    }
  };
  rows(table);
  return most;
}

/** A paragraph of images only (Markdown's way to set a picture): not indented like text. */
function isImageParagraph(p: Element): boolean {
  let images = 0;
  for (const child of p.children) {
    if (child.type === 'element' && child.tagName === 'img') images++;
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else if (child.type !== 'comment') return false;
  }
  return images > 0;
}

/**
 * The names of a document's table boxes: regions of one file need distinct names (Ace's
 * `landmark-unique`), so a table without a caption is named by the word for a table and
 * its header cells ("Table: Name, Value"), and a name already given gets " (2)", " (3)".
 */
export class RegionNames {
  private readonly given = new Map<string, number>();

  constructor(private readonly tableWord: string) {}

  /** The box name of `table`: its caption, else the word and its header row. */
  of(table: Element): string {
    const caption = table.children.find(
      (c): c is Element => c.type === 'element' && c.tagName === 'caption',
    );
    const named = caption ? plainText(caption).trim() : '';
    const headers = headerCells(table)
      .map((cell) => plainText(cell).trim())
      .filter(Boolean);
    const base =
      named ||
      (headers.length > 0
        ? `${this.tableWord}: ${truncate(headers.join(', '), 80)}`
        : this.tableWord);
    const seen = (this.given.get(base) ?? 0) + 1;
    this.given.set(base, seen);
    return seen === 1 ? base : `${base} (${seen})`;
  }
}

/** The cells of the table's first row in its head (its first row when it has no head). */
function headerCells(table: Element): Element[] {
  const elementsOf = (node: Element) =>
    node.children.filter((c): c is Element => c.type === 'element');
  const head = elementsOf(table).find((c) => c.tagName === 'thead');
  const rows = (
    head
      ? elementsOf(head)
      : elementsOf(table).flatMap((c) => (c.tagName === 'tbody' ? elementsOf(c) : [c]))
  ).filter((c) => c.tagName === 'tr');
  return (rows[0] ? elementsOf(rows[0]) : []).filter(
    (c) => c.tagName === 'th' || c.tagName === 'td',
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

/** `children` with every table among them (at any depth outside tables) in its box. */
export function prepareBlocks(
  children: ElementContent[],
  names: RegionNames = new RegionNames('Table'),
): ElementContent[] {
  return children.map((node) => {
    if (node.type !== 'element') return node;
    if (node.tagName === 'table') {
      const columns = columnCount(node);
      const width =
        columns >= 8 ? ['table-wide', 'table-very-wide'] : columns >= 5 ? ['table-wide'] : [];
      const name = names.of(node);
      return h(
        'div',
        {
          className: ['table-wrap', ...width],
          tabIndex: 0,
          role: 'region',
          ariaLabel: name,
        },
        [node],
      );
    }
    if (node.tagName === 'p' && isImageParagraph(node)) {
      const className = Array.isArray(node.properties.className)
        ? node.properties.className.map(String)
        : [];
      node.properties.className = [...className, 'image-paragraph'];
      return node;
    }
    if (node.tagName === 'input' && node.properties.type === 'checkbox') {
      node.properties.ariaLabel = node.properties.checked ? 'done' : 'not done';
      return node;
    }
    node.children = prepareBlocks(node.children, names);
    return node;
  });
}
