/**
 * The archive and its provenance trust nothing in the project: reading the project's git
 * state runs none of the programs its `.git/config` names (fsmonitor, filters) and writes
 * nothing into its repository; no zip entry name can leave `sources/`; symlinked folders in
 * styles/ are not followed out of the project, and a symlink loop is a located error.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { gitState } from '../../src/render/archive/provenance.ts';
import { reproducibleZip } from '../../src/render/reproducible-zip.ts';
import { frontMatter, makeProject, runCli, singleDocumentConfig } from '../helpers/build.ts';
import { fileHashes } from './file-hashes.ts';

describe('provenance', () => {
  it('runs none of the programs the repository configures, and writes nothing into it', () => {
    const dir = makeProject({ 'doc.md': 'Text.\n', '.gitattributes': '*.md filter=evil\n' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', ...args], { cwd: dir });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'first');
    const ran = path.join(dir, 'ran');
    git('config', 'core.fsmonitor', `touch ${ran}-fsmonitor; false`);
    git('config', 'filter.evil.clean', `touch ${ran}-filter; cat`);
    git('config', 'core.pager', `touch ${ran}-pager; cat`);
    // A changed file, so that git would look at its content (through the filter).
    writeFileSync(path.join(dir, 'doc.md'), 'Changed.\n');
    const before = fileHashes(path.join(dir, '.git'));
    const state = gitState(dir, ['doc.md']);
    expect(state?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(state?.modified).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('ran'))).toEqual([]);
    expect(fileHashes(path.join(dir, '.git'))).toEqual(before);
  });
});

describe('archive entries', () => {
  it('never carry a name that leaves the folder they are extracted into', () => {
    for (const name of [
      'sources/../../outside/x.md',
      '../x',
      '/etc/x',
      'a/./b',
      'a\\..\\b',
      'a//b',
    ])
      expect(
        () => reproducibleZip([{ path: name, bytes: new Uint8Array() }], new Date(0)),
        name,
      ).toThrow(/Unsafe zip entry name/);
  });

  function archivedProject(
    files: Record<string, string>,
    config = singleDocumentConfig({ edition: ['    archive: true'] }),
  ) {
    return makeProject({
      'folio.config.yaml': config,
      'doc.md': `${frontMatter()}Text.\n`,
      'styles/html.css': 'body { color: black; }\n',
      ...files,
    });
  }

  async function entries(dir: string): Promise<string[]> {
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'dist/doc/doc-archive.zip')));
    return Object.keys(zip.files).sort();
  }

  it('hold the sources of a project that archives normally', async () => {
    const dir = archivedProject({});
    const built = runCli(['build'], dir);
    expect(built.status, built.stderr).toBe(0);
    expect(await entries(dir)).toEqual([
      'manifest.json',
      'outputs/doc.html',
      'sources/doc.md',
      'sources/folio.config.yaml',
      'sources/styles/html.css',
    ]);
  });

  it('hold the stylesheets the config names, also outside styles/', async () => {
    const dir = archivedProject(
      { 'css/house.css': 'h2 { color: navy; }\n' },
      `${singleDocumentConfig({ edition: ['    archive: true'] })}stylesheets: [css/house.css]\n`,
    );
    const built = runCli(['build'], dir);
    expect(built.status, built.stderr).toBe(0);
    expect(await entries(dir)).toContain('sources/css/house.css');
  });

  it('a source outside the project is refused with a located error, not archived as sources/../…', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'folio-outside-'));
    writeFileSync(path.join(outside, 'extra.css'), 'secret {}\n');
    const dir = archivedProject({});
    symlinkSync(outside, path.join(dir, 'styles/linked'));
    const built = runCli(['build'], dir);
    expect(built.status, built.stderr).toBe(1);
    expect(built.stderr).toMatch(
      /styles\/linked.*leads out of the project.*archive:outside-project/s,
    );
    expect(existsSync(path.join(dir, 'dist/doc/doc-archive.zip'))).toBe(false);

    // A manuscript the config names by a parent path: refused (by the config's own checks
    // or by the archive), never stored as `sources/../…`.
    writeFileSync(path.join(outside, 'doc.md'), `${frontMatter()}Outside.\n`);
    const relative = path.relative(dir, path.join(outside, 'doc.md'));
    const parent = archivedProject(
      {},
      singleDocumentConfig({ edition: ['    archive: true'] }).replace('[doc.md]', `[${relative}]`),
    );
    const refused = runCli(['build'], parent);
    expect([1, 2], refused.stderr).toContain(refused.status);
    expect(refused.stderr).not.toMatch(/internal error/);
    expect(existsSync(path.join(parent, 'dist/doc/doc-archive.zip'))).toBe(false);
  });

  it('a symlink loop in styles/ is a located error, not a crash', () => {
    const dir = archivedProject({});
    symlinkSync('..', path.join(dir, 'styles/up'));
    symlinkSync('self', path.join(dir, 'styles/self'));
    mkdirSync(path.join(dir, 'styles/fonts'));
    const built = runCli(['build'], dir);
    expect(built.status, built.stderr).toBe(1);
    expect(built.stderr).toMatch(/styles\/self.*symlink loop/);
    expect(built.stderr).not.toMatch(/internal error/);
  });
});
