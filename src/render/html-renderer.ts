/**
 * Renderer for the `html` format: one self-contained HTML file per edition, locators
 * naming sections.
 */
import { assembleEdition } from '../assemble/edition.ts';
import { sectionLocators } from '../assemble/locators.ts';
import type { Renderer } from '../pipeline/pipeline.ts';
import { renderHtml } from './html.ts';

export const htmlRenderer: Renderer = async ({ project, collected, edition, documents }) => {
  const parts = assembleEdition({
    registry: collected.registry,
    edition: edition.config,
    documents,
    projectTitle: project.config.title,
    projectLanguage: project.config.language,
    projectRoot: project.root,
    style: sectionLocators(collected.registry),
  });
  const html = renderHtml(parts, project.root);
  return {
    outputs: [
      {
        path: `${edition.id}/${edition.id}.html`,
        bytes: new TextEncoder().encode(html),
        edition: edition.id,
        format: 'html',
      },
    ],
  };
};
