/**
 * How an assembled edition is cut into EPUB chapters: one XHTML file per chapter of each
 * document (the document's opening, with its header, then one file from each chapter
 * heading that starts a page in print, src/assemble/chapters.ts), then the glossary and the index, each with a stable file name and manifest id (so that two
 * builds name everything alike). The cover page and the navigation document are made
 * elsewhere (cover-page.ts, navigation.ts).
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import { plainText } from '../../assemble/chapters.ts';
import type { EditionParts } from '../../assemble/edition.ts';
import { wordsFor } from '../../locale/locale.ts';
import { documentChapterId, documentChapterPieceId } from '../../model/ids.ts';
import { indexDocumentContent } from './index-semantics.ts';

export interface Chapter {
  /** Manifest id. */
  id: string;
  /** File name inside the package, beside the OPF. */
  file: string;
  title: string;
  language: string;
  /** `epub:type` of the chapter's `body` (front or back matter), if any. */
  bodyType?: string;
  bodyClass?: string;
  /** Manifest `properties` (`glossary`, `index`, `svg` …). */
  properties?: string;
  /** Holds (a chapter of) one of the edition's documents (body matter). */
  isDocument?: boolean;
  /** The document it holds a chapter of. */
  documentId?: string;
  /** Placed before the contents in the spine (the cover). */
  beforeContents?: boolean;
  content: ElementContent[];
}

/** Names the package uses itself; a document with one of these ids gets a prefixed file. */
const reserved = new Set(['cover', 'toc', 'glossary', 'index', 'style', 'content']);

// Kept here for epub-renderer.ts until it imports model/ids.ts itself.

export function documentFile(documentId: string): string {
  return `${reserved.has(documentId) ? documentChapterId(documentId) : documentId}.xhtml`;
}

export function editionChapters(parts: EditionParts): Chapter[] {
  const chapters: Chapter[] = parts.documents.flatMap(({ record, article, chapters }) =>
    splitDocument(article, new Set(chapters.filter((c) => c.breaks).map((c) => c.anchor))).map(
      (piece, i) => ({
        id: i === 0 ? documentChapterId(record.id) : documentChapterPieceId(record.id, i + 1),
        isDocument: true,
        documentId: record.id,
        file:
          i === 0
            ? documentFile(record.id)
            : documentFile(record.id).replace(/\.xhtml$/, `-${i + 1}.xhtml`),
        title: piece.title ?? record.meta.title,
        language: record.meta.language,
        bodyClass: 'document-page',
        content: [piece.content],
      }),
    ),
  );
  if (parts.glossary) {
    chapters.push({
      id: 'glossary',
      file: 'glossary.xhtml',
      title: wordsFor(parts.language).glossary,
      language: parts.language,
      bodyType: 'backmatter',
      bodyClass: 'glossary-page',
      properties: 'glossary',
      content: [parts.glossary],
    });
  }
  if (parts.index) {
    chapters.push({
      id: 'index',
      file: 'index.xhtml',
      title: wordsFor(parts.language).index,
      language: parts.language,
      bodyType: 'backmatter',
      bodyClass: 'index-page',
      properties: 'index',
      content: [indexDocumentContent(parts.index)],
    });
  }
  return chapters;
}

/**
 * The document's article cut before each chapter heading in `breaks` (top-level children of
 * its body): the first piece is the article with its header; each later one a section
 * (`epub:type="chapter"`) in the document's language, labelled by its heading.
 */
function splitDocument(
  article: Element,
  breaks: ReadonlySet<string>,
): Array<{ content: Element; title?: string }> {
  const body = article.children.find(
    (c): c is Element =>
      c.type === 'element' &&
      Array.isArray(c.properties.className) &&
      c.properties.className.includes('document-body'),
  );
  if (!body || breaks.size === 0) return [{ content: article }];
  const runs: ElementContent[][] = [[]];
  const titles: Array<string | undefined> = [undefined];
  for (const node of body.children) {
    const id = node.type === 'element' ? node.properties.id : undefined;
    if (typeof id === 'string' && breaks.has(id)) {
      runs.push([]);
      titles.push(plainText(node).trim());
    }
    runs[runs.length - 1]?.push(node);
  }
  const [opening = [], ...rest] = runs;
  const first: Element = {
    ...article,
    children: article.children.map((c) => (c === body ? { ...body, children: opening } : c)),
  };
  const { lang, dataDocument } = article.properties;
  return [
    { content: first },
    ...rest.map((children, i) => {
      const heading = children[0];
      const headingId = heading?.type === 'element' ? heading.properties.id : undefined;
      return {
        content: h(
          'section.document.document-chapter',
          {
            lang,
            dataDocument,
            'epub:type': 'chapter',
            role: 'doc-chapter',
            ...(typeof headingId === 'string' ? { ariaLabelledBy: headingId } : {}),
          },
          [h('div.document-body', children)],
        ),
        title: titles[i + 1],
      };
    }),
  ];
}

/** The chapter with the manifest properties its content calls for (inline SVG, MathML). */
export function withContentProperties(chapter: Chapter): Chapter {
  const found = new Set(chapter.properties?.split(' ').filter(Boolean));
  for (const node of chapter.content) {
    visit(node, 'element', (element: Element) => {
      if (element.tagName === 'svg') found.add('svg');
      if (element.tagName === 'math') found.add('mathml');
    });
  }
  return { ...chapter, properties: [...found].join(' ') || undefined };
}
