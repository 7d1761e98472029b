/**
 * Renderer for the `pdf` format: native Chromium print with a page-number loop. Each pass
 * assembles the edition with the pages measured by the previous one (placeholders at
 * first), moved where this pass adds or takes away blank pages and where the glossary's
 * new length moves the index; it prints, in a fresh browser context, and reads every
 * anchor's page back from the PDF's named destinations. The loop ends when no printed page
 * number moves. The first pass prints untagged (it is only measured); every later one is
 * tagged, with bookmarks. Then running heads, page labels, metadata and compression
 * (postprocess.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer';
import { assembleEdition, documentTitleAnchor, type EditionParts } from '../assemble/edition.ts';
import { EnvironmentFailure } from '../failures.ts';
import type { EditionInput, Renderer, RenderSession } from '../pipeline/pipeline.ts';
import { sessionBrowser } from './browser.ts';
import { buildDate } from './epub/package-metadata.ts';
import { bundledFaces, packageFolder } from './fonts.ts';
import { sharePagination } from './pagination.ts';
import { folioLabels } from './pdf/folios.ts';
import { HyphenSettler } from './pdf/hyphenation.ts';
import { measuredAnchors, printedAnchors } from './pdf/measured-anchors.ts';
import { type PageLookup, pageLocators } from './pdf/page-locators.ts';
import { movedAnchors, type PageMap, readPageMap } from './pdf/page-map.ts';
import { postprocess } from './pdf/postprocess.ts';
import { blankPageId, printHtml } from './pdf/print-page.ts';
import { PrintTab } from './pdf/print-tab.ts';
import { runningHeads, runningHeadsHtml } from './pdf/running-heads.ts';
import { type Hoists, notesOffPage, SideNoteHoists, withSideNotes } from './pdf/side-notes.ts';
import { withXrefPages } from './pdf/xref-pages.ts';

interface Pass {
  parts: EditionParts;
  pdf: Uint8Array;
  map: PageMap;
  blankBefore: Set<string>;
  /** Anchors whose page changed since the previous pass. */
  moved: string[];
  /** The print HTML of the pass, to print again tagged if the loop ends unsettled. */
  html: string;
  tagged: boolean;
}

export const pdfRenderer: Renderer = async (input, session) => {
  const browser = await sessionBrowser(session);
  const work = await mkdtemp(path.join(tmpdir(), 'folio-print-'));
  const blocked = new Set<string>();
  const missing = new Set<string>();
  const tab = new PrintTab(browser, {
    allow: [
      work,
      input.project.root,
      ...bundledFaces.map((face) => packageFolder(face.packageName)),
    ],
    onBlocked: (url) => blocked.add(url),
    onMissing: (url) => missing.add(url),
    timeout: input.project.config.renderTimeout * 1000,
  });
  try {
    const result = await paginate(input, session, tab, work);
    const { parts, map } = result;
    reportUnmeasured(
      input,
      [...measuredAnchors(parts)].filter((id) => !map.pageOf.has(id)),
    );
    const offPage = notesOffPage(map.pageOf);
    if (offPage.length > 0) {
      input.project.file.message(
        `${offPage.length} note(s) of edition \`${input.edition.id}\` start on another page than their passage (too many or too long notes on one page): ${offPage.slice(0, 5).join(', ')}`,
        { ruleId: 'pdf:note-off-page', source: 'folio' },
      );
    }
    const bodyStart = firstBodyPage(parts, map);
    const labels = folioLabels(map.pageCount, bodyStart);
    sharePagination(session, input.edition.id, { pageOf: map.pageOf, labels, bodyStart });

    const heads = runningHeads(parts, input.collected.registry, map, blankIds(result.blankBefore));
    const overlay = heads.some(Boolean)
      ? await timed(session, 'pdf running heads', () =>
          print(tab.page, work, 'heads.html', runningHeadsHtml(heads, input.edition.paper), false),
        )
      : undefined;
    const pdf = await timed(session, 'pdf postprocess', () =>
      postprocess({
        pdf: result.pdf,
        overlay,
        labelRanges:
          bodyStart > 1
            ? [
                { from: 0, style: 'r' },
                { from: bodyStart - 1, style: 'D' },
              ]
            : [{ from: 0, style: 'D' }],
        info: pdfInfo(parts, input.documents),
        pdfa: input.edition.pdfa,
      }),
    );
    return [
      {
        path: `${input.edition.id}/${input.edition.id}.pdf`,
        bytes: pdf,
        edition: input.edition.id,
        format: 'pdf',
        pages: map.pageCount,
      },
    ];
  } finally {
    for (const url of missing) {
      input.project.file.message(
        `A file the edition \`${input.edition.id}\` uses could not be loaded: \`${fileURLToPath(url)}\` (a missing font or image?)`,
        {
          ruleId: 'render:missing-resource',
          source: 'folio',
        },
      ).fatal = true;
    }
    for (const url of blocked) {
      input.project.file.message(
        `Blocked a request of edition \`${input.edition.id}\` to \`${url}\`: editions load only files inside the project`,
        {
          ruleId: 'render:blocked-request',
          source: 'folio',
        },
      );
    }
    await tab.close();
    await rm(work, { recursive: true, force: true });
  }
};

