/**
 * Vitest's global setup: one Ace by DAISY for the whole run (ace-service.cjs: ace-core and
 * one browser kept open), started in the background as the run begins and ended with it
 * (../service.ts). `runAce` (ace.ts) sends it each book through a Unix socket in a folder
 * of the run's own; a check there costs Ace's work on the book only, where the `ace`
 * command adds a Node start, Ace's modules and a browser launch each time. Its temporary
 * files (the unzipped books, the browser's profile) are kept in that folder, removed when
 * the run ends. When the service cannot start or ends, `<socket>.ended` says why and each
 * check runs the command as before. FOLIO_ACE_SERVICE=0 starts none: every check runs the
 * command.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { resolveBrowserExecutable } from '../../../src/render/browser.ts';
import { startService } from '../service.ts';

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
  const service = startService(
    'Ace',
    'ace',
    process.execPath,
    (socket) => [script, socket],
    (folder) => {
      const temporary = path.join(folder, 'tmp');
      mkdirSync(temporary);
      return { PUPPETEER_EXECUTABLE_PATH: resolveBrowserExecutable(), TMPDIR: temporary };
    },
  );
  project.provide('aceService', service.socket);
  return service.stop;
}
