/** Printed web addresses break at the places style guides give, never inside a word. */
import type { ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { breakableUrl } from '../../src/model/url-breaks.ts';

/** The pieces between the breaks. */
const pieces = (content: ElementContent[]) =>
  content
    .map((c) => (c.type === 'text' ? c.value : '|'))
    .join('')
    .split('|');

describe('breakable web addresses', () => {
  it('breaks after // and before each slash, period and hyphen', () => {
    expect(pieces(breakableUrl('https://cwe.mitre.org/data/definitions/201.html'))).toEqual([
      'https:',
      '//',
      'cwe',
      '.mitre',
      '.org',
      '/data',
      '/definitions',
      '/201',
      '.html',
    ]);
  });

  it('breaks on both sides of = and &, and before ? and #', () => {
    expect(pieces(breakableUrl('https://x.org/a?q=1&lang=en#top'))).toEqual([
      'https:',
      '//',
      'x',
      '.org',
      '/a',
      '?q',
      '=',
      '1',
      '&',
      'lang',
      '=',
      'en',
      '#top',
    ]);
  });

  it('keeps every character, in order, and ends without a break', () => {
    const url = 'https://owasp.org/Top10/2025/A01_2025-Broken_Access_Control/';
    const content = breakableUrl(url);
    expect(content.map((c) => (c.type === 'text' ? c.value : '')).join('')).toBe(url);
    expect(content[content.length - 1]?.type).toBe('text');
  });
});
