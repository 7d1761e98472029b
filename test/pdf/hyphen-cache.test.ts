/**
 * The settled hyphens a build keeps for the next (hyphen-cache.ts) are untrusted input:
 * an entry is used only when its texts are its paragraph's text with soft hyphens kept,
 * dropped or made hyphens; a file of another shape, edition or environment gives nothing;
 * an entry's name changes with the stylesheet and with the files it names. That a rebuild
 * measures no hyphens and prints the same bytes is in pagination.test.ts.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import {
  entryName,
  hyphenEnvironment,
  hyphensFile,
  readKeptHyphens,
  settlesFrom,
  styleContext,
  writeKeptHyphens,
} from '../../src/render/pdf/hyphen-cache.ts';
import { HyphenSettler } from '../../src/render/pdf/hyphenation.ts';

const shy = '\u00AD';

describe('a kept text settles from its paragraph only by its soft hyphens', () => {
  const original = `in${shy}ter${shy}na${shy}tional co${shy}op${shy}er${shy}a${shy}tion`;
  it.each([
    ['all dropped', 'international cooperation'],
    ['one made a hyphen', 'inter-national cooperation'],
    ['some kept', `inter${shy}national co-operation`],
    ['all kept', original],
  ])('takes %s', (_, settled) => {
    expect(settlesFrom(original, settled)).toBe(true);
  });
  it.each([
    ['a letter changed', 'internatiomal cooperation'],
    ['a word added', 'international cooperation now'],
    ['a letter dropped', 'internationl cooperation'],
    ['a hyphen where none could be', 'international coope-ration'],
    ['a space for a soft hyphen', 'inter national cooperation'],
    ['empty', ''],
  ])('refuses %s', (_, settled) => {
    expect(settlesFrom(original, settled)).toBe(false);
  });
});

describe('the kept file', () => {
  const environment = hyphenEnvironment('Chrome/156.0');
  const name = 'a'.repeat(64);
  const entries = new Map([[name, ['international']]]);

  it('reads back as written, for its own edition and environment only', async () => {
    const file = hyphensFile(mkdtempSync(path.join(tmpdir(), 'folio-hyphens-')), 'book');
    await writeKeptHyphens(file, 'book', environment, entries);
    expect(await readKeptHyphens(file, 'book', environment)).toEqual(entries);
    expect(await readKeptHyphens(file, 'other', environment)).toBeUndefined();
    expect(await readKeptHyphens(file, 'book', hyphenEnvironment('Chrome/157.0'))).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format": 1'],
    ['an unknown key', { format: 1, edition: 'book', environment, paragraphs: [], extra: 1 }],
    [
      'a name that is no hash',
      { format: 1, edition: 'book', environment, paragraphs: [['x', []]] },
    ],
    [
      'texts that are no strings',
      { format: 1, edition: 'book', environment, paragraphs: [[name, [1]]] },
    ],
    ['another format', { format: 2, edition: 'book', environment, paragraphs: [] }],
  ])('gives nothing, and no error, for %s', async (_, content) => {
    const file = hyphensFile(mkdtempSync(path.join(tmpdir(), 'folio-hyphens-')), 'book');
    await writeKeptHyphens(file, 'book', environment, new Map());
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    expect(await readKeptHyphens(file, 'book', environment)).toBeUndefined();
  });
});

describe('the name of an entry', () => {
  it('changes with the stylesheet, and with a file it names changed in place', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'folio-hyphens-'));
    const face = path.join(folder, 'face.woff2');
    writeFileSync(face, 'one');
    const css = `@font-face { font-family: X; src: url("${pathToFileURL(face).href}"); }`;
    const before = entryName(styleContext(css), '<p>text</p>');
    expect(entryName(styleContext(`${css} p { font-size: 12pt }`), '<p>text</p>')).not.toBe(before);
    expect(entryName(styleContext(css), '<p>other text</p>')).not.toBe(before);
    writeFileSync(face, 'two, longer');
    utimesSync(face, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(entryName(styleContext(css), '<p>text</p>')).not.toBe(before);
  });

  it('is none for a paragraph with an image, whose size is in a file', () => {
    expect(entryName('context', '<p>a <img src="x.png"> b</p>')).toBeUndefined();
  });
});

describe('a settler given kept hyphens', () => {
  const css = 'p { text-align: justify }';
  const tree = (): Root => ({
    type: 'root',
    children: [h('p', ['international cooperation on cyberspace governance'])],
  });
  /** The paragraph `prepare` left to measure, and the name its entry would have. */
  const measuring = (settler: HyphenSettler) => {
    const page = tree();
    settler.prepare(page, 'en', css);
    const p = page.children[0] as Element;
    const marked = p.properties['data-folio-hyphens'] !== undefined;
    const { 'data-folio-hyphens': _mark, ...properties } = p.properties;
    const name = entryName(styleContext(css), toHtml({ ...p, properties }));
    const text = (p.children[0] as { value: string }).value;
    return { marked, name, text };
  };

  it('sets a paragraph from a kept entry that checks out, without measuring it', () => {
    const { marked, name, text } = measuring(new HyphenSettler());
    expect(marked).toBe(true);
    const settled = text.replaceAll(shy, '');
    const again = measuring(new HyphenSettler(new Map([[name ?? '', [settled]]])));
    expect(again.marked).toBe(false);
    expect(again.text).toBe(settled);
  });

  it('measures again, and prints its own text, where a kept entry would change a word', () => {
    const { name } = measuring(new HyphenSettler());
    const forged = 'international cooperation on cyberspace surveillance';
    const settler = new HyphenSettler(new Map([[name ?? '', [forged]]]));
    const again = measuring(settler);
    expect(again.marked).toBe(true);
    expect(again.text.replaceAll(shy, '')).toBe(
      'international cooperation on cyberspace governance',
    );
  });
});
