/**
 * The page estimate a build keeps for the next (page-estimate.ts) is untrusted input: a
 * missing, broken, oversized, mis-shaped, out-of-range or other edition's file, a folder
 * or a named pipe where the file goes, all give no estimate (a cold build) and never an
 * error; a kept estimate reads back as it was written; a pass whose printed anchors the
 * estimate does not all know only measures. That a rebuild prints once, and that
 * a wrong estimate of the right shape still gives right page numbers, is in pagination.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canSettle,
  estimateFile,
  type PageEstimate,
  readEstimate,
  writeEstimate,
} from '../../src/render/pdf/page-estimate.ts';

const estimate: PageEstimate = {
  map: {
    pageOf: new Map([
      ['doc--title', 3],
      ['sec-a', 4],
    ]),
    pageCount: 9,
  },
  blankBefore: new Set(['doc']),
  hoists: new Map([['note-1', 'block-2']]),
  footnotes: { pages: new Map([['fn-1', 4]]), tops: new Map([['fnref-1', 120.5]]) },
  unplaced: new Set(['never-printed']),
};

const valid = {
  format: 1,
  edition: 'book',
  pageCount: 9,
  pageOf: [['doc--title', 3]],
  blankBefore: [],
  hoists: [],
};

function fileWith(content: string | Buffer): string {
  const file = estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('the page estimate', () => {
  it('reads back as it was written, for its own edition only', async () => {
    const file = estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book');
    await writeEstimate(file, 'book', estimate);
    expect(await readEstimate(file, 'book')).toEqual(estimate);
    expect(await readEstimate(file, 'other')).toBeUndefined();
  });

  it('keeps files of two editions apart, under names no edition id can steer', () => {
    const out = '/tmp/out';
    expect(estimateFile(out, 'a')).not.toBe(estimateFile(out, 'b'));
    expect(path.dirname(estimateFile(out, '../../etc/x'))).toBe(path.join(out, '.folio-cache'));
  });

  it('lets a pass be the last only when every printed anchor has a page or was left unplaced', () => {
    expect(canSettle(estimate, ['doc--title', 'sec-a', 'never-printed'])).toBe(true);
    // A heading added since the estimate was kept: its page number cannot be right yet.
    expect(canSettle(estimate, ['doc--title', 'sec-new'])).toBe(false);
  });

  it('is only the valid file: the valid one reads', async () => {
    expect((await readEstimate(fileWith(JSON.stringify(valid)), 'book'))?.map.pageCount).toBe(9);
  });

  it.each([
    ['no file', undefined],
    ['empty', ''],
    ['not JSON', '{"format": 1, '],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['another format', JSON.stringify({ ...valid, format: 2 })],
    ['an unknown key', JSON.stringify({ ...valid, extra: 1 })],
    ['a page past the page count', JSON.stringify({ ...valid, pageOf: [['a', 10]] })],
    ['a page 0', JSON.stringify({ ...valid, pageOf: [['a', 0]] })],
    ['a fractional page', JSON.stringify({ ...valid, pageOf: [['a', 1.5]] })],
    ['a billion pages', JSON.stringify({ ...valid, pageCount: 1e9 })],
    ['a page as text', JSON.stringify({ ...valid, pageOf: [['a', '3']] })],
    ['a prototype key', '{"__proto__": {"format": 1}, "edition": "book"}'],
    [
      'a footnote page past the page count',
      JSON.stringify({ ...valid, footnotes: { pages: [['fn-1', 99]], tops: [] } }),
    ],
    [
      'an endless top',
      JSON.stringify({ ...valid, footnotes: { pages: [], tops: [['a', 1e308 * 10]] } }),
    ],
    ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x01])],
  ])('gives no estimate, and no error, for %s', async (_, content) => {
    const file =
      content === undefined
        ? estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book')
        : fileWith(content);
    expect(await readEstimate(file, 'book')).toBeUndefined();
  });

  it('gives no estimate for a folder, a named pipe or a link to a device where the file goes', async () => {
    const folder = estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book');
    mkdirSync(folder, { recursive: true });
    expect(await readEstimate(folder, 'book')).toBeUndefined();
    const pipe = estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book');
    mkdirSync(path.dirname(pipe), { recursive: true });
    execFileSync('mkfifo', [pipe]);
    expect(await readEstimate(pipe, 'book')).toBeUndefined();
    const device = estimateFile(mkdtempSync(path.join(tmpdir(), 'folio-estimate-')), 'book');
    mkdirSync(path.dirname(device), { recursive: true });
    symlinkSync('/dev/zero', device);
    expect(await readEstimate(device, 'book')).toBeUndefined();
  });

  it('is not written through a cache folder that links elsewhere, nor fails the build', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'folio-estimate-'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'folio-elsewhere-'));
    symlinkSync(elsewhere, path.join(out, '.folio-cache'));
    await writeEstimate(estimateFile(out, 'book'), 'book', estimate);
    expect(
      await readEstimate(path.join(elsewhere, path.basename(estimateFile(out, 'book'))), 'book'),
    ).toBeUndefined();
    // A file where the folder goes: nothing written, nothing thrown.
    const blocked = mkdtempSync(path.join(tmpdir(), 'folio-estimate-'));
    writeFileSync(path.join(blocked, '.folio-cache'), 'in the way');
    await expect(
      writeEstimate(estimateFile(blocked, 'book'), 'book', estimate),
    ).resolves.toBeUndefined();
  });
});
