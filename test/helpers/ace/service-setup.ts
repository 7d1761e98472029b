/**
 * Vitest's global setup: one Ace by DAISY for the whole run (ace-service.cjs: ace-core and
 * one browser kept open), started in the background as the run begins and ended with it.
 * `runAce` (ace.ts) sends it each book through a Unix socket in a folder of the run's own;
 * a check there costs Ace's work on the book only, where the `ace` command adds a Node
 * start, Ace's modules and a browser launch each time. Its temporary files (the unzipped
 * books, the browser's profile) are kept in that folder, removed when the run ends. When
 * the service cannot start or ends, `<socket>.ended` says why and each check runs the
 * command as before. FOLIO_ACE_SERVICE=0 starts none: every check runs the command.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { resolveBrowserExecutable } from '../../../src/render/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Unix socket the run's Ace service listens on; empty when there is none. */
    aceService: string;
  }
}

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ace-service.cjs');

export default function setup(project: TestProject): () => void {
  if (process.env.FOLIO_ACE_SERVICE === '0') {
    project.provide('aceService', '');
    return () => {};
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-ace-service-'));
  const socket = path.join(folder, 'ace.sock');
  const temporary = path.join(folder, 'tmp');
  mkdirSync(temporary);
  const service = spawn(process.execPath, [script, socket], {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PUPPETEER_EXECUTABLE_PATH: resolveBrowserExecutable(),
      TMPDIR: temporary,
    },
  });
  // A service that died leaves its standard input closed: nothing more to tell it.
  service.stdin.on('error', () => {});
  let stderr = '';
  service.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  let ended = false;
  const end = (why: string) => {
    if (ended) return;
    ended = true;
    writeFileSync(`${socket}.ended`, `${why}\n${stderr}`);
  };
  service.on('error', (error) => end(`Ace service did not start: ${error.message}`));
  service.on('exit', (code, signal) => end(`Ace service ended (${signal ?? code})`));
  project.provide('aceService', socket);
  return () => {
    ended = true;
    service.stdin.end();
    service.kill();
    rmSync(folder, { recursive: true, force: true });
  };
}
