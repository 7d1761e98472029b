/**
 * What the package document says about the edition: identifier (a UUID v5 of the edition
 * id, so every build of an edition carries the same one), titles, creators and publishers
 * from the documents' front matter, dates that never come from the clock, and the
 * accessibility metadata that Ace by DAISY and reading systems look for.
 */
import { v5 as uuidv5 } from 'uuid';
import type { EditionConfig } from '../../config/schema.ts';
import { latestDocumentDate, w3cdtf } from '../../pipeline/build-date.ts';
import type { ResolvedDocument } from '../../resolve/resolve.ts';
import { editionGeometry } from '../pdf/paper-sizes.ts';

/** Namespace of Folio edition identifiers (a fixed random UUID: never change it). */
const editionNamespace = '0b7f7a0e-3c52-4a8e-9f0c-5d6a4e2b91c7';

export interface PackageMetadata {
  subtitle?: string;
  creators: string[];
  contributors: Array<{ name: string; role: string }>;
  publishers: string[];
  /** Publication date, W3CDTF (`2017`, `2017-03-01`). */
  date: string;
  /** `dcterms:modified`, `CCYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  description?: string;
  subjects: string[];
  /** The print edition the page-list comes from, when there is one. */
  paginationSource?: string;
  accessibility: Accessibility;
}

export interface Accessibility {
  modes: string[];
  sufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
  conformsTo: string;
}

export function editionIdentifier(editionId: string): string {
  return `urn:uuid:${uuidv5(editionId, editionNamespace)}`;
}

export function packageMetadata(options: {
  edition: EditionConfig;
  documents: readonly ResolvedDocument[];
  built: Date;
  hasIndex: boolean;
  hasGlossary: boolean;
  hasPageList: boolean;
  /** Some chapter has MathML (equations, with their TeX as `alttext`). */
  hasMathml?: boolean;
}): PackageMetadata {
  const { edition, documents, built } = options;
  const metas = documents.map((d) => d.record.meta);
  const unique = (values: Array<string | undefined>) => [
    ...new Set(values.filter((v): v is string => Boolean(v))),
  ];
  const coverDate = edition.cover?.date;
  const single = metas.length === 1 ? metas[0] : undefined;
  return {
    subtitle: edition.cover?.subtitle ?? single?.subtitle,
    // Named authors, else the issuing body: CAE 2016 names none, MFA 2017 is issued.
    creators: unique(metas.flatMap((m) => (m.authors.length > 0 ? m.authors : [m.issuer]))),
    contributors: unique(metas.map((m) => m.editor)).map((name) => ({ name, role: 'edt' })),
    publishers: unique(metas.map((m) => m.journal ?? m.issuer)),
    date:
      coverDate && w3cdtf.test(coverDate)
        ? coverDate
        : (latestDocumentDate(documents) ?? built.toISOString().slice(0, 10)),
    modified: `${built.toISOString().slice(0, 19)}Z`,
    subjects: unique(metas.flatMap((m) => [...m.tags, ...m.keywords, m.subject])),
    paginationSource: options.hasPageList
      ? `${edition.id}/${edition.id}.pdf (Folio print edition, ${editionGeometry(edition).label})`
      : undefined,
    accessibility: accessibility(options),
  };
}

function accessibility(options: {
  hasIndex: boolean;
  hasGlossary: boolean;
  hasPageList: boolean;
  hasMathml?: boolean;
}): Accessibility {
  const features = [
    'structuralNavigation',
    'tableOfContents',
    ...(options.hasIndex ? ['index'] : []),
    'readingOrder',
    'alternativeText',
    ...(options.hasPageList ? ['printPageNumbers', 'pageBreakMarkers', 'pageNavigation'] : []),
    ...(options.hasMathml ? ['MathML'] : []),
  ];
  const aids = [
    'a table of contents of every heading level',
    'landmarks',
    ...(options.hasGlossary ? ['a linked glossary'] : []),
    ...(options.hasIndex ? ['a linked index'] : []),
    ...(options.hasPageList ? ['page-break markers and a page list from the print edition'] : []),
  ];
  const summary =
    'This publication is reflowable text with a heading for every section, ' +
    `${aids.slice(0, -1).join(', ')} and ${aids.at(-1)}. ` +
    'The cover image has a text alternative that repeats its text; editorial notes are ' +
    'marked as notes. ' +
    (options.hasMathml ? 'Equations are MathML, with their TeX source as alternative text. ' : '') +
    'It contains no sound, video or flashing content.';
  return {
    modes: ['textual', 'visual'],
    sufficient: ['textual'],
    features,
    hazards: ['none'],
    summary,
    conformsTo: 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA',
  };
}
