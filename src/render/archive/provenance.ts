/**
 * What an archive records about how its outputs were made: the Folio version and the git
 * commit of Folio and of the project (and whether their working trees differed from it),
 * and the versions of Node and Chromium. Nothing here reads the clock.
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

/**
 * Settings that keep git from running anything a repository configures (the project's
 * `.git/config` is as untrusted as its manuscripts): no fsmonitor, hooks, pager or
 * external diff, no clean/smudge filters (`filterOverrides`), no submodule recursion, and
 * no optional locks, so git never refreshes or writes the repository's index.
 */
const safeGitOptions = [
  '--no-pager',
  '--no-optional-locks',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'core.untrackedCache=false',
  '-c',
  'diff.external=',
  '-c',
  'status.submoduleSummary=false',
];

const safeGitEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_OPTIONAL_LOCKS: '0',
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_EXTERNAL_DIFF: '',
});

/** Empties every filter driver the repository's config names, so none of them runs. */
function filterOverrides(git: (args: string[]) => string): string[] {
  let listed = '';
  try {
    listed = git(['config', '--name-only', '--get-regexp', '^filter\\.']);
  } catch {
    return []; // No filter configured.
  }
  const drivers = new Set(
    listed
      .split('\n')
      .map((key) => /^filter\.(.+)\.[^.]+$/.exec(key.trim())?.[1])
      .filter((name): name is string => Boolean(name)),
  );
  return [...drivers].flatMap((name) => [
    '-c',
    `filter.${name}.clean=`,
    '-c',
    `filter.${name}.smudge=`,
    '-c',
    `filter.${name}.process=`,
    '-c',
    `filter.${name}.required=false`,
  ]);
}

/**
 * The commit a folder's files come from, if it is in a git work tree, read without running
 * any program the repository configures and without writing to it.
 */
export function gitState(folder: string, paths: readonly string[] = []): GitState | undefined {
  const git = (args: string[]) =>
    execFileSync('git', [...safeGitOptions, ...args], {
      cwd: folder,
      encoding: 'utf8',
      env: safeGitEnv(),
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  try {
    const commit = git(['rev-parse', 'HEAD']);
    const changes = git([
      ...filterOverrides(git),
      'status',
      '--porcelain',
      '--untracked-files=all',
      '--ignore-submodules=all',
      '--',
      ...paths,
    ]);
    return { commit, modified: changes !== '' };
  } catch {
    return undefined;
  }
}
