/**
 * What the print finds is reported where the Markdown caused it: a spot that got no page
 * in the PDF (here a heading the stylesheet hides) is a warning on its file and line,
 * under the rule id it always had.
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

it('reports a spot with no page at the line of its Markdown', async () => {
  const css = `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
h2.hidden-in-print { display: none; }`;
  const markdown = `${frontMatter()}Text.\n\n## 1 Shown\n\nMore text.\n\n## 2 Hidden {.hidden-in-print}\n\nLast text.\n`;
  const line = markdown.split('\n').indexOf('## 2 Hidden {.hidden-in-print}') + 1;
  const dir = makeProject({
    'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }),
    'doc.md': markdown,
    'styles/print.css': css,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  const unmeasured = result.files.flatMap((file) =>
    file.messages
      .filter((m) => m.ruleId === 'pdf:unmeasured-anchor')
      .map((m) => ({ file: path.basename(file.path), line: m.line, source: m.source })),
  );
  expect(unmeasured).toContainEqual({ file: 'doc.md', line, source: 'folio' });
}, 60_000);
