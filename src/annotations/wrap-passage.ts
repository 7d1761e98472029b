/**
 * Marks a passage in the tree: the range is cut out of its text nodes and wrapped in mark
 * nodes. A range that starts or ends inside an inline node (emphasis, a link, a glossary
 * term) gets one mark inside that node and one outside it, so no node is split or
 * duplicated (ids on terms and index marks stay unique) and marks of other annotations
 * may overlap freely. The first mark carries the passage's id.
 */
import type { Nodes, Parent, PhrasingContent } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import type { TextBlock, TextLeaf } from './passage-text.ts';

/** The mark of an annotated passage (`<mark>` in HTML). */
export const annotationMarkName = 'annotation';

type Node = Nodes;

export function wrapPassage(
  block: TextBlock,
  start: number,
  end: number,
  ids: { passage: string; note: string },
): TextDirective[] {
  const first = block.points[start];
  const last = block.points[end - 1];
  if (!first || !last) throw new Error('passage outside its block');
  const parents = parentMap(block.node);
  // Cut the end first: when both ends are in one text node, the start offset stays valid.
  if (last.offset + 1 < leafLength(last.leaf)) cut(last.leaf, last.offset + 1, parents);
  let from: Node = first.leaf;
  let to: Node = last.leaf;
  if (first.offset > 0 && first.leaf.type === 'text') {
    from = cut(first.leaf, first.offset, parents);
    if (first.leaf === last.leaf) to = from;
  }
  const marks = wrap(block.node, from, to, (children) => ({
    type: 'textDirective',
    name: annotationMarkName,
    attributes: {},
    children,
    data: {
      hName: 'mark',
      hProperties: { className: ['annotation-mark'], dataNote: ids.note },
    },
  }));
  const opening = marks[0];
  if (opening?.data?.hProperties) opening.data.hProperties.id = ids.passage;
  return marks;
}

function leafLength(leaf: TextLeaf): number {
  return leaf.type === 'break' ? 1 : leaf.value.length;
}

/** Splits a text node at `at` (the node keeps the first half); returns the second half. */
function cut(leaf: TextLeaf, at: number, parents: Map<Node, Parent>): Node {
  if (leaf.type !== 'text') return leaf;
  const parent = parents.get(leaf);
  if (!parent) throw new Error('text node without parent');
  const tail: PhrasingContent = { type: 'text', value: leaf.value.slice(at) };
  leaf.value = leaf.value.slice(0, at);
  (parent.children as Node[]).splice((parent.children as Node[]).indexOf(leaf) + 1, 0, tail);
  parents.set(tail, parent);
  return tail;
}

function parentMap(root: Parent): Map<Node, Parent> {
  const map = new Map<Node, Parent>();
  const walk = (parent: Parent) => {
    for (const child of parent.children as Node[]) {
      map.set(child, parent);
      if ('children' in child) walk(child);
    }
  };
  walk(root);
  return map;
}

const childrenOf = (node: Node): Node[] => ('children' in node ? (node.children as Node[]) : []);

function firstLeaf(node: Node): Node {
  let current = node;
  for (let next = childrenOf(current)[0]; next; next = childrenOf(current)[0]) current = next;
  return current;
}

function lastLeaf(node: Node): Node {
  let current = node;
  for (let next = childrenOf(current).at(-1); next; next = childrenOf(current).at(-1))
    current = next;
  return current;
}

function contains(node: Node, target: Node): boolean {
  if (node === target) return true;
  return childrenOf(node).some((child) => contains(child, target));
}

/**
 * Wraps the children of `parent` from the one holding `from` to the one holding `to`
 * (null: from the first, to the last); recurses into a child only partly covered.
 */
function wrap(
  parent: Node,
  from: Node | null,
  to: Node | null,
  make: (children: PhrasingContent[]) => TextDirective,
): TextDirective[] {
  const kids = childrenOf(parent);
  const i = from ? kids.findIndex((c) => contains(c, from)) : 0;
  const j = to ? kids.findIndex((c) => contains(c, to)) : kids.length - 1;
  const startChild = kids[i];
  const endChild = kids[j];
  if (!startChild || !endChild || j < i) return [];
  const startPartial = from !== null && firstLeaf(startChild) !== from;
  const endPartial = to !== null && lastLeaf(endChild) !== to;
  if (i === j && (startPartial || endPartial))
    return wrap(startChild, startPartial ? from : null, endPartial ? to : null, make);
  const head = startPartial ? wrap(startChild, from, null, make) : [];
  const tail = endPartial ? wrap(endChild, null, to, make) : [];
  const first = startPartial ? i + 1 : i;
  const last = endPartial ? j - 1 : j;
  const middle: TextDirective[] = [];
  if (first <= last) {
    const mark = make(kids.slice(first, last + 1) as PhrasingContent[]);
    kids.splice(first, last - first + 1, mark);
    middle.push(mark);
  }
  return [...head, ...middle, ...tail];
}
