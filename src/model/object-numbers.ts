/**
 * The numbers of figures, captioned tables and numbered equations in an edition: through
 * each document ("Figure 3", "(3)") or, with `figureNumbering: chapter`, within each chapter
 * ("Figure 2.3", "(2.3)", the
 * chapter's place among the document's chapters). Chapters are the headings of the
 * edition's `chapterLevel` (as src/assemble/chapters.ts cuts them); a first heading that
 * only repeats the document's title is no chapter, and objects before the first chapter
 * are numbered without a chapter ("Figure 1"). Each kind is counted apart. The objects of
 * annotations' notes are commentary: counted apart through each document, after an `N`
 * ("Figure N1", "(N2)"), so the source text's numbers stay those of its plain editions. Captions,
 * equation numbers, cross-references and the lists of figures and tables read these numbers.
 */
import type { Registry, SectionRecord } from './registry.ts';

export interface ObjectNumbering {
  scheme: 'document' | 'chapter';
  /** Headings of this depth and above start chapters (default 1). */
  chapterLevel?: number;
}

/** What the numbers of the objects in annotations' notes start with. */
export const noteSeries = 'N';

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Anchor of each figure, captioned table and numbered equation → its number ("3", "2.3"). */
export function numberObjects(registry: Registry, numbering: ObjectNumbering): Map<string, string> {
  const numbers = new Map<string, string>();
  const level = numbering.chapterLevel ?? 1;
  /** Per document: chapter anchor → its place (1, 2 …). */
  const chapterPlaces = new Map<string, Map<string, number>>();
  const placesOf = (documentId: string) => {
    let places = chapterPlaces.get(documentId);
    if (places) return places;
    places = new Map();
    const title = normalized(registry.documents.get(documentId)?.meta.title ?? '');
    const sections = registry.sectionsOf(documentId);
    for (const [i, section] of sections.entries()) {
      if (section.depth > level) continue;
      if (i === 0 && normalized(section.title) === title) continue;
      places.set(section.anchor, places.size + 1);
    }
    chapterPlaces.set(documentId, places);
    return places;
  };
  const chapterOf = (section: SectionRecord | undefined, places: Map<string, number>) => {
    for (let s = section; s; s = s.parent ? registry.sections.get(s.parent) : undefined) {
      const place = places.get(s.anchor);
      if (place !== undefined) return place;
    }
    return undefined;
  };
  const counters = new Map<string, number>();
  for (const object of registry.objects.values()) {
    if (object.note) {
      const key = `${object.documentId}\u0000${object.kind}\u0000note`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      numbers.set(object.anchor, `${noteSeries}${n}`);
      continue;
    }
    const chapter =
      numbering.scheme === 'chapter'
        ? chapterOf(
            object.section ? registry.sections.get(object.section) : undefined,
            placesOf(object.documentId),
          )
        : undefined;
    const key = `${object.documentId}\u0000${object.kind}\u0000${chapter ?? ''}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    numbers.set(object.anchor, chapter === undefined ? String(n) : `${chapter}.${n}`);
  }
  return numbers;
}
