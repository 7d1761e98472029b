/**
 * Builds that several test files read: the repository's editions as `folio build` makes
 * them (every format), and their EPUBs alone (no print, so no page-list). The first file
 * that asks builds one into the run's shared folder (made by `shared-builds-setup.ts`,
 * removed when the run ends); the files after it read the same outputs and the build's
 * messages from there; a file that asks while another worker builds waits for that
 * build (a lock folder beside it holds the builder's pid). Each build is named by a hash
 * of everything it is made from (the sources of Folio and of the project, the
 * dependencies, the commit and whether the work tree differs from it, Node and Chromium),
 * so a changed source (in watch mode, or a commit during the run) makes a new build, never
 * a stale one. Tests only read what is shared: one that changes outputs builds its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildEditions, type Renderers } from '../../src/pipeline/pipeline.ts';
import { resolveBrowserExecutable } from '../../src/render/browser.ts';
import { epubRenderer } from '../../src/render/epub/epub-renderer.ts';
import { renderers } from '../../src/render/renderers.ts';
import type { Output } from '../../src/write/manifest.ts';
import { repoRoot } from './build.ts';

/** A message of a shared build, as the build's VFile held it. */
export interface SharedMessage {
  /** The file the message is about (its path as the build named it). */
  path: string;
  ruleId: string | undefined;
  source: string | undefined;
  reason: string;
  fatal: boolean | null | undefined;
  line: number | undefined;
  column: number | undefined;
  /** The message as `String(message)` gives it. */
  text: string;
}

export interface SharedBuild {
  /** False when errors stopped the build before anything was written. */
  written: boolean;
  /** The output folder: only to read from. */
  outDir: string;
  outputs: Output[];
  messages: SharedMessage[];
  /** The path of an edition's output file, e.g. `file('cae-2016', 'cae-2016.pdf')`. */
  file(edition: string, name: string): string;
}

interface Record {
  written: boolean;
  outputs: Array<Omit<Output, 'bytes'>>;
  messages: SharedMessage[];
}

const repoConfig = path.join(repoRoot, 'folio.config.yaml');

/** What a build of the repository is made from, besides the config's own files. */
const inputs = ['src', 'styles', 'templates', 'manuscript', 'package.json', 'package-lock.json'];

const made = new Map<string, Promise<SharedBuild>>();

/** Every edition of this repository in every format, as `npm run build` makes them. */
export function repositoryBuild(): Promise<SharedBuild> {
  return sharedBuild('repository-all', renderers);
}

/** The EPUB of every edition of this repository, built without the other formats. */
export function repositoryEpubs(): Promise<SharedBuild> {
  return sharedBuild('repository-epub', { epub: epubRenderer });
}

function sharedBuild(name: string, chosen: Renderers): Promise<SharedBuild> {
  const key = `${name}-${inputsHash(name)}`;
  let build = made.get(key);
  if (!build) {
    build = fetchOrBuild(key, chosen);
    made.set(key, build);
    // A build that threw (a browser that failed to start) is tried again by the next file.
    build.catch(() => made.delete(key));
  }
  return build;
}

async function fetchOrBuild(key: string, chosen: Renderers): Promise<SharedBuild> {
  const root = sharedRoot();
  const folder = path.join(root, key);
  // Files run in parallel workers: the first to ask builds, the others wait for its build.
  const lock = path.join(root, `${key}.lock`);
  for (;;) {
    if (existsSync(path.join(folder, 'build.json'))) return readShared(folder);
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!builderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    await buildInto(folder, key, chosen);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return readShared(folder);
}

/**
 * Whether the worker that holds a build's lock still runs. A lock without its pid yet is
 * held (its owner writes the pid right after taking it), unless it is a minute old.
 */
function builderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    try {
      return Date.now() - statSync(lock).mtimeMs < 60_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildInto(folder: string, key: string, chosen: Renderers): Promise<void> {
  const root = path.dirname(folder);
  if (!existsSync(path.join(folder, 'build.json'))) {
    const partial = mkdtempSync(path.join(root, `${key}.partial-`));
    const outDir = path.join(partial, 'out');
    const result = await buildEditions({ configPath: repoConfig, outDir, renderers: chosen });
    const record: Record = {
      written: result.written,
      outputs: result.outputs.map(({ bytes: _, ...output }) => output),
      messages: result.files.flatMap((file) =>
        file.messages.map((m) => ({
          path: file.path,
          ruleId: m.ruleId,
          source: m.source,
          reason: m.reason,
          fatal: m.fatal,
          line: m.line,
          column: m.column,
          text: String(m),
        })),
      ),
    };
    if (!result.written) mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(partial, 'build.json'), JSON.stringify(record));
    try {
      renameSync(partial, folder);
    } catch {
      // Another file of a parallel run shared the same build first: keep that one.
      rmSync(partial, { recursive: true, force: true });
    }
  }
}

function readShared(folder: string): SharedBuild {
  const record = JSON.parse(readFileSync(path.join(folder, 'build.json'), 'utf8')) as Record;
  const outDir = path.join(folder, 'out');
  return {
    written: record.written,
    outDir,
    outputs: record.outputs.map((output) => ({
      ...output,
      bytes: new Uint8Array(readFileSync(path.join(outDir, output.path))),
    })),
    messages: record.messages,
    file: (edition, name) => path.join(outDir, edition, name),
  };
}

/** The run's shared folder; a folder of this process's own when run without the setup. */
function sharedRoot(): string {
  let root: string | undefined;
  try {
    root = inject('sharedBuilds');
  } catch {
    root = undefined;
  }
  if (!root) {
    root = path.join(tmpdir(), `folio-shared-builds-${process.pid}`);
    mkdirSync(root, { recursive: true });
  }
  return root;
}

/** sha256 of what a build is made from: files, commit, Node, Chromium and the environment. */
function inputsHash(name: string): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | Buffer) => {
    hash.update(`${label}\0`);
    hash.update(value);
    hash.update('\0');
  };
  add('name', name);
  add('root', repoRoot);
  const walk = (file: string) => {
    const full = path.join(repoRoot, file);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) walk(path.join(file, entry));
    } else add(file, readFileSync(full));
  };
  for (const input of [path.relative(repoRoot, repoConfig), ...inputs]) walk(input);
  // The archive records the commit and whether the working tree differs from it.
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout ?? '';
  add('commit', git('rev-parse', 'HEAD'));
  add('modified', String(git('status', '--porcelain', '--untracked-files=all') !== ''));
  add('node', process.version);
  const browser = resolveBrowserExecutable();
  add('browser', `${browser} ${existsSync(browser) ? statSync(browser).mtimeMs : ''}`);
  for (const variable of ['SOURCE_DATE_EPOCH', 'TZ', 'FOLIO_ICC_PROFILE'])
    add(variable, process.env[variable] ?? '');
  return hash.digest('hex').slice(0, 16);
}
