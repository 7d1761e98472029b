/**
 * EPUBs depend on their sources only: two builds give the same bytes, also in another time
 * zone, and the dates inside come from SOURCE_DATE_EPOCH or the documents, never the clock.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDate } from '../../src/pipeline/build-date.ts';
import type { ResolvedDocument } from '../../src/resolve/resolve.ts';
import { repoRoot } from '../helpers/build.ts';
import { repositoryEpubs } from '../helpers/shared-build.ts';
import { buildEpubs, fingerprints, firstZipEntry, openEpub, repoConfig } from './epub-helpers.ts';

describe('EPUB reproducibility', () => {
  it('gives the same sha256 for every edition on two builds and in another time zone', async () => {
    // Entries are compared with the books, so a difference says which file moved.
    // The first build is the one the other files read, the second a fresh one.
    const first = await fingerprints((await repositoryEpubs()).outputs);
    const second = await fingerprints((await buildEpubs(repoConfig)).outputs);
    expect(Object.keys(first).filter((k) => !k.includes('!'))).toHaveLength(4);
    expect(second).toEqual(first);

    const child = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
        path.join(repoRoot, 'test/epub/print-epub-hashes.ts'),
        repoConfig,
      ],
      { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' }, timeout: 120_000 },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(first);
  }, 180_000);

  it('dates the package and every zip entry from the latest document date', async () => {
    const { outputs } = await repositoryEpubs();
    const briefing = outputs.find((o) => o.edition === 'briefing-pack');
    if (!briefing) throw new Error('no briefing-pack EPUB');
    const epub = await openEpub(briefing.bytes);
    const opf = await epub.text('OEBPS/content.opf');
    const expected = process.env.SOURCE_DATE_EPOCH
      ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000)
      : new Date('2017-03-01T00:00:00Z');
    expect(opf).toContain(
      `<meta property="dcterms:modified">${expected.toISOString().slice(0, 19)}Z</meta>`,
    );
    // Zip entries keep DOS times: UTC here, 2-second steps, nothing before 1980.
    const zipTime = Math.floor(Math.max(expected.getTime(), Date.UTC(1980, 0, 1)) / 2000) * 2000;
    for (const entry of Object.values(epub.zip.files)) expect(entry.date.getTime()).toBe(zipTime);
    expect(firstZipEntry(briefing.bytes).name).toBe('mimetype');
  }, 60_000);

  it('takes SOURCE_DATE_EPOCH over the document dates', () => {
    // Only the document's date matters here.
    const documents = [
      { record: { meta: { date: '2017-03-01' } } },
    ] as unknown as ResolvedDocument[];
    expect(buildDate(documents, {}).toISOString()).toBe('2017-03-01T00:00:00.000Z');
    expect(buildDate(documents, { SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect(buildDate([], {}).toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });
});
