/**
 * The PDF is set in the bundled faces only: Source Serif 4, Source Sans 3, and Noto Sans
 * Math for the signs and arrows they lack, in the text and in the running heads laid
 * over it (`pdffonts`); a character that no bundled face draws is a warning at its
 * Markdown place (`pdf:missing-glyph`), once per character and file, before printing.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/pipeline/pipeline.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';
import { woffCoverage } from '../../src/render/font-coverage.ts';
import { bundledFaceStyles, coverage, fontFaceCss } from '../../src/render/fonts.ts';
import { reportMissingGlyphs } from '../../src/render/pdf/glyph-check.ts';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import {
  buildInTemp,
  documentProject,
  frontMatter,
  makeProject,
  singleDocumentConfig,
} from '../helpers/build.ts';

describe('coverage of the bundled faces', () => {
  it('is read from the fonts: Source Serif 4 has letters and quotes, not ≥ or U+2011', () => {
    const serif = bundledFaceStyles().find((f) => f.family === 'Source Serif 4');
    const covered = woffCoverage(serif?.woff ?? '');
    for (const c of 'Aé’–…') expect(covered.has(c.codePointAt(0) ?? 0), c).toBe(true);
    for (const c of '≥→\u2011') expect(covered.has(c.codePointAt(0) ?? 0), c).toBe(false);
  });

  it('adds the fallback to each family only for what the family lacks', () => {
    const { fallback } = coverage();
    for (const c of '≥≤≈→⇒') expect(fallback.has(c.codePointAt(0) ?? 0), c).toBe(true);
    const css = fontFaceCss((p) => p);
    const rules = css.split('\n').filter((line) => line.includes('noto-sans-math'));
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const rule of rules) {
      expect(rule).toMatch(/font-family: '[^']+'/);
      const ranges = /unicode-range: ([^;]+);/.exec(rule)?.[1] ?? '';
      const inRange = (c: number) =>
        ranges.split(', ').some((range) => {
          const [from = 0, to = from] = range
            .slice(2)
            .split('-')
            .map((hex) => Number.parseInt(hex, 16));
          return c >= from && c <= to;
        });
      // The Source faces lack ≥ (the Chinese faces have it, so theirs leaves it out).
      if (/font-family: 'Source/.test(rule)) expect(inRange(0x2265), rule.slice(0, 80)).toBe(true);
      // Latin letters stay with the family's own face.
      expect(inRange(0x41)).toBe(false);
    }
  });
});

describe('characters no bundled face has', () => {
  it('are reported once per character and file, at their Markdown place, before printing', () => {
    const root = makeProject({
      'folio.config.yaml': singleDocumentConfig({ formats: ['pdf'] }),
      // ≥ and → are drawn by Noto Sans Math (and the Chinese faces), U+2011 by the Chinese
      // faces; ☺ by none.
      'doc.md': `${frontMatter()}# Signs\n\nA smile \u263a, a non\u2011breaking hyphen, ≥ and →.\n\nAnother \u263a one.\n`,
    });
    const checked = checkProject(path.join(root, 'folio.config.yaml'));
    reportMissingGlyphs(checked.resolved.get('doc') ?? [], checked.collected.trees);
    const missing = [...checked.collected.trees.values()]
      .flat()
      .flatMap(({ file }) => file.messages.filter((m) => m.ruleId === 'pdf:missing-glyph'));
    expect(missing.map((m) => m.reason)).toEqual([expect.stringContaining('U+263A')]);
    // The paragraph's line: after the front matter, a blank line and the heading.
    expect(missing[0]?.line).toBe(frontMatter().split('\n').length + 2);
  });
});

describe('a PDF with signs and arrows', () => {
  let result: BuildResult;
  let file: string;
  beforeAll(async () => {
    const paragraph =
      'Rates ≥ 2 per cent lead → growth, ≤ 5 ≈ stable; the text runs on long enough to fill the lines of a page. ';
    const sections = Array.from(
      { length: 5 },
      (_, i) => `## Rates ≥ ${i} → more\n\n${paragraph.repeat(12)}`,
    ).join('\n\n');
    const root = documentProject(`# Signs\n\n${sections}\n`, { formats: ['pdf'] });
    result = await buildInTemp(path.join(root, 'folio.config.yaml'), { pdf: pdfRenderer });
    file = path.join(result.outDir, 'doc', 'doc.pdf');
  }, 300_000);

  it('embeds the bundled faces only, in the text and in the running heads', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
    expect(fonts.length).toBeGreaterThan(2);
    for (const font of fonts) expect(font).toMatch(/^(SourceSerif4|SourceSans3|NotoSansMath)/);
    expect(fonts.some((f) => f.startsWith('NotoSansMath'))).toBe(true);
    // The heads overlay: a running head with ≥ and → drawn in the bundled faces too.
    // (A chapter's opening page has no head: look through the whole book.)
    const heads = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(heads).toMatch(/RATES ≥ \d → MORE|SIGNS/);
  });
});
