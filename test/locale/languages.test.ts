/**
 * Editions in other languages than English, built once and read back: every word Folio
 * generates (contents, index, glossary, "on page", "Part", cover labels, EPUB navigation
 * and landmarks, the cover's text alternative) comes in the language of the edition or of
 * the document it stands in; the index sorts and groups as the language does; Chinese is
 * set in the bundled Chinese faces; a language Folio lacks something for is a warning at
 * the place it is named.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import { elements, epubType, openEpub, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildHtmlEdition, buildInTemp, makeProject } from '../helpers/build.ts';
import { checkMessages } from '../helpers/check-messages.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';
import { makeLanguageProject } from './language-project.ts';

let out = '';
const pdfs = new Map<string, ReadPdf>();
const file = (edition: string, format: string) => path.join(out, edition, `${edition}.${format}`);
const html = (edition: string) => fromHtml(readFileSync(file(edition, 'html'), 'utf8'));
const text = (tree: Root | Element, selector: string) =>
  selectAll(selector, tree).map((e) => hastToString(e).trim());
/** The last page that holds `words` (the contents, first, names the glossary and index too). */
const pageWith = (pdf: ReadPdf, words: string) => pdf.pages.findLast((p) => p.text.includes(words));

beforeAll(async () => {
  const dir = makeLanguageProject();
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers, ['de', 'zh']);
  expect(result.files.flatMap((f) => f.messages.map(String))).toEqual([]);
  expect(result.written).toBe(true);
  out = result.outDir;
  for (const edition of ['de', 'zh'])
    pdfs.set(edition, await readPdf(new Uint8Array(readFileSync(file(edition, 'pdf')))));
}, 300_000);

describe('a German edition', () => {
  it('prints its generated words in German (HTML)', () => {
    const tree = html('de');
    expect(text(tree, '#contents-title')).toEqual(['Inhalt']);
    expect(text(tree, '#index-title')).toEqual(['Register']);
    expect(text(tree, '#glossary-title')).toEqual(['Glossar']);
    expect(text(tree, '.glossary-related em')).toEqual(['Siehe auch']);
    expect(text(tree, '.glossary-uses-label')[0]).toBe('Verwendet in');
    expect(text(tree, '.index-see em')).toEqual(['siehe']);
    expect(text(tree, '.index-see-also em')).toEqual(['Siehe auch']);
    expect(text(tree, '.document-published')).toEqual([
      'Zeitschrift für Verwaltung, 2026-11-30, Bd. 3, Nr. 2',
    ]);
    expect(text(tree, '.document-source')).toEqual(['Quelle: eine Testvorlage']);
    expect(text(tree, 'a.xref')).toEqual(['Abschnitt 1.1, Grundlagen']);
    expect(text(tree, '.cover dt')).toEqual(['Erstellt für', 'Erstellt von', 'Datum']);
    expect(String(select('.cover', tree)?.properties.ariaLabel)).toBe('Umschlag');
  });

  it('prints them in German (PDF): cover labels, contents, "auf Seite", glossary, index', () => {
    const pdf = pdfs.get('de');
    if (!pdf) throw new Error('no PDF');
    const all = pdf.pages.map((p) => p.text).join('\n');
    // The cover's labels are set in capitals.
    expect(pdf.pages[0]?.text).toMatch(/Erstellt für.*Ministerium.*Erstellt von.*Redaktion/is);
    expect(pageWith(pdf, 'Inhalt')).toBeDefined();
    // The reference says on which page its target is: the page where the section opens.
    // The last page that names the section: the contents names it too.
    const target = pdf.pages.findLast((p) => /1\.1 Grundlagen/.test(p.text));
    const reference = pdf.pages.find((p) => p.text.includes('Siehe unten'));
    expect(target && reference && target.number > reference.number).toBe(true);
    expect(reference?.text).toContain(`Abschnitt 1.1, Grundlagen, auf Seite ${target?.label}`);
    expect(pageWith(pdf, 'Glossar')?.text).toMatch(/Siehe auch Verschlüsselung/);
    expect(pageWith(pdf, 'Verwendet in')).toBeDefined();
    expect(pageWith(pdf, 'Register')?.text).toMatch(/Obst, siehe Apfel/);
    expect(all).not.toMatch(/\b(Contents|Glossary|on page|Prepared for|See also|Used in)\b/);
  });

  it('titles the EPUB navigation, landmarks and cover in German, and passes EPUBCheck', async () => {
    const bytes = new Uint8Array(readFileSync(file('de', 'epub')));
    const report = runEpubcheck(bytes, 'de.epub');
    expect(report.messages).toEqual([]);
    const epub = await openEpub(bytes);
    const nav = await epub.xml('OEBPS/toc.xhtml');
    const headings = elements(nav, (e) => /^h[12]$/.test(e.name)).map((e) =>
      e.children.map((c) => ('value' in c ? c.value : '')).join(''),
    );
    expect(headings).toEqual(['Inhalt', 'Orientierungspunkte', 'Seiten']);
    const landmarks = elements(nav, (e) => e.name === 'nav' && epubType(e).includes('landmarks'));
    const titles = elements(landmarks[0] ?? nav, (e) => e.name === 'a').map((a) =>
      a.children.map((c) => ('value' in c ? c.value : '')).join(''),
    );
    expect(titles).toEqual(['Umschlag', 'Inhalt', 'Beginn des Inhalts', 'Glossar', 'Register']);
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toContain('<dc:language>de</dc:language>');
    const cover = await epub.xml('OEBPS/cover.xhtml');
    const image = elements(cover, (e) => e.name === 'img')[0];
    expect(String(image?.attributes.alt)).toMatch(/^Umschlag: /);
    expect(String(image?.attributes.alt)).toContain('Erstellt für Ministerium');
    const glossary = await epub.text('OEBPS/glossary.xhtml');
    expect(glossary).toContain('<title>Glossar</title>');
  }, 240_000);
});

