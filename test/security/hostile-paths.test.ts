/**
 * A hostile project (issue 17, "Files outside the project, and code that runs"): every
 * path a manuscript, a glossary, an annotation or the config names is decided once, on
 * its real path, and nothing outside the project reaches an edition.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { h } from 'hastscript';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { packageImages } from '../../src/render/epub/images.ts';
import { frontMatter, makeProject, runCli, singleDocumentConfig } from '../helpers/build.ts';

function outsideFile(name: string, content: string): string {
  const outside = mkdtempSync(path.join(tmpdir(), 'folio-outside-'));
  const file = path.join(outside, name);
  writeFileSync(file, content);
  return file;
}

describe('images are decided once, on their real path', () => {
  it('refuses a reference-style image that is a symlink out, and an absolute one', () => {
    const secret = outsideFile('secret.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const dir = makeProject({
      'folio.config.yaml': singleDocumentConfig(),
      'doc.md': `${frontMatter()}![f][f]\n\n![g][g]\n\n[f]: fig.svg\n[g]: ${secret}\n`,
    });
    symlinkSync(secret, path.join(dir, 'fig.svg'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /9:1-9:8\s+error\s+Image `fig.svg` is outside.*image:outside-project/,
    );
    expect(result.stderr).toMatch(/11:1-11:8\s+error\s+Image .* is outside.*image:outside-project/);
  });

  it('packages into an EPUB only the real path decided earlier, never one taken from src', () => {
    const existing = outsideFile('x.png', 'png');
    const file = new VFile({ path: 'doc.md' });
    const img = h('img', { src: existing, alt: '' });
    expect(packageImages([{ file: 'doc.xhtml', content: [img] }], file)).toEqual([]);
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([
      ['epub:image-unreadable', true],
    ]);
  });
});

describe('the config names only files of the project', () => {
  it('refuses manuscripts, a glossary and annotations outside it, at their keys', () => {
    const outsideMd = outsideFile('outside.md', `${frontMatter()}Secret.\n`);
    const outsideYaml = outsideFile('glossary.yaml', '- term: x\n  definition: y\n');
    const dir = makeProject({
      'folio.config.yaml': [
        'title: Test project',
        'documents:',
        '  - id: doc',
        `    files: [doc.md, ../${path.basename(path.dirname(outsideMd))}/outside.md, ${outsideMd}, link.md]`,
        'glossary: glossary.yaml',
        `annotations: [${outsideYaml}]`,
        'editions:',
        '  - id: doc',
        '    documents: [doc]',
        '',
      ].join('\n'),
      'doc.md': `${frontMatter()}Text.\n`,
    });
    symlinkSync(outsideMd, path.join(dir, 'link.md'));
    symlinkSync(outsideYaml, path.join(dir, 'glossary.yaml'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(2);
    const refused = result.stderr.match(/config:outside-project/g) ?? [];
    expect(refused).toHaveLength(5);
    expect(result.stderr).toMatch(
      /4:21\s+error\s+The manuscript file `\.\.\/.*config:outside-project/,
    );
    expect(result.stderr).toMatch(/5:11\s+error\s+The glossary file .*config:outside-project/);
    expect(result.stderr).toMatch(/6:15\s+error\s+The annotation file .*config:outside-project/);
    expect(result.stdout + result.stderr).not.toContain('Secret');
  });
});
