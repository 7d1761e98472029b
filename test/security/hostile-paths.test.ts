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
