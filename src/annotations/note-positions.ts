/**
 * Positions inside an annotation's note, moved from the note's own text to the annotation
 * file, so that a message about the note (an unknown cross-reference label, raw HTML) names
 * the file's line. A note in a literal block (`body: |`) maps line for line; any other note
 * maps every position to the start of its text.
 */
import type { Root } from 'mdast';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { Annotation } from './annotation.ts';

export function moveToAnnotationFile(tree: Root, start: Annotation['bodyStart']): Root {
  const move = (point: Point): Point =>
    start.literal
      ? { line: point.line + start.line - 1, column: point.column + start.column - 1 }
      : { line: start.line, column: start.column };
  visit(tree, (node) => {
    if (!node.position) return;
    node.position = { start: move(node.position.start), end: move(node.position.end) };
  });
  return tree;
}
