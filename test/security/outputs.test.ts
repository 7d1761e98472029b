/**
 * Outputs go only where they belong, one build at a time, as a whole set: the output
 * folder is refused when it is or holds the project's sources, a system folder, a file or
 * a symlink out; the build lock lets exactly one of two racing builds in, also over a
 * stale lock (a few rounds each, 50 with `FOLIO_TEST_TRIES=full`); a full or read-only
 * disk is a clear usage error (exit 2) that leaves the previous set of outputs whole.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { UsageFailure } from '../../src/failures.ts';
import { lockName, lockOutput } from '../../src/write/lock.ts';
import { writeOutputs } from '../../src/write/write.ts';
import {
  documentProject,
  frontMatter,
  makeProject,
  repoRoot,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';
import { tries } from '../helpers/tries.ts';
import { fileHashes } from './file-hashes.ts';

function sourcesProject(): string {
  return makeProject({
    'folio.config.yaml': singleDocumentConfig().replace('[doc.md]', '[manuscript/doc.md]'),
    'manuscript/doc.md': `${frontMatter()}Text.\n`,
    'manuscript/manifest.json': '{"mine": true}\n',
    'styles/print.css': 'body {}\n',
    'templates/cover.html': '<div></div>\n',
  });
}

function refusal(outDir: string, project?: ReturnType<typeof loadConfig>): string {
  try {
    lockOutput(outDir, project)();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageFailure);
    return (error as Error).message;
  }
  return 'accepted';
}

describe('the output folder', () => {
  it('is refused when it is the project, holds or lies inside its sources, or is a system folder', () => {
    const dir = sourcesProject();
    const project = loadConfig(path.join(dir, 'folio.config.yaml'));
    const refused = [
      dir,
      path.join(dir, 'manuscript'),
      path.join(dir, 'styles'),
      path.join(dir, 'styles/sub'),
      path.join(dir, 'templates'),
      path.dirname(dir),
      '/',
      '/usr',
      '/usr/local/share/folio',
      '/etc',
      homedir(),
      path.join(homedir(), '.ssh'),
    ];
    for (const outDir of refused)
      expect(refusal(outDir, project), outDir).toMatch(/^Refusing to build into .*: it (is|holds)/);
    // Nothing was written into the sources, not even a lock.
    expect(readdirSync(path.join(dir, 'manuscript')).sort()).toEqual(['doc.md', 'manifest.json']);
    expect(existsSync(path.join(dir, 'styles/sub'))).toBe(false);
    for (const outDir of [path.join(dir, 'dist'), path.join(dir, 'out/print')])
      expect(refusal(outDir, project), outDir).toBe('accepted');
  });

  it('is refused when dist/ is a symlink out of the project, or an edition folder a symlink out of it', () => {
    const dir = sourcesProject();
    const project = loadConfig(path.join(dir, 'folio.config.yaml'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'folio-elsewhere-'));
    symlinkSync(elsewhere, path.join(dir, 'dist'));
    expect(refusal(path.join(dir, 'dist'), project)).toMatch(
      /symlink that leads out of the project/,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
    // A symlink that stays inside the project is only another name for a folder of it.
    rmSync(path.join(dir, 'dist'));
    mkdirSync(path.join(dir, 'build'));
    symlinkSync(path.join(dir, 'build'), path.join(dir, 'dist'));
    expect(refusal(path.join(dir, 'dist'), project)).toBe('accepted');

    const out = mkdtempSync(path.join(tmpdir(), 'folio-out-'));
    symlinkSync(elsewhere, path.join(out, 'doc'));
    const html = {
      path: 'doc/doc.html',
      bytes: Buffer.from('<p>x</p>'),
      edition: 'doc',
      format: 'html',
    };
    expect(() => writeOutputs(out, [html])).toThrow(
      /doc is a symlink that leads out of the output folder/,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);
  });

  it('naming an existing file, or a system folder, on the command line is a usage error (exit 2)', () => {
    const dir = documentProject(`Text.\n`, {}, { 'taken.txt': 'not a folder\n' });
    const file = runCli(['build', '--out', 'taken.txt'], dir);
    expect(file.status, file.stderr).toBe(2);
    expect(file.stderr).toMatch(/The output folder \S*taken.txt is a file, not a folder/);
    expect(file.stderr).not.toMatch(/internal error|EEXIST/);
    expect(readFileSync(path.join(dir, 'taken.txt'), 'utf8')).toBe('not a folder\n');
    const root = runCli(['build', '--out', '/'], dir);
    expect(root.status, root.stderr).toBe(2);
    expect(root.stderr).toMatch(/Refusing to build into \/: it is a system folder/);
  });
});

/** Two processes that take and release the lock on command. */
function contenders() {
  const loader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
  return [0, 1].map(() => {
    const child = spawn(process.execPath, [
      '--import',
      loader,
      path.join(import.meta.dirname, 'lock-contender.ts'),
    ]);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    return {
      child,
      async ask(line: string): Promise<string> {
        child.stdin.write(`${line}\n`);
        return String((await lines.next()).value);
      },
    };
  });
}

