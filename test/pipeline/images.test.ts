/**
 * An image inside the project reaches the HTML edition embedded (the file stands alone)
 * and the print edition from its file, and its absolute path never reaches an output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentProject, runCli } from '../helpers/build.ts';

// A 1×1 PNG.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('images', () => {
  it('are embedded in the HTML edition and printed in the PDF', () => {
    const dir = documentProject(
      `![A dot](images/dot.png)\n`,
      { formats: ['html', 'pdf'] },
      { 'images/dot.png': png },
    );
    const result = runCli(['build'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const html = readFileSync(path.join(dir, 'dist/doc/doc.html'), 'utf8');
    expect(html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
    expect(html).not.toContain(dir);
    expect(readFileSync(path.join(dir, 'dist/doc/doc.pdf')).includes('/Subtype /Image')).toBe(true);
  }, 60_000);

  it('reach the EPUB as a packaged file whichever edition format is made first', () => {
    const dir = documentProject(
      `![A dot](images/dot.png)\n`,
      { formats: ['html', 'pdf', 'epub'] },
      { 'images/dot.png': png },
    );
    const result = runCli(['build'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const epub = readFileSync(path.join(dir, 'dist/doc/doc.epub'));
    expect(epub.includes('images/')).toBe(true);
    expect(epub.includes('data:image/png')).toBe(false);
  }, 60_000);
});
