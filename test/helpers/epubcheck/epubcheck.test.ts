/**
 * The run's EPUBCheck service reports what `java -jar epubcheck.jar` reports: the same
 * messages for a book with an error and a warning (so `--failonwarnings` holds), and
 * nothing left over from that book for a clean one checked after it in the same JVM.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeEpub } from '../probe-epub.ts';
import {
  checkInService,
  epubcheckJar,
  epubcheckService,
  readEpubcheckReport,
} from './epubcheck.ts';

/** The flawed probe has a bad date (a warning) and a dead link (an error). */
const probeBook = (flawed: boolean): Promise<Uint8Array> =>
  probeEpub({
    metadata: flawed ? '<dc:date>2020-13-45</dc:date>' : '',
    chapter: `<h1>Chapter</h1><p>Text${flawed ? ' <a href="missing.xhtml">gone</a>' : ''}.</p>`,
  });

describe('the EPUBCheck service', () => {
  it('reports what java -jar reports, and nothing of one book in the next', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'folio-epubcheck-probe-'));
    const flawed = path.join(folder, 'flawed.epub');
    const clean = path.join(folder, 'clean.epub');
    writeFileSync(flawed, await probeBook(true));
    writeFileSync(clean, await probeBook(false));

    expect(epubcheckService(), 'the run has an EPUBCheck service').toBeDefined();
    const flawedReport = path.join(folder, 'flawed-service.json');
    const cleanReport = path.join(folder, 'clean-service.json');
    // The service checks both books (no fallback to java -jar): then their reports are read.
    expect(checkInService(flawed, flawedReport)).toBe(true);
    expect(checkInService(clean, cleanReport)).toBe(true);
    const inService = readEpubcheckReport(flawedReport);
    const afterIt = readEpubcheckReport(cleanReport);

    const command = path.join(folder, 'flawed-command.json');
    const run = spawnSync(
      'java',
      ['-jar', epubcheckJar, flawed, '--json', command, '--failonwarnings'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1);
    const byCommand = JSON.parse(readFileSync(command, 'utf8')) as {
      checker: { nError: number; nWarning: number };
      messages: Array<{ ID: string }>;
    };

    expect(inService).toMatchObject({ fatals: 0, errors: 1, warnings: 1 });
    expect(inService.messages.map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual([
      'WARNING OPF-053',
      'ERROR RSC-007',
    ]);
    expect([inService.errors, inService.warnings]).toEqual([
      byCommand.checker.nError,
      byCommand.checker.nWarning,
    ]);
    expect(inService.messages.map((m) => m.split(' ')[1])).toEqual(
      byCommand.messages.map((m) => m.ID),
    );
    expect(afterIt).toEqual({ fatals: 0, errors: 0, warnings: 0, messages: [] });
  }, 120_000);
});
