/**
 * Print options: US Letter paper, and a page-number loop that may not settle within its
 * pass budget stops with a warning that names what kept moving, and still writes a tagged,
 * correct-as-possible PDF.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, frontMatter, makeProject, singleDocumentConfig } from '../helpers/build.ts';

const doc = `${frontMatter()}## 1 One {#one}\n\nSee [](#two).\n\n## 2 Two {#two}\n\nBack to [](#one).\n`;

async function build(config: string) {
  const dir = makeProject({ 'folio.config.yaml': config, 'doc.md': doc });
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  return { result, file: path.join(result.outDir, 'doc', 'doc.pdf') };
}

describe('print options', () => {
  it('prints on US Letter when the edition asks for it', async () => {
    const { result, file } = await build(
      singleDocumentConfig({ formats: ['pdf'], edition: ['    paper: letter'] }),
    );
    expect(result.written).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792 pts \(letter\)/,
    );
  }, 60_000);

  it('stops a loop that has not settled within its budget, with a warning naming what moved', async () => {
    const { result, file } = await build(
      `${singleDocumentConfig({ formats: ['pdf'] })}maxPrintPasses: 1\n`,
    );
    const warnings = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'pdf:unsettled-pages').map((m) => m.reason),
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /did not settle after 1 passes \(still moving: page numbers of doc--title, .*doc--/,
      ),
    ]);
    expect(result.written).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  }, 60_000);
});
