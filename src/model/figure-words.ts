/**
 * The words around figures, tables and equations, from the locale table (src/locale/words.ts): the
 * caption labels and reference names ("Figure 3", "Abbildung 3", "图3"), the separator
 * between a caption's label and its text, and the titles of the front matter's lists.
 */
import { wordsFor, writtenWithoutHyphens } from '../locale/locale.ts';
import type { NumberedObjectKind } from './registry.ts';

/** The objects the front matter lists: figures and tables (equations have no list). */
export type ListedObjectKind = Exclude<NumberedObjectKind, 'equation'>;

/** "Figure 3": how a caption labels an object and a reference names it, in `language`. */
export function objectName(kind: NumberedObjectKind, number: string, language: string): string {
  const words = wordsFor(language);
  return words[kind](number);
}

/** What stands between a caption's label and its text: ": ", or a full-width colon in CJK. */
export function captionSeparator(language: string): string {
  return writtenWithoutHyphens(language) ? '\uff1a' : ': ';
}

/** The title of the list of figures or of tables, in `language`. */
export function listTitle(kind: ListedObjectKind, language: string): string {
  const words = wordsFor(language);
  return kind === 'figure' ? words.listOfFigures : words.listOfTables;
}
