/**
 * The run's Ace service reports what the `ace` command reports: the same violations for a
 * book with an image without alternative text (so an inaccessible book still fails), and
 * nothing left over from that book for a clean one checked after it by the same browser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pixelPng } from '../../epub/fixture-project.ts';
import { probeEpub } from '../probe-epub.ts';
import { aceByCommand, aceService, checkInAceService, readAceReport } from './ace.ts';

const accessibility = [
  ['schema:accessMode', 'textual'],
  ['schema:accessMode', 'visual'],
  ['schema:accessModeSufficient', 'textual'],
  ['schema:accessibilityFeature', 'alternativeText'],
  ['schema:accessibilityFeature', 'structuralNavigation'],
  ['schema:accessibilityHazard', 'none'],
  ['schema:accessibilitySummary', 'A probe.'],
]
  .map(([property, value]) => `<meta property="${property}">${value}</meta>`)
  .join('');

/** A probe with its accessibility metadata and an image; the flawed one's image has no alt. */
const probeBook = (flawed: boolean): Promise<Uint8Array> =>
  probeEpub({
    metadata: accessibility,
    chapter: `<main><h1>Chapter</h1><p>Text.</p><img src="pixel.png"${flawed ? '' : ' alt="A pixel"'} /></main>`,
    files: { 'pixel.png': { type: 'image/png', bytes: pixelPng } },
  });

describe('the Ace service', () => {
  it.skipIf(process.env.FOLIO_ACE_SERVICE === '0')(
    'reports what the ace command reports, and nothing of one book in the next',
    async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'folio-ace-probe-'));
      const flawed = path.join(folder, 'flawed.epub');
      const clean = path.join(folder, 'clean.epub');
      writeFileSync(flawed, await probeBook(true));
      writeFileSync(clean, await probeBook(false));

      expect(aceService(), 'the run has an Ace service').toBeDefined();
      const flawedReport = path.join(folder, 'flawed-service');
      const cleanReport = path.join(folder, 'clean-service');
      // The service checks both books (no fallback to the command): then their reports are read.
      const flawedCode = checkInAceService(flawed, flawedReport);
      const cleanCode = checkInAceService(clean, cleanReport);
      expect([flawedCode, cleanCode]).toEqual([2, 0]);
      const inService = readAceReport(flawedReport, flawedCode ?? null);
      const afterIt = readAceReport(cleanReport, cleanCode ?? null);

      const byCommand = aceByCommand(flawed, path.join(folder, 'flawed-command'));
      const cleanByCommand = aceByCommand(clean, path.join(folder, 'clean-command'));

      expect(inService.outcome).toBe('fail');
      expect(inService.violations).toEqual([
        'chapter.xhtml critical image-alt <img xmlns="http://www.w3.org/1999/xhtml" src="pixel.png" />',
      ]);
      expect(inService).toEqual(byCommand);
      expect(afterIt).toEqual({ exitCode: 0, outcome: 'pass', violations: [] });
      expect(afterIt).toEqual(cleanByCommand);
    },
    300_000,
  );
});
