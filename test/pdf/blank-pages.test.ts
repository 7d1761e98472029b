/**
 * The page-number loop fills a print's page numbers from the pages the last print
 * measured, moved by the blank pages this print adds or takes away before a part.
 */
import { describe, expect, it } from 'vitest';
import type { EditionParts } from '../../src/assemble/edition.ts';
import { withBlankPages } from '../../src/render/pdf-renderer.ts';

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
