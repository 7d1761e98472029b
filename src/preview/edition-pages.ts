/**
 * The HTML of every edition of a project, built in memory for the preview, with the
 * diagnostics of the build. When the manuscripts have errors the last good pages stay.
 */
import type { VFile } from 'vfile';
import { assembleEdition } from '../assemble/edition.ts';
import { sectionLocators } from '../assemble/locators.ts';
import { hasErrors } from '../diagnostics/diagnostics.ts';
import { DiagnosedFailure } from '../failures.ts';
import { checkProject } from '../pipeline/pipeline.ts';
import { renderHtml } from '../render/html.ts';
import { report } from '../report.ts';

export interface PreviewState {
  /** HTML of each edition, by id, from the last build without errors. */
  pages: Map<string, string>;
  titles: Map<string, string>;
  /** Diagnostics of the last build, as the CLI prints them (no colour). */
  diagnostics: string;
  errors: boolean;
  builtAt: number;
}

export function buildPreview(configPath: string, previous?: PreviewState): PreviewState {
  let files: VFile[] = [];
  try {
    const checked = checkProject(configPath);
    files = checked.project.files;
    if (hasErrors(files)) return failed(files, previous);
    const pages = new Map<string, string>();
    const titles = new Map<string, string>();
    for (const edition of checked.editions) {
      const parts = assembleEdition({
        registry: checked.collected.registry,
        edition,
        documents: checked.resolved.get(edition.id) ?? [],
        projectTitle: checked.project.config.title,
        projectLanguage: checked.project.config.language,
        projectRoot: checked.project.root,
        style: sectionLocators(checked.collected.registry),
      });
      pages.set(edition.id, renderHtml(parts, checked.project.root));
      titles.set(edition.id, parts.title);
    }
    return {
      pages,
      titles,
      diagnostics: report(files, { color: false }),
      errors: false,
      builtAt: Date.now(),
    };
  } catch (error) {
    if (error instanceof DiagnosedFailure) return failed(error.files, previous);
    return {
      ...(previous ?? empty()),
      diagnostics: `folio: ${(error as Error).message}`,
      errors: true,
      builtAt: Date.now(),
    };
  }
}

function failed(files: VFile[], previous: PreviewState | undefined): PreviewState {
  return {
    ...(previous ?? empty()),
    diagnostics: report(files, { color: false }),
    errors: true,
    builtAt: Date.now(),
  };
}

function empty(): PreviewState {
  return { pages: new Map(), titles: new Map(), diagnostics: '', errors: false, builtAt: 0 };
}
