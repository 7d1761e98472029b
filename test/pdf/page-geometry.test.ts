/**
 * Page geometry (issue 15): the apparatus fixture printed on A5 and on 6 × 9 in, read back.
 * Each PDF has its paper's size; on every page the body text stands between the mirrored
 * margins (inner margin at the spine), the running head and the folio sit flush with the
 * outer edge of the text block inside the top and bottom margins; and every locator of the
 * index and the glossary still names the page its use is on. A one-document project checks
 * a custom `{ width, height }` with given margins, the base font size, a chosen face, and
 * the config's located errors.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DiagnosedFailure } from '../../src/failures.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { checkLocators, glossaryUses, indexUses, pdfBytes } from '../apparatus/apparatus-checks.ts';
import { makeApparatusProject } from '../apparatus/apparatus-project.ts';
import { buildInTemp, frontMatter, makeProject, singleDocumentConfig } from '../helpers/build.ts';
import { type ReadPdf, readPdf } from '../helpers/pdf.ts';

const pt = (mm: number) => (mm * 72) / 25.4;

interface Word {
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The words of one page with their boxes (points, from the top left), and the page size. */
function wordsOf(file: string, page: number): { width: number; height: number; words: Word[] } {
  const xml = execFileSync(
    'pdftotext',
    ['-bbox', '-f', String(page), '-l', String(page), file, '-'],
    {
      encoding: 'utf8',
    },
  );
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(xml);
  const words = [
    ...xml.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map(([, xMin, yMin, xMax, yMax, text]) => ({
    text: text ?? '',
    xMin: Number(xMin),
    yMin: Number(yMin),
    xMax: Number(xMax),
    yMax: Number(yMax),
  }));
  return { width: Number(size?.[1]), height: Number(size?.[2]), words };
}

const papers = [
  {
    id: 'pack-a5',
    lines: ['    paper: a5'],
    size: [pt(148), pt(210)],
    // A4's margins (24, 26, 28, 20 mm) scaled to the paper, to the half millimetre.
    margins: { top: 17, bottom: 18.5, inner: 19.5, outer: 14 },
  },
  {
    id: 'pack-trade',
    lines: ['    paper: 6x9in', '    margins: { inner: 22mm, outer: 15mm }'],
    size: [432, 648],
    margins: { top: 18.5, bottom: 20, inner: 22, outer: 15 },
  },
] as const;

let outDir: string;
let configPath: string;
const pdfs = new Map<string, ReadPdf>();

beforeAll(async () => {
  const dir = makeApparatusProject();
  configPath = path.join(dir, 'folio.config.yaml');
  const config = readFileSync(configPath, 'utf8');
  const editions = papers.flatMap((paper) => [
    `  - id: ${paper.id}`,
    '    documents: [alpha, beta, gamma]',
    '    formats: [pdf]',
    ...paper.lines,
  ]);
  writeFileSync(configPath, config.replace('editions:\n', `editions:\n${editions.join('\n')}\n`));
  const result = await buildInTemp(
    configPath,
    { pdf: pdfRenderer },
    papers.map((p) => p.id),
  );
  expect(result.files.flatMap((f) => f.messages).map(String)).toEqual([]);
  outDir = result.outDir;
  for (const { id } of papers)
    pdfs.set(id, await readPdf(pdfBytes(path.join(outDir, id, `${id}.pdf`))));
}, 300_000);

describe.each(papers)('the apparatus on $id', (paper) => {
  const file = () => path.join(outDir, paper.id, `${paper.id}.pdf`);
  const pdf = () => {
    const read = pdfs.get(paper.id);
    if (!read) throw new Error(`no PDF for ${paper.id}`);
    return read;
  };

  it('has the paper’s size on every page', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file()], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
    expect(sizes.length).toBe(pdf().pages.length);
    for (const [, width, height] of sizes) {
      expect(Number(width)).toBeCloseTo(paper.size[0], 0);
      expect(Number(height)).toBeCloseTo(paper.size[1], 0);
    }
  });

  it('keeps text, running heads and folios inside the mirrored margins', () => {
    const { top, bottom, inner, outer } = paper.margins;
    let headed = 0;
    // Pages after the contents: body, glossary, index.
    for (let n = 3; n <= pdf().pages.length; n++) {
      const { width, height, words } = wordsOf(file(), n);
      const left = n % 2 === 0;
      const textLeft = pt(left ? outer : inner);
      const textRight = width - pt(left ? inner : outer);
      const body = words.filter((w) => w.yMin > pt(top) - 1 && w.yMax < height - pt(bottom) + 1);
      const head = words.filter((w) => w.yMax < pt(top));
      const foot = words.filter((w) => w.yMin > height - pt(bottom));
      if (body.length === 0) continue;
      expect(Math.min(...body.map((w) => w.xMin)), `page ${n} text left`).toBeGreaterThan(
        textLeft - 1,
      );
      expect(Math.max(...body.map((w) => w.xMax)), `page ${n} text right`).toBeLessThan(
        textRight + 1,
      );
      // Justified text reaches both edges of the text block.
      expect(Math.min(...body.map((w) => w.xMin)), `page ${n} text left`).toBeLessThan(
        textLeft + 1,
      );
      // The folio: at the outer edge of the text block, a page number.
      expect(foot.map((w) => w.text).join(' '), `page ${n} folio`).toBe(pdf().pages[n - 1]?.label);
      const folio = foot[0];
      if (!folio) continue;
      // Within a point: Chromium lays the page out in whole CSS pixels.
      if (left) expect(Math.abs(folio.xMin - textLeft)).toBeLessThan(1);
      else expect(Math.abs(folio.xMax - textRight)).toBeLessThan(1);
      if (head.length === 0) continue;
      headed += 1;
      if (left) expect(Math.abs(Math.min(...head.map((w) => w.xMin)) - textLeft)).toBeLessThan(1);
      else expect(Math.abs(Math.max(...head.map((w) => w.xMax)) - textRight)).toBeLessThan(1);
      expect(
        Math.max(...head.map((w) => w.xMax)) - Math.min(...head.map((w) => w.xMin)),
      ).toBeLessThan(textRight - textLeft + 1);
    }
    expect(headed).toBeGreaterThan(5);
  });

  it('prints every index and glossary locator with the page its use is on', async () => {
    const { registry } = checkProject(configPath, [paper.id]).collected;
    const documents = ['alpha', 'beta', 'gamma'];
    const read = pdf();
    const glossary = read.destinations.get('glossary') ?? 0;
    const index = read.destinations.get('index') ?? 0;
    for (const check of [
      checkLocators(read, indexUses(registry, documents), index, read.pages.length),
      checkLocators(read, glossaryUses(registry, documents), glossary, index - 1),
    ]) {
      expect(check.unmeasured).toEqual([]);
      expect(check.mismatches).toEqual([]);
      expect(check.wrongLinks).toEqual([]);
      expect(check.printed).toBeGreaterThan(5);
    }
  });
});

