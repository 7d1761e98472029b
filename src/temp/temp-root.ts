/**
 * Every temporary folder of one Folio run lives under one root, `<tmpdir>/folio-run-<pid>-…`
 * (the print's work folder, Chromium's profile, post-processing files), so one removal
 * clears them all: on a normal exit, on an interrupt, and, for a run that was killed
 * (`kill -9` leaves no chance to clean up), at the start of the next run, which removes
 * the roots of processes that no longer run.
 *
 * Once the root exists, TMPDIR points into it, so that what calls `os.tmpdir()` itself (a
 * library, the browser and the tools Folio runs, which inherit the environment) also
 * leaves its files there.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onInterrupt } from '../cleanup.ts';
import { processRunning } from '../processes.ts';

const rootPattern = /^folio-run-(\d+)-/;
let root: string | undefined;
let parentTmpdir: string | undefined;

/** Removes the temporary roots that runs which no longer exist left behind. */
export function removeStaleTempRoots(parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(rootPattern.exec(name)?.[1]);
    if (!pid || pid === process.pid || processRunning(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 2 });
    removed.push(name);
  }
  return removed;
}

/** This run's temporary root, created (and stale roots removed) on first use. */
export function tempRoot(): string {
  if (root) return root;
  const parent = tmpdir();
  removeStaleTempRoots(parent);
  mkdirSync(parent, { recursive: true });
  const created = mkdtempSync(path.join(parent, `folio-run-${process.pid}-`));
  root = created;
  parentTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = created;
  const remove = () => rmSync(created, { recursive: true, force: true, maxRetries: 2 });
  process.once('exit', remove);
  // After every other cleanup: the browser closes before its profile folder goes.
  onInterrupt(remove, { last: true });
  return created;
}

/** A new temporary folder under this run's root; `name` says what it is for. */
export function makeTempDir(name: string): Promise<string> {
  return mkdtemp(path.join(tempRoot(), `${name}-`));
}

export function makeTempDirSync(name: string): string {
  return mkdtempSync(path.join(tempRoot(), `${name}-`));
}

/** Removes this run's root now (tests and long-running commands between builds). */
export function removeTempRoot(): void {
  if (!root) return;
  rmSync(root, { recursive: true, force: true, maxRetries: 2 });
  root = undefined;
  if (parentTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = parentTmpdir;
}
