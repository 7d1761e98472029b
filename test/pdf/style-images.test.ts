/**
 * An image that only a style rule names is printed, however late its file arrives. The
 * print page loads unshown (print-driver.ts): no box is styled before its faces are in and
 * it is held at its page area's width, so nothing fetches a background image during the
 * load, and the load no longer waits for one. The page loads those images with its faces
 * (font-faces.browser.js); held back 6 s, the image is still in the PDF, which is the
 * same to the byte as the one printed with it on time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import { holdRequests } from '../../src/render/request-delays.ts';
import { buildInTemp, frontMatter, makeProject } from '../helpers/build.ts';

const mark = readFileSync(
  path.join(import.meta.dirname, '../fixtures/pipeline/figures-chapter-numbering/basin.png'),
);

const config = [
  'title: Marked headings',
  'stylesheets: [{ file: marks.css, formats: [pdf] }]',
  'documents:',
  '  - { id: doc, files: [doc.md] }',
  'editions:',
  '  - { id: doc, documents: [doc], formats: [pdf] }',
  '',
].join('\n');

// The image stands only in a rule, for an element the page has: no <img> loads it.
const marks =
  'h2 { background: url(marks/mark.png) no-repeat left center / 12pt 12pt; padding-left: 16pt; }\n';

const text = Array.from(
  { length: 6 },
  (_, i) => `## Section ${i + 1}\n\n${'Words that fill a line or two of the page. '.repeat(12)}`,
).join('\n\n');

async function print(dir: string): Promise<{ bytes: Buffer; images: number }> {
  const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
  expect(result.written).toBe(true);
  const file = path.join(result.outDir, 'doc', 'doc.pdf');
  const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  // Two header lines, then one line per image drawn.
  return { bytes: readFileSync(file), images: listed.trim().split('\n').length - 2 };
}

describe('an image named only by a style rule', () => {
  let onTime: Awaited<ReturnType<typeof print>>;
  let late: Awaited<ReturnType<typeof print>>;
  let held = 0;
  beforeAll(async () => {
    const dir = makeProject({
      'folio.config.yaml': config,
      'marks.css': marks,
      'marks/mark.png': mark,
      'doc.md': `${frontMatter()}${text}\n`,
    });
    onTime = await print(dir);
    const hold = holdRequests(/marks\/mark\.png$/, 6000);
    try {
      late = await print(dir);
    } finally {
      hold.release();
      held = hold.count;
    }
  }, 300_000);

  it('is drawn at every heading when it arrives on time', () => {
    expect(onTime.images).toBe(6);
  });

  it('is drawn at every heading when its file arrives late, and the PDF is the same', () => {
    expect(held).toBeGreaterThan(0);
    expect(late.images).toBe(6);
    expect(late.bytes.equals(onTime.bytes)).toBe(true);
  });
});

describe('a reference to an element of the page (`url(#id)`)', () => {
  // Resolved as a file, `url(#shade)` is the page's own HTML: loaded again as an image.
  it('is not fetched as an image', async () => {
    const requests = async (css: string) => {
      const dir = makeProject({
        'folio.config.yaml': config,
        'marks.css': css,
        'doc.md': `${frontMatter()}${text}\n`,
      });
      const counted = holdRequests(/\.html(#.*)?$/, 0);
      try {
        await print(dir);
      } finally {
        counted.release();
      }
      return counted.count;
    };
    const plain = await requests('h2 { color: #333; }\n');
    const filtered = await requests('h2 { color: #333; filter: url(#shade); }\n');
    expect(plain).toBeGreaterThan(0);
    expect(filtered).toBe(plain);
  }, 120_000);
});
