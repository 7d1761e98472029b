/**
 * One build at a time per output folder: a lock file holding the builder's process id,
 * taken before anything is written and released however the build ends. A lock left by
 * a process that no longer runs is taken over.
 *
 * Every step is atomic, so two builds starting at the same instant never both get in:
 * the lock is written complete to a private file and linked into place (`link` fails if
 * the name exists), so no one ever reads a half-written lock; taking over a dead holder's
 * lock first claims that very lock (an exclusive file named after its content), so of two
 * builds that both saw it stale only one removes it; a release removes the lock only if it
 * still holds this build's own token.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageFailure } from '../failures.ts';
import { processRunning } from '../processes.ts';
import { type ProjectSources, prepareOutputFolder, usageError } from './output-folder.ts';
import { finishInterruptedWrite } from './write.ts';

export const lockName = '.folio-build.lock';

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** The holder's pid, or undefined when the content names none (an old or broken lock). */
function holderOf(content: string): number | undefined {
  const pid = Number.parseInt(content, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Waits `ms` without returning to the event loop (taking the lock is synchronous). */
function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Links a complete lock file holding `token` into place; false if a lock exists. */
function createLock(file: string, token: string): boolean {
  const own = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(own, token, { flag: 'wx' });
  } catch (error) {
    throw usageError(error, path.dirname(file));
  }
  try {
    linkSync(own, file);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw usageError(error, path.dirname(file));
  } finally {
    rmSync(own, { force: true });
  }
}

/**
 * Removes the lock if it still holds `stale`. Only the build that creates the claim for
 * this content may remove it; whoever comes later finds the lock changed or gone.
 */
function removeStaleLock(file: string, stale: string): void {
  const digest = Buffer.from(stale).toString('hex').slice(0, 64) || 'empty';
  const claim = `${file}.stale-${digest}`;
  try {
    writeFileSync(claim, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if (code(error) !== 'EEXIST') throw usageError(error, path.dirname(file));
    pause(5); // Another build is taking it over: see what it leaves.
    return;
  }
  try {
    if (readLock(file) === stale) unlinkSync(file);
  } finally {
    rmSync(claim, { force: true });
  }
}

/**
 * Takes the lock on `outDir`; returns the function that releases it. With the project's
 * `sources`, first refuses an output folder that would hold or overwrite them (see
 * output-folder.ts); the checks that need no project always run.
 */
export function lockOutput(outDir: string, sources?: ProjectSources): () => void {
  prepareOutputFolder(outDir, sources);
  const file = path.join(outDir, lockName);
  const token = `${process.pid}\n${randomBytes(8).toString('hex')}\n`;
  // Each turn either takes the lock, finds a live holder, or sees the lock change hands:
  // only a claim left by a build killed in the instant it held one keeps it turning.
  for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
    if (createLock(file, token)) {
      const release = () => {
        if (readLock(file) === token) rmSync(file, { force: true });
      };
      try {
        finishInterruptedWrite(outDir);
      } catch (error) {
        release();
        throw error;
      }
      return release;
    }
    const content = readLock(file);
    if (content === undefined) continue; // Released meanwhile: try again.
    const holder = holderOf(content);
    if (holder !== undefined && processRunning(holder)) {
      throw new UsageFailure(
        `Another Folio build (process ${holder}) is writing to ${outDir}; wait for it to finish, or build into another folder with --out`,
      );
    }
    removeStaleLock(file, content);
  }
  throw new UsageFailure(
    `Cannot lock ${outDir} for building: a stale lock is being taken over by a build that no longer runs; if no Folio build is running, remove ${file} and ${file}.stale-*`,
  );
}
