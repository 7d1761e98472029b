/**
 * The one place that decides whether a folder may receive a build, before anything is
 * written: not the project root, not a folder that holds or lies inside the project's
 * sources (config, manuscripts, glossary, annotations, styles/, templates/), not a system
 * folder or the home folder, not a file, and not reached through a symlink that leads out
 * of the project (for `dist/`) or out of the output folder (for an edition folder). Also
 * the errors a write can meet (no space, no permission, a read-only disk), turned into
 * usage errors (exit 2) that name the path.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from '../config/load.ts';
import { UsageFailure } from '../failures.ts';

/** What the guard needs to know of the project (a loaded Project will do). */
export type ProjectSources = Pick<LoadedConfig, 'root' | 'path' | 'config'>;

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** True when `inner` is `outer` or lies inside it. */
export function within(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of `target`, resolving the part of it that exists. */
export function realPath(target: string): string {
  const absolute = path.resolve(target);
  const rest: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest.reverse());
    } catch (error) {
      if (code(error) === 'ELOOP') throw usageError(error, existing);
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Folders whose contents are the system's: never an output folder, nor anything inside. */
const systemTrees = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/proc',
  '/sbin',
  '/sys',
  '/usr',
  '/System',
  '/Library',
  '/private/etc',
];
/** Folders that may hold an output folder, but are not one. */
const systemFolders = [
  '/',
  '/home',
  '/root',
  '/tmp',
  '/var',
  '/opt',
  '/mnt',
  '/media',
  '/srv',
  '/run',
  '/Users',
  '/Applications',
  '/Volumes',
  '/private',
  '/private/tmp',
  '/private/var',
];

/** A folder that holds others' folders: the file system's root, /home, home and above it. */
function sharedFolder(folder: string): boolean {
  return (
    systemFolders.includes(folder) ||
    folder === path.parse(folder).root ||
    within(folder, homedir())
  );
}

function systemFolder(folder: string): boolean {
  if (systemTrees.some((tree) => within(tree, folder)) || sharedFolder(folder)) return true;
  // The home folder's own dot-folders (~/.ssh, ~/.config).
  return path.dirname(folder) === homedir() && path.basename(folder).startsWith('.');
}

/** The project's sources, as absolute paths, and whether each is a folder. */
function sourcePaths(project: ProjectSources): Array<{ path: string; folder: boolean }> {
  const { root, config } = project;
  const files = [
    project.path,
    ...config.documents.flatMap((document) => document.files),
    ...(config.glossary ? [config.glossary] : []),
    ...config.annotations,
  ].map((file) => ({ path: path.resolve(root, file), folder: false }));
  const folders = ['manuscript', 'styles', 'templates']
    .map((name) => path.join(root, name))
    .filter((folder) => existsSync(folder))
    .map((folder) => ({ path: folder, folder: true }));
  return [...files, ...folders];
}

function refuse(outDir: string, why: string): never {
  throw new UsageFailure(
    `Refusing to build into ${outDir}: ${why}. Build into a folder of its own, such as dist/ beside the config (the default), or name another with --out`,
  );
}

/**
 * Checks `outDir` and creates it. Without `project`, only what needs no project is
 * checked (a file in the way, a system folder).
 */
export function prepareOutputFolder(outDir: string, project?: ProjectSources): void {
  const absolute = path.resolve(outDir);
  const real = realPath(absolute);
  // A project kept under a system tree (/usr/src/book) may still build into its own
  // dist/; a project whose folder is / or home may not build into anything under it.
  const insideProject =
    project !== undefined &&
    !sharedFolder(realPath(project.root)) &&
    within(path.resolve(project.root), absolute) &&
    within(realPath(project.root), real);
  if (!insideProject && (systemFolder(absolute) || systemFolder(real)))
    refuse(outDir, 'it is a system folder');
  if (project) {
    const root = path.resolve(project.root);
    const realRoot = realPath(root);
    if (real === realRoot || absolute === root) refuse(outDir, 'it is the project folder');
    for (const source of sourcePaths(project)) {
      const realSource = realPath(source.path);
      const shown = path.relative(root, source.path) || source.path;
      if (within(real, realSource) || within(absolute, source.path))
        refuse(outDir, `it holds the project's sources (${shown})`);
      if (source.folder && (within(realSource, real) || within(source.path, absolute)))
        refuse(outDir, `it is inside the project's sources (${shown})`);
    }
    // dist/ (or any output folder inside the project) must not lead out of it: a symlink
    // committed as dist/ would have the build write wherever it points.
    if (within(root, absolute) && !within(realRoot, real))
      refuse(outDir, `it is a symlink that leads out of the project, to ${real}`);
  }
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(absolute);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw usageError(error, absolute);
  }
  if (stats && !stats.isDirectory())
    throw new UsageFailure(
      `The output folder ${outDir} is a file, not a folder: name a folder with --out`,
    );
  try {
    mkdirSync(absolute, { recursive: true });
  } catch (error) {
    throw usageError(error, absolute);
  }
}

/**
 * Refuses to write `relative` (an output's path) if it would leave `outDir`: a parent or
 * absolute path, or a folder on the way that is a symlink leading out of the output folder.
 */
export function checkOutputPath(outDir: string, relative: string): string {
  const target = path.resolve(outDir, relative);
  if (!within(outDir, target) || target === path.resolve(outDir))
    throw new Error(`Output path \`${relative}\` leaves the output folder`);
  const realOut = realPath(outDir);
  let folder = path.resolve(outDir);
  for (const part of path.relative(outDir, path.dirname(target)).split(path.sep).filter(Boolean)) {
    folder = path.join(folder, part);
    let link = false;
    try {
      link = lstatSync(folder).isSymbolicLink();
    } catch (error) {
      if (code(error) === 'ENOENT') break;
      throw usageError(error, folder);
    }
    if (link && !within(realOut, realPath(folder)))
      refuse(
        outDir,
        `${path.relative(outDir, folder)} is a symlink that leads out of the output folder, to ${realPath(folder)}`,
      );
  }
  return target;
}

const reasons: Record<string, string> = {
  ENOSPC: 'no space left on the device; free some space or build elsewhere with --out',
  EDQUOT: 'the disk quota is exhausted; free some space or build elsewhere with --out',
  EACCES: 'permission denied; make it writable or build elsewhere with --out',
  EPERM: 'operation not permitted; make it writable or build elsewhere with --out',
  EROFS: 'the file system is read-only; build elsewhere with --out',
  ENOTDIR: 'a file stands where a folder should be; move it or build elsewhere with --out',
  EEXIST: 'a file stands where a folder should be; move it or build elsewhere with --out',
  EISDIR: 'a folder stands where a file should be; move it or build elsewhere with --out',
  ELOOP: 'it is a symlink loop',
  ENAMETOOLONG: 'the path is too long',
};

/** A file-system error as a usage error naming the path, or the error itself if unknown. */
export function usageError(error: unknown, where: string): Error {
  const known = reasons[code(error) ?? ''];
  if (!known) return error instanceof Error ? error : new Error(String(error));
  return new UsageFailure(`Cannot write ${where}: ${known} (${code(error)})`);
}
