/**
 * The page map's warming PDF (page-map.ts) is a PDF pdf.js reads as it reads a print:
 * its one destination is found on its one page, at the page's top, so the warming runs
 * the code a real reading runs (a PDF pdf.js had to repair would run other code).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPageMap, warmingPdf, warmPageMap } from '../../src/render/pdf/page-map.ts';

describe('the page map warming', () => {
  it('reads its destination back on its page, at the top', async () => {
    const map = await readPageMap(warmingPdf(), ['warm', 'absent'], new Set(['warm']));
    expect(map.pageCount).toBe(1);
    expect([...map.pageOf]).toEqual([['warm', 1]]);
    expect(map.topOf?.get('warm')).toBe(0);
  });

  it('is a well-formed PDF, its cross-reference table right (qpdf finds nothing to repair)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'folio-warm-')), 'warm.pdf');
    writeFileSync(file, warmingPdf());
    const out = execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(out).toContain('No syntax or stream encoding errors');
    expect(out).not.toMatch(/warning|reconstruct/i);
  });

  it('runs once per process and never fails', async () => {
    const first = warmPageMap();
    expect(warmPageMap()).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});
