/**
 * Folio finds its browser without downloading one: PUPPETEER_EXECUTABLE_PATH, then the
 * system locations, then PATH; with none, exit 3 and the Debian package to install.
 */

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentFailure, ExitCode } from '../../src/failures.ts';
import { resolveBrowserExecutable } from '../../src/render/browser-executable.ts';
import { documentProject, folioArgs } from '../helpers/build.ts';

function fakeBrowser(name: string): { folder: string; file: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'folio-browser-'));
  const file = path.join(folder, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return { folder, file };
}

describe('browser executable', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH first', () => {
    const { file } = fakeBrowser('my-chrome');
    expect(
      resolveBrowserExecutable({ env: { PUPPETEER_EXECUTABLE_PATH: file }, candidates: [] }),
    ).toBe(file);
  });

  it('then a system location, then a browser on PATH', () => {
    const system = fakeBrowser('chromium');
    const onPath = fakeBrowser('google-chrome');
    expect(
      resolveBrowserExecutable({ env: { PATH: onPath.folder }, candidates: [system.file] }),
    ).toBe(system.file);
    expect(resolveBrowserExecutable({ env: { PATH: onPath.folder }, candidates: [] })).toBe(
      onPath.file,
    );
  });

  it('without one, fails with exit 3 naming apt-get install chromium', () => {
    const attempt = () => resolveBrowserExecutable({ env: { PATH: '' }, candidates: [] });
    expect(attempt).toThrow(EnvironmentFailure);
    expect(attempt).toThrow(/apt-get install chromium/);
    expect(() =>
      resolveBrowserExecutable({ env: { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome' } }),
    ).toThrow(/PUPPETEER_EXECUTABLE_PATH points to `\/nowhere\/chrome`/);
  });

  it('a PDF build with a missing browser exits 3', () => {
    const dir = documentProject(`Text.\n`, { formats: ['pdf'] });
    const result = spawnSync(process.execPath, folioArgs('build'), {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome' },
    });
    expect(result.status).toBe(ExitCode.environment);
    expect(result.stderr).toContain('apt-get install chromium');
  });
});
