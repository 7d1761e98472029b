/**
 * What the print of an edition reports: spots that got no page, notes that landed on
 * another page than their passage, requests the sandbox blocked and files that could not
 * be loaded. Each is reported on the Markdown file and line of the element that caused it
 * (element-places.ts); what no element explains (a stylesheet's request, the contents'
 * opening) goes to the config file. Requests are collected while the tab prints and
 * reported once, when it closes.
 */
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import type { EditionParts } from '../../assemble/edition.ts';
import { firstFootnoteRef, isFootnoteId, passageId } from '../../model/ids.ts';
import type { EditionInput } from '../../pipeline/pipeline.ts';
import { type ElementPlace, ElementPlaces } from './element-places.ts';
import type { WideElement } from './in-page-scripts.ts';
import { footnoteAnchors, measuredAnchors, useAnchors } from './measured-anchors.ts';
import type { PageMap } from './page-map.ts';
import { notesOffPage } from './side-notes.ts';

export class PrintReport {
  private readonly blockedUrls = new Set<string>();
  private readonly missingUrls = new Set<string>();
  /** The last pass's parts, whose elements explain the requests. */
  private parts: EditionParts | undefined;
  private placesOf: ElementPlaces | undefined;

  constructor(private readonly input: EditionInput) {}

  blocked(url: string): void {
    this.blockedUrls.add(url);
  }

  missing(url: string): void {
    this.missingUrls.add(url);
  }

  /** After the last pass: anchors with no page print no locator; say so rather than drop them. */
  printed(parts: EditionParts, map: PageMap): void {
    this.footnotesOffPage(parts, map);
    this.parts = parts;
    const id = this.input.edition.id;
    const places = this.places(parts);
    const unmeasured = [...measuredAnchors(parts)].filter((anchor) => !map.pageOf.has(anchor));
    const unplaced = this.each(
      unmeasured,
      places.ofId.bind(places),
      'pdf:unmeasured-anchor',
      (a) =>
        `The spot \`${a}\` of edition \`${id}\` got no page in the PDF, so its page numbers are missing`,
    );
    if (unplaced.length > 0) {
      this.input.project.file.message(
        `${unplaced.length} spot(s) of edition \`${id}\` got no page in the PDF, so their page numbers are missing: ${unplaced.slice(0, 5).join(', ')}`,
        { ruleId: 'pdf:unmeasured-anchor', source: 'folio' },
      );
    }
    // Each use is a locator: a use without a page is one page number fewer than uses.
    const uses = useAnchors(parts);
    const unmeasuredUses = uses.filter((anchor) => !map.pageOf.has(anchor));
    if (unmeasuredUses.length > 0) {
      this.input.project.file.message(
        `${unmeasuredUses.length} of the ${uses.length} uses of index marks and glossary terms in edition \`${id}\` got no page in the PDF: its index and glossary print fewer page numbers than there are uses (${unmeasuredUses.slice(0, 5).join(', ')})`,
        { ruleId: 'pdf:unmeasured-anchor', source: 'folio' },
      );
    }
    const offPage = notesOffPage(map.pageOf);
    const unplacedNotes = this.each(
      offPage,
      (note) => places.ofId(passageId(note)) ?? places.ofId(note),
      'pdf:note-off-page',
      (note) =>
        `The note \`${note}\` of edition \`${id}\` starts on another page than its passage (too many or too long notes on one page)`,
    );
    if (unplacedNotes.length > 0) {
      this.input.project.file.message(
        `${unplacedNotes.length} note(s) of edition \`${id}\` start on another page than their passage (too many or too long notes on one page): ${unplacedNotes.slice(0, 5).join(', ')}`,
        { ruleId: 'pdf:note-off-page', source: 'folio' },
      );
    }
  }

  /**
   * Elements wider than the page area, each where its nearest id places it: Chromium's
   * print cuts them off, or shrinks every page of the print to fit them.
   */
  wide(parts: EditionParts, elements: ReadonlyArray<WideElement & { area: number }>): void {
    const id = this.input.edition.id;
    const places = this.places(parts);
    for (const element of elements) {
      const text = element.text ? ` ("${element.text}")` : '';
      this.at(
        places.ofId(element.id),
        `A \`${element.tag}\`${text} of edition \`${id}\` is ${element.width} px wide, wider than the page area's ${element.area} px: Chromium's print cuts off what overflows (text) or shrinks every page to fit it (an image or a box); let it wrap or give it \`max-width: 100%\``,
        'pdf:wider-than-page',
      );
    }
  }

  /** Footnotes that do not start on their reference's page (where print breaks pages unlike the laid-out page). */
  private footnotesOffPage(parts: EditionParts, map: PageMap): void {
    const id = this.input.edition.id;
    const places = this.places(parts);
    const offPage = footnoteAnchors(parts).filter(
      (note) =>
        isFootnoteId(note) &&
        map.pageOf.has(firstFootnoteRef(note)) &&
        map.pageOf.get(note) !== map.pageOf.get(firstFootnoteRef(note)),
    );
    this.each(
      offPage,
      (note) => places.ofId(firstFootnoteRef(note)) ?? places.ofId(note),
      'pdf:footnote-off-page',
      (note) =>
        `The footnote \`${note}\` of edition \`${id}\` starts on another page than its reference (print broke the page elsewhere than the laid-out page expected, or a block that must not break holds the reference)`,
    );
  }

  /** The requests the print made that failed: a missing file is fatal, a blocked one is not. */
  requests(): void {
    const id = this.input.edition.id;
    const places = this.parts && this.places(this.parts);
    for (const url of this.missingUrls) {
      this.at(
        places?.ofImage(url),
        `A file the edition \`${id}\` uses could not be loaded: \`${fileURLToPath(url)}\` (a missing font or image?)`,
        'render:missing-resource',
      ).fatal = true;
    }
    for (const url of this.blockedUrls) {
      this.at(
        places?.ofImage(url),
        `Blocked a request of edition \`${id}\` to \`${url}\`: editions load only files inside the project`,
        'render:blocked-request',
      );
    }
  }

  private places(parts: EditionParts): ElementPlaces {
    this.placesOf ??= new ElementPlaces(parts, this.input.collected.trees);
    return this.placesOf;
  }

  /** Reports each item at its place; returns those with none. */
  private each(
    items: readonly string[],
    placeOf: (item: string) => ElementPlace | undefined,
    ruleId: string,
    reason: (item: string) => string,
  ): string[] {
    const unplaced: string[] = [];
    for (const item of items) {
      const found = placeOf(item);
      if (found) this.at(found, reason(item), ruleId);
      else unplaced.push(item);
    }
    return unplaced;
  }

  private at(found: ElementPlace | undefined, reason: string, ruleId: string) {
    const file: VFile = found?.file ?? this.input.project.file;
    return file.message(reason, {
      ...(found ? { place: found.place } : {}),
      ruleId,
      source: 'folio',
    });
  }
}
