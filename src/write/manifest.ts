/**
 * `manifest.json` in the output folder: every output of the editions built, with its
 * edition, format, path, size, sha256 and page count, so tools and people can find and
 * verify them. Entries of editions not rebuilt this time are kept while their files exist.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Output {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  bytes: Uint8Array;
  edition: string;
  format: string;
  /** Page count, for paginated outputs. */
  pages?: number;
}

export interface ManifestEntry {
  edition: string;
  format: string;
  path: string;
  size: number;
  sha256: string;
  pages?: number;
}

export interface Manifest {
  generator: string;
  editions: string[];
  outputs: ManifestEntry[];
}

export const manifestName = 'manifest.json';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function manifestEntry(output: Output): ManifestEntry {
  return {
    edition: output.edition,
    format: output.format,
    path: output.path,
    size: output.bytes.byteLength,
    sha256: sha256(output.bytes),
    ...(output.pages !== undefined ? { pages: output.pages } : {}),
  };
}

export function readManifest(outDir: string): Manifest | undefined {
  const file = path.join(outDir, manifestName);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The manifest after writing `outputs`: theirs, and those of editions not rebuilt. */
export function manifestFor(
  outDir: string,
  outputs: readonly Output[],
  generator: string,
): Manifest {
  const rebuilt = new Set(outputs.map((o) => o.edition));
  const kept = (readManifest(outDir)?.outputs ?? []).filter(
    (entry) => !rebuilt.has(entry.edition) && existsSync(path.join(outDir, entry.path)),
  );
  const entries = [...kept, ...outputs.map(manifestEntry)].sort(
    (a, b) => a.edition.localeCompare(b.edition) || a.path.localeCompare(b.path),
  );
  const manifest: Manifest = {
    generator,
    editions: [...new Set(entries.map((e) => e.edition))],
    outputs: entries,
  };
  return manifest;
}
