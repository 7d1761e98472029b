/**
 * rehype plugin (resolve pass, the last step on each manuscript file's HTML, after the
 * project's own rehype plugins): heading levels as the structure needs them. Markdown lets
 * an author skip a level (a `###` right under a `#`, chosen for its size), and many books
 * do; Ace's `heading-order`, screen readers' lists of headings and the PDF's bookmarks then
 * meet a missing level. So a heading is made at most one level deeper than the heading it
 * falls under, the document's title (an `h1`) being over the first: a `###` under a `#`
 * becomes an `h2`, a `####` under that `###` an `h3`, and a level written in order never
 * moves. The HTML, the EPUB, the PDF's tags and bookmarks and the contents follow these
 * levels. A raised heading keeps its written level (model/heading-levels.ts): the
 * stylesheets style it as written (class `level-3`) and chapters start at the written level,
 * so neither the look nor the page breaks change; its id and its text are untouched.
 *
 * Nothing is reported: the outputs are sound as they are, and a project that wants each
 * skip named can add a lint rule (`remark-lint-heading-increment`) to its remark plugins.
 * A document's files make one outline: the resolve pass keeps it on
 * `file.data.headingOutline` from one file to the next (a tree without one, such as an
 * annotation's note, has its own).
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { classesOf } from '../model/hast-classes.ts';
import { levelClass, tagLevel, writtenLevel } from '../model/heading-levels.ts';

/** The headings still open at a point of a document: each one's written and given level. */
export interface HeadingOutline {
  open: Array<{ written: number; level: number }>;
}

declare module 'vfile' {
  interface DataMap {
    /** The outline of the document so far, set by the resolve pass on each file it resolves. */
    headingOutline: HeadingOutline;
  }
}

/** The document's title, an `h1` in its header, is over its body's first heading. */
const titleLevel = 1;

export function rehypeHeadingLevels() {
  return (tree: Root, file: VFile) => {
    const { open } = file.data.headingOutline ?? { open: [] };
    visit(tree, 'element', (node: Element) => {
      const written = writtenLevel(node);
      if (written === undefined) return;
      while ((open.at(-1)?.written ?? 0) >= written) open.pop();
      const level = Math.min(written, (open.at(-1)?.level ?? titleLevel) + 1);
      open.push({ written, level });
      if (level === tagLevel(node)) return;
      node.tagName = `h${level}`;
      // Assigned whole: hast-util-from-parse5's types claim every element has `data.position`.
      Object.assign(node, { data: { ...node.data, writtenLevel: written } });
      if (!classesOf(node).includes(levelClass(written)))
        node.properties.className = [...classesOf(node), levelClass(written)];
    });
  };
}
