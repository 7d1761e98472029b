/**
 * Vitest's global setup: one EPUBCheck for the whole run (EpubcheckService.java), started
 * in the background as the run begins and ended with it. `runEpubcheck` (epub-helpers.ts)
 * sends it each book through a Unix socket in a folder of the run's own; a check in the
 * warm JVM takes under a second where `java -jar epubcheck.jar` takes a JVM start and
 * about 10 s of CPU. When the service cannot start (a JRE without the source launcher's
 * compiler), `<socket>.ended` says why and each check runs `java -jar` as before.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { epubcheckJar } from './epubcheck.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Unix socket the run's EPUBCheck service listens on. */
    epubcheckService: string;
  }
}

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'EpubcheckService.java');

export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-epubcheck-service-'));
  const socket = path.join(folder, 'epubcheck.sock');
  const service = spawn('java', ['-cp', epubcheckJar, source, socket], {
    stdio: ['pipe', 'ignore', 'pipe'],
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
  service.on('error', (error) => end(`EPUBCheck service did not start: ${error.message}`));
  service.on('exit', (code, signal) => end(`EPUBCheck service ended (${signal ?? code})`));
  project.provide('epubcheckService', socket);
  return () => {
    ended = true;
    service.stdin.end();
    service.kill();
    rmSync(folder, { recursive: true, force: true });
  };
}