async function paginate(
  input: EditionInput,
  session: RenderSession,
  tab: PrintTab,
  work: string,
): Promise<Pass> {
  let previous: Pass | undefined;
  const sideNotes = new SideNoteHoists();
  const hyphens = input.edition.hyphenate ? new HyphenSettler() : undefined;
  const settleHyphens = hyphens ? () => hyphens.settle(tab.page) : undefined;
  const hyphenate = settleHyphens ? () => timed(session, 'pdf hyphens', settleHyphens) : undefined;
  for (let pass = 1; pass <= input.project.config.maxPrintPasses; pass++) {
    const page = await tab.renew();
    // Parts that would open on a left-hand page get a blank page before them, and the
    // pages the last print measured move with the blank pages added or taken away, so
    // that this print's page numbers are right at once.
    const blankBefore = previous
      ? versoStarts(previous.parts, previous.map, previous.blankBefore)
      : new Set<string>();
    let map = previous
      ? withBlankPages(previous.parts, previous.map, previous.blankBefore, blankBefore)
      : undefined;
    if (previous) {
      const measured = previous.map;
      sideNotes.update(previous.parts, (id) => measured.pageOf.get(id));
    }
    let parts = assemble(input, lookupOf(previous?.parts, map), sideNotes.hoists);
    // Filling the glossary's page numbers changes its length (locators on one page merge,
    // runs of pages collapse), which moves the index after it. Laid out alone, the glossary
    // tells its new length at the cost of a few pages: the index moves before it is printed.
    if (map && parts.glossary && parts.index) {
      const length = await timed(session, 'pdf back matter', () =>
        glossaryLength(page, work, parts, input.project.root, hyphens, settleHyphens),
      );
      const moved = withGlossaryLength(map, length);
      if (moved !== map) {
        map = moved;
        parts = assemble(input, lookupOf(previous?.parts, map), sideNotes.hoists);
      }
    }
    session.progress(`${input.edition.id}: pdf pass ${pass}`);
    const html = printHtml(parts, { projectRoot: input.project.root, blankBefore, hyphens });
    // The first print only measures: untagged, it costs less. Every later one may be the
    // last, so it is tagged, with bookmarks.
    const tagged = pass > 1;
    const pdf = await timed(session, `pdf pass ${pass}${tagged ? ' (tagged)' : ''}`, () =>
      print(page, work, 'edition.html', html, tagged, hyphenate),
    );
    const measured = await timed(session, 'pdf page map', () =>
      readPageMap(pdf, [...measuredAnchors(parts), ...blankIds(blankBefore)]),
    );
    // The benchmark (which times the build) prints this final HTML once more, as its floor.
    if (session.timer) session.cache.set(`print-html:${input.edition.id}`, html);
    const current: Pass = {
      parts,
      pdf,
      map: measured,
      blankBefore,
      html,
      tagged,
      // Only pages that are printed somewhere must settle; a move inside the back matter
      // that no page number shows costs no further pass.
      moved: movedAnchors(map, measured, printedAnchors(parts)),
    };
    const rectoAsPrinted = sameSet(versoStarts(parts, measured, blankBefore), blankBefore);
    if (tagged && current.moved.length === 0 && rectoAsPrinted) return current;
    previous = current;
  }
  if (!previous) throw new Error('no print pass ran');
  const moved = previous.moved.slice(0, 5);
  input.project.file.message(
    `Page numbers of edition \`${input.edition.id}\` did not settle after ${input.project.config.maxPrintPasses} passes (still moving: ${moved.join(', ')}); check the printed page numbers`,
    { ruleId: 'pdf:unsettled-pages', source: 'folio' },
  );
  const last = previous;
  return last.tagged
    ? last
    : {
        ...last,
        pdf: await print(await tab.renew(), work, 'edition.html', last.html, true, hyphenate),
      };
}

