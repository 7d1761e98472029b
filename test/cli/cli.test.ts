/**
 * The command line as a user meets it: exit codes, located messages, and no output
 * written when a build fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  documentProject,
  folioArgs,
  frontMatter,
  makeProject,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';

describe('folio CLI', () => {
  it('stops quietly when its reader closes the pipe (`folio --help | true`)', () => {
    // `true` reads nothing and exits before Folio has started: Folio's write gets EPIPE.
    const folio = [process.execPath, ...folioArgs('--help')].map((a) => `'${a}'`).join(' ');
    const errors = path.join(makeProject({}), 'stderr.txt');
    const result = spawnSync(
      'bash',
      ['-c', `${folio} 2>"$ERRORS" | true; echo "status:\${PIPESTATUS[0]}"`],
      { encoding: 'utf8', env: { ...process.env, ERRORS: errors } },
    );
    expect(result.stdout.trim()).toBe('status:0');
    expect(readFileSync(errors, 'utf8')).toBe('');
  });

  it('builds an HTML edition and a manifest with sha256 and sizes', () => {
    const dir = documentProject(`## 1 One {#one}\n\nSee [](#one).\n`);
    const result = runCli(['build'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8'));
    expect(manifest.outputs).toEqual([
      {
        edition: 'doc',
        format: 'html',
        path: 'doc/doc.html',
        size: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const html = readFileSync(path.join(dir, 'dist/doc/doc.html'), 'utf8');
    expect(html).toContain(
      '<a href="#doc--one" class="xref" data-ref="doc--one">Section 1, One</a>',
    );
  });

  it('exits 1 with file:line:col and the rule id on an unknown label, writing nothing', () => {
    const dir = documentProject(`## 1 One {#one}\n\nSee [](#onee).\n`);
    const result = runCli(['build'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /doc\.md\n\s*11:5-11:14\s+error\s+Unknown cross-reference label `onee` \(did you mean `one`\?\)\s+crossref:unknown-label/,
    );
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('exits 2 with the key’s place on a config error', () => {
    const dir = makeProject({
      'folio.config.yaml': `${singleDocumentConfig()}colour: red\n`,
      'doc.md': `${frontMatter()}Text.\n`,
    });
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /folio\.config\.yaml\n\s*9:1\s+error\s+Unknown key `colour`.*config:unknown-key/,
    );
  });

  it('exits 2 on an unknown edition or option', () => {
    const dir = documentProject(`Text.\n`);
    expect(runCli(['build', 'nope'], dir)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Unknown edition `nope`'),
    });
    expect(runCli(['build', '--bogus'], dir).status).toBe(2);
  });

  it('keeps warnings non-fatal unless --strict', () => {
    const glossary =
      '- term: digital divide\n  definition: A gap.\n- term: unused thing\n  definition: Never used.\n';
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig({ glossary: true }),
      'glossary.yaml': glossary,
      'doc.md': `${frontMatter()}The digital divide.\n`,
    });
    const lenient = runCli(['check'], dir);
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toMatch(
      /warning\s+Glossary term `unused thing` is never used.*glossary:unused-term/,
    );
    expect(runCli(['check', '--strict'], dir).status).toBe(1);
  });

  it('documents the exit codes in --help', () => {
    const result = runCli(['--help'], process.cwd());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:[\s\S]*3\s+missing environment/);
  });
});
