/**
 * The renderer for each output format, and the archive that packs an edition's outputs
 * with their sources (editions with `archive: true`). Each loads its module on first use:
 * a build of HTML editions does without Puppeteer's, epub-gen-memory's and the print
 * pipeline's modules (about a second of CPU at every `folio` start).
 */

import type { Renderer, Renderers } from '../pipeline/pipeline.ts';

/** A renderer whose module is imported when it first renders. */
function lazy(load: () => Promise<Renderer>): Renderer {
  return async (input, session) => (await load())(input, session);
}

export const renderers: Renderers = {
  html: lazy(async () => (await import('./html-renderer.ts')).htmlRenderer),
  pdf: lazy(async () => (await import('./pdf-renderer.ts')).pdfRenderer),
  epub: lazy(async () => (await import('./epub/epub-renderer.ts')).epubRenderer),
  archive: lazy(async () => (await import('./archive/archive-renderer.ts')).archiveRenderer),
};
