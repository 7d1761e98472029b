/**
 * The print carries only the `@font-face` rules whose `unicode-range` holds a character
 * the page may set (src/render/font-selection.ts): the range filter itself, the code
 * points a page may set besides its text, and a book with an English, a Traditional and a
 * Simplified Chinese document built with the selection and with every rule
 * (`FOLIO_FONT_FACES=all`): the same PDF to the byte, the Chinese set in Noto Sans TC/SC.
 * A print page also leaves out the Chinese slices no character can reach (fonts.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditions } from '../../src/pipeline/pipeline.ts';
import { StageTimer } from '../../src/pipeline/stage-timer.ts';
import {
  pageCodePoints,
  parseUnicodeRange,
  usedFontFaces,
  withoutStyleComments,
  writtenCodePoints,
} from '../../src/render/font-selection.ts';
import { fontFaceCss, withoutUnreachedChinese } from '../../src/render/fonts.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildHtmlEdition, documentProject, frontMatter, makeProject } from '../helpers/build.ts';

const rule = (family: string, range?: string) =>
  `@font-face { font-family: '${family}'; src: url(x.woff2);${range ? ` unicode-range: ${range};` : ''} }`;
const families = (css: string) =>
  [...css.matchAll(/font-family: '([^']+)'/g)].map(([, family]) => family);
const points = (text: string) => new Set([...text].map((c) => c.codePointAt(0) ?? 0));
const count = (css: string) => (css.match(/@font-face/g) ?? []).length;

describe('the range filter', () => {
  it('reads single points, intervals and wildcards, and nothing from a malformed list', () => {
    expect(parseUnicodeRange('U+0-ff, u+131,U+4??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x400, 0x4ff],
    ]);
    expect(parseUnicodeRange('U+41, var(--x)')).toEqual([]);
  });

  it('keeps, in their order, the rules with a used character and those without a range', () => {
    const css = [
      '/* a comment */',
      rule('A', 'U+4E00-4E10'),
      rule('B', 'U+3000-303F'),
      rule('C'),
      rule('D', 'U+4E0?'),
      rule('E', 'nonsense'),
    ].join('\n');
    expect(families(usedFontFaces(css, points('一')))).toEqual(['A', 'C', 'D', 'E']);
    expect(families(usedFontFaces(css, points('、')))).toEqual(['B', 'C', 'E']);
    expect(families(usedFontFaces(css, points('abc')))).toEqual(['C', 'E']);
  });
});

describe('the characters a page may set', () => {
  const has = (set: Set<number>, text: string) =>
    [...text].every((c) => set.has(c.codePointAt(0) ?? 0));

  it('always holds Latin, punctuation and digits, and the other case of each letter', () => {
    const set = pageCodePoints('<p>x</p>');
    expect(has(set, ' 09AZaz.,;:!?—–…‘’“”\u00ad\u2010')).toBe(true);
    expect(has(set, '中')).toBe(false);
    // `text-transform: uppercase` of a Turkish i, and of ß.
    expect(has(pageCodePoints('<p lang="tr">i ß ǆ</p>'), 'İSǄ')).toBe(true);
  });

  it('decodes HTML references and CSS escapes, and adds what the CSS generates', () => {
    expect(has(pageCodePoints('<p>&#x4E2D;&#25991;</p>'), '中文')).toBe(true);
    expect(has(pageCodePoints('<style>a::after { content: "\\5B57" }</style>'), '字')).toBe(true);
    expect(has(pageCodePoints('<style>ol { list-style: cjk-decimal }</style>'), '〇九、')).toBe(
      true,
    );
    expect(has(pageCodePoints('<p><q>quoted</q></p>'), '「」『』')).toBe(true);
    expect(has(pageCodePoints('<p>quoted</p>'), '「')).toBe(false);
  });

  it('leaves out the comments of style sheets, not their strings nor the text', () => {
    const page =
      '<style>/* ─ rule */ a::after { content: "/* ─ kept */" }</style><p>/* ═ text */</p>';
    expect(withoutStyleComments(page)).toBe(
      '<style>  a::after { content: "/* ─ kept */" }</style><p>/* ═ text */</p>',
    );
    const set = pageCodePoints('<style>/* ─ */ p { color: red }</style><p>x</p>');
    expect(set.has(0x2500)).toBe(false);
  });

  it('leaves a Latin page without most of the Chinese slices, and keeps a Chinese one’s', () => {
    const all = fontFaceCss();
    const latin = usedFontFaces(all, pageCodePoints('<p>Plain English text, 1–2.</p>'));
    const chinese = usedFontFaces(all, pageCodePoints('<p>網絡空間國際合作战略</p>'));
    expect(count(all)).toBeGreaterThan(400);
    expect(count(latin)).toBeLessThan(count(all) / 3);
    // Every Chinese character's slice, in both faces and both weights, is kept.
    for (const char of '網絡空間國際合作战略') {
      const c = char.codePointAt(0) ?? 0;
      const holding = [...all.matchAll(/@font-face\s*\{[^}]*\}/g)]
        .map(([r]) => r)
        .filter((r) =>
          parseUnicodeRange(/unicode-range:\s*([^;}]+)/.exec(r)?.[1] ?? '').some(
            ([a, b]) => c >= a && c <= b,
          ),
        );
      expect(holding.length, char).toBeGreaterThan(0);
      for (const r of holding) expect(chinese, char).toContain(r);
    }
  });
});

