/**
 * The tag repairs after the print (tagged-structure.ts) stay linear in the pages: they
 * read every page's dictionary, content stream and bookmark through one index of the
 * objects (`ObjectIndex`), which finds what a search back from the end of the file finds
 * (`objectDictionary`), object by object. Before the index, each lookup searched the
 * whole file: 8 × the pages cost 51 × the time (1.3 s at 200 synthetic pages, 67 s at
 * 1,600), and 1,815 printed pages spent minutes there.
 */
import { describe, expect, it } from 'vitest';
import { ObjectIndex, objectDictionary } from '../../src/render/pdf/document-objects.ts';
import { structureRepairs } from '../../src/render/pdf/tagged-structure.ts';
import { syntheticTaggedPdf } from '../helpers/synthetic-pdf.ts';

const bestOf = async (runs: number, work: () => Promise<unknown>) => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
};

describe('tag repairs on long books', () => {
  it('finds every object where a search from the end of the file finds it, the last definition winning', () => {
    const printed = syntheticTaggedPdf(12, 200);
    // An object defined again after the first xref (as an incremental update does).
    const updated = Buffer.concat([
      Buffer.from(printed),
      Buffer.from('\n7 0 obj\n<< /Type /XObject /Redefined true >>\nendobj\n', 'latin1'),
    ]);
    for (const pdf of [printed, new Uint8Array(updated)]) {
      const index = new ObjectIndex(pdf);
      for (let id = 1; id < 5 + 12 * 5; id++) {
        // Each page's content and padding are streams, not dictionaries.
        if (id > 5 && (id % 5 === 1 || id % 5 === 2)) continue;
        expect(index.dictionary(id)).toBe(objectDictionary(pdf, id));
      }
      expect(() => index.dictionary(9999)).toThrow(/no object 9999/);
    }
    expect(new ObjectIndex(new Uint8Array(updated)).dictionary(7)).toContain('/Redefined true');
  });

  it('repairs each page, each document and each doubled bookmark', async () => {
    const repairs = await structureRepairs(syntheticTaggedPdf(10, 100), Array(10).fill('de'));
    // 10 content streams with an untagged folio, the root's role map, 10 Art languages,
    // 10 bookmarks whose title Chromium doubled.
    expect(repairs).toHaveLength(31);
    const bodies = repairs.map((r) => Buffer.from(r.body).toString('latin1'));
    expect(bodies.filter((b) => b.includes('/Lang <FEFF00640065>'))).toHaveLength(10);
    expect(bodies.filter((b) => b.includes('/RoleMap'))).toHaveLength(1);
  });

  it('costs about 8 × the time for 8 × the pages, not 64 ×', async () => {
    const small = syntheticTaggedPdf(200);
    const large = syntheticTaggedPdf(1600);
    const languages = (n: number) => Array<string>(n).fill('en');
    const smallMs = await bestOf(3, () => structureRepairs(small, languages(200)));
    const largeMs = await bestOf(3, () => structureRepairs(large, languages(1600)));
    // Linear is 8 ×; before the index it was 51 ×. A loaded machine blurs single runs.
    expect(largeMs / smallMs).toBeLessThan(24);
  }, 120_000);
});
