/**
 * The renderer for each output format.
 */

import type { Renderer } from '../build/pipeline.ts';
import type { Format } from '../config/schema.ts';
import { htmlRenderer } from './html-renderer.ts';

export const renderers: Partial<Record<Format, Renderer>> = {
  html: htmlRenderer,
};