describe('a custom paper, margins, type size and faces', () => {
  const doc = `${frontMatter()}## 1 One {#one}\n\n${'A line of running text that fills the measure of the page. '.repeat(40)}\n\n\`code\` here.\n`;

  it('prints on `{ width, height }` with the given margins and size', async () => {
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig({
        formats: ['pdf'],
        edition: [
          '    paper: { width: 140mm, height: 216mm }',
          '    margins: { top: 20mm, bottom: 22mm, inner: 25mm, outer: 12mm }',
          '    fontSize: 9pt',
          '    lineHeight: 1.3',
          '    faces: { text: Source Sans 3, headings: Source Serif 4 }',
          '    hyphenate: false',
        ],
      }),
      'doc.md': doc,
    });
    const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
    expect(result.files.flatMap((f) => f.messages).map(String)).toEqual([]);
    const file = path.join(result.outDir, 'doc', 'doc.pdf');
    const read = await readPdf(pdfBytes(file));
    // The first page of the text, a right-hand one (the contents come before it).
    const first = read.pages.find((p) => p.text.includes('running text'))?.number ?? 0;
    expect(first % 2).toBe(1);
    const { width, height, words } = wordsOf(file, first);
    expect(width).toBeCloseTo(pt(140), 0);
    expect(height).toBeCloseTo(pt(216), 0);
    const body = words.filter((w) => w.yMin > pt(20) && w.yMax < height - pt(22));
    // A right-hand page: the inner margin on the left.
    expect(Math.min(...body.map((w) => w.xMin))).toBeCloseTo(pt(25), 0);
    expect(Math.max(...body.map((w) => w.xMax))).toBeLessThan(width - pt(12) + 1);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSans3/);
    expect(fonts).toMatch(/SourceSerif4/);
    // 9 pt text: a line of the running text is about 9 × 1.3 pt from the next.
    const lines = [...new Set(body.filter((w) => w.text === 'running').map((w) => w.yMin))].sort(
      (a, b) => a - b,
    );
    const gaps = lines.slice(1).map((y, i) => y - (lines[i] ?? 0));
    expect(gaps.length).toBeGreaterThan(5);
    expect(Math.min(...gaps)).toBeGreaterThan(11.2);
    expect(Math.min(...gaps)).toBeLessThan(12.2);
  }, 120_000);

  const configError = (lines: string[]) => {
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'], edition: lines }),
      'doc.md': doc,
    });
    try {
      checkProject(path.join(dir, 'folio.config.yaml'));
    } catch (error) {
      if (error instanceof DiagnosedFailure)
        return error.files
          .flatMap((f) => f.messages)
          .map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
      throw error;
    }
    return [];
  };

  it('reports an unknown face at its key, with "did you mean"', () => {
    expect(configError(['    faces:', '      text: Source Serif'])).toEqual([
      expect.stringMatching(
        /^10:13 config:unknown-face Unknown face `Source Serif` \(did you mean `Source Serif 4`\?\): Folio bundles `Source Serif 4`, /,
      ),
    ]);
  });

  it('takes paper names in any case, and reports an unknown paper and a bad length at their keys', () => {
    expect(configError(['    paper: A5'])).toEqual([]);
    expect(configError(['    paper: US-Trade'])).toEqual([]);
    expect(configError(['    paper: a7'])).toEqual([
      expect.stringMatching(/^9:12 config:invalid-value .*a5/),
    ]);
    expect(configError(['    margins: { inner: 2cms }'])).toEqual([
      expect.stringMatching(/^9:\d+ config:invalid-value .*length in mm, cm, in or pt/),
    ]);
  });

  it('refuses margins that leave no room for text', () => {
    expect(configError(['    paper: a5', '    margins: { inner: 60mm, outer: 60mm }'])).toEqual([
      expect.stringMatching(/^10:\d+ config:invalid-value The margins leave a text block of 28 × /),
    ]);
  });
});
