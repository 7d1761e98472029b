/**
 * A heading's two levels. Its tag gives the structure (`h2`: what the HTML, the EPUB, the
 * PDF's tags and bookmarks and the contents nest by); its written level (`###`) gives its
 * look and decides whether it starts a chapter. They differ only where the manuscript skips
 * a level and rehype-heading-levels.ts raised the heading, which keeps the written level on
 * the element (`data`, and the class `level-3` that the stylesheets style as a `###`).
 */
import type { Element } from 'hast';

declare module 'hast' {
  interface ElementData {
    /** The level the author wrote, set only where the tag says another. */
    writtenLevel?: number;
  }
}

/** The level of a heading element by its tag (`h2` → 2), undefined for any other node. */
export function tagLevel(node: Element): number | undefined {
  const match = /^h([1-6])$/.exec(node.tagName);
  return match ? Number(match[1]) : undefined;
}

/** The level of a heading element as written (`###` → 3, also when its tag is `h2`). */
export function writtenLevel(node: Element): number | undefined {
  const tag = tagLevel(node);
  return tag === undefined ? undefined : (node.data?.writtenLevel ?? tag);
}

/** The class that gives a raised heading the look of its written level. */
export const levelClass = (level: number): string => `level-${level}`;
