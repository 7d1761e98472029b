/**
 * pdf.js's legacy build installs a plain-JavaScript `Uint8Array.fromBase64`, and Puppeteer
 * decodes every printed PDF with it when it exists (1.6 s and 80 MB of garbage per 8 MB).
 * Once Folio has loaded pdf.js (page-map.ts), well-formed base64 is decoded by Node, to
 * the same bytes, and everything else as the polyfill decodes it (or refuses it).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

type FromBase64 = (text: string, options?: unknown) => Uint8Array;
const current = () => (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

// The polyfill as pdf.js installs it, before Folio's module wraps it.
await import('pdfjs-dist/legacy/build/pdf.mjs');
const polyfill = current();
await import('../../src/render/pdf/page-map.ts');
const decode = current();

const outcome = (from: FromBase64 | undefined, text: string, options?: unknown) => {
  try {
    const bytes = options === undefined ? from?.(text) : from?.(text, options);
    return bytes ? Buffer.from(bytes).toString('hex') : 'none';
  } catch (error) {
    return (error as Error).name;
  }
};

describe('Uint8Array.fromBase64 once pdf.js is loaded', () => {
  it('is no longer the polyfill pdf.js installed', () => {
    expect(polyfill).toBeDefined();
    expect(decode).toBeDefined();
    expect(decode).not.toBe(polyfill);
  });

  it('decodes what the polyfill decodes, and refuses what it refuses', () => {
    const inputs = [
      '',
      'QQ',
      'QQ=',
      'QQ==',
      'QUI',
      'QUI=',
      'QUJD',
      'Q',
      'Q===',
      'QQ==QQ==',
      ' QQ==',
      'QQ ==',
      '$$$$',
      'QUJD\n',
    ];
    for (let n = 0; n < 300; n++) {
      const text = randomBytes(n % 40).toString('base64');
      inputs.push(text, text.replace(/=+$/, ''), text.slice(0, -1), `${text}=`);
    }
    for (const text of inputs) expect(outcome(decode, text), text).toBe(outcome(polyfill, text));
    // With options (another alphabet, strict endings), the polyfill decides.
    for (const text of ['-_-_', 'QQ', 'QQ=='])
      for (const options of [{ alphabet: 'base64url' }, { lastChunkHandling: 'strict' }])
        expect(outcome(decode, text, options)).toBe(outcome(polyfill, text, options));
  });

  it('decodes a printed PDF’s worth of base64 to the same bytes', () => {
    const bytes = randomBytes(4 * 1024 * 1024);
    expect(Buffer.from(decode?.(bytes.toString('base64')) ?? []).equals(bytes)).toBe(true);
  });
});
