/**
 * Writes build outputs into the output folder without ever leaving a half-written file:
 * each output goes to a temporary file beside its target and is renamed into place, so a
 * failed or interrupted build leaves the previous good edition where it was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onInterrupt } from '../cleanup.ts';

export interface Output {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  bytes: Uint8Array;
  edition: string;
  format: string;
  /** Page count, for paginated outputs. */
  pages?: number;
}

/** Writes one file atomically (temporary file in the same folder, then rename). */
export function writeAtomically(target: string, bytes: Uint8Array | string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const unregister = onInterrupt(() => rmSync(temporary, { force: true }));
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    unregister();
  }
}

export function writeOutputs(outDir: string, outputs: readonly Output[]): void {
  for (const output of outputs) writeAtomically(path.join(outDir, output.path), output.bytes);
}
