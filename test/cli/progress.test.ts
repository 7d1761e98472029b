/**
 * The build's progress spinner: drawn on a terminal, and not at all on one that reports no
 * width (a pseudo-terminal opened without a size), where ora would clear lines without end
 * and the build would never go on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/progress.ts';
import { documentProject, folioArgs } from '../helpers/build.ts';

/** A terminal stream of `columns` columns that keeps what is written to it. */
function terminal(columns: number) {
  const written: string[] = [];
  const record = () => {
    written.push('(cursor)');
    return true;
  };
  const stream = {
    isTTY: true,
    columns,
    write: (chunk: string) => {
      written.push(String(chunk));
      return true;
    },
    clearLine: record,
    cursorTo: record,
    moveCursor: record,
    on: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('progress', () => {
  let ci: string | undefined;
  beforeEach(() => {
    ci = process.env.CI;
    delete process.env.CI;
  });
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('draws a spinner on a terminal 80 columns wide', async () => {
    const { stream, written } = terminal(80);
    const progress = createProgress(stream);
    progress.update('book: pdf pass 1');
    // The text is drawn with the spinner's next frame.
    await new Promise((resolve) => setTimeout(resolve, 200));
    progress.stop();
    expect(written.join('')).toContain('book: pdf pass 1');
  });

  it('lets a build end on a terminal that reports no width', () => {
    // `script` gives the build a pseudo-terminal without a size: 0 columns. Before the
    // fix the spinner cleared lines without end and the build never ended (a child
    // process with a time limit, so that such a hang fails the test instead of the run).
    const dir = documentProject('## 1 One {#one}\n\nSee [](#one).\n');
    const folio = [process.execPath, ...folioArgs('build')].map((a) => `'${a}'`).join(' ');
    const { CI: _ci, ...environment } = process.env;
    const result = spawnSync('script', ['-qec', folio, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 90_000,
      killSignal: 'SIGKILL',
      env: { ...environment, TERM: 'xterm' },
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(existsSync(path.join(dir, 'dist/manifest.json'))).toBe(true);
  }, 120_000);
});
