/**
 * The EPUB navigation document and the NCX: the contents nested to every heading level,
 * the landmarks (cover, contents, start of the body, glossary, index) and, when the print
 * edition was paginated, the page-list, titled in the edition's language. Hrefs name
 * chapter files, as the reader needs.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { type ContentsEntry, documentContents } from '../../assemble/contents.ts';
import type { EditionParts } from '../../assemble/edition.ts';
import { wordsFor } from '../../locale/locale.ts';
import { contentsId, glossaryId, indexId } from '../../model/ids.ts';
import type { Registry } from '../../model/registry.ts';
import type { Chapter } from './chapters.ts';
import { coverFile } from './cover-page.ts';
import type { PageBreak } from './page-breaks.ts';

export interface NavEntry {
  href: string;
  text: string;
  className: string;
  children: NavEntry[];
}

export interface Landmark {
  type: 'cover' | 'toc' | 'loi' | 'lot' | 'bodymatter' | 'glossary' | 'index';
  href: string;
  text: string;
}

export const navFile = 'toc.xhtml';

/** The contents tree: each document with all its sections, then the back matter. */
export function contentsEntries(
  parts: EditionParts,
  registry: Registry,
  fileOf: (id: string) => string | undefined,
): NavEntry[] {
  const href = (id: string) => `${fileOf(id) ?? ''}#${id}`;
  const section = (entry: ContentsEntry): NavEntry => ({
    href: href(entry.anchor),
    text: entry.text,
    className: `toc-depth-${entry.depth}`,
    children: entry.children.map(section),
  });
  const back = (element: Element | undefined, text: string): NavEntry[] => {
    const id = element?.properties.id;
    return typeof id === 'string'
      ? [{ href: href(id), text, className: 'toc-back', children: [] }]
      : [];
  };
  return [
    ...parts.documents.map(({ record, article, titleHeading, levels }) => ({
      href: href(String(article.properties.id)),
      text: record.meta.title,
      className: 'toc-part',
      children: documentContents(registry, record.id, {
        maxDepth: Number.POSITIVE_INFINITY,
        levels,
        ...(titleHeading ? { omit: titleHeading } : {}),
      }).map(section),
    })),
    ...back(parts.glossary, wordsFor(parts.language).glossary),
    ...back(parts.index, wordsFor(parts.language).index),
  ];
}

/** Cover, contents, start of the body, glossary and index, for those the edition has. */
export function editionLandmarks(chapters: readonly Chapter[], language: string): Landmark[] {
  const words = wordsFor(language);
  const body = chapters.find((c) => c.isDocument);
  const glossary = chapters.find((c) => c.id === 'glossary');
  const index = chapters.find((c) => c.id === 'index');
  const landmarks: Landmark[] = [
    { type: 'cover', href: coverFile, text: words.cover },
    { type: 'toc', href: `${navFile}#${contentsId}`, text: words.contents },
  ];
  if (body) landmarks.push({ type: 'bodymatter', href: body.file, text: words.startOfContent });
  if (glossary)
    landmarks.push({
      type: 'glossary',
      href: `${glossary.file}#${glossaryId}`,
      text: words.glossary,
    });
  if (index) landmarks.push({ type: 'index', href: `${index.file}#${indexId}`, text: words.index });
  return landmarks;
}

/** The visible contents: the `toc` nav, nested as the documents nest their sections. */
export function contentsNav(contents: readonly NavEntry[], language: string): Element {
  const list = (entries: readonly NavEntry[], className: string): Element =>
    h(
      `ol.${className}`,
      entries.map((entry) =>
        h(`li.${entry.className}`, [
          h('a', { href: entry.href }, entry.text),
          ...(entry.children.length > 0 ? [list(entry.children, 'toc-sections')] : []),
        ]),
      ),
    );
  return h(
    `nav#${contentsId}.contents`,
    { 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'contents-title' },
    [h('h1#contents-title', wordsFor(language).contents), list(contents, 'toc')],
  );
}

/** The hidden `landmarks` nav and, when there are print pages, the hidden `page-list`. */
export function hiddenNavs(
  landmarks: readonly Landmark[],
  pages: readonly PageBreak[],
  language: string,
): Element[] {
  const words = wordsFor(language);
  const navs = [
    h('nav', { 'epub:type': 'landmarks', hidden: true, ariaLabelledBy: 'landmarks-title' }, [
      h('h2#landmarks-title', words.landmarks),
      h(
        'ol',
        landmarks.map((landmark) =>
          h('li', [h('a', { href: landmark.href, 'epub:type': landmark.type }, landmark.text)]),
        ),
      ),
    ]),
  ];
  if (pages.length > 0) {
    navs.push(
      h('nav', { 'epub:type': 'page-list', hidden: true, ariaLabelledBy: 'page-list-title' }, [
        h('h2#page-list-title', words.pageList),
        h(
          'ol',
          pages.map((page) => h('li', [h('a', { href: `${page.file}#${page.id}` }, page.label)])),
        ),
      ]),
    );
  }
  return navs;
}

export interface NcxPoint {
  id: string;
  playOrder: number;
  text: string;
  href: string;
  children: NcxPoint[];
}

/** The same contents for the NCX of EPUB 2 reading systems, numbered in reading order. */
export function ncxContents(contents: readonly NavEntry[]): { points: NcxPoint[]; depth: number } {
  let order = 0;
  let depth = 0;
  const point = (entry: NavEntry, level: number): NcxPoint => {
    order += 1;
    depth = Math.max(depth, level);
    return {
      id: `nav-point-${order}`,
      playOrder: order,
      text: entry.text,
      href: entry.href,
      children: entry.children.map((child) => point(child, level + 1)),
    };
  };
  return { points: contents.map((entry) => point(entry, 1)), depth };
}
