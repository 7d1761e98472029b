/**
 * One build at a time per output folder: a lock file holding the builder's process id,
 * taken before anything is written and released however the build ends. A lock left by
 * a process that no longer runs is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageFailure } from '../failures.ts';

export const lockName = '.folio-build.lock';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `outDir`; returns the function that releases it. */
export function lockOutput(outDir: string): () => void {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && running(holder)) {
        throw new UsageFailure(
          `Another Folio build (process ${holder}) is writing to ${outDir}; wait for it to finish, or build into another folder with --out`,
        );
      }
      rmSync(file, { force: true }); // left by a build that died
    }
  }
  throw new UsageFailure(`Cannot lock ${outDir} for building`);
}
