/**
 * Folio as a user installs it: `npm pack`, then the tarball installed into an empty folder
 * with no environment variables but PATH and HOME (so no PUPPETEER_* help, no dev
 * dependencies, no network but the registry). The installed `folio` writes a project with
 * `init` and builds it: a PDF, an EPUB that passes EPUBCheck and an HTML edition. The same
 * install stands for one with `--omit=dev`: npm counts none of its packages as dev (so
 * `--omit=dev` would install the same tree, as a second install showed; a package's own
 * devDependencies are never installed with it), and `folio --help` runs with no tsx and no
 * puppeteer. One pack and one install (about a minute each) serve every test.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/build.ts';
import { checkEpubFile } from '../helpers/epubcheck/epubcheck.ts';

// What a user's shell has; nothing of this test run's own environment.
const userEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env: userEnv, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function npmInstall(tarball: string, extra: string[] = []): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-user-'));
  const result = run('npm', ['install', '--no-audit', '--no-fund', ...extra, tarball], folder);
  expect(result.stderr).not.toMatch(/npm error/);
  expect(result.status).toBe(0);
  return folder;
}

let tarball = '';
let packed: string[] = [];
let installed = '';
/** The `folio` command of the install. */
const folio = () => path.join(installed, 'node_modules/.bin/folio');

beforeAll(() => {
  const destination = mkdtempSync(path.join(tmpdir(), 'folio-pack-'));
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(json) as [{ filename: string; files: { path: string }[] }];
  tarball = path.join(destination, info.filename);
  packed = info.files.map((f) => f.path);
}, 180_000);

describe('the packed package', () => {
  it('holds the compiled command, templates and styles, and no tests or outputs', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/folio.js',
        'lib/cli.js',
        'lib/index.js',
        'lib/index.d.ts',
        'lib/init/template/folio.config.yaml',
        'lib/render/pdf/line-end-hyphens.browser.js',
        'templates/edition.html',
        'styles/print.css',
      ]),
    );
    const unwanted = packed.filter((p) =>
      /^(test|dist|manuscript|src|node_modules)\/|\.test\.|^\.|^folio\.config\.yaml$/.test(p),
    );
    expect(unwanted).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.dependencies.puppeteer).toBeUndefined();
    expect(manifest.scripts.postinstall).toBeUndefined();
  });

  it('installs into an empty folder, then init and build make a PDF, a valid EPUB and HTML', () => {
    installed = npmInstall(tarball);
    const folder = installed;
    const version = run(folio(), ['--version'], folder);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version,
    );
    const project = path.join(folder, 'my-book');
    mkdirSync(project);
    expect(run(folio(), ['init'], project).status).toBe(0);
    const build = run(folio(), ['build'], project);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const out = path.join(project, 'dist/book');
    for (const name of ['book.pdf', 'book.epub', 'book.html'])
      expect(statSync(path.join(out, name)).size).toBeGreaterThan(1000);
    expect(readFileSync(path.join(out, 'book.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const check = checkEpubFile(path.join(out, 'book.epub'), path.join(folder, 'epubcheck.json'));
    expect(check.messages).toEqual([]);
    expect(check).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  }, 240_000);

  it('installs the same with --omit=dev, and runs folio --help', () => {
    // Installed by the test above, or here when it runs alone.
    installed ||= npmInstall(tarball);
    const tree = (...extra: string[]) => {
      const list = run('npm', ['ls', '--all', '--parseable', ...extra], installed);
      expect(list.stderr).not.toMatch(/npm error/);
      return list.stdout.split('\n').filter(Boolean).sort();
    };
    const all = tree();
    expect(all.length).toBeGreaterThan(100);
    expect(tree('--omit=dev')).toEqual(all);
    const help = run(folio(), ['--help'], installed);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: folio[\s\S]*init[\s\S]*build/);
    expect(existsSync(path.join(installed, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(path.join(installed, 'node_modules/puppeteer'))).toBe(false);
  }, 240_000);
});
