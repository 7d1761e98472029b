/**
 * The page-number loop fills a print's page numbers from the pages the last print
 * measured, moved by the blank pages this print adds or takes away before a part, and by
 * the glossary's new length (measured alone) for the index after it. The blank pages
 * before openings kept on right-hand pages are decided in one prediction, however many a
 * blank page added before an opening moves: decided one by one on the last print's pages,
 * a blank page added before chapter 2 sent chapter 3 to a left-hand page, and a book of
 * chapters took a pass per chapter to settle (six passes did not settle five chapters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditionParts } from '../../src/assemble/edition.ts';
import { documentTitleAnchor } from '../../src/model/ids.ts';
import type { PageMap } from '../../src/render/pdf/page-map.ts';
import {
  versoStarts,
  withBlankPages,
  withGlossaryLength,
} from '../../src/render/pdf/page-prediction.ts';

const parts = {
  documents: [{ record: { id: 'a' } }, { record: { id: 'b' } }, { record: { id: 'c' } }],
} as unknown as EditionParts;

const map = {
  // Part a opens on page 3, b on 10, c on 15 (after a blank page on 14).
  pageOf: new Map([
    ['a--title', 3],
    ['a-1', 5],
    ['b--title', 10],
    ['b-1', 12],
    ['c--title', 15],
    ['c-1', 20],
  ]),
  pageCount: 22,
};

describe('pages moved by blank pages', () => {
  it('keeps the map when the blank pages stay', () => {
    expect(withBlankPages(parts, map, new Set(['c']), new Set(['c']))).toBe(map);
  });

  it('moves everything from a part on by one page per blank page added, back by one per blank taken away', () => {
    const moved = withBlankPages(parts, map, new Set(['c']), new Set(['b']));
    expect(Object.fromEntries(moved.pageOf)).toEqual({
      'a--title': 3,
      'a-1': 5,
      'b--title': 11,
      'b-1': 13,
      // +1 for the blank before b, −1 for the one no longer before c.
      'c--title': 15,
      'c-1': 20,
    });
    expect(moved.pageCount).toBe(22);
    const added = withBlankPages(parts, map, new Set(['c']), new Set(['b', 'c']));
    expect(added.pageOf.get('c-1')).toBe(21);
    expect(added.pageCount).toBe(23);
  });
});

describe('pages moved by the glossary', () => {
  const back = {
    pageOf: new Map([
      ['s1', 40],
      ['glossary', 51],
      ['term-x', 52],
      ['index', 55],
      ['index-entry', 57],
    ]),
    pageCount: 58,
  };

  it('moves the index and what follows it to the page after the glossary', () => {
    const shorter = withGlossaryLength(back, 3);
    expect(Object.fromEntries(shorter.pageOf)).toEqual({
      s1: 40,
      glossary: 51,
      'term-x': 52,
      index: 54,
      'index-entry': 56,
    });
    expect(shorter.pageCount).toBe(57);
    expect(withGlossaryLength(back, 5).pageOf.get('index')).toBe(56);
  });

  it('keeps the map when the glossary keeps its length, or there is no index', () => {
    expect(withGlossaryLength(back, 4)).toBe(back);
    const noIndex = { pageOf: new Map([['glossary', 3]]), pageCount: 5 };
    expect(withGlossaryLength(noIndex, 1)).toBe(noIndex);
  });
});

/** One document of chapters, every chapter kept on a right-hand page. */
function book(chapters: number): EditionParts {
  return {
    edition: { rectoParts: true, rectoChapters: true },
    documents: [
      {
        record: { id: 'doc' },
        chapters: Array.from({ length: chapters }, (_, i) => ({
          anchor: `doc--ch-${i + 1}`,
          title: `Chapter ${i + 1}`,
          breaks: i > 0,
        })),
      },
    ],
  } as unknown as EditionParts;
}

const mapOf = (pages: number[], count: number): PageMap => ({
  pageOf: new Map([
    [documentTitleAnchor('doc'), 1],
    ...pages.map((page, i): [string, number] => [`doc--ch-${i + 1}`, page]),
  ]),
  pageCount: count,
});

describe('blank pages before right-hand openings', () => {
  it('counts the blank pages added before an opening', () => {
    // Chapters 2, 3, 4 open on pages 4, 7, 9: a blank before 2 sends 3 to page 8.
    const parts = book(4);
    const map = mapOf([1, 4, 7, 9], 12);
    const blanks = versoStarts(parts, map, new Set());
    expect([...blanks].sort()).toEqual(['doc--ch-2', 'doc--ch-3']);
    const moved = withBlankPages(parts, map, new Set(), blanks);
    expect([2, 3, 4].map((n) => moved.pageOf.get(`doc--ch-${n}`))).toEqual([5, 9, 11]);
  });

  it('puts every opening on a right-hand page in one prediction, blank pages kept or taken away', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.boolean()), {
          minLength: 1,
          maxLength: 12,
        }),
        (chapters) => {
          // Each chapter a few pages after the last, some with a blank page before them.
          const parts = book(chapters.length + 1);
          const before = new Set<string>();
          const pages = [1];
          for (const [i, [length, blank]] of chapters.entries()) {
            const anchor = `doc--ch-${i + 2}`;
            if (blank) before.add(anchor);
            pages.push((pages.at(-1) ?? 1) + length + (blank ? 1 : 0));
          }
          const map = mapOf(pages, (pages.at(-1) ?? 1) + 3);
          const after = versoStarts(parts, map, before);
          const moved = withBlankPages(parts, map, before, after);
          for (let n = 2; n <= chapters.length + 1; n++) {
            const page = moved.pageOf.get(`doc--ch-${n}`) ?? 0;
            expect(page % 2, `chapter ${n} on page ${page}`).toBe(1);
            // A blank page only where the opening would otherwise be on a left-hand page.
            if (after.has(`doc--ch-${n}`)) expect((page - 1) % 2).toBe(0);
          }
        },
      ),
    );
  });
});
