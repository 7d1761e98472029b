/**
 * What the print of an edition reports: spots that got no page, notes that landed on
 * another page than their passage, requests the sandbox blocked and files that could not
 * be loaded. Requests are collected while the tab prints and reported once, when it closes.
 */
import { fileURLToPath } from 'node:url';
import type { EditionParts } from '../../assemble/edition.ts';
import type { EditionInput } from '../../pipeline/pipeline.ts';
import { measuredAnchors } from './measured-anchors.ts';
import type { PageMap } from './page-map.ts';
import { notesOffPage } from './side-notes.ts';

export class PrintReport {
  private readonly blockedUrls = new Set<string>();
  private readonly missingUrls = new Set<string>();

  constructor(private readonly input: EditionInput) {}

  blocked(url: string): void {
    this.blockedUrls.add(url);
  }

  missing(url: string): void {
    this.missingUrls.add(url);
  }

  /** After the last pass: anchors with no page print no locator; say so rather than drop them. */
  printed(parts: EditionParts, map: PageMap): void {
    const { project, edition } = this.input;
    const unmeasured = [...measuredAnchors(parts)].filter((id) => !map.pageOf.has(id));
    if (unmeasured.length > 0) {
      project.file.message(
        `${unmeasured.length} spot(s) of edition \`${edition.id}\` got no page in the PDF, so their page numbers are missing: ${unmeasured.slice(0, 5).join(', ')}`,
        { ruleId: 'pdf:unmeasured-anchor', source: 'folio' },
      );
    }
    const offPage = notesOffPage(map.pageOf);
    if (offPage.length > 0) {
      project.file.message(
        `${offPage.length} note(s) of edition \`${edition.id}\` start on another page than their passage (too many or too long notes on one page): ${offPage.slice(0, 5).join(', ')}`,
        { ruleId: 'pdf:note-off-page', source: 'folio' },
      );
    }
  }

  /** The requests the print made that failed: a missing file is fatal, a blocked one is not. */
  requests(): void {
    const { project, edition } = this.input;
    for (const url of this.missingUrls) {
      project.file.message(
        `A file the edition \`${edition.id}\` uses could not be loaded: \`${fileURLToPath(url)}\` (a missing font or image?)`,
        { ruleId: 'render:missing-resource', source: 'folio' },
      ).fatal = true;
    }
    for (const url of this.blockedUrls) {
      project.file.message(
        `Blocked a request of edition \`${edition.id}\` to \`${url}\`: editions load only files inside the project`,
        { ruleId: 'render:blocked-request', source: 'folio' },
      );
    }
  }
}
