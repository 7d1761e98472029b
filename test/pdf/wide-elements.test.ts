/**
 * An element wider than the page area is cut off by Chromium's print, or makes it shrink
 * every page to fit (overflow.ts): the build warns at the element, `pdf:wider-than-page`,
 * found in a cold build's measuring pass, laid out in columns (page-columns.ts), and in a
 * rebuild's first pass, which prints from the kept estimate (the page held at its area).
 * Editions with nothing too wide get no such warning (the pagination test finds no PDF
 * warning at all in the repository's editions and a 40-page synthetic pack).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, buildEditions } from '../../src/pipeline/pipeline.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { buildInTemp, documentProject } from '../helpers/build.ts';

// A project stylesheet that keeps code from wrapping, and a code line longer than the page.
const line = Array.from({ length: 12 }, (_, i) => `telecommunications_${i}`).join('.');
const body = `## Wide {#wide}\n\nA paragraph before the code.\n\n\`\`\`text\n${line}\n\`\`\`\n\nA paragraph after it.\n`;
const css = 'pre, pre code { white-space: pre !important; overflow-wrap: normal !important; }\n';

let result: BuildResult;
let rebuilt: BuildResult;
beforeAll(async () => {
  const dir = documentProject(
    body,
    { formats: ['pdf'], edition: ['    stylesheets: [nowrap.css]'] },
    { 'nowrap.css': css },
  );
  const configPath = path.join(dir, 'folio.config.yaml');
  result = await buildInTemp(configPath, { pdf: pdfRenderer });
  rebuilt = await buildEditions({
    configPath,
    outDir: result.outDir,
    renderers: { pdf: pdfRenderer },
  });
}, 300_000);

const wideWarnings = (build: BuildResult) =>
  build.files
    .flatMap((file) => file.messages)
    .filter((m) => m.ruleId === 'pdf:wider-than-page')
    .map((m) => m.message);

describe('an element wider than the page area', () => {
  it('is a warning at the element, with its width and the page area’s', () => {
    const wide = result.files
      .flatMap((file) => file.messages.map((m) => ({ file: file.path, m })))
      .filter(({ m }) => m.ruleId === 'pdf:wider-than-page');
    expect(wide).toHaveLength(1);
    const [{ file, m } = { file: '', m: undefined }] = wide;
    expect(path.basename(file)).toMatch(/\.md$/);
    expect(m?.fatal).toBe(false);
    expect(m?.message).toMatch(
      /A `(pre|code)` \("telecommunications_0\..*"\) of edition `doc` is \d+ px wide, wider than the page area's \d+ px/,
    );
    expect(m?.message).toMatch(/cuts off what overflows \(text\) or shrinks every page/);
    // Placed at the section the table stands in (its nearest id).
    expect(m?.line).toBeGreaterThan(0);
    expect(result.written).toBe(true);
    expect(readFileSync(path.join(result.outDir, 'doc', 'doc.pdf')).byteLength).toBeGreaterThan(0);
  });

  it('is found the same in a rebuild, whose first pass prints rather than measures', () => {
    expect(wideWarnings(rebuilt)).toEqual(wideWarnings(result));
    expect(wideWarnings(rebuilt)).toHaveLength(1);
  });
});