describe('a Chinese edition holding a German document', () => {
  it('prints the edition’s words in Chinese and each document’s in its own language (PDF)', () => {
    const pdf = pdfs.get('zh');
    if (!pdf) throw new Error('no PDF');
    const all = pdf.pages.map((p) => p.text).join('\n');
    // Chinese text comes out of the PDF in pieces: compared without spaces.
    const packed = all.replace(/\s+/g, '');
    for (const word of ['目录', '术语表', '索引', '第1部分', 'TEIL2', '见于', '另见'])
      expect(packed, word).toContain(word);
    // A Chinese paragraph's reference says the page in Chinese, a German one in German.
    const target = pdf.pages.findLast((p) => /1\.1基础/.test(p.text.replace(/\s+/g, '')));
    expect(packed).toContain(`第1.1节，基础，第${target?.label}页`);
    const german = pdf.pages.findLast((p) => /1\.1 Grundlagen/.test(p.text));
    expect(all).toContain(`auf Seite ${german?.label}`);
    expect(all).not.toMatch(/\b(Contents|Glossary|Index|on page|Part \d|See also|Used in)\b/);
  });

  it('sets the Chinese text in the bundled Chinese faces, with no hyphens', () => {
    const fonts = execFileSync('pdffonts', [file('zh', 'pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC/);
    const chinese = pdfs
      .get('zh')
      ?.pages.map((p) => p.text.replace(/\s+/g, ''))
      .filter((text) => text.includes('访问控制是应用安全的基础'))
      .join('');
    expect(chinese).not.toBe('');
    expect(chinese).not.toMatch(/\p{Script=Han}-/u);
  });

  it('groups the index by pinyin letter, Latin and Chinese terms together (HTML)', () => {
    const tree = html('zh');
    const groups = selectAll('.index-group', tree).map((group) => [
      hastToString(select('.index-letter', group) as Element),
      ...text(group, '.index-term'),
    ]);
    expect(groups.map((g) => g[0])).toEqual(['A', 'B', 'D', 'F', 'J', 'O', 'R', 'V', 'Z']);
    expect(groups[0]).toEqual(['A', '安全', 'Apfel', 'Äpfel']);
    expect(groups.find((g) => g[0] === 'Z')).toEqual(['Z', '注入', 'Zebra']);
    expect(text(tree, '#index-title')).toEqual(['索引']);
    expect(text(tree, '.index-see em')).toEqual(['见']);
  });

  it('titles the EPUB in Chinese and passes EPUBCheck', async () => {
    const bytes = new Uint8Array(readFileSync(file('zh', 'epub')));
    expect(runEpubcheck(bytes, 'zh.epub').messages).toEqual([]);
    const epub = await openEpub(bytes);
    const nav = await epub.text('OEBPS/toc.xhtml');
    expect(nav).toContain('<title>目录</title>');
    for (const word of ['目录', '封面', '正文开始', '术语表', '索引', '导航标志', '页码'])
      expect(nav, word).toContain(`>${word}<`);
    // The cover image (Chinese drawn in the bundled faces) says what it shows, in Chinese.
    expect(await epub.text('OEBPS/cover.xhtml')).toMatch(/alt="封面：Sprachen。安全手册/);
  }, 240_000);
});

describe('collation', () => {
  const config = (dir: string) => path.join(dir, 'folio.config.yaml');
  it('sorts German ä with a and ö with o', () => {
    const { edition } = buildHtmlEdition(config(makeLanguageProject()), 'de');
    const index = edition.parts.index as Element;
    expect(text(index, '.index-term')).toEqual([
      'Apfel',
      'Äpfel',
      'Birne',
      'Datenschutz',
      'Frucht',
      'Obst',
      'Öl',
      'Verschlüsselung',
      'Zebra',
    ]);
    expect(text(index, '.index-letter')).toEqual(['A', 'B', 'D', 'F', 'O', 'V', 'Z']);
  });

  it('sorts Spanish ñ after n, as a letter of its own', () => {
    const { edition } = buildHtmlEdition(config(makeLanguageProject()), 'es');
    const index = edition.parts.index as Element;
    expect(text(index, '.index-term')).toEqual(['Ángel', 'árbol', 'nada', 'nube', 'ñandú', 'oso']);
    expect(text(index, '.index-letter')).toEqual(['A', 'N', 'Ñ', 'O']);
    expect(text(index, '#index-title')).toEqual(['Índice alfabético']);
  });

  it('orders the glossary by the edition’s language', () => {
    const { edition } = buildHtmlEdition(config(makeLanguageProject()), 'zh');
    const glossary = edition.parts.glossary as Element;
    // Pinyin order: fǎng (访问控制) before jiā (加密); Han before Latin.
    expect(text(glossary, 'dfn')).toEqual(['访问控制', '加密', 'Datenschutz', 'Verschlüsselung']);
  });
});

describe('languages Folio lacks something for', () => {
  it('warns at the config key and at the front matter line', () => {
    const dir = makeProject({
      'folio.config.yaml': [
        'title: T',
        'language: xx',
        'documents:',
        '  - id: a',
        '    files: [a.md]',
        '  - id: b',
        '    files: [b.md]',
        '    language: ja',
        '  - id: c',
        '    files: [c.md]',
        'editions:',
        '  - { id: e, documents: [a, b, c], formats: [html, pdf] }',
        '',
      ].join('\n'),
      'a.md': '# A\n\nText.\n',
      'b.md': '# B\n\nテキスト。\n',
      'c.md': "---\ntitle: C\nlanguage: tlh\ndate: '2020'\n---\n\n# C\n\nText.\n",
    });
    const { messages } = checkMessages(dir);
    const located = messages.map((m) => m.split(' ').slice(0, 2).join(' '));
    expect(located).toEqual([
      'folio.config.yaml:2:11 language:unknown',
      'folio.config.yaml:8:15 language:no-words',
      'c.md:3:11 language:no-words',
      'c.md:3:11 language:no-hyphenation',
    ]);
    expect(messages[0]).toContain('Unknown language `xx`');
    expect(messages[1]).toContain('no generated words in Japanese (`ja`)');
    expect(messages[3]).toContain('No hyphenation patterns for Klingon (`tlh`)');
  });

  it('says nothing of the languages it has (regional forms too) or of Chinese hyphenation', () => {
    const dir = makeProject({
      'folio.config.yaml': [
        'title: T',
        'language: de-AT',
        'documents:',
        '  - { id: a, files: [a.md] }',
        '  - { id: b, files: [b.md], language: zh-TW }',
        '  - { id: c, files: [c.md], language: fr-CA }',
        'editions:',
        '  - { id: e, documents: [a, b, c], formats: [html, pdf] }',
        '',
      ].join('\n'),
      'a.md': '# A\n\nText.\n',
      'b.md': '# B\n\n文字。\n',
      'c.md': '# C\n\nTexte.\n',
    });
    expect(checkMessages(dir).messages).toEqual([]);
  });
});
