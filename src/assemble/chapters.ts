/**
 * Chapters inside a document: the headings of the chapter level (the edition's
 * `chapterLevel`, else 1: `#` headings, as Markdown books write one a chapter, while a
 * paper whose sections start at `##` under its title keeps them as sections) start chapters. Each
 * chapter but one that opens the document starts a new page in print, has its own running
 * head and its own EPUB file. A first heading that only repeats the document's title is
 * taken out of the body (the document header prints the title), its id kept on the header
 * so that links to it still land.
 */
import type { ElementContent } from 'hast';
import { writtenLevel } from '../model/heading-levels.ts';
import { mathPlainText } from '../model/math-text.ts';

/**
 * The text of a node as it reads, an image's alt left out (as a title taken from a heading
 * is) and math as printed ("E=mc²", src/model/math-text.ts).
 */
export function plainText(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  if (node.tagName === 'math') return mathPlainText(node);
  return node.children.map(plainText).join('');
}

export interface ChapterStart {
  /** The heading's id (a section anchor). */
  anchor: string;
  title: string;
  /** Starts a new page in print and a new EPUB file (false for one that opens the document). */
  breaks: boolean;
}

export interface DocumentChapters {
  level: number;
  chapters: ChapterStart[];
  /** The id of the first heading, when it repeated the document's title and was taken out. */
  titleHeading?: string;
}

const normalized = (text: string) =>
  text
    .replace(/\s*\{[^{}]*\}\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Marks the chapter headings of `body` (classes `chapter`, and `chapter-break` on those that
 * start a page) and takes out a first heading that repeats `title`. Changes `body`.
 */
export function markChapters(
  body: ElementContent[],
  title: string,
  configuredLevel: number | undefined,
): DocumentChapters {
  const level = configuredLevel ?? 1;
  let titleHeading: string | undefined;
  const firstElement = body.findIndex((node) => node.type === 'element');
  const first = body[firstElement];
  if (
    first?.type === 'element' &&
    writtenLevel(first) !== undefined &&
    normalized(plainText(first)) === normalized(title)
  ) {
    body.splice(firstElement, 1);
    const id = first.properties.id;
    if (typeof id === 'string') titleHeading = id;
  }
  const chapters: ChapterStart[] = [];
  let seenContent = false;
  for (const node of body) {
    if (node.type !== 'element') continue;
    // The written level: a `###` raised to an `h2` under a `#` does not start a chapter of
    // level 2 (rehype-heading-levels.ts), so the page breaks stay where the author put them.
    const rank = writtenLevel(node);
    const id = node.properties.id;
    if (rank !== undefined && rank <= level && typeof id === 'string') {
      const breaks = seenContent;
      const className = Array.isArray(node.properties.className)
        ? node.properties.className.map(String)
        : [];
      node.properties.className = [...className, 'chapter', ...(breaks ? ['chapter-break'] : [])];
      chapters.push({ anchor: id, title: plainText(node).trim(), breaks });
    }
    seenContent = true;
  }
  return { level, chapters, ...(titleHeading ? { titleHeading } : {}) };
}
