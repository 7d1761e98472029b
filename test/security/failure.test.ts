/**
 * Failure is safe: a build that fails, is interrupted or loses its browser leaves the
 * previous good edition and manifest as they were, no temporary files and no browser
 * process; two builds cannot write into one folder at once; nothing in the project is
 * ever written to.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendants } from '../../src/bench/memory.ts';
import {
  documentProject,
  folioArgs,
  frontMatter,
  makeProject,
  repoRoot,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        files[path.relative(dir, full)] = createHash('sha256')
          .update(readFileSync(full))
          .digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** Browser processes started, directly or not, by process `root`. */
function browsersUnder(root: number): number[] {
  return descendants(root)
    .filter((row) => /chrom/i.test(row.name))
    .map((row) => row.pid);
}

/** Running, not exited: a zombie left to an init that does not reap it has exited. */
const alive = (pid: number) => {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], {
    encoding: 'utf8',
  }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
};

function goodProject(formats = ['html']): string {
  return documentProject(`## 1 One {#one}\n\nSee [](#one).\n`, { formats });
}

describe('failure is safe', () => {
  it('a build that fails in rendering leaves the previous edition and manifest untouched, with no stray files', () => {
    const dir = goodProject();
    expect(runCli(['build'], dir).status).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    expect(Object.keys(before).sort()).toEqual(['doc/doc.html', 'manifest.json']);
    // The check passes and the HTML renders, with new text: only the PDF fails, on a font
    // its stylesheet names but the project lacks, after the output folder was locked.
    writeFileSync(
      path.join(dir, 'folio.config.yaml'),
      singleDocumentConfig({ formats: ['html', 'pdf'] }),
    );
    writeFileSync(path.join(dir, 'doc.md'), `${frontMatter()}## 1 One {#one}\n\nNew text.\n`);
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(
      path.join(dir, 'styles/print.css'),
      `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
@font-face { font-family: House; src: url("../fonts/house.woff2") format("woff2"); }
body { font-family: House, serif; }`,
    );
    expect(runCli(['check'], dir).status).toBe(0);
    const failed = runCli(['build'], dir);
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/render:missing-resource/);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
  }, 60_000);

  it('a build that fails at check leaves the previous edition untouched', () => {
    const dir = goodProject();
    expect(runCli(['build'], dir).status).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'doc.md'), `${frontMatter()}## 1 One {#one}\n\nSee [](#two).\n`);
    expect(runCli(['build'], dir).status).toBe(1);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('never writes into the project: manuscripts and config are left as they were', () => {
    const dir = goodProject();
    const before = snapshot(dir);
    expect(runCli(['build'], dir).status).toBe(0);
    const after = Object.fromEntries(
      Object.entries(snapshot(dir)).filter(([name]) => !name.startsWith('dist/')),
    );
    expect(after).toEqual(before);
  });

  it('refuses to build into a folder another running build holds, and takes over a stale lock', () => {
    const dir = goodProject();
    const lock = path.join(dir, 'dist', '.folio-build.lock');
    execFileSync('mkdir', ['-p', path.join(dir, 'dist')]);
    writeFileSync(lock, `${process.pid}\n`);
    const busy = runCli(['build'], dir);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain(`Another Folio build (process ${process.pid})`);
    writeFileSync(lock, '999999\n');
    expect(runCli(['build'], dir).status).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('says how to get a browser when there is none (exit 3)', () => {
    const dir = goodProject(['pdf']);
    const result = spawnSync(process.execPath, folioArgs('build'), {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/apt-get install chromium/);
    expect(existsSync(path.join(dir, 'dist', 'doc'))).toBe(false);
  });

  it('reports a browser that crashes at start (exit 3)', () => {
    const dir = goodProject(['pdf']);
    const fake = path.join(dir, 'fake-chromium.sh');
    writeFileSync(fake, '#!/bin/sh\necho "simulated crash" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const result = spawnSync(process.execPath, folioArgs('build'), {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: fake },
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/failed to start/);
  });

  it('ends a print that does not finish within the render timeout, and reaps the browser', async () => {
    // Thousands of pages: far more than a one-second budget allows.
    const paragraph =
      'A long paragraph of text that fills the page and keeps the printer busy. '.repeat(12);
    const dir = makeProject({
      'folio.config.yaml': `${singleDocumentConfig({ formats: ['pdf'] })}renderTimeout: 1\n`,
      'doc.md': `${frontMatter()}${Array.from({ length: 6000 }, () => paragraph).join('\n\n')}\n`,
    });
    const started = Date.now();
    const child = spawn(process.execPath, folioArgs('build'), { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const seen = new Set<number>();
    const watch = setInterval(() => {
      for (const pid of browsersUnder(child.pid ?? 0)) seen.add(pid);
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(watch);
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(/did not finish loading or printing within 1 s/);
    // Ended by the budget (the message above), before Puppeteer's own 180 s would have: the
    // build's parsing and the browser's start take the rest, long on a loaded machine.
    expect(Date.now() - started).toBeLessThan(180_000);
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen].filter(alive)).toEqual([]);
  }, 240_000);

  it('on Ctrl-C closes the browser, leaves the previous edition and no temporary files (exit 130)', async () => {
    const dir = goodProject();
    expect(runCli(['build'], dir).status).toBe(0);
    const before = snapshot(path.join(dir, 'dist'));
    expect(Object.keys(before).sort()).toEqual(['doc/doc.html', 'manifest.json']);
    // A new text, long enough to be interrupted mid-print, and a PDF beside the HTML.
    const paragraph = 'A paragraph of text that fills the page and keeps the printer busy. '.repeat(
      10,
    );
    writeFileSync(
      path.join(dir, 'folio.config.yaml'),
      singleDocumentConfig({ formats: ['html', 'pdf'] }),
    );
    writeFileSync(
      path.join(dir, 'doc.md'),
      `${frontMatter()}## 1 One {#one}\n\n${Array.from({ length: 200 }, () => paragraph).join('\n\n')}\n`,
    );
    const temp = mkdtempSync(path.join(tmpdir(), 'folio-tmpdir-'));
    const child = spawn(process.execPath, folioArgs('build'), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: temp },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    // Interrupt once the browser is printing.
    const deadline = Date.now() + 30_000;
    let browsers: number[] = [];
    while (browsers.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      browsers = browsersUnder(child.pid ?? 0);
    }
    expect(browsers.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 800));
    for (const pid of browsersUnder(child.pid ?? 0)) browsers.push(pid);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    // tsx, which runs Folio's TypeScript here, keeps its cache there: not Folio's to remove.
    expect(readdirSync(temp).filter((name) => !/^tsx-\d+$/.test(name))).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(browsers.filter(alive)).toEqual([]);
  }, 300_000);
});
