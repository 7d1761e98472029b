/**
 * remark plugin (resolve pass): an edition that is not annotated shows no trace of the
 * annotations. The marks the collect pass put around annotated passages are taken out and
 * the text nodes they cut are joined again, so the edition is what it was without them.
 */
import type { Parent, Root } from 'mdast';
import type {} from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { annotationMarkName } from '../annotations/wrap-passage.ts';

export function remarkUnwrapAnnotationMarks() {
  return (tree: Root) => {
    const touched = new Set<Parent>();
    // Innermost first (post-order), so a mark inside a mark is gone before its parent goes.
    visit(tree, (node, index, parent) => {
      if (node.type !== 'textDirective' || node.name !== annotationMarkName) return;
      if (!parent || index === undefined) return;
      parent.children.splice(index, 1, ...node.children);
      touched.add(parent);
      return index;
    });
    for (const parent of touched) joinTexts(parent);
  };
}

function joinTexts(parent: Parent): void {
  const joined: Parent['children'] = [];
  for (const child of parent.children) {
    const previous = joined[joined.length - 1];
    if (child.type === 'text' && previous?.type === 'text') {
      previous.value += child.value;
      if (previous.position && child.position) previous.position.end = child.position.end;
    } else joined.push(child);
  }
  parent.children = joined;
}
