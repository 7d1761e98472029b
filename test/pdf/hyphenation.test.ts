/**
 * Print hyphenation: the patterns give soft hyphens with sensible limits, and in the PDF
 * only the hyphens that end a line remain, so every word reads whole to search and copy.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hyphenateWord, hyphenatorFor } from '../../src/render/pdf/hyphenation.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, documentProject, singleDocumentConfig } from '../helpers/build.ts';
import { hyphensOf } from '../helpers/pdf.ts';

const shy = '\u00ad';
const marked = (word: string) => {
  const english = hyphenatorFor('en');
  if (!english) throw new Error('no English hyphenation patterns');
  return hyphenateWord(word, english).replaceAll(shy, '|');
};

describe('soft hyphens from the patterns', () => {
  it('finds patterns by language tag, falling back to the language alone', () => {
    expect(hyphenatorFor('en')).toBeDefined();
    expect(hyphenatorFor('en-GB')).toBeDefined();
    expect(hyphenatorFor('de')).toBeDefined();
    expect(hyphenatorFor('de-AT')).toBe(hyphenatorFor('de'));
    expect(hyphenatorFor('zz')).toBeUndefined();
    expect(hyphenatorFor('../../etc')).toBeUndefined();
  });

  it('breaks long words where the patterns allow, keeping two letters before and three after', () => {
    expect(marked('cyberspace')).toBe('cy|ber|space');
    expect(marked('international')).toBe('in|ter|na|tional');
    // "tion|al", "ri|ty": the last break would leave two letters.
    expect(marked('security')).toBe('se|cu|rity');
    for (const word of ['communication', 'infrastructure', 'cooperation', 'sovereignty']) {
      const parts = marked(word).split('|');
      expect(parts.length, word).toBeGreaterThan(1);
      expect(parts.join('')).toBe(word);
      expect(parts[0]?.length).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)?.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('leaves short words and acronyms whole', () => {
    expect(marked('cyber')).toBe('cyber');
    expect(marked('UNESCO')).toBe('UNESCO');
  });
});

const words = [
  'international cooperation on cyberspace security requires communication',
  'infrastructure governance sovereignty responsibility development',
  'multilateral transparent interconnected characteristics establishment',
].join(' ');
const paragraph = (n: number) =>
  Array.from({ length: 6 }, (_, i) =>
    words
      .split(' ')
      .slice(i % 5)
      .join(' '),
  ).join(' ') + ` (paragraph ${n}).`;

/**
 * A document whose paragraphs are full of long words, with references whose page numbers
 * change as the loop runs, in one edition per paper (and one without hyphenation): one
 * build prints them all, and each test reads its edition's PDF.
 */
const papers = ['a4', 'letter', 'a5', 'us-trade', '{ width: 140mm, height: 216mm }'];
const editions: Record<string, string[]> = {
  ...Object.fromEntries(
    papers.map((paper, i) => [
      `paper-${i}`,
      [
        `paper: ${paper}`,
        ...(paper.startsWith('{') ? ['margins: { inner: 23mm, outer: 11mm }'] : []),
      ],
    ]),
  ),
  whole: ['hyphenate: false'],
};

function project(): string {
  const sections = Array.from(
    { length: 8 },
    (_, s) =>
      `## ${s + 1} Section ${s + 1} {#s${s + 1}}\n\n${paragraph(s)} See [](#s${8 - s}).\n\n${paragraph(s + 10)}\n`,
  ).join('\n');
  const config = [
    singleDocumentConfig({ formats: ['pdf'] }).replace(/\neditions:\n[\s\S]*$/, '\neditions:'),
    ...Object.entries(editions).flatMap(([id, lines]) => [
      `  - id: ${id}`,
      '    documents: [doc]',
      '    formats: [pdf]',
      ...lines.map((line) => `    ${line}`),
    ]),
    '',
  ].join('\n');
  const dir = documentProject(sections, {}, { 'folio.config.yaml': config });
  return path.join(dir, 'folio.config.yaml');
}

let outDir: string;
beforeAll(async () => {
  const result = await buildInTemp(project(), { pdf: pdfRenderer });
  expect(result.written).toBe(true);
  outDir = result.outDir;
}, 600_000);

const hyphensIn = (edition: string) =>
  hyphensOf(path.join(outDir, edition, `${edition}.pdf`), words);

describe('hyphens in the PDF', () => {
  // The page script measures the text block of the edition's paper and margins (issue 15).
  papers.forEach((paper, i) => {
    it(`keeps only the hyphens that end a line (${paper})`, () => {
      const hyphens = hyphensIn(`paper-${i}`);
      expect(hyphens.atLineEnd.length).toBeGreaterThan(10);
      expect(hyphens.insideLine).toEqual([]);
      expect(hyphens.text).not.toContain(shy);
      // No ladder: at most two lines in a row end with a hyphen.
      expect(hyphens.longestLadder).toBeLessThanOrEqual(2);
      // Each hyphenated word, joined again, is a word of the manuscript (at a page's foot
      // the next line read is the next page's running head: then the start is one's start).
      // The words of the paragraphs' ends ("(paragraph 3)") and of the references' text
      // ("Section 8, Section 8") break too on narrower pages.
      const source = [...words.split(' '), 'paragraph', 'Section'];
      for (const split of hyphens.atLineEnd) {
        const [start = '', end = ''] = split.split('-');
        if (/^\p{Ll}/u.test(end)) expect(source).toContain(start + end);
        else expect(source.some((word) => word.startsWith(start))).toBe(true);
      }
    }, 120_000);
  });

  it('sets words whole when the edition turns hyphenation off', () => {
    const hyphens = hyphensIn('whole');
    expect(hyphens.atLineEnd).toEqual([]);
    expect(hyphens.insideLine).toEqual([]);
    expect(hyphens.text).not.toContain(shy);
  }, 120_000);
});
