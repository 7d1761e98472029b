/**
 * EPUBCheck (Debian's 4.2.6 jar) as the tests run it: `epubcheck BOOK --json REPORT
 * --failonwarnings`, in the run's EPUBCheck service when there is one (service-setup.ts:
 * one warm JVM for every check of the run), else with `java -jar` as a user would. Both
 * give the same report: the service runs the same checker with the same arguments, a new
 * one per book.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const epubcheckJar = '/usr/share/java/epubcheck.jar';

const client = path.join(path.dirname(fileURLToPath(import.meta.url)), '../service-client.mjs');

export interface EpubcheckReport {
  fatals: number;
  errors: number;
  warnings: number;
  messages: string[];
}

/** EPUBCheck on a book, failing on warnings too. */
export function runEpubcheck(bytes: Uint8Array, name = 'book.epub'): EpubcheckReport {
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-epubcheck-'));
  const book = path.join(folder, name);
  writeFileSync(book, bytes);
  try {
    return checkEpubFile(book, path.join(folder, 'out.json'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** EPUBCheck on the book at `book`, its JSON report written to `json`. */
export function checkEpubFile(book: string, json: string): EpubcheckReport {
  if (!checkInService(book, json)) {
    const run = spawnSync(
      'java',
      ['-jar', epubcheckJar, book, '--json', json, '--failonwarnings'],
      {
        encoding: 'utf8',
      },
    );
    if (run.error) throw run.error;
  }
  return readEpubcheckReport(json);
}

/** The counts and messages of EPUBCheck's JSON report. */
export function readEpubcheckReport(json: string): EpubcheckReport {
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    checker: { nFatal: number; nError: number; nWarning: number };
    messages: Array<{
      ID: string;
      severity: string;
      message: string;
      locations: Array<{ path: string; line: number }>;
    }>;
  };
  return {
    fatals: report.checker.nFatal,
    errors: report.checker.nError,
    warnings: report.checker.nWarning,
    messages: report.messages.map(
      (m) =>
        `${m.severity} ${m.ID} ${m.message} ${m.locations.map((l) => `${l.path}:${l.line}`).join(' ')}`,
    ),
  };
}

/** The socket of the run's EPUBCheck service; none when run without vitest's setup. */
export function epubcheckService(): string | undefined {
  try {
    return inject('epubcheckService');
  } catch {
    return undefined;
  }
}

let warned = false;

/**
 * Checks the book in the run's service, writing its report to `json`; false when there
 * is no service or it could not check the book (the caller runs `java -jar` instead).
 */
export function checkInService(book: string, json: string): boolean {
  const socket = epubcheckService();
  if (!socket) return false;
  const run = spawnSync(process.execPath, [client, socket, book, json], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (/^-?\d+$/.test(run.stdout) && run.stdout !== '-1') return true;
  if (!warned) {
    warned = true;
    console.warn(`EPUBCheck service: ${run.stdout || run.stderr || run.error}; running java -jar`);
  }
  return false;
}