describe('the build lock', () => {
  const racers = contenders();
  afterAll(() => {
    for (const racer of racers) racer.child.kill();
  });

  const rounds = tries(5, 50);
  for (const over of ['no lock', 'a stale lock', 'an empty lock'] as const) {
    it(`lets exactly one of two builds in when both try at once, over ${over} (${rounds} rounds)`, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'folio-lock-'));
      const lock = path.join(dir, lockName);
      for (let round = 0; round < rounds; round++) {
        // 99999999 is above any pid Linux hands out: a holder that no longer runs.
        if (over === 'a stale lock') writeFileSync(lock, '99999999\n');
        if (over === 'an empty lock') writeFileSync(lock, '');
        const at = Date.now() + 150;
        const answers = await Promise.all(racers.map((r) => r.ask(`acquire ${dir} ${at}`)));
        expect(answers.sort(), `round ${round}: ${answers.join(' | ')}`).toEqual(['busy', 'won']);
        await Promise.all(racers.map((r) => r.ask('release')));
        expect(readdirSync(dir), `round ${round}`).toEqual([]);
      }
    }, 90_000);
  }

  it('is released only by the build that holds it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'folio-lock-'));
    const release = lockOutput(dir);
    const lock = path.join(dir, lockName);
    expect(readFileSync(lock, 'utf8')).toMatch(new RegExp(`^${process.pid}\\n`));
    // Another build took the lock over meanwhile (ours was thought dead): it stays.
    writeFileSync(lock, '1\nsomeone-else\n');
    release();
    expect(readFileSync(lock, 'utf8')).toBe('1\nsomeone-else\n');
  });
});

/** The manifest's hashes are those of the files beside it. */
function manifestHolds(outDir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as {
    outputs: Array<{ path: string; sha256: string }>;
  };
  for (const entry of manifest.outputs)
    expect(
      createHash('sha256')
        .update(readFileSync(path.join(outDir, entry.path)))
        .digest('hex'),
      entry.path,
    ).toBe(entry.sha256);
}

const canMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  (() => {
    const probe = mkdtempSync(path.join(tmpdir(), 'folio-mount-probe-'));
    const mounted =
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
    if (mounted) spawnSync('umount', [probe]);
    rmSync(probe, { recursive: true, force: true });
    return mounted;
  })();

describe.skipIf(!canMount)('a full or read-only disk (a 2 MB tmpfs)', () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const mount of mounts) spawnSync('umount', ['-l', mount]);
  });

  function mountSmallDisk(): string {
    const mount = mkdtempSync(path.join(tmpdir(), 'folio-disk-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]).status).toBe(0);
    mounts.push(mount);
    return mount;
  }

  function builtProject(outDir: string): string {
    const dir = documentProject(`## 1 One {#one}\n\nSee [](#one).\n`, {
      formats: ['html', 'epub'],
    });
    const first = runCli(['build', '--out', outDir], dir);
    expect(first.status, first.stderr).toBe(0);
    writeFileSync(path.join(outDir, 'README.md'), 'Not an output.\n');
    writeFileSync(path.join(dir, 'doc.md'), `${frontMatter()}## 1 One {#one}\n\nNew text.\n`);
    return dir;
  }

  it('no space left: exit 2 naming the folder, and the previous set stays whole', () => {
    const mount = mountSmallDisk();
    const outDir = path.join(mount, 'dist');
    const dir = builtProject(outDir);
    const before = fileHashes(outDir);
    // Room for the new HTML, not for the new EPUB as well.
    const html = readFileSync(path.join(outDir, 'doc/doc.html')).byteLength;
    const { bavail, bsize } = statfsSync(mount);
    writeFileSync(path.join(mount, 'filler'), Buffer.alloc(bavail * bsize - html - 16 * 1024));
    const full = runCli(['build', '--out', outDir], dir);
    expect(full.status, full.stderr).toBe(2);
    expect(full.stderr).toMatch(/no space left on the device/);
    expect(full.stderr).toContain(outDir);
    expect(full.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
    expect(fileHashes(outDir)).toEqual(before);
    manifestHolds(outDir);
  }, 60_000);

  it('a read-only output folder: exit 2 naming it, and the previous set stays whole', () => {
    const mount = mountSmallDisk();
    const outDir = path.join(mount, 'dist');
    const dir = builtProject(outDir);
    const before = fileHashes(outDir);
    expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
    const readOnly = runCli(['build', '--out', outDir], dir);
    expect(readOnly.status, readOnly.stderr).toBe(2);
    expect(readOnly.stderr).toMatch(/read-only/);
    expect(readOnly.stderr).toContain(outDir);
    expect(readOnly.stderr).not.toMatch(/internal error/);
    expect(fileHashes(outDir)).toEqual(before);
  }, 60_000);
});

describe('writing the set', () => {
  it('keeps what is not an output and finishes the renames of a build killed while making them', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'folio-out-'));
    writeFileSync(path.join(out, 'README.md'), 'Not an output.\n');
    const output = (name: string, text: string) => ({
      path: `doc/${name}`,
      bytes: Buffer.from(text),
      edition: 'doc',
      format: name.split('.')[1] ?? '',
    });
    writeOutputs(out, [output('doc.html', 'one'), output('doc.epub', 'one')]);
    manifestHolds(out);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('Not an output.\n');
    // A build killed after staging and journalling, before all its renames.
    mkdirSync(path.join(out, '.folio-staging'));
    writeFileSync(path.join(out, '.folio-staging/0'), 'two');
    writeFileSync(
      path.join(out, '.folio-staging/journal.json'),
      JSON.stringify([
        { from: '0', to: 'doc/doc.html' },
        { from: '1', to: 'doc/doc.epub' },
      ]),
    );
    writeFileSync(path.join(out, 'doc/doc.epub'), 'two'); // Renamed already.
    lockOutput(out)();
    expect(readFileSync(path.join(out, 'doc/doc.html'), 'utf8')).toBe('two');
    expect(existsSync(path.join(out, '.folio-staging'))).toBe(false);
  });
});
