/**
 * Writes a build's outputs and its manifest into the output folder as one set: a failure
 * at any byte (a full disk, a read-only folder, an interrupt, a kill) leaves the previous
 * set whole, never new HTML beside an old PDF and a manifest whose hashes match neither.
 *
 * Every file is first written complete into `.folio-staging/` inside the output folder
 * (same file system, so the final renames cannot fail for want of space); then a journal
 * listing the renames is written, and only then are the files renamed into place. A build
 * killed during the renames leaves the journal; the next build, holding the lock, finishes
 * them before anything else (`finishInterruptedWrite`). Files of the output folder that
 * are not outputs (dist/README.md, other editions) are left as they are.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { onInterrupt } from '../cleanup.ts';
import { UsageFailure } from '../failures.ts';
import { manifestFor, manifestName, type Output } from './manifest.ts';

export type { Output };

import { checkOutputPath, usageError } from './output-folder.ts';

export const stagingName = '.folio-staging';
const journalName = 'journal.json';

interface Rename {
  /** Staged file, relative to the staging folder. */
  from: string;
  /** Target, relative to the output folder. */
  to: string;
}

function applyRenames(outDir: string, renames: readonly Rename[]): void {
  const staging = path.join(outDir, stagingName);
  for (const { from, to } of renames) {
    const staged = path.join(staging, from);
    if (!existsSync(staged)) continue; // Renamed before the previous build was killed.
    const target = checkOutputPath(outDir, to);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(staged, target);
    } catch (error) {
      throw usageError(error, target);
    }
  }
}

/**
 * Completes the renames of a build killed while it put its set in place, and removes what
 * a build killed earlier staged. Call with the output folder's lock held.
 */
export function finishInterruptedWrite(outDir: string): void {
  const staging = path.join(outDir, stagingName);
  if (!existsSync(staging)) return;
  const journal = path.join(staging, journalName);
  if (existsSync(journal)) {
    let renames: Rename[] | undefined;
    try {
      renames = JSON.parse(readFileSync(journal, 'utf8')) as Rename[];
    } catch {
      renames = undefined; // Never completely written: nothing was renamed yet.
    }
    if (renames) applyRenames(outDir, renames);
  }
  rmSync(staging, { recursive: true, force: true });
}

/**
 * Writes `outputs` and the manifest (see manifest.ts) as one set, or throws leaving the
 * previous set as it was. Errors of the file system are usage errors naming the path.
 */
export function writeOutputs(
  outDir: string,
  outputs: readonly Output[],
  generator = 'Folio',
): void {
  const staging = path.join(outDir, stagingName);
  const manifest = manifestFor(outDir, outputs, generator);
  const files: Array<{ to: string; bytes: Uint8Array | string }> = [
    ...outputs.map((output) => ({ to: output.path, bytes: output.bytes })),
    { to: manifestName, bytes: `${JSON.stringify(manifest, null, 2)}\n` },
  ];
  const unregister = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  let renaming = false;
  try {
    rmSync(staging, { recursive: true, force: true });
    const renames = files.map(({ to }, index) => {
      // A folder where an output goes would fail its rename half-way through the set.
      if (statSync(checkOutputPath(outDir, to), { throwIfNoEntry: false })?.isDirectory())
        throw new UsageFailure(
          `Cannot write ${path.join(outDir, to)}: a folder stands where the output goes; move it or build elsewhere with --out`,
        );
      return { from: String(index), to };
    });
    mkdirSync(staging);
    files.forEach(({ bytes }, index) => {
      writeFileSync(path.join(staging, String(index)), bytes);
    });
    writeFileSync(path.join(staging, `${journalName}.tmp`), JSON.stringify(renames));
    renameSync(path.join(staging, `${journalName}.tmp`), path.join(staging, journalName));
    // From here on the new set is the one to finish: an interrupt completes the renames.
    renaming = true;
    unregister();
    applyRenames(outDir, renames);
    rmSync(staging, { recursive: true, force: true });
  } catch (error) {
    if (!renaming) rmSync(staging, { recursive: true, force: true });
    throw usageError(error, outDir);
  } finally {
    unregister();
  }
}
