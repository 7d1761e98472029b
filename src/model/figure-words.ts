/**
 * The words Folio generates around figures and tables: the caption labels ("Figure 3"),
 * the names cross-references give them and the titles of the front matter's lists. Kept
 * in one place until the locale table (src/locale/) supplies them per language.
 */
import type { NumberedObjectKind } from './registry.ts';

export interface FigureWords {
  /** What a caption and a cross-reference call the object: "Figure", "Table". */
  name: Record<NumberedObjectKind, string>;
  /** The titles of the lists in the front matter. */
  listTitle: Record<NumberedObjectKind, string>;
}

const english: FigureWords = {
  name: { figure: 'Figure', table: 'Table' },
  listTitle: { figure: 'List of figures', table: 'List of tables' },
};

/** The words for a language (BCP 47); English until the locale table is merged. */
export function figureWords(_language: string): FigureWords {
  return english;
}

/** "Figure 3": how a caption labels an object and a reference names it. */
export function objectName(kind: NumberedObjectKind, number: string, language: string): string {
  return `${figureWords(language).name[kind]} ${number}`;
}
