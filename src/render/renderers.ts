/**
 * The renderer for each output format.
 */
import type { Format } from '../config/schema.ts';
import type { Renderer } from '../build/pipeline.ts';
import { htmlRenderer } from './html-renderer.ts';

export const renderers: Partial<Record<Format, Renderer>> = {
  html: htmlRenderer,
};
