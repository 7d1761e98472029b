/**
 * Vitest's global setup: one EPUBCheck for the whole run (EpubcheckService.java), started
 * in the background as the run begins and ended with it (../service.ts). `runEpubcheck`
 * (epub-helpers.ts) sends it each book through a Unix socket in a folder of the run's own;
 * a check in the warm JVM takes under a second where `java -jar epubcheck.jar` takes a JVM
 * start and about 10 s of CPU. When the service cannot start (a JRE without the source
 * launcher's compiler), `<socket>.ended` says why and each check runs `java -jar` as before.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startService } from '../service.ts';
import { epubcheckJar } from './epubcheck.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Unix socket the run's EPUBCheck service listens on. */
    epubcheckService: string;
  }
}

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'EpubcheckService.java');

export default function setup(project: TestProject): () => void {
  const service = startService('EPUBCheck', 'epubcheck', 'java', (socket) => [
    '-cp',
    epubcheckJar,
    source,
    socket,
  ]);
  project.provide('epubcheckService', service.socket);
  return service.stop;
}
