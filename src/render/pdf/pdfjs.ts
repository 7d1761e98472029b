/**
 * pdf.js (its legacy build, for Node 20) as Folio reads printed PDFs with. Loading it
 * installs core-js polyfills on the globals, among them `Uint8Array.fromBase64` where
 * Node has none; Puppeteer decodes every chunk of every PDF Chromium prints with
 * `Uint8Array.fromBase64` when it exists, and the polyfill, written in plain JavaScript,
 * takes about 1.6 s and 80 MB of short-lived objects per 8 MB of PDF (Node's base64
 * decoder: 5 ms). So well-formed base64 without options is decoded by Node, to the same
 * bytes; anything else still goes to the function that was there.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export { getDocument };

type FromBase64 = (text: string, options?: unknown) => Uint8Array;

const withFromBase64 = Uint8Array as unknown as { fromBase64?: FromBase64 };
const installed = withFromBase64.fromBase64;

/** Base64 as the proposal's default decoding accepts it with no white space: padded or not. */
const plainBase64 = /^[A-Za-z0-9+/]*={0,2}$/;
const wellFormed = (text: string) =>
  plainBase64.test(text) && (text.endsWith('=') ? text.length % 4 === 0 : text.length % 4 !== 1);

// core-js makes its polyfills look native (their source reads `[native code]`), so the
// function is wrapped whatever it is: a native one decodes well-formed input the same way.
if (installed) {
  const polyfill = installed;
  withFromBase64.fromBase64 = function fromBase64(...args: [string, unknown?]): Uint8Array {
    const [text] = args;
    if (args.length > 1 || typeof text !== 'string' || !wellFormed(text))
      return polyfill.apply(Uint8Array, args);
    const bytes = Buffer.from(text, 'base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } as FromBase64;
}
