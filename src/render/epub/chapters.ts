/**
 * How an assembled edition is cut into EPUB chapters: one XHTML file per document, then
 * the glossary and the index, each with a stable file name and manifest id (so that two
 * builds name everything alike). The cover page and the navigation document are made
 * elsewhere (cover-page.ts, navigation.ts).
 */
import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import type { EditionParts } from '../../assemble/edition.ts';
import { documentChapterId } from '../../model/ids.ts';
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
  /** Holds one of the edition's documents (body matter). */
  isDocument?: boolean;
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
  const chapters: Chapter[] = parts.documents.map(({ record, article }) => ({
    id: documentChapterId(record.id),
    isDocument: true,
    file: documentFile(record.id),
    title: record.meta.title,
    language: record.meta.language,
    bodyClass: 'document-page',
    content: [article],
  }));
  if (parts.glossary) {
    chapters.push({
      id: 'glossary',
      file: 'glossary.xhtml',
      title: 'Glossary',
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
      title: 'Index',
      language: parts.language,
      bodyType: 'backmatter',
      bodyClass: 'index-page',
      properties: 'index',
      content: [indexDocumentContent(parts.index)],
    });
  }
  return chapters;
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
