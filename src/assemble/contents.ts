/**
 * The contents of an edition: each document (as a part when the edition has several) with
 * its sections nested as the document nests them, then the glossary and the index. Print
 * adds page numbers through the locator style; reflowable editions link only.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHast } from 'mdast-util-to-hast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { GeneratedWords } from '../locale/words.ts';
import { tagLevel } from '../model/heading-levels.ts';
import { contentsId } from '../model/ids.ts';
import { inlineMathText } from '../model/math-text.ts';
import type { Registry, SectionRecord } from '../model/registry.ts';
import type { LocatorStyle } from './locators.ts';

export interface ContentsEntry {
  anchor: string;
  /** The entry as text (the EPUB navigation shows it). */
  text: string;
  /** The entry with its title's math typeset, when it has some (the printed contents show it). */
  content?: ElementContent[];
  depth: number;
  children: ContentsEntry[];
}

/** The level of each heading of an assembled body in the structure (its tag), by id. */
export function headingLevels(body: Element): Map<string, number> {
  const levels = new Map<string, number>();
  visit(body, 'element', (node: Element) => {
    const level = tagLevel(node);
    if (level !== undefined && typeof node.properties.id === 'string')
      levels.set(node.properties.id, level);
  });
  return levels;
}

export interface DocumentContentsOptions {
  /** The deepest level listed (default 4). */
  maxDepth?: number;
  /** A first heading that only repeats the document's title: no entry, its sections take its place. */
  omit?: string;
  /**
   * The headings' levels in the structure (headingLevels), where a heading was raised so
   * that no level is skipped (rehype-heading-levels.ts); else the written level.
   */
  levels?: ReadonlyMap<string, number>;
}

/** Contents entries of one document, nested as its sections nest, each at its heading's level. */
export function documentContents(
  registry: Registry,
  documentId: string,
  { maxDepth = 4, omit, levels }: DocumentContentsOptions = {},
): ContentsEntry[] {
  const top: ContentsEntry[] = [];
  const byAnchor = new Map<string, ContentsEntry>();
  for (const section of registry.sectionsOf(documentId)) {
    const depth = levels?.get(section.anchor) ?? section.depth;
    if (depth > maxDepth || section.anchor === omit) continue;
    const entry: ContentsEntry = {
      anchor: section.anchor,
      text: sectionHeading(section),
      ...(section.titleMath ? { content: headingContent(section) } : {}),
      depth,
      children: [],
    };
    byAnchor.set(section.anchor, entry);
    const parent = section.parent ? byAnchor.get(section.parent) : undefined;
    (parent ? parent.children : top).push(entry);
  }
  return top;
}

/** A section as its heading reads: "2.2.1 Respect cyberspace sovereignty". */
export function sectionHeading(section: SectionRecord): string {
  return `${numberPrefix(section)}${section.title}`;
}

/** What stands before a section's title in its heading: "Chapter II. ", "2.2.1 ", or nothing. */
function numberPrefix(section: SectionRecord): string {
  switch (section.kind) {
    case 'chapter':
      return `${section.refLabel}. `;
    // Items numbered within a chapter print as the document prints them: "1. The Principle of Peace".
    case 'item':
      return `${section.number}. `;
    case 'section':
      return `${section.number} `;
    default:
      return '';
  }
}

/**
 * The heading as `sectionHeading` reads it, in pieces of text and of math's plain text
 * (a running head keeps the math's letters as they are when it sets the rest in capitals).
 */
export function headingPieces(section: SectionRecord): Array<{ text: string; math: boolean }> {
  const prefix = numberPrefix(section);
  const title = (section.titleMath ?? [{ type: 'text', value: section.title }]).map((part) =>
    part.type === 'inlineMath'
      ? { text: inlineMathText(part), math: true }
      : { text: mdastToString(part), math: false },
  );
  return [...(prefix ? [{ text: prefix, math: false }] : []), ...title];
}

/** The heading as `sectionHeading` reads it, its title's math typeset (MathML). */
export function headingContent(section: SectionRecord): ElementContent[] {
  const prefix = numberPrefix(section);
  const title = section.titleMath
    ? toHast({ type: 'paragraph', children: structuredClone(section.titleMath) })
    : undefined;
  const typeset: ElementContent[] =
    title?.type === 'element' ? title.children : [{ type: 'text', value: section.title }];
  return [...(prefix ? [{ type: 'text' as const, value: prefix }] : []), ...typeset];
}

export interface ContentsOptions {
  registry: Registry;
  style: LocatorStyle;
  /** The edition's generated words (its heading). */
  words: GeneratedWords;
  /** The edition's documents in order: each is a part entry, its sections under it. */
  parts: Array<
    {
      documentId: string;
      anchor: string;
      title: string;
    } & DocumentContentsOptions
  >;
  /** Front matter after the contents (the lists of figures and tables), listed first. */
  front?: Array<{ anchor: string; title: string }>;
  back: Array<{ anchor: string; title: string }>;
}

export function renderContents(options: ContentsOptions): Element {
  const item = (
    anchor: string,
    text: string | ElementContent[],
    className: string,
    children: ElementContent[] = [],
  ) => {
    const page = options.style.contentsPage?.(anchor);
    return h(`li.${className}`, [
      h('a.toc-link', { href: `#${anchor}` }, [
        h('span.toc-text', text),
        ...(page ? [h('span.toc-leader', { ariaHidden: 'true' }), page] : []),
      ]),
      ...children,
    ]);
  };
  const list = (entries: ContentsEntry[]): ElementContent[] =>
    entries.length === 0
      ? []
      : [
          h(
            'ol.toc-sections',
            entries.map((e) =>
              item(e.anchor, e.content ?? e.text, `toc-depth-${e.depth}`, list(e.children)),
            ),
          ),
        ];
  const documents = options.parts.map((part) =>
    item(
      part.anchor,
      part.title,
      'toc-part',
      list(documentContents(options.registry, part.documentId, part)),
    ),
  );
  return h(
    'nav.contents.front-matter',
    { id: contentsId, role: 'doc-toc', 'epub:type': 'toc', ariaLabelledBy: 'contents-title' },
    [
      h('h1#contents-title', options.words.contents),
      h('ol.toc', [
        ...(options.front ?? []).map((f) => item(f.anchor, f.title, 'toc-front')),
        ...documents,
        ...options.back.map((b) => item(b.anchor, b.title, 'toc-back')),
      ]),
    ],
  );
}