/** Page numbers and their printed labels from a page map (none before the first print). */
function lookupOf(previous: EditionParts | undefined, map: PageMap | undefined) {
  if (!map) return undefined;
  const labels = folioLabels(map.pageCount, firstBodyPage(previous, map));
  return {
    page: (anchor: string) => map.pageOf.get(anchor),
    label: (page: number) => labels[page - 1] ?? String(page),
  } satisfies PageLookup;
}

/** How many pages the glossary takes, printed alone (untagged) in the edition's page style. */
async function glossaryLength(
  page: Page,
  work: string,
  parts: EditionParts,
  projectRoot: string,
  hyphens: HyphenSettler | undefined,
  hyphenate: (() => Promise<void>) | undefined,
): Promise<number> {
  const alone: EditionParts = {
    ...parts,
    cover: undefined,
    contents: { type: 'element', tagName: 'div', properties: {}, children: [] },
    documents: [],
    index: undefined,
  };
  const pdf = await print(
    page,
    work,
    'back-matter.html',
    printHtml(alone, { projectRoot, blankBefore: new Set(), hyphens }),
    false,
    hyphenate,
  );
  const map = await readPageMap(pdf, ['glossary']);
  return map.pageCount - (map.pageOf.get('glossary') ?? 1) + 1;
}

/** The page map with everything from the index on moved to follow a glossary of `length` pages. */
export function withGlossaryLength(map: PageMap, length: number): PageMap {
  const glossary = map.pageOf.get('glossary');
  const index = map.pageOf.get('index');
  if (glossary === undefined || index === undefined || index <= glossary) return map;
  const by = glossary + length - index;
  if (by === 0) return map;
  return {
    pageOf: new Map([...map.pageOf].map(([id, page]) => [id, page >= index ? page + by : page])),
    pageCount: map.pageCount + by,
  };
}

/**
 * The page map a print with blank pages `after` would have, from one printed with `before`:
 * each blank page added before a part moves everything from the part's first page on by one
 * page; each taken away, back by one.
 */
export function withBlankPages(
  parts: EditionParts,
  map: PageMap,
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): PageMap {
  const shifts: Array<{ from: number; by: number }> = [];
  for (const { record } of parts.documents) {
    const had = before.has(record.id);
    const has = after.has(record.id);
    const opening = map.pageOf.get(documentTitleAnchor(record.id));
    if (had === has || opening === undefined) continue;
    shifts.push({ from: had ? opening - 1 : opening, by: has ? 1 : -1 });
  }
  if (shifts.length === 0) return map;
  const moved = (page: number) =>
    page + shifts.reduce((sum, shift) => sum + (page >= shift.from ? shift.by : 0), 0);
  return {
    pageOf: new Map([...map.pageOf].map(([id, page]) => [id, moved(page)])),
    pageCount: map.pageCount + shifts.reduce((sum, shift) => sum + shift.by, 0),
  };
}

/** Anchors with no page print no locator: say so rather than silently drop them. */
function reportUnmeasured(input: EditionInput, missing: string[]): void {
  if (missing.length === 0) return;
  input.project.file.message(
    `${missing.length} spot(s) of edition \`${input.edition.id}\` got no page in the PDF, so their page numbers are missing: ${missing.slice(0, 5).join(', ')}`,
    { ruleId: 'pdf:unmeasured-anchor', source: 'folio' },
  );
}

