/**
 * The renderer for each output format.
 */

import type { Renderer } from '../build/pipeline.ts';
import type { Format } from '../config/schema.ts';
import { epubRenderer } from './epub/epub-renderer.ts';
import { htmlRenderer } from './html-renderer.ts';
import { pdfRenderer } from './pdf-renderer.ts';

export const renderers: Partial<Record<Format, Renderer>> = {
  html: htmlRenderer,
  pdf: pdfRenderer,
  epub: epubRenderer,
};