describe('the Chinese slices a print page cannot reach', () => {
  const all = fontFaceCss();
  const chinese = (css: string) =>
    [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].filter(([r]) => /'Noto Sans [TS]C'/.test(r));
  const narrowed = (page: string) =>
    withoutUnreachedChinese(
      usedFontFaces(all, pageCodePoints(page)),
      page,
      writtenCodePoints(page),
    );
  const holding = (css: string, char: string) => {
    const c = char.codePointAt(0) ?? 0;
    return chinese(css).filter(([r]) =>
      parseUnicodeRange(/unicode-range:\s*([^;}]+)/.exec(r)?.[1] ?? '').some(
        ([a, b]) => c >= a && c <= b,
      ),
    );
  };
  // As base.css, it says in a comment that the Chinese faces come second.
  const latin =
    '<style>/* Noto Sans TC only sets what Source Sans 3 lacks */ h1 { font-family: var(--display-face) }</style><p>Plain text, 1–2.</p>';

  it('leaves out every one from a Latin page, whose Source faces draw all it sets', () => {
    // The selection by range alone keeps those whose range holds Latin characters.
    expect(chinese(usedFontFaces(all, pageCodePoints(latin))).length).toBeGreaterThan(30);
    expect(chinese(narrowed(latin))).toEqual([]);
    expect(narrowed(latin)).toContain("font-family: 'Source Serif 4'");
  });

  it('keeps those holding what a Source face lacks in some weight or style, or not at all', () => {
    for (const char of ['網', '→', 'ő']) {
      const page = latin.replace('Plain', `Plain ${char}`);
      expect(holding(all, char).length, char).toBeGreaterThan(0);
      for (const [r] of holding(all, char)) expect(narrowed(page), char).toContain(r);
    }
  });

  it('keeps every one where a stack may try a Chinese face first, or a style sheet is linked', () => {
    const pages = [
      latin.replace('var(--display-face)', "'Noto Sans TC', sans-serif"),
      latin.replace('<style>', '<style>:root { --display-face: "Noto Sans SC", serif }'),
      latin.replace('<style>', '<link rel="stylesheet" href="extra.css"><style>'),
    ];
    for (const page of pages)
      expect(chinese(narrowed(page)).length, page).toBe(
        chinese(usedFontFaces(all, pageCodePoints(page))).length,
      );
    // A style attribute is a stack too; the text is not (a book about type may name them).
    const styled = latin.replace('<p>', `<p style="font-family: 'Noto Sans SC'">`);
    expect(chinese(narrowed(styled)).length).toBeGreaterThan(30);
    const prose = latin.replace('Plain text', 'Set in Noto Sans TC, then Source Serif 4');
    expect(chinese(narrowed(prose))).toEqual([]);
  });
});

