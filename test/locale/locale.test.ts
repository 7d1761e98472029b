import { describe, expect, it } from 'vitest';
import {
  capitalized,
  localeFor,
  tableFor,
  wordsFor,
  writtenWithoutHyphens,
} from '../../src/locale/locale.ts';

describe('locale lookup by BCP 47 tag', () => {
  it('falls back from region to language, and Chinese by script', () => {
    expect(tableFor('de-AT')).toBe('de');
    expect(tableFor('de-CH')).toBe('de-ch');
    expect(tableFor('fr-CA')).toBe('fr');
    expect(tableFor('es-419')).toBe('es');
    expect(tableFor('zh')).toBe('zh-hans');
    expect(tableFor('zh-CN')).toBe('zh-hans');
    expect(tableFor('zh-TW')).toBe('zh-hant');
    expect(tableFor('zh-HK')).toBe('zh-hant');
    expect(tableFor('zh-Hant')).toBe('zh-hant');
    expect(tableFor('pt-PT')).toBe('pt-pt');
    expect(tableFor('pt-BR')).toBe('pt');
  });

  it('gives English words to a language without a table', () => {
    expect(tableFor('xx')).toBeUndefined();
    expect(wordsFor('xx').contents).toBe('Contents');
    expect(localeFor('tlh').table).toBeUndefined();
  });

  it('has the words of each language', () => {
    expect(wordsFor('de').contents).toBe('Inhalt');
    expect(wordsFor('de').onPage('3').join('')).toBe(', auf Seite 3');
    expect(wordsFor('de-CH').footnotes).toBe('Fussnoten');
    expect(wordsFor('fr').part(2)).toBe('Partie 2');
    expect(wordsFor('es').figure('3')).toBe('Figura 3');
    expect(wordsFor('zh').contents).toBe('目录');
    expect(wordsFor('zh-TW').contents).toBe('目錄');
    expect(wordsFor('zh-TW').onPage('12').join('')).toBe('，第12頁');
    expect(wordsFor('en').inDocument('MFA').join('')).toBe(', in MFA');
  });

  it('puts a non-text part in its place', () => {
    const link = { type: 'element' };
    expect(wordsFor('zh').onPage(link)).toEqual(['，第', link, '页']);
  });

  it('capitalises as the language does and knows scripts without hyphens', () => {
    expect(capitalized('siehe auch', 'de')).toBe('Siehe auch');
    expect(capitalized('istanbul', 'tr')).toBe('İstanbul');
    expect(capitalized('见', 'zh')).toBe('见');
    expect(writtenWithoutHyphens('zh-TW')).toBe(true);
    expect(writtenWithoutHyphens('ja')).toBe(true);
    expect(writtenWithoutHyphens('zh-Latn-pinyin')).toBe(false);
    expect(writtenWithoutHyphens('de')).toBe(false);
  });
});
