import { describe, expect, it } from 'vitest';
import { type MeasuredFigures, targets, targetsTable } from '../../src/bench/targets.ts';

const GB = 1024 ** 3;
const row = (figures: MeasuredFigures, id: string, reasons = {}) => {
  const found = targets(figures, reasons).find((r) => r.id === id);
  if (!found) throw new Error(`no target ${id}`);
  return found;
};

describe('targets of issue 16', () => {
  it('has one row per target, in order, each not measured when nothing was', () => {
    const rows = targets({});
    expect(rows.map((r) => r.id)).toEqual([
      'print-2.0',
      'print-1.6',
      'memory-400',
      'memory-sublinear',
      'memory-1600',
      'growth',
      'parallel',
      'peers',
      'epub-pandoc',
      'no-browser-left',
    ]);
    for (const r of rows) {
      expect(r.status).toBe('not measured');
      expect(r.measured).toBe('');
      expect(r.margin.length).toBeGreaterThan(0);
    }
  });

  it('says why a target was not measured, as the run tells it', () => {
    const r = row({}, 'growth', { growth: 'behind FOLIO_BENCH_GROWTH_PAGES' });
    expect(r.margin).toBe('behind FOLIO_BENCH_GROWTH_PAGES');
    expect(row({}, 'memory-1600').margin).toMatch(/FOLIO_BENCH_GROWTH_PAGES/);
  });

  it('measures the print against the floor: met under 2.0, missed over 1.6, by how much', () => {
    const figures = { print400: { pages: 447, printMs: 37_000, floorMs: 20_000 } };
    const two = row(figures, 'print-2.0');
    expect(two.status).toBe('met');
    expect(two.measured).toMatch(/^1\.85 ×/);
    expect(two.margin).toBe('0.15 × under the limit of 2.00 ×');
    const strict = row(figures, 'print-1.6');
    expect(strict.status).toBe('missed');
    expect(strict.margin).toBe('0.25 × over the limit of 1.60 × (16 % too much)');
  });

  it('counts a print exactly at the limit as met, and reports the rebuild', () => {
    const r = row(
      { print400: { pages: 400, printMs: 40_000, floorMs: 20_000, rebuildMs: 30_000 } },
      'print-2.0',
    );
    expect(r.status).toBe('met');
    expect(r.measured).toMatch(/rebuild from the kept page estimate 1\.50 ×/);
  });

  it('holds memory under 1.5 GB at 400 pages, strictly', () => {
    expect(row({ memory400: { pages: 455, peakBytes: 1.4 * GB } }, 'memory-400').status).toBe(
      'met',
    );
    const over = row({ memory400: { pages: 455, peakBytes: 1.5 * GB } }, 'memory-400');
    expect(over.status).toBe('missed');
    expect(over.measured).toBe(
      '1.50 GB at 455 pages (folio build of the pack: HTML, print and EPUB)',
    );
    const both = row(
      {
        memory400: {
          pages: 447,
          peakBytes: 1.9 * GB,
          partWise: { pages: 455, documents: 8, peakBytes: 1.4 * GB },
        },
      },
      'memory-400',
    );
    // The verdict is the pack's; the part-wise figure stands beside it.
    expect(both.status).toBe('missed');
    expect(both.measured).toMatch(
      /; 1\.40 GB at 455 pages in 8 documents, PDF only, part by part$/,
    );
  });

  const growth = (smallMs: number, largeMs: number, smallPeak: number, largePeak: number) => ({
    growth: {
      small: { pages: 511, ms: smallMs, peakBytes: smallPeak },
      large: { pages: 1815, ms: largeMs, peakBytes: largePeak },
    },
  });

  it('scales the growth limit with the pages the projects came out at', () => {
    // 3.55 × the pages: the limit is 4.5 × 3.55 / 4 = 3.996 ×.
    const missed = row(growth(317_200, 2_855_700, GB, 2 * GB), 'growth');
    expect(missed.status).toBe('missed');
    expect(missed.measured).toMatch(/^9\.00 × the time for 3\.55 × the pages/);
    expect(missed.margin).toMatch(/over the limit of 4\.00 ×/);
    const met = row(growth(100_000, 390_000, GB, 2 * GB), 'growth');
    expect(met.status).toBe('met');
  });

  it('wants memory to grow less than the pages, and under 2.5 GB at 1,600 pages', () => {
    const figures = growth(1, 2, 1.4 * GB, 2.1 * GB);
    const sublinear = row(figures, 'memory-sublinear');
    expect(sublinear.status).toBe('met');
    expect(sublinear.measured).toMatch(/^1\.50 × the memory for 3\.55 × the pages/);
    expect(row(figures, 'memory-1600').status).toBe('met');
    const linear = growth(1, 2, 0.5 * GB, 2.6 * GB);
    expect(row(linear, 'memory-sublinear').status).toBe('missed');
    expect(row(linear, 'memory-1600').status).toBe('missed');
  });

  it('needs both growth sizes for the ratios, one for the 1,600-page memory', () => {
    const one = { growth: { large: { pages: 1815, ms: 1, peakBytes: 2 * GB } } };
    expect(row(one, 'growth').status).toBe('not measured');
    expect(row(one, 'memory-sublinear').status).toBe('not measured');
    expect(row(one, 'memory-1600').status).toBe('met');
  });

  it('wants a build of about 1,600 pages for the 1,600-page memory', () => {
    const small = {
      growth: {
        small: { pages: 61, ms: 1, peakBytes: GB },
        large: { pages: 116, ms: 2, peakBytes: GB },
      },
    };
    const r = row(small, 'memory-1600');
    expect(r.status).toBe('not measured');
    expect(r.margin).toMatch(/^the largest growth build had 116 pages/);
    expect(row(small, 'growth').status).toBe('met');
  });

  it('projects the parallel gain for N browsers from the share that ran in parallel', () => {
    const r = row(
      { parallel: { editions: 2, oneBrowserMs: 100_000, twoBrowsersMs: 80_000, cores: 2 } },
      'parallel',
    );
    expect(r.status).toBe('met');
    // 1.25 × with two: 1 / (0.6 + 0.4 / 2), 40 % ran in parallel; two editions bound N at 2.
    expect(r.measured).toMatch(/^1\.25 × with 2 browsers on 2 cores/);
    expect(r.measured).toMatch(/40 % of the work ran in parallel/);
    expect(r.measured).toMatch(/N=4: 1\.25 ×, N=8: 1\.25 ×/);
    const slower = row(
      { parallel: { editions: 2, oneBrowserMs: 90_000, twoBrowsersMs: 100_000, cores: 2 } },
      'parallel',
    );
    expect(slower.status).toBe('missed');
    expect(slower.margin).toBe('10 % slower with two');
    const parts = row(
      {
        parallel: {
          editions: 2,
          oneBrowserMs: 100_000,
          twoBrowsersMs: 80_000,
          cores: 2,
          parts: { oneBrowserMs: 30_000, twoBrowsersMs: 20_000 },
        },
      },
      'parallel',
    );
    expect(parts.measured).toMatch(
      /one edition's parts on 2 browsers: 1\.50 × \(30\.0 s → 20\.0 s\)$/,
    );
  });

  it('shows the peers beside the floor, with those not installed', () => {
    const r = row(
      {
        peers: {
          floorMs: 10_000,
          folioMs: 30_000,
          engines: [
            { engine: 'Paged.js', ms: 40_000 },
            { engine: 'WeasyPrint', ms: 20_000 },
            { engine: 'Vivliostyle', note: 'not installed (`vivliostyle`)' },
          ],
        },
      },
      'peers',
    );
    expect(r.status).toBe('shown');
    expect(r.measured).toBe(
      'Folio 3.00 ×, Paged.js 4.00 ×, WeasyPrint 2.00 ×, Vivliostyle not installed (`vivliostyle`)',
    );
    expect(r.margin).toBe('faster than Folio: WeasyPrint');
  });

  it('compares the EPUB with Pandoc, and says when Pandoc is missing', () => {
    expect(
      row({ epub: { pages: 447, epubMs: 1_300, pandocMs: 3_400 } }, 'epub-pandoc').status,
    ).toBe('met');
    expect(
      row({ epub: { pages: 447, epubMs: 3_500, pandocMs: 3_400 } }, 'epub-pandoc').status,
    ).toBe('missed');
    const missing = row({ epub: { pages: 447, epubMs: 1_300 } }, 'epub-pandoc');
    expect(missing.status).toBe('not measured');
    expect(missing.margin).toMatch(/Pandoc is not installed/);
  });

  it('counts every browser left after every build', () => {
    expect(row({ browsersLeft: [0, 0, 0] }, 'no-browser-left').status).toBe('met');
    const left = row({ browsersLeft: [0, 2, 1] }, 'no-browser-left');
    expect(left.status).toBe('missed');
    expect(left.margin).toBe('3 browser processes still running');
  });

  it('writes a Markdown table, one row per target, pipes escaped', () => {
    const table = targetsTable(targets({ browsersLeft: [0] }, { peers: 'a | b' }));
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + 10);
    expect(table).toContain('a \\| b');
  });
});
