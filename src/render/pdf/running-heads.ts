/**
 * Running heads for print. Chromium prints neither `string-set` nor `running()`, so the
 * heads are decided after pagination, when Folio knows what each page holds: the
 * document's title on left-hand pages, its current chapter (src/assemble/chapters.ts) on
 * right-hand pages, "Contents", "Glossary" or "Index" (in the edition's language) in the
 * back and front matter, and
 * nothing on the cover, on blank pages or on the opening page of a part or chapter. They are printed as a separate PDF of
 * the same page size and laid over the edition (heads-overlay.ts).
 */
import type { ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { plainText } from '../../assemble/chapters.ts';
import { headingPieces, sectionHeading } from '../../assemble/contents.ts';
import type { EditionParts } from '../../assemble/edition.ts';
import type { EditionConfig } from '../../config/schema.ts';
import { wordsFor } from '../../locale/locale.ts';
import { contentsId, documentTitleAnchor, glossaryId, indexId } from '../../model/ids.ts';
import type { Registry, SectionRecord } from '../../model/registry.ts';
import { fontFacesMarker } from '../font-selection.ts';
import { withPrintFontFaces } from '../fonts.ts';
import type { PageMap } from './page-map.ts';
import { editionGeometry, mm, textBlock } from './paper-sizes.ts';

/** The key of a list of figures or tables, followed by its title. */
const listHeadKey = 'list:';

export interface RunningHead {
  text: string;
  /** The head in pieces when it holds math, whose letters keep their case (`span.math-text`). */
  content?: ElementContent[];
  side: 'left' | 'right';
  /** The language of the head's text: the edition's, or its document's. */
  language: string;
}

/** The running head of every physical page (undefined where a page has none). */
export function runningHeads(
  parts: EditionParts,
  registry: Registry,
  map: PageMap,
  blankIds: readonly string[],
): Array<RunningHead | undefined> {
  const page = (id: string) => map.pageOf.get(id);
  const heads: Array<RunningHead | undefined> = new Array(map.pageCount).fill(undefined);
  const openings = new Set<number>();
  const blanks = new Set(blankIds.map(page).filter((p): p is number => p !== undefined));

  /** Spans of pages: each starts at an opening page and runs to the next opening. */
  const starts: Array<{ page: number; key: string }> = [];
  const add = (id: string, key: string) => {
    const p = page(id);
    if (p === undefined) return;
    starts.push({ page: p, key });
    openings.add(p);
  };
  if (parts.cover) openings.add(1);
  add(contentsId, 'contents');
  // The lists of figures and tables: their own title heads their pages.
  for (const list of parts.objectLists ?? []) {
    const title = list.children.find((c) => c.type === 'element' && c.tagName === 'h1');
    if (typeof list.properties.id === 'string' && title)
      add(list.properties.id, `${listHeadKey}${plainText(title).trim()}`);
  }
  for (const { record, chapters } of parts.documents) {
    add(documentTitleAnchor(record.id), `document:${record.id}`);
    // A chapter that starts a page opens it: no head there.
    for (const chapter of chapters) {
      const p = chapter.breaks ? page(chapter.anchor) : undefined;
      if (p !== undefined) openings.add(p);
    }
  }
  if (parts.glossary) add(glossaryId, 'glossary');
  if (parts.index) add(indexId, 'index');
  starts.sort((a, b) => a.page - b.page);

  for (const [i, start] of starts.entries()) {
    const end = (starts[i + 1]?.page ?? map.pageCount + 1) - 1;
    for (let p = start.page; p <= end; p++) {
      if (openings.has(p) || blanks.has(p)) continue;
      const side = p % 2 === 0 ? 'left' : 'right';
      const text = headText(start.key, side, p, parts, registry, map);
      if (!text) continue;
      const section = typeof text === 'string' ? undefined : text;
      heads[p - 1] = {
        text: section ? sectionHeading(section) : (text as string),
        side,
        language: headLanguage(start.key, parts),
        ...(section ? { content: headContent(section) } : {}),
      };
    }
  }
  return heads;
}

/**
 * A running head with math: its text in pieces, the math's plain text (src/model/math-text.ts)
 * in `span.math-text`, which keeps its letters' case when the head is set in capitals.
 */
function headContent(section: SectionRecord): ElementContent[] {
  return headingPieces(section).map((piece) =>
    piece.math ? h('span.math-text', piece.text) : { type: 'text', value: piece.text },
  );
}

/** The head's text, or the section whose heading it repeats when that holds math. */
function headText(
  key: string,
  side: 'left' | 'right',
  p: number,
  parts: EditionParts,
  registry: Registry,
  map: PageMap,
): string | SectionRecord | undefined {
  const words = wordsFor(parts.language);
  if (key === 'contents') return words.contents;
  if (key.startsWith(listHeadKey)) return key.slice(listHeadKey.length);
  if (key === 'glossary') return words.glossary;
  if (key === 'index') return words.index;
  const documentId = key.slice('document:'.length);
  const document = parts.documents.find((d) => d.record.id === documentId);
  if (!document) return undefined;
  const { record, chapters } = document;
  const title = record.meta.titleSupplied ? `[${record.meta.title}]` : record.meta.title;
  if (side === 'left') return title;
  // The chapter in force on this page: the last one that began on or before it.
  const sections = new Map(registry.sectionsOf(documentId).map((s) => [s.anchor, s]));
  // Without chapters, the document's main sections (its top heading level) head the pages.
  const topDepth = Math.min(...[...sections.values()].map((s) => s.depth));
  const starts =
    chapters.length > 0
      ? chapters
      : [...sections.values()]
          .filter((s) => s.depth === topDepth)
          .map((s) => ({ anchor: s.anchor, title: s.title }));
  let current: string | SectionRecord | undefined;
  for (const chapter of starts) {
    const start = map.pageOf.get(chapter.anchor);
    const section = sections.get(chapter.anchor);
    // A numbered section reads as the document numbers it; else as its heading prints
    // (the chapter's text leaves out an image's alt, as an icon in a heading has); one
    // with math is set in pieces (headContent).
    if (start !== undefined && start <= p)
      current = section?.titleMath
        ? section
        : section?.kind
          ? sectionHeading(section)
          : chapter.title || section?.title;
  }
  return current ?? title;
}

/** The language of the pages a span key stands for: its document's, else the edition's. */
function headLanguage(key: string, parts: EditionParts): string {
  const documentId = key.startsWith('document:') ? key.slice('document:'.length) : undefined;
  const document = parts.documents.find((d) => d.record.id === documentId);
  return document?.record.meta.language ?? parts.language;
}

/**
 * An HTML document with one page per physical page, carrying only its running head, in
 * its language: Chinese heads take the bundled Chinese faces (Simplified forms first for
 * Simplified Chinese), as the pages below them do. On the edition's paper, in the top
 * margin (a little above its middle), flush with the outer edge of the text block and no
 * wider than it.
 */
export function runningHeadsHtml(
  heads: ReadonlyArray<RunningHead | undefined>,
  edition: Pick<EditionConfig, 'paper' | 'margins'>,
): string {
  const page = editionGeometry(edition);
  const { margins } = page;
  // A4's 24 mm top margin has the head at 13 mm: other margins keep the proportion.
  const top = (margins.top * 13) / 24;
  const css = `${fontFacesMarker}
@page { size: ${page.size}; margin: 0; }
html, body { margin: 0; padding: 0; }
.sheet { height: ${mm(page.height)}; width: ${mm(page.width)}; box-sizing: border-box; break-after: page; position: relative; overflow: hidden; }
.sheet:last-child { break-after: auto; }
.head { position: absolute; top: ${mm(top)}; font: 600 8pt/1.2 'Source Sans 3', 'Noto Sans TC', 'Noto Sans SC', sans-serif; text-transform: uppercase; color: #5a5a5a;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: ${mm(textBlock(page).width)}; }
.head .math-text { text-transform: none; }
.head.left { left: ${mm(margins.outer)}; text-align: left; }
.head.right { right: ${mm(margins.outer)}; text-align: right; }
.head:lang(zh-Hans), .head:lang(zh-CN), .head:lang(zh-SG) { font-family: 'Source Sans 3', 'Noto Sans SC', 'Noto Sans TC', sans-serif; }`;
  const sheets = heads.map((head) =>
    h(
      'div.sheet',
      head ? [h(`div.head.${head.side}`, { lang: head.language }, head.content ?? head.text)] : [],
    ),
  );
  return withPrintFontFaces(
    `<!DOCTYPE html>${toHtml(h('html', { lang: 'en' }, [h('head', [h('meta', { charset: 'utf-8' }), h('style', css)]), h('body', sheets)]))}`,
  );
}
