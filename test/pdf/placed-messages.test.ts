/**
 * What the print finds is reported where the Markdown caused it: a spot that got no page
 * in the PDF (here a heading the stylesheet hides) is a warning on its file and line,
 * under the rule id it always had, also in a document of several files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import {
  buildInTemp,
  frontMatter,
  makeProject,
  repoRoot,
  singleDocumentConfig,
} from '../helpers/build.ts';

const css = `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
h2.hidden-in-print { display: none; }`;

/** The spots with no page the build reported: file name, line and source. */
function unmeasured(result: BuildResult) {
  return result.files.flatMap((file) =>
    file.messages
      .filter((m) => m.ruleId === 'pdf:unmeasured-anchor')
      .map((m) => ({ file: path.basename(file.path), line: m.line, source: m.source })),
  );
}

it('reports a spot with no page at the line of its Markdown', async () => {
  const markdown = `${frontMatter()}Text.\n\n## 1 Shown\n\nMore text.\n\n## 2 Hidden {.hidden-in-print}\n\nLast text.\n`;
  const line = markdown.split('\n').indexOf('## 2 Hidden {.hidden-in-print}') + 1;
  const dir = makeProject({
    'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }),
    'doc.md': markdown,
    'styles/print.css': css,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  expect(unmeasured(result)).toContainEqual({ file: 'doc.md', line, source: 'folio' });
}, 60_000);

it('finds the file of a document of several files that the spot is in', async () => {
  const second = 'More text.\n\n## 2 Hidden {.hidden-in-print}\n\nLast text.\n';
  const line = second.split('\n').indexOf('## 2 Hidden {.hidden-in-print}') + 1;
  const dir = makeProject({
    'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }).replace(
      'files: [doc.md]',
      'files: [doc.md, more.md]',
    ),
    'doc.md': `${frontMatter()}Text.\n\n## 1 Shown\n\n${'Filler.\n\n'.repeat(8)}`,
    'more.md': second,
    'styles/print.css': css,
  });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  expect(unmeasured(result)).toContainEqual({ file: 'more.md', line, source: 'folio' });
}, 60_000);