describe('the HTML edition', () => {
  it('inlines the Chinese face a style sheet’s generated text needs', () => {
    const project = (css: string) =>
      path.join(
        documentProject(
          '# English\n\nPlain English text.\n',
          { edition: ['    stylesheets: [extra.css]'] },
          { 'extra.css': css },
        ),
        'folio.config.yaml',
      );
    const chinese = buildHtmlEdition(project('h1::after { content: "中" }'), 'doc').edition.html;
    const latin = buildHtmlEdition(project('/* 中 */ h1 { color: red }'), 'doc').edition.html;
    expect(chinese).toContain("font-family: 'Noto Sans TC'");
    expect(latin).not.toContain("font-family: 'Noto Sans TC'");
    expect(latin).toContain("font-family: 'Source Serif 4'");
  });
});

describe('a book in English and Chinese, printed with the selected faces and with all', () => {
  const root = makeProject({
    'folio.config.yaml': [
      'title: Faces fixture',
      'language: en',
      'documents:',
      '  - id: en',
      '    files: [en.md]',
      '  - id: hant',
      '    language: zh-Hant',
      '    files: [hant.md]',
      '  - id: hans',
      '    language: zh-Hans',
      '    files: [hans.md]',
      'editions:',
      '  - id: book',
      '    documents: [en, hant, hans]',
      '    formats: [pdf]',
      '',
    ].join('\n'),
    'en.md': `${frontMatter('en')}# English\n\nA paragraph with “quotes”, a dash — and a note.[^1]\n\n1. one\n2. two\n\n[^1]: The note, façade.\n`,
    'hant.md': `${frontMatter('hant').replace('language: en', 'language: zh-Hant')}# 網絡空間國際合作戰略\n\n中國堅定維護網絡空間和平與安全，*推動*建立多邊、民主、透明的國際互聯網治理體系。\n\n- 和平\n- 主權\n`,
    'hans.md': `${frontMatter('hans').replace('language: en', 'language: zh-Hans')}# 网络空间国际合作战略\n\n中国坚定维护网络空间和平与安全，推动建立多边、民主、透明的国际互联网治理体系。\n`,
  });
  const build = async (allFaces: boolean) => {
    if (allFaces) process.env.FOLIO_FONT_FACES = 'all';
    try {
      const outDir = mkdtempSync(path.join(tmpdir(), 'folio-out-'));
      const result = await buildEditions({
        configPath: path.join(root, 'folio.config.yaml'),
        outDir,
        renderers: { pdf: pdfRenderer },
        timer: new StageTimer(),
      });
      expect(result.written).toBe(true);
      const html = result.editions[0]?.products.printHtml ?? '';
      return { html, file: path.join(outDir, 'book', 'book.pdf') };
    } finally {
      delete process.env.FOLIO_FONT_FACES;
    }
  };
  let selected: Awaited<ReturnType<typeof build>>;
  let all: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    selected = await build(false);
    all = await build(true);
  }, 600_000);
  afterAll(() => {
    delete process.env.FOLIO_FONT_FACES;
  });

  it('prints fewer @font-face rules, and the same PDF to the byte', () => {
    expect(count(all.html)).toBe(count(fontFaceCss()));
    expect(count(selected.html)).toBeLessThan(count(all.html));
    expect(count(selected.html)).toBeGreaterThan(0);
    expect(readFileSync(selected.file).equals(readFileSync(all.file))).toBe(true);
  });

  it('sets the Chinese chapters in the bundled Chinese faces', () => {
    const fonts = execFileSync('pdffonts', [selected.file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansTC/);
    expect(fonts).toMatch(/NotoSansSC/);
    const text = execFileSync('pdftotext', [selected.file, '-'], { encoding: 'utf8' });
    expect(text).toContain('網絡空間國際合作戰略');
    expect(text).toContain('网络空间国际合作战略');
  });
});
