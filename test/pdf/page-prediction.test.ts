/**
 * The page-number loop fills a print's page numbers from the pages the last print
 * measured, moved by the blank pages this print adds or takes away before a part, and by
 * the glossary's new length (measured alone) for the index after it.
 */
import { describe, expect, it } from 'vitest';
import type { EditionParts } from '../../src/assemble/edition.ts';
import { withBlankPages, withGlossaryLength } from '../../src/render/pdf/page-prediction.ts';

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
