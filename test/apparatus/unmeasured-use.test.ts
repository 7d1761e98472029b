/**
 * No silent gap: a use whose page the print cannot measure (here a second index mark the
 * stylesheet hides) is a warning at its Markdown line, and the build says that its index
 * prints fewer page numbers than it has uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import {
  buildInTemp,
  frontMatter,
  makeProject,
  repoRoot,
  singleDocumentConfig,
} from '../helpers/build.ts';

it('warns at the place of a use with no page, and counts the numbers not printed', async () => {
  const markdown = `${frontMatter()}## 1 Uses\n\nFirst :index[alpha] here.\n\nSecond :index[alpha] there.\n`;
  const line = markdown.split('\n').indexOf('Second :index[alpha] there.') + 1;
  const css = `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
#doc--ix-2 { display: none; }`;
  const dir = makeProject({
    'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }),
    'doc.md': markdown,
    'styles/print.css': css,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  const messages = result.files.flatMap((file) =>
    file.messages
      .filter((m) => m.ruleId === 'pdf:unmeasured-anchor')
      .map((m) => ({ file: path.basename(file.path), line: m.line, reason: m.reason })),
  );
  expect(messages).toContainEqual(
    expect.objectContaining({ file: 'doc.md', line, reason: expect.stringContaining('doc--ix-2') }),
  );
  expect(messages).toContainEqual(
    expect.objectContaining({
      file: 'folio.config.yaml',
      reason: expect.stringContaining('1 of the 2 uses of index marks and glossary terms'),
    }),
  );
}, 60_000);
