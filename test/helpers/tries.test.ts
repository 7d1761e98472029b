/**
 * FOLIO_TEST_TRIES: a few tries by default, the long version with `full`, at least the few
 * with a number, and a clear error for anything else.
 */
import { describe, expect, it } from 'vitest';
import { tries } from './tries.ts';

describe('tries', () => {
  it('are the few by default, the full count with "full", at least the few with a number', () => {
    expect(tries(2, 10, undefined)).toBe(2);
    expect(tries(2, 10, '')).toBe(2);
    expect(tries(2, 10, 'full')).toBe(10);
    expect(tries(2, 10, '7')).toBe(7);
    expect(tries(2, 10, '1')).toBe(2);
  });

  it('refuse a value that is neither "full" nor a whole number above 0', () => {
    for (const value of ['0', '-3', '2.5', 'many'])
      expect(() => tries(2, 10, value), value).toThrow(/FOLIO_TEST_TRIES is "full" or a whole/);
  });
});
