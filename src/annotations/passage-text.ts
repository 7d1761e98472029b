/**
 * The text a quote is matched against: for every block of a document (paragraph, heading,
 * table cell), the text of its inline nodes concatenated with whitespace collapsed, and for
 * each character the leaf node and offset it comes from, so that a match can be turned
 * back into a range of the tree. Blocks are joined by a space into the document's text, in
 * which a quote's prefix and suffix are checked (they may reach into the next block).
 */
import type { Nodes, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/** A node that carries text of its own: a text, an inline code, a line break. */
export type TextLeaf = Extract<Nodes, { type: 'text' | 'inlineCode' | 'break' }>;

export interface TextPoint {
  leaf: TextLeaf;
  /** Offset in the leaf's value (0 for a break). */
  offset: number;
}

export interface TextBlock {
  node: Extract<Nodes, { type: 'paragraph' | 'heading' | 'tableCell' }>;
  /** Index of the tree (the document's file) the block is in. */
  tree: number;
  /** Whitespace-collapsed text. */
  text: string;
  /** Where each character of `text` comes from. */
  points: TextPoint[];
  /** Where `text` starts in the document's text. */
  start: number;
  /** The section the block is in (the id of the last heading at or before it). */
  section?: string;
}

export interface DocumentText {
  text: string;
  blocks: TextBlock[];
}

const blockTypes = new Set(['paragraph', 'heading', 'tableCell']);

/** Whitespace runs collapsed to one space, as in the document's text. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

export function documentText(trees: readonly Root[]): DocumentText {
  const blocks: TextBlock[] = [];
  let text = '';
  let section: string | undefined;
  trees.forEach((tree, t) => {
    visit(tree, (node) => {
      if (!blockTypes.has(node.type)) return;
      const block = node as TextBlock['node'];
      if (block.type === 'heading') {
        const id = block.data?.hProperties?.id;
        if (typeof id === 'string') section = id;
      }
      const { chars, points } = blockText(block);
      if (chars.length > 0) {
        if (text.length > 0) text += ' ';
        blocks.push({ node: block, tree: t, text: chars, points, start: text.length, section });
        text += chars;
      }
      return SKIP;
    });
  });
  return { text, blocks };
}

function blockText(block: TextBlock['node']): { chars: string; points: TextPoint[] } {
  let chars = '';
  const points: TextPoint[] = [];
  const add = (char: string, point: TextPoint) => {
    if (/\s/u.test(char)) {
      // Collapse: no space at the start or after a space.
      if (chars.length === 0 || chars.endsWith(' ')) return;
      chars += ' ';
    } else chars += char;
    points.push(point);
  };
  visit(block, (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      for (let i = 0; i < node.value.length; i++)
        add(node.value.charAt(i), { leaf: node, offset: i });
    } else if (node.type === 'break') add(' ', { leaf: node, offset: 0 });
  });
  if (chars.endsWith(' ')) {
    chars = chars.slice(0, -1);
    points.pop();
  }
  return { chars, points };
}
