/**
 * A print does not depend on when a font file arrives (issue 17). Chromium wrote one link
 * annotation per line or one per inline child of a cross-reference holding an `<em>`,
 * depending on whether latin-ext Source Serif 4 had loaded before the page's first layout:
 * held back 400 ms, that one face made the same project print with fewer link annotations.
 * The print waits for every face and lays the page out afresh (src/render/pdf/font-wait.ts);
 * the same project built with and without the held face is the same PDF, to the byte.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticProject } from '../../src/bench/synthetic-project.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { holdRequests } from '../../src/render/request-delays.ts';
import { buildInTemp } from '../helpers/build.ts';
import { readPdf } from '../helpers/pdf.ts';

const lateFace = /source-serif-4-latin-ext-400-normal\.woff2$/;

interface Print {
  bytes: Buffer;
  links: number;
}

async function print(configPath: string): Promise<Print> {
  const result = await buildInTemp(configPath, { pdf: pdfRenderer }, ['pack']);
  expect(result.written).toBe(true);
  const bytes = readFileSync(path.join(result.outDir, 'pack', 'pack.pdf'));
  const read = await readPdf(new Uint8Array(bytes));
  return { bytes, links: read.pages.reduce((n, page) => n + page.links.length, 0) };
}

describe('a font face that arrives late', () => {
  let plain: Print;
  let late: Print;
  let held = 0;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'folio-late-font-'));
    const project = writeSyntheticProject(root, { pages: 10 });
    plain = await print(project.configPath);
    const hold = holdRequests(lateFace, 400);
    try {
      late = await print(project.configPath);
    } finally {
      hold.release();
      held = hold.count;
    }
  }, 300_000);

  it('was held back in every print of the late build', () => {
    expect(held).toBeGreaterThan(1);
  });

  it('changes no link annotation', () => {
    expect(plain.links).toBeGreaterThan(100);
    expect(late.links).toBe(plain.links);
  });

  it('leaves the PDF the same, to the byte', () => {
    expect(late.bytes.equals(plain.bytes)).toBe(true);
  });
});
