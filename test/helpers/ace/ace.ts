/**
 * Ace by DAISY (`@daisy/ace-cli` 1.4) as the tests run it: `ace -E -s -f -o REPORT BOOK`
 * with the browser Folio prints with, in the run's Ace service when there is one
 * (service-setup.ts: ace-core and one browser kept for every check of the run), else as
 * the command, as a user would. Both write the same report.json: the service calls
 * ace-core with the options the command gives it. FOLIO_ACE_COMPARE=1 checks each book both
 * ways and fails when the two differ.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { inject } from 'vitest';
import { resolveBrowserExecutable } from '../../../src/render/browser.ts';
import { repoRoot } from '../build.ts';

export const aceCommand = path.join(repoRoot, 'node_modules/@daisy/ace-cli/bin/ace.js');

const client = path.join(path.dirname(fileURLToPath(import.meta.url)), '../service-client.mjs');

export interface AceReport {
  exitCode: number | null;
  outcome: string;
  violations: string[];
}

/** Ace on a book; `-E` makes the exit code 2 on violations. */
export function runAce(bytes: Uint8Array, name = 'book.epub'): AceReport {
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-ace-'));
  const book = path.join(folder, name);
  writeFileSync(book, bytes);
  try {
    const report = checkAceFile(book, path.join(folder, 'report'));
    if (process.env.FOLIO_ACE_COMPARE === '1') {
      const byCommand = aceByCommand(book, path.join(folder, 'report-command'));
      if (!isDeepStrictEqual(report, byCommand)) {
        throw new Error(
          `Ace in the service and the ace command differ on ${name}: ${JSON.stringify({ report, byCommand }, null, 2)}`,
        );
      }
    }
    return report;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Ace on the book at `book`, its report written to the folder `reportFolder`. */
export function checkAceFile(book: string, reportFolder: string): AceReport {
  const code = checkInAceService(book, reportFolder);
  return code === undefined ? aceByCommand(book, reportFolder) : readAceReport(reportFolder, code);
}

/** The `ace` command, as a user runs it. */
export function aceByCommand(book: string, reportFolder: string): AceReport {
  const run = spawnSync(
    process.execPath,
    [aceCommand, '-E', '-s', '-f', '-o', reportFolder, book],
    {
      encoding: 'utf8',
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: resolveBrowserExecutable() },
      timeout: 240_000,
    },
  );
  if (run.error) throw run.error;
  return readAceReport(reportFolder, run.status);
}

/** The outcome and the failed assertions of the report.json in `reportFolder`. */
export function readAceReport(reportFolder: string, exitCode: number | null): AceReport {
  const report = JSON.parse(readFileSync(path.join(reportFolder, 'report.json'), 'utf8')) as {
    'earl:result': { 'earl:outcome': string };
    assertions: Array<{
      'earl:testSubject': { url: string };
      assertions?: Array<{
        'earl:test': { 'dct:title': string; 'earl:impact': string };
        'earl:result': { 'earl:outcome': string; html?: string };
      }>;
    }>;
  };
  return {
    exitCode,
    outcome: report['earl:result']['earl:outcome'],
    violations: report.assertions.flatMap((file) =>
      (file.assertions ?? [])
        .filter((a) => a['earl:result']['earl:outcome'] === 'fail')
        .map(
          (a) =>
            `${file['earl:testSubject'].url} ${a['earl:test']['earl:impact']} ${a['earl:test']['dct:title']} ${a['earl:result'].html ?? ''}`,
        ),
    ),
  };
}

/** The socket of the run's Ace service; none when run without vitest's setup. */
export function aceService(): string | undefined {
  try {
    return inject('aceService') || undefined;
  } catch {
    return undefined;
  }
}

let warned = false;

/**
 * Checks the book in the run's service, its report written to `reportFolder`: the exit
 * code the command would give, or undefined when there is no service or it could not
 * check the book (the caller runs the command instead).
 */
export function checkInAceService(book: string, reportFolder: string): number | undefined {
  const socket = aceService();
  if (!socket) return undefined;
  const run = spawnSync(process.execPath, [client, socket, book, reportFolder], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (/^\d+$/.test(run.stdout)) return Number(run.stdout);
  if (!warned) {
    warned = true;
    console.warn(`Ace service: ${run.stdout || run.stderr || run.error}; running the ace command`);
  }
  return undefined;
}
