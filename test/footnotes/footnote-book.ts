/**
 * A synthetic book with footnotes on many pages: two documents, the second in chapters, a
 * note on most paragraphs, some notes of several paragraphs (long enough to run on to the
 * next page), two references on the last lines of a page, a note referred to twice, and a
 * note in a list item. Deterministic text, so that every build lays out the same.
 */
import { frontMatter } from '../helpers/build.ts';

const vocabulary =
  'policy network order states rules trust security dialogue cooperation governance development openness infrastructure capacity exchange principle'.split(
    ' ',
  );
const noteVocabulary =
  'archive margin gloss reading witness variant edition scholia reference context source'.split(
    ' ',
  );

/** Deterministic text of `length` words of the book's vocabulary, from `n`. */
export const sentence = (n: number, length: number): string =>
  Array.from({ length }, (_, i) => vocabulary[(n * 7 + i * 3) % vocabulary.length]).join(' ');

/**
 * The notes not printed on their reference's page, as `note n: page p, its reference q`
 * (or where a reference is not printed once), from the pages that print each text.
 */
export function notesApart(
  pagesOf: (text: string) => number[],
  notes: Array<{ n: number; reference: string; note: string }>,
): string[] {
  return notes.flatMap(({ n, reference, note }) => {
    const at = pagesOf(reference);
    if (at.length !== 1) return [`note ${n}: its reference on pages [${at.join(', ')}]`];
    const page = pagesOf(note)[0];
    return page === at[0] ? [] : [`note ${n}: page ${page}, its reference ${at[0]}`];
  });
}

/** Deterministic text of `n` words from a list, starting at `seed`. */
export function words(list: readonly string[], n: number, seed: number): string {
  return Array.from(
    { length: n },
    (_, i) => list[(seed * 7 + i * 3 + ((i * i) % 5)) % list.length],
  ).join(' ');
}

export interface BookNote {
  document: string;
  /** The note's number as printed. */
  number: number;
  /** A word found only in this note (and its running-on part). */
  key: string;
  /** The word just before the reference in the text. */
  before: string;
  text: string;
}

export interface FootnoteBook {
  files: Record<string, string>;
  notes: BookNote[];
}

/** The note's key word: letters only, unique (`Notekeyab`). */
const keyOf = (document: string, n: number) =>
  `Nk${document}${String.fromCharCode(97 + Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`;

/** A document of `paragraphs` paragraphs with notes; `chapters` puts `#` headings every 8. */
function document(
  id: string,
  paragraphs: number,
  options: { chapters: boolean; longEvery: number },
): { text: string; notes: BookNote[] } {
  const notes: BookNote[] = [];
  const blocks: string[] = [];
  const definitions: string[] = [];
  let number = 0;
  let chapter = 0;
  for (let p = 1; p <= paragraphs; p++) {
    if (options.chapters && p % 8 === 1) {
      chapter += 1;
      blocks.push(`# Chapter ${chapter}`);
    } else if (p % 5 === 0) blocks.push(`## Section ${id} ${p}`);
    const marker = `Mk${id}${String.fromCharCode(97 + (p % 26))}${String.fromCharCode(97 + Math.floor(p / 26))}`;
    const noted = p % 3 !== 2;
    let paragraph = `${words(vocabulary, 50 + (p % 4) * 12, p)} ${marker}`;
    if (noted) {
      number += 1;
      const key = keyOf(id, number);
      const long = p % options.longEvery === 0;
      const body = long
        ? `${key} ${words(noteVocabulary, 120, p)}.\n\n    ${words(noteVocabulary, 110, p + 3)}.\n\n    ${words(noteVocabulary, 90, p + 5)}.`
        : `${key} ${words(noteVocabulary, 14 + (p % 5) * 9, p)}.`;
      paragraph += `[^n${p}]`;
      definitions.push(`[^n${p}]: ${body}`);
      notes.push({ document: id, number, key, before: marker, text: body });
    }
    paragraph += ` ${words(vocabulary, 40 + (p % 3) * 15, p + 2)}.`;
    if (p === 4) paragraph += ' It refers again to its note[^n4].';
    blocks.push(paragraph);
    if (p === 7 && noted === false) blocks.push('- a list item with a note[^item]');
  }
  return { text: [...blocks, ...definitions].join('\n\n'), notes };
}

/**
 * The book, in every format and numbering; with `printStyles`, a print of the book alone
 * with that stylesheet added (`@media print` rules: what only print sets).
 */
export function footnoteBook(options: { printStyles?: string } = {}): FootnoteBook {
  const one = document('one', 40, { chapters: false, longEvery: 11 });
  const two = document('two', 34, { chapters: true, longEvery: 9 });
  const texts = {
    'one.md': `${frontMatter('one')}${one.text}\n`,
    'two.md': `${frontMatter('two')}${two.text}\n`,
  };
  const notes = [...one.notes, ...two.notes];
  if (options.printStyles !== undefined) {
    const config = [
      'title: Footnote book',
      'stylesheets: [{ file: print-only.css, formats: [pdf] }]',
      'documents:',
      '  - { id: one, files: [one.md] }',
      '  - { id: two, files: [two.md] }',
      'editions:',
      '  - { id: book, documents: [one, two], formats: [pdf] }',
      '',
    ].join('\n');
    return {
      files: { 'folio.config.yaml': config, 'print-only.css': options.printStyles, ...texts },
      notes,
    };
  }
  const config = [
    'title: Footnote book',
    'documents:',
    '  - id: one',
    '    files: [one.md]',
    '  - id: two',
    '    files: [two.md]',
    'editions:',
    '  - id: book',
    '    documents: [one, two]',
    '    formats: [pdf, epub, html]',
    '  - id: perchapter',
    '    documents: [two]',
    '    formats: [html]',
    '    noteNumbering: chapter',
    '  - id: endnotes',
    '    documents: [one]',
    '    formats: [html, epub]',
    '    notes: endnotes',
    '',
  ].join('\n');
  return { files: { 'folio.config.yaml': config, ...texts }, notes };
}