function timed<T>(session: RenderSession, stage: string, work: () => Promise<T>): Promise<T> {
  return session.timer ? session.timer.time(stage, work) : work();
}

function assemble(
  input: EditionInput,
  lookup: PageLookup | undefined,
  hoists?: Hoists,
): EditionParts {
  const parts = assembleEdition({
    registry: input.collected.registry,
    edition: input.edition,
    documents: input.documents,
    projectTitle: input.project.config.title,
    projectLanguage: input.project.config.language,
    projectRoot: input.project.root,
    style: pageLocators(lookup),
  });
  return withSideNotes(withXrefPages(parts, lookup), hoists);
}

/** Prints HTML from a file (so file:// fonts load); tagged prints carry bookmarks too. */
async function print(
  page: Page,
  work: string,
  name: string,
  html: string,
  tagged: boolean,
  /** Settles the loaded page's hyphens before it prints. */
  beforePrint?: () => Promise<void>,
): Promise<Uint8Array> {
  const file = path.join(work, name);
  await writeFile(file, html);
  try {
    // Release the previous pass's document first: two large layouts at once slow the print.
    await page.goto('about:blank');
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await beforePrint?.();
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged,
      outline: tagged,
      displayHeaderFooter: false,
      timeout: page.getDefaultTimeout(),
    });
  } catch (error) {
    throw browserFailure(error, page.getDefaultTimeout());
  }
}

/** A browser that hangs or dies is a clear failure of the environment (exit 3). */
function browserFailure(error: unknown, timeout: number): Error {
  if (error instanceof EnvironmentFailure) return error;
  const failure = error as Error;
  if (failure.name === 'TimeoutError') {
    return new EnvironmentFailure(
      `The browser did not finish loading or printing within ${timeout / 1000} s (raise \`renderTimeout\` in the config if the edition is very large)`,
    );
  }
  if (
    /Target closed|Session closed|Protocol error|Connection closed|crash/i.test(failure.message)
  ) {
    return new EnvironmentFailure(
      `The browser closed unexpectedly while printing: ${failure.message.split('\n')[0]}`,
    );
  }
  return failure;
}

/** Parts that would open on a left-hand (even) page: keep their blank page, or add one. */
function versoStarts(parts: EditionParts, map: PageMap, before: ReadonlySet<string>): Set<string> {
  if (!parts.edition.rectoParts) return new Set();
  const blanks = new Set<string>();
  for (const { record } of parts.documents) {
    const opening = map.pageOf.get(documentTitleAnchor(record.id));
    if (opening === undefined) continue;
    // Without the blank page it has now, the part would open one page earlier.
    const wouldOpen = before.has(record.id) ? opening - 1 : opening;
    if (wouldOpen % 2 === 0) blanks.add(record.id);
  }
  return blanks;
}

function blankIds(blankBefore: ReadonlySet<string>): string[] {
  return [...blankBefore].map(blankPageId);
}

function firstBodyPage(parts: EditionParts | undefined, map: PageMap): number {
  const first = parts?.documents[0]?.record.id;
  return (first && map.pageOf.get(documentTitleAnchor(first))) || 1;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function pdfInfo(parts: EditionParts, documents: EditionInput['documents']) {
  const records = parts.documents.map((d) => d.record);
  const authors = [
    ...new Set(
      records
        .flatMap((r) =>
          r.meta.authors.length > 0 ? r.meta.authors : [r.meta.issuer ?? r.meta.journal ?? ''],
        )
        .filter(Boolean),
    ),
  ];
  return {
    title: parts.title,
    author: authors.join('; ') || undefined,
    subject: records.map((r) => r.meta.subject ?? r.meta.title).join('; '),
    keywords: [...new Set(records.flatMap((r) => [...r.meta.keywords, ...r.meta.tags]))],
    language: parts.language,
    // The date the EPUB and the archive carry too.
    date: buildDate(documents),
  };
}
