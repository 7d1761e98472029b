/**
 * Footnotes in a long chapter whose paragraphs alternate with full-width images (the OWASP
 * Top 10's shape on 6 × 9 in): a footnote pair that stands between a paragraph and an
 * image's paragraph must not indent the image, or the image overruns the page area and
 * Chromium shrinks the whole print to fit, which the loaded page that placed the notes does
 * not know (the float chain then rose ~34 px a page: body text ran on below the notes and
 * notes left their pages). Checked from the PDF: the body's line pitch is the configured
 * one, no body line stands below its page's note area, every note is on its reference's
 * page and none is reported off it. Failed before the fix (print.css's rule for a
 * paragraph after a pair outweighed `.image-paragraph`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/render/renderers.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';
import { notesApart, sentence } from './footnote-book.ts';

const count = 36;
const blocks: string[] = ['# A long chapter'];
const notes: string[] = [];
for (let n = 1; n <= count; n++) {
  blocks.push(`Paragraph ${n} ${sentence(n, 40)} marker${n}x[^n${n}] ${sentence(n + 1, 30)}.`);
  // A band as wide as any page: max-width 100% sets it at the page area's width.
  blocks.push('![A band](band.svg)');
  notes.push(`[^n${n}]: Note${n}x ${sentence(n + 2, 12)}.`);
}
const band =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="90" viewBox="0 0 1200 90"><rect width="1200" height="90" fill="#ccc"/></svg>';
const config = `title: Image paragraphs
documents:
  - { id: doc, files: [doc.md] }
editions:
  - { id: book, documents: [doc], formats: [pdf], paper: us-trade, noteNumbering: chapter }
`;

interface Word {
  yMin: number;
  yMax: number;
  text: string;
}
let pages: Word[][] = [];
let messages: Array<{ ruleId: string; reason: string }> = [];

beforeAll(async () => {
  const dir = makeProject({
    'folio.config.yaml': config,
    'doc.md': `${frontMatter('doc')}${[...blocks, ...notes].join('\n\n')}\n`,
    'band.svg': band,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), renderers);
  expect(result.written).toBe(true);
  messages = result.files.flatMap((f) =>
    f.messages.map((m) => ({ ruleId: String(m.ruleId), reason: m.reason })),
  );
  const xml = execFileSync('pdftotext', ['-bbox', path.join(result.outDir, 'book/book.pdf'), '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  pages = [...xml.matchAll(/<page [^>]*>([\s\S]*?)<\/page>/g)].map(([, body = '']) =>
    [
      ...body.matchAll(
        /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map(([, yMin = '0', yMax = '0', text = '']) => ({
      yMin: Number(yMin),
      yMax: Number(yMax),
      text,
    })),
  );
}, 600_000);

/** The page (1-based) each word is printed on. */
const pagesOf = (text: string) =>
  pages.flatMap((words, i) => (words.some((w) => w.text.startsWith(text)) ? [i + 1] : []));

describe('footnotes between paragraphs and full-width images', () => {
  it('prints the body at its own size: the print is not shrunk to fit', () => {
    // 10.5 pt type on a 1.42 leading: 14.91 pt from line to line (14.2 when shrunk).
    const pitches = new Map<string, number>();
    for (const words of pages) {
      const tops = [...new Set(words.filter((w) => w.yMax - w.yMin >= 13).map((w) => w.yMin))];
      tops.sort((a, b) => a - b);
      for (let i = 1; i < tops.length; i++) {
        const pitch = ((tops[i] ?? 0) - (tops[i - 1] ?? 0)).toFixed(1);
        pitches.set(pitch, (pitches.get(pitch) ?? 0) + 1);
      }
    }
    const common = [...pitches].sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(Number(common)).toBeCloseTo(14.91, 0);
  });

  it('sets no body line below its page’s note area', () => {
    const below: string[] = [];
    pages.forEach((words, i) => {
      const noteTops = words
        .filter((w) => /^\d+\.$/.test(w.text) && w.yMax - w.yMin < 13 && w.yMax - w.yMin >= 9)
        .map((w) => w.yMin);
      if (noteTops.length === 0) return;
      const top = Math.min(...noteTops);
      const body = words.filter((w) => w.yMax - w.yMin >= 13 && w.yMin > top && w.yMax < 600);
      if (body.length > 0) below.push(`page ${i + 1}: ${body[0]?.text} at ${body[0]?.yMin}`);
    });
    expect(pages.length).toBeGreaterThan(12);
    expect(below).toEqual([]);
  });

  it('starts every note on its reference’s page, and reports none off it', () => {
    const all = Array.from({ length: count }, (_, i) => i + 1);
    const apart = notesApart(
      pagesOf,
      all.map((n) => ({ n, reference: `marker${n}x`, note: `Note${n}x` })),
    );
    expect(apart).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'pdf:footnote-off-page')).toEqual([]);
  });
});
