/**
 * The renderer for each output format, and the archive that packs an edition's outputs
 * with their sources (editions with `archive: true`).
 */

import type { Renderers } from '../pipeline/pipeline.ts';
import { archiveRenderer } from './archive/archive-renderer.ts';
import { epubRenderer } from './epub/epub-renderer.ts';
import { htmlRenderer } from './html-renderer.ts';
import { pdfRenderer } from './pdf-renderer.ts';

export const renderers: Renderers = {
  html: htmlRenderer,
  pdf: pdfRenderer,
  epub: epubRenderer,
  archive: archiveRenderer,
};
