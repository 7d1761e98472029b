/**
 * Which file a node of a resolved document came from. Positions say the line and column
 * but not the file, and a document has several files (and its notes come from annotation
 * files), so the resolve pass marks each top-level node it makes with its file's path
 * (`data.sourceFile`, which no serialiser writes out). A later stage that finds a problem
 * at an element walks with `visitWithSourceFile` and reports on that file at the
 * element's position.
 */
import type { Element, ElementContent } from 'hast';
import type { VFile } from 'vfile';

declare module 'hast' {
  interface ElementData {
    /** Path of the file the element was made from (set on a resolved document's top-level nodes). */
    sourceFile?: string;
  }
}

/** Marks the top-level elements of `nodes` as made from `file`; returns `nodes`. */
export function markSourceFile(nodes: ElementContent[], file: VFile): ElementContent[] {
  for (const node of nodes) {
    // Assigned whole: hast-util-from-parse5's types claim every element has `data.position`.
    if (node.type === 'element')
      Object.assign(node, { data: { ...node.data, sourceFile: file.path } });
  }
  return nodes;
}

/**
 * Calls `visitor` for `node` and every element inside it, in document order, with the file
 * among `files` the element was made from (undefined for generated content: contents,
 * index, glossary).
 */
export function visitWithSourceFile(
  node: ElementContent,
  files: readonly VFile[],
  visitor: (element: Element, file: VFile | undefined) => void,
): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const walk = (current: ElementContent, inherited: VFile | undefined) => {
    if (current.type !== 'element') return;
    const source = current.data?.sourceFile;
    const file = source === undefined ? inherited : byPath.get(source);
    visitor(current, file);
    for (const child of current.children) walk(child, file);
  };
  walk(node, undefined);
}
