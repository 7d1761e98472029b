/**
 * The book of issue 15, built once and read back: footnotes on many pages, a figure,
 * captioned tables, numbered equations and code, an English, a German and a Chinese
 * document, on A5 (with lists of figures and tables) and on 6 × 9 in. Every printed
 * "on page N" leads to the page that holds its object; every note starts on its
 * reference's page, with no `pdf:footnote-off-page` warning; generated words follow each
 * document's language; the EPUB passes EPUBCheck and Ace.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { renderers } from '../../src/render/renderers.ts';
import { runAce, runEpubcheck } from '../epub/epub-helpers.ts';
import { buildInTemp, repoRoot } from '../helpers/build.ts';
import { normalise, type ReadPdf, readPdf } from '../helpers/pdf.ts';

const fixture = path.join(repoRoot, 'test/fixtures/feature-book');
const pdfs: Record<string, ReadPdf> = {};
let result: BuildResult;

beforeAll(async () => {
  result = await buildInTemp(path.join(fixture, 'folio.config.yaml'), renderers);
  expect(result.written).toBe(true);
  for (const id of ['a5', 'trade'])
    pdfs[id] = await readPdf(
      new Uint8Array(readFileSync(path.join(result.outDir, id, `${id}.pdf`))),
    );
}, 600_000);

const messages = () => result.files.flatMap((f) => f.messages);

describe.each(['a5', 'trade'])('the feature book on %s', (edition) => {
  it('builds with no error', () => {
    expect(
      messages()
        .filter((m) => m.fatal === true)
        .map(String),
    ).toEqual([]);
  });

  it('prints every reference to a figure, table or equation with the page that holds it', () => {
    const pdf = pdfs[edition] as ReadPdf;
    const byLabel = new Map(pdf.pages.map((p) => [p.label, p]));
    const references = [
      ...pdf.pages.flatMap((p) =>
        [
          ...p.text
            .replace(/\s+/g, ' ')
            .matchAll(/(Equation|Figure|Table) (\d+)(?:, in \w+)?, (?:on page|auf Seite) (\d+)/g),
        ].map((m) => ({ kind: m[1] as string, number: m[2] as string, page: m[3] as string })),
      ),
    ];
    expect(references.length).toBeGreaterThan(0);
    for (const { kind, number, page } of references) {
      const target = byLabel.get(page);
      expect(target, `${kind} ${number} on page ${page}`).toBeDefined();
      const text = (target?.text ?? '').replace(/\s+/g, ' ');
      const mark = kind === 'Equation' ? `(${number})` : `${kind} ${number}:`;
      expect(text, `${kind} ${number} on page ${page}`).toContain(mark);
    }
  });

  it('starts every footnote on its reference’s page, and warns of none', () => {
    const pdf = pdfs[edition] as ReadPdf;
    const notes = [...pdf.destinations.keys()].filter((d) => /--fn-\d+$/.test(d));
    expect(notes.length).toBe(15);
    const reported = messages()
      .filter((m) => m.ruleId === 'pdf:footnote-off-page' && m.reason.includes(`\`${edition}\``))
      .map(String);
    const off = notes.filter(
      (id) => pdf.destinations.get(id) !== pdf.destinations.get(id.replace('--fn-', '--fnref-')),
    );
    // Before references' lines went on with their notes: 4 of 15 off on A5, 1 on 6 × 9 in.
    expect(off).toEqual([]);
    expect(reported).toEqual([]);
  });

  it('sets each document’s generated words in its language', () => {
    const text = normalise((pdfs[edition] as ReadPdf).pages.map((p) => p.text).join(' '));
    expect(text).toContain(normalise('Tabelle 1: Bezeichnungen der Hochwasserabflüsse'));
    // Part titles are letter-spaced: the text has a space between their letters.
    expect(text).toMatch(/t ?e ?i ?l 2/);
    expect(text).toMatch(/第 ?3 ?部 ?分/);
  });

  it('prints the code and the equations as text', () => {
    const pages = (pdfs[edition] as ReadPdf).pages.map((p) => p.text).join('\n');
    const text = normalise(pages);
    expect(text).toContain(normalise('def discharge(stage, a, h0, b):'));
    expect(text).toContain(normalise('"interval_minutes": 15,'));
    expect(pages).toMatch(/\(1\)[\s\S]*\(2\)/);
  });
});

describe('the feature book’s EPUB', () => {
  it('passes EPUBCheck and Ace', () => {
    const bytes = new Uint8Array(readFileSync(path.join(result.outDir, 'a5', 'a5.epub')));
    expect(runEpubcheck(bytes, 'a5.epub').messages).toEqual([]);
    expect(runAce(bytes, 'a5.epub').violations).toEqual([]);
  }, 300_000);
});
