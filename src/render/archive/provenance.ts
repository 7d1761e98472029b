/**
 * What an archive records about how its outputs were made: the Folio version and the git
 * commit of Folio and of the project (and whether their working trees differed from it),
 * and the versions of Node, Chromium and qpdf. Nothing here reads the clock.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { folioRoot } from '../../assemble/template.ts';

export interface GitState {
  commit: string;
  /** The working tree had changes the commit does not hold. */
  modified: boolean;
}

export function folioVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(folioRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The commit a folder's files come from, if it is in a git work tree. */
export function gitState(folder: string, paths: readonly string[] = []): GitState | undefined {
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const commit = git(['rev-parse', 'HEAD']);
    const changes = git(['status', '--porcelain', '--untracked-files=all', '--', ...paths]);
    return { commit, modified: changes !== '' };
  } catch {
    return undefined;
  }
}

export function qpdfVersion(): string | undefined {
  try {
    const out = execFileSync('qpdf', ['--version'], { encoding: 'utf8' });
    return /qpdf version (\S+)/.exec(out)?.[1];
  } catch {
    return undefined;
  }
}
