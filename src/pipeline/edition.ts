/**
 * One edition as the pipeline renders it: its config, the title and language it carries,
 * the date it carries (build-date.ts), and the formats to render, each after the formats
 * whose products it uses (the EPUB page-list follows the print), the archive last.
 */
import { editionLanguage, editionTitle } from '../assemble/edition.ts';
import type { EditionConfig, Format } from '../config/schema.ts';
import type { Registry } from '../model/registry.ts';
import type { ResolvedDocument } from '../resolve/resolve.ts';
import { buildDate } from './build-date.ts';

/** A format, or the archive that packs an edition's outputs. */
export type RenderFormat = Format | 'archive';

export interface Edition {
  config: EditionConfig;
  id: string;
  title: string;
  language: string;
  built: Date;
  /** In render order: each format after those whose products it uses; the archive last. */
  formats: readonly RenderFormat[];
}

/** The formats whose products a format uses: the EPUB's page-list is the print's pagination. */
const uses: Partial<Record<Format, readonly Format[]>> = { epub: ['pdf'] };

export function editionOf(
  config: EditionConfig,
  documents: readonly ResolvedDocument[],
  project: { registry: Registry; title: string; language: string },
): Edition {
  return {
    config,
    id: config.id,
    title: editionTitle(config, project.registry, project.title),
    language: editionLanguage(documents, project.language),
    built: buildDate(documents),
    formats: [...renderOrder(config.formats), ...(config.archive ? ['archive' as const] : [])],
  };
}

/** The configured formats, each moved after the formats it uses; otherwise in config order. */
export function renderOrder(formats: readonly Format[]): Format[] {
  const ordered: Format[] = [];
  const place = (format: Format) => {
    if (ordered.includes(format)) return;
    for (const used of uses[format] ?? []) if (formats.includes(used)) place(used);
    ordered.push(format);
  };
  for (const format of formats) place(format);
  return ordered;
}
