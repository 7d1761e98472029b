/**
 * What a new user meets first: `folio --version`, `folio init` (a project that checks
 * clean at once, never written over an existing file), a manuscript of plain Markdown with
 * no front matter, and `folio preview` on a port that is taken.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  documentProject,
  folioArgs,
  frontMatter,
  makeProject,
  repoRoot,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';

const newFolder = () => mkdtempSync(path.join(tmpdir(), 'folio-init-'));

describe('a new project', () => {
  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const result = runCli(['--version'], process.cwd());
    expect(result).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it('folio init writes a project that checks without a message', () => {
    const dir = newFolder();
    const init = runCli(['init', 'book'], dir);
    expect(init.status).toBe(0);
    const project = path.join(dir, 'book');
    expect(readdirSync(project, { recursive: true }).map(String).sort()).toEqual([
      'chapters',
      path.join('chapters', '01-getting-started.md'),
      'folio.config.yaml',
      'glossary.yaml',
      'styles',
      path.join('styles', 'print.css'),
    ]);
    const chapter = readFileSync(path.join(project, 'chapters/01-getting-started.md'), 'utf8');
    expect(chapter).toMatch(/:index\[/);
    expect(chapter).toMatch(/\[\]\(#getting-started\)/);
    expect(readFileSync(path.join(project, 'styles/print.css'), 'utf8')).toMatch(
      /^\/\*[\s\S]*replaces Folio's stylesheet of the/,
    );
    const check = runCli(['check'], project);
    expect(check).toMatchObject({ status: 0, stderr: '' });
  });

  it('folio init refuses an existing file with exit 2, naming it, and writes nothing', () => {
    const dir = newFolder();
    writeFileSync(path.join(dir, 'glossary.yaml'), '# mine\n');
    const result = runCli(['init'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('glossary.yaml');
    expect(result.stderr).toContain('never overwrites');
    expect(readdirSync(dir)).toEqual(['glossary.yaml']);
    expect(readFileSync(path.join(dir, 'glossary.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('builds plain Markdown without front matter: title from the first heading, language from the config', () => {
    const config = singleDocumentConfig().replace(
      'title: Test project',
      'title: Test project\nlanguage: de',
    );
    const dir = makeProject({
      'folio.config.yaml': config,
      'doc.md': '# Ein Handbuch {#top}\n\nText.\n',
    });
    const result = runCli(['build'], dir);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    const html = readFileSync(path.join(dir, 'dist/doc/doc.html'), 'utf8');
    expect(html).toMatch(/<article[^>]* lang="de"/);
    expect(html).toMatch(/<h1[^>]*>Ein Handbuch<\/h1>/);
    expect(html).not.toContain('Source:');
    expect(html).not.toContain('undefined');
  });

  it('takes a document title from the config before the first heading', () => {
    const config = singleDocumentConfig().replace(
      '    files: [doc.md]',
      '    files: [doc.md]\n    title: From the config',
    );
    const dir = makeProject({ 'folio.config.yaml': config, 'doc.md': '## A heading\n\nText.\n' });
    expect(runCli(['build'], dir)).toMatchObject({ status: 0, stderr: '' });
    const html = readFileSync(path.join(dir, 'dist/doc/doc.html'), 'utf8');
    expect(html).toMatch(/<h1[^>]*>From the config<\/h1>/);
  });

  it('accepts front matter without date and source, and says which key is missing otherwise', () => {
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig(),
      'doc.md': '---\ntitle: Short\n---\n\nText.\n',
    });
    expect(runCli(['check'], dir)).toMatchObject({ status: 0, stderr: '' });
    const untitled = makeProject({
      'folio.config.yaml': singleDocumentConfig(),
      'doc.md': 'Text without a heading.\n',
    });
    const result = runCli(['check'], untitled);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/1:1\s+error\s+Missing document `title`.*front-matter:missing/);
  });

  it('suggests the key meant for a mistyped one', () => {
    const dir = makeProject({
      'folio.config.yaml': `${singleDocumentConfig()}langauge: en\n`,
      'doc.md': `${frontMatter()}Text.\n`,
    });
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /9:1\s+error\s+Unknown key `langauge` \(did you mean `language`\?\): expected one of/,
    );
  });

  it('folio preview on a busy port is a usage error naming the port and --port', async () => {
    const dir = documentProject(`Text.\n`);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const child = spawn(process.execPath, folioArgs('preview', '--port', String(port)), {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
      });
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(status).toBe(2);
      expect(stderr).toContain(`Port ${port}`);
      expect(stderr).toContain('--port');
      expect(stderr).not.toContain('EADDRINUSE');
    } finally {
      taken.close();
    }
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
