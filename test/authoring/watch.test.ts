/**
 * `folio build --watch` rebuilds only the editions a change affects, keeps running
 * through errors, and reports every rebuild.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { affectedEditions } from '../../src/watch/affected-editions.ts';
import { folioArgs, frontMatter, makeProject } from '../helpers/build.ts';

const config = `title: Two documents
documents:
  - id: a
    files: [a.md]
  - id: b
    files: [b.md]
editions:
  - id: only-a
    documents: [a]
    formats: [html]
  - id: only-b
    documents: [b]
    formats: [html]
  - id: both
    documents: [a, b]
    formats: [html]
`;

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGINT');
  child = undefined;
});

function project(): string {
  return makeProject({
    'folio.config.yaml': config,
    'a.md': `${frontMatter('a')}Alpha.\n`,
    'b.md': `${frontMatter('b')}Beta.\n`,
  });
}

describe('folio build --watch', () => {
  it('knows which editions a change affects', () => {
    const dir = project();
    const { config: loaded } = loadConfig(path.join(dir, 'folio.config.yaml'));
    expect(affectedEditions(loaded, dir, [path.join(dir, 'a.md')])).toEqual(['only-a', 'both']);
    expect(affectedEditions(loaded, dir, [path.join(dir, 'b.md')])).toEqual(['only-b', 'both']);
    expect(affectedEditions(loaded, dir, [path.join(dir, 'folio.config.yaml')])).toEqual([
      'only-a',
      'only-b',
      'both',
    ]);
  });

  it('rebuilds what a change affects and keeps running through errors', async () => {
    const dir = project();
    child = spawn(process.execPath, folioArgs('build', '--watch'), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout?.on('data', (c) => {
      output += String(c);
    });
    child.stderr?.on('data', (c) => {
      output += String(c);
    });
    const waitFor = async (pattern: RegExp, from: number) => {
      const deadline = Date.now() + 20_000;
      while (!pattern.test(output.slice(from)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(output.slice(from)).toMatch(pattern);
      return output.length;
    };
    let mark = await waitFor(/built all editions[\s\S]*watching/, 0);
    writeFileSync(path.join(dir, 'a.md'), `${frontMatter('a')}Alpha, changed.\n`);
    mark = await waitFor(/built only-a, both in [\d.]+ s/, mark);
    expect(readFileSync(path.join(dir, 'dist/only-a/only-a.html'), 'utf8')).toContain(
      'Alpha, changed.',
    );
    writeFileSync(path.join(dir, 'b.md'), `${frontMatter('b')}Beta, see [](#nowhere).\n`);
    mark = await waitFor(
      /Unknown cross-reference label `nowhere`[\s\S]*only-b, both not rebuilt/,
      mark,
    );
    writeFileSync(path.join(dir, 'b.md'), `${frontMatter('b')}Beta, fixed.\n`);
    await waitFor(/built only-b, both in/, mark);
    expect(child.exitCode).toBeNull();
  }, 60_000);
});
