/**
 * The page-number loop. Each pass assembles the edition with the pages measured by the
 * previous one (placeholders at first), moved where this pass adds or takes away blank
 * pages and where the glossary's new length moves the index (page-prediction.ts); it
 * prints, in a fresh browser context, and reads every anchor's page back from the PDF's
 * named destinations. The loop ends when no printed page number moves. A cold build's
 * first pass does not print: its loaded page is laid out in columns of its page area, one
 * a page (page-columns.ts), and each anchor's page read from its column; every later pass
 * prints, tagged, with bookmarks, so where the columns were right the second pass is the
 * only print. A rebuild starts from the estimate the last build kept in the
 * output folder (page-estimate.ts): its first pass is assembled with those pages and
 * printed tagged, so when its read-back moves no printed number, it is the only print.
 */
import { toHtml } from 'hast-util-to-html';
import type { Page } from 'puppeteer-core';
import { assembleEdition, type EditionParts } from '../../assemble/edition.ts';
import type { Hoists, PageLookup } from '../../assemble/print-inputs.ts';
import type { FolioConfig } from '../../config/schema.ts';
import { glossaryId } from '../../model/ids.ts';
import type { EditionInput, RenderSession } from '../../pipeline/pipeline.ts';
import { type StageTimer, timed, timedSync } from '../../pipeline/stage-timer.ts';
import { withPrintFontFaces } from '../fonts.ts';
import { folioLabels } from './folios.ts';
import { FootnotePlacer } from './footnotes.ts';
import {
  hyphenEnvironment,
  hyphensFile,
  readKeptHyphens,
  writeKeptHyphens,
} from './hyphen-cache.ts';
import { type Helper, HyphenSettler } from './hyphenation.ts';
import type { WideElement } from './in-page-scripts.ts';
import { footnoteAnchors, measuredAnchors, printedAnchors } from './measured-anchors.ts';
import { wideElements } from './overflow.ts';
import { canSettle, estimateFile, readEstimate, writeEstimate } from './page-estimate.ts';
import { pageLocators } from './page-locators.ts';
import { movedAnchors, type PageMap, warmPageMap } from './page-map.ts';
import {
  blankIds,
  firstBodyPage,
  versoStarts,
  withBlankPages,
  withGlossaryLength,
} from './page-prediction.ts';
import { measurePages, printOrMeasure } from './print-driver.ts';
import { type PrintPageOptions, printHtml, printPage } from './print-page.ts';
import { estimatedPages, type PartsJob, planParts, printInParts } from './print-parts.ts';
import type { PrintTab } from './print-tab.ts';
import { SideNoteHoists } from './side-notes.ts';

/** One print of the edition, and what it measured. */
export interface Pass {
  parts: EditionParts;
  pdf: Uint8Array;
  map: PageMap;
  blankBefore: Set<string>;
  /** Anchors whose page changed since the previous pass. */
  moved: string[];
  /** The print of the pass, to print again tagged if the loop ends unsettled. */
  print: EditionPrint;
  tagged: boolean;
  /** Elements the first pass found wider than the page area, each with that area's width. */
  wide?: Array<WideElement & { area: number }>;
}

/** Prints until the page numbers hold (or the passes run out, with a warning): the last pass. */
export async function paginate(
  input: EditionInput,
  session: RenderSession,
  tab: PrintTab,
  work: string,
  borrowTabs?: PartsJob['borrowTabs'],
): Promise<Pass> {
  const config = input.edition.config;
  // While the browser loads, measures and prints the first pass (page-map.ts).
  void warmPageMap();
  let previous: Pass | undefined;
  const sideNotes = new SideNoteHoists();
  // Footnotes go to the foot of their references' pages (footnotes.ts): a hook of its own.
  const footnotes = new FootnotePlacer();
  // The hyphens the last build settled, where they still hold (hyphen-cache.ts).
  const keptHyphens =
    config.hyphenate && session.outDir
      ? {
          file: hyphensFile(session.outDir, input.edition.id),
          environment: hyphenEnvironment(await tab.version()),
        }
      : undefined;
  const hyphens = config.hyphenate
    ? new HyphenSettler(
        keptHyphens &&
          (await timed(session.timer, 'pdf kept hyphens', () =>
            readKeptHyphens(keptHyphens.file, input.edition.id, keptHyphens.environment),
          )),
      )
    : undefined;
  // The edition's own tab shares a long settle with a tab alongside (hyphenation.ts).
  const helper: Helper = (url, use) => tab.alongside(url, use);
  const settleHyphens = hyphens
    ? async (loaded: Page, alone = true) => {
        // Parts on lent tabs print while this tab is renewed: it may have no page then.
        // Parts printed at once keep the cores busy: a tab alongside would only add a
        // renderer holding a part (the peak memory of a build in parts).
        const along = alone && tab.holds(loaded) ? helper : undefined;
        if (hyphens.hasPending)
          await timed(session.timer, 'pdf hyphens', () => hyphens.settle(loaded, along));
      }
    : undefined;
  // Before each print, in the page it loaded (a part's, on whichever browser prints it).
  // The first pass also looks for elements wider than the page: a print in the page held
  // at its page area (overflow.ts), a measurement in its columns (page-columns.ts).
  const wide = new Map<string, WideElement & { area: number }>();
  const foundWide = (elements: Iterable<WideElement & { area: number }>) => {
    for (const element of elements)
      wide.set(`${element.id} ${element.tag} ${element.text}`, element);
  };
  let lookForWide = true;
  let lookForWideInPage = true;
  const hyphenate = async (loaded: Page, alone = true) => {
    await settleHyphens?.(loaded, alone);
    if (lookForWideInPage) {
      const found = await timed(session.timer, 'pdf wide elements', () => wideElements(loaded));
      foundWide(found.wide.map((element) => ({ ...element, area: found.area })));
    }
    await timed(session.timer, 'pdf footnotes', () => footnotes.arrange(loaded));
  };
  // What kept the last pass from being the final one, for the warning when passes run out.
  let unsettled: string[] = [];
  const warned = new Set<string>();
  // The last build's estimate, if it kept one: the first pass is assembled as its last was.
  const kept = session.outDir ? estimateFile(session.outDir, input.edition.id) : undefined;
  const estimate = kept
    ? await timed(session.timer, 'pdf page estimate', () => readEstimate(kept, input.edition.id))
    : undefined;
  if (estimate) {
    for (const [note, block] of estimate.hoists) sideNotes.hoists.set(note, block);
    footnotes.plan = estimate.footnotes;
  }
  for (let pass = 1; pass <= input.project.config.maxPrintPasses; pass++) {
    // The pass returned is always the latest: the one before keeps only what it measured,
    // not its PDF and print page (at 450 pages about 60 MB held through the next print).
    if (previous) previous = { ...previous, pdf: new Uint8Array(), print: released };
    // The last print's tab is closed now if its renderer holds a large print, before this
    // pass is assembled (print-tab.ts); the pass's own is asked for when first used: printed
    // part by part, the pass asks for a tab per part and needs none, but for the glossary.
    await timed(session.timer, 'pdf new context', () => tab.release());
    let opened: Promise<Page> | undefined;
    const passPage = () =>
      (opened ??= timed(session.timer, 'pdf new context', () => tab.forPrint()));
    // Parts that would open on a left-hand page get a blank page before them, and the
    // pages the last print measured move with the blank pages added or taken away, so
    // that this print's page numbers are right at once.
    const predicting = performance.now();
    const blankBefore = previous
      ? versoStarts(previous.parts, previous.map, previous.blankBefore)
      : new Set(estimate?.blankBefore);
    let map = previous
      ? withBlankPages(previous.parts, previous.map, previous.blankBefore, blankBefore)
      : estimate?.map;
    if (previous) {
      const measured = previous.map;
      sideNotes.update(previous.parts, (id) => measured.pageOf.get(id));
    }
    session.timer?.since('pdf page prediction', predicting);
    // Only the first document's id, so that nothing holds the last pass's trees through
    // this pass's print (the last pass is let go of once this one is assembled).
    const firstDocument = (previous?.parts ?? input).documents[0];
    const opening = {
      documents: firstDocument ? [{ record: { id: firstDocument.record.id } }] : [],
    };
    const assembleWith = (pages: PageMap | undefined) => {
      const lookup = lookupOf(opening, pages);
      const made = () => assemble(input, lookup, sideNotes.hoists, footnotes);
      return timedSync(session.timer, 'pdf assemble', made);
    };
    let parts = assembleWith(map);
    // Filling the glossary's page numbers changes its length (locators on one page merge,
    // runs of pages collapse), which moves the index after it. Laid out alone, the glossary
    // tells its new length at the cost of a few pages: the index moves before it is printed.
    // (A kept estimate's pages are those of a pass whose glossary was already filled.)
    if (previous && map && parts.glossary && parts.index) {
      const length = await timed(session.timer, 'pdf back matter', async () =>
        glossaryLength(
          tab,
          await passPage(),
          work,
          parts,
          input.project.root,
          hyphens,
          settleHyphens,
          session.timer,
        ),
      );
      const moved = withGlossaryLength(map, length);
      if (moved !== map) {
        map = moved;
        parts = assembleWith(map);
      }
    }
    session.progress(`${input.edition.id}: pdf pass ${pass}`);
    // What the last pass measured is in `map` and the predictions made from it; its
    // assembled trees (the whole edition's) are not held through this pass's print.
    previous = undefined;
    const print = editionPrint(parts, {
      work,
      projectRoot: input.project.root,
      blankBefore,
      hyphens,
      pages: map,
      borrowTabs,
      config: input.project.config,
      warn: (reason) => {
        if (warned.has(reason)) return;
        warned.add(reason);
        input.project.file.message(
          `Edition \`${input.edition.id}\` prints whole, not part by part: ${reason}`,
          { ruleId: 'pdf:one-print', source: 'folio' },
        );
      },
      timer: session.timer,
    });
    // A cold build's first pass only measures, in columns, without printing (it costs a
    // layout). Every later one, and a rebuild's first, may be the last: printed tagged.
    const printed = printedAnchors(parts);
    const tagged = pass > 1 || (estimate !== undefined && canSettle(estimate, printed));
    lookForWideInPage = lookForWide && tagged;
    const how = { tagged, findWide: lookForWide && !tagged };
    const { pdf, map: measured } = await timed(
      session.timer,
      `pdf pass ${pass}${tagged ? ' (tagged)' : ''}`,
      () =>
        print.print(tab, passPage, how, hyphenate, (part) =>
          session.progress(`${input.edition.id}: pdf pass ${pass}, ${part}`),
        ),
    );
    foundWide(measured.wide ?? []);
    lookForWide = false;
    lookForWideInPage = false;
    const checking = performance.now();
    const current: Pass = {
      parts,
      pdf,
      map: measured,
      blankBefore,
      print,
      tagged,
      // Only pages that are printed somewhere must settle; a move inside the back matter
      // that no page number shows costs no further pass.
      moved: movedAnchors(map, measured, printed),
    };
    const rectoAsPrinted = sameSet(versoStarts(parts, measured, blankBefore), blankBefore);
    // The plan this pass was assembled with, before the update plans the next one.
    const planned = footnotes.plan && {
      pages: new Map(footnotes.plan.pages),
      tops: new Map(footnotes.plan.tops),
    };
    const notesPlaced = footnotes.update(parts, measured);
    session.timer?.since('pdf settle check', checking);
    if (tagged && current.moved.length === 0 && rectoAsPrinted && notesPlaced) {
      // Kept for the next build: what this, the last pass, was assembled with (unless that
      // was the kept estimate itself, unchanged), and the hyphens settled, where they changed.
      // Written once the build's outputs are: a failed build leaves the folder as it was.
      const keep: Array<() => Promise<void>> = [];
      if (kept && map && !(estimate && pass === 1)) {
        const next = {
          map,
          blankBefore,
          hoists: new Map(sideNotes.hoists),
          footnotes: planned,
          unplaced: new Set([...printed].filter((id) => !measured.pageOf.has(id))),
        };
        keep.push(() => writeEstimate(kept, input.edition.id, next));
      }
      const settledHyphens = hyphens?.toKeep();
      if (keptHyphens && settledHyphens) {
        const { file, environment } = keptHyphens;
        keep.push(() => writeKeptHyphens(file, input.edition.id, environment, settledHyphens));
      }
      if (keep.length > 0) {
        const keepAll = () =>
          timed(session.timer, 'pdf page estimate', async () => {
            for (const write of keep) await write();
          });
        if (session.afterWrite) session.afterWrite(keepAll);
        else await keepAll();
      }
      return { ...current, wide: [...wide.values()] };
    }
    previous = current;
    unsettled = [
      ...(current.moved.length > 0
        ? [`page numbers of ${current.moved.slice(0, 5).join(', ')}`]
        : []),
      ...(rectoAsPrinted ? [] : ['blank pages before parts that open on a left-hand page']),
      ...(notesPlaced ? [] : ['footnotes moving between pages']),
    ];
    if (unsettled.length === 0) unsettled = ['only the measuring pass ran'];
  }
  if (!previous) throw new Error('no print pass ran');
  input.project.file.message(
    `Page numbers of edition \`${input.edition.id}\` did not settle after ${input.project.config.maxPrintPasses} passes (still moving: ${unsettled.join('; ')}); check the printed page numbers`,
    { ruleId: 'pdf:unsettled-pages', source: 'folio' },
  );
  const last = { ...previous, wide: [...wide.values()] };
  return last.tagged
    ? last
    : {
        ...last,
        pdf: (await last.print.print(tab, () => tab.forPrint(), { tagged: true }, hyphenate)).pdf,
      };
}

interface EditionPrintOptions extends PrintPageOptions {
  /** The print's work folder. */
  work: string;
  /** The pages this pass was assembled with: the last print's, moved as predicted (none before the first). */
  pages: PageMap | undefined;
  /** Tabs on lent browsers, to print parts at the same time. */
  borrowTabs?: PartsJob['borrowTabs'];
  config: Pick<FolioConfig, 'printParts' | 'printPartsFrom'>;
  /** Told why a large edition prints whole. */
  warn: (reason: string) => void;
  /** Times the prints' steps (print-driver.ts), the page maps (`pdf page map`) and a merge. */
  timer?: StageTimer;
}

/** One pass's print of the edition: whole, or part by part (print-parts.ts). */
export interface EditionPrint {
  /** The whole edition's print HTML (the benchmark prints it once more, as its floor). */
  html(): string;
  print(
    tab: PrintTab,
    /** The tab's page to print the whole edition in (opened when asked for). */
    page: () => Promise<Page>,
    /** Tagged prints carry a structure tree; a measurement may look for wide elements too. */
    how: { tagged: boolean; findWide?: boolean },
    /** In the loaded page before it prints; `alone` when no other part prints meanwhile. */
    beforePrint: (page: Page, alone?: boolean) => Promise<void>,
    progress?: (part: string) => void,
  ): Promise<{ pdf: Uint8Array; map: PageMap }>;
}

/** The print of a pass that another pass followed (never printed or returned again). */
const released: EditionPrint = {
  html: () => {
    throw new Error('the print of an earlier pass was released');
  },
  print: () => Promise.reject(new Error('the print of an earlier pass was released')),
};

function editionPrint(parts: EditionParts, options: EditionPrintOptions): EditionPrint {
  const made = () => printPage(parts, options);
  const page = timedSync(options.timer, 'pdf print page', made);
  const anchors = [...measuredAnchors(parts), ...blankIds(options.blankBefore)];
  const withTops = new Set(footnoteAnchors(parts));
  const { printPartsFrom } = options.config;
  const printParts = printPartsMode(options.config.printParts);
  const large =
    printParts === 'always' ||
    (printParts === 'auto' && (options.pages?.pageCount ?? estimatedPages(page)) >= printPartsFrom);
  // Forced, each document prints alone: the most part boundaries, to prove them exact.
  const planning = () => planParts(page, parts, anchors, printParts === 'always' ? 0 : undefined);
  const planned = large ? timedSync(options.timer, 'pdf plan parts', planning) : undefined;
  if (planned && 'reason' in planned) options.warn(planned.reason);
  const plan = planned && 'parts' in planned && planned.parts.length > 1 ? planned : undefined;
  const firstDocument = parts.documents[0]?.record.id;
  return {
    html: () => withPrintFontFaces(toHtml(page.tree)),
    async print(tab, tabPage, { tagged, findWide }, beforePrint, progress) {
      if (plan)
        return printInParts(plan, tab, {
          work: options.work,
          tagged,
          findWide,
          beforePrint,
          anchors,
          withTops,
          blankBeforeBody: firstDocument && options.blankBefore.has(firstDocument) ? 1 : 0,
          progress,
          totalPages: options.pages?.pageCount,
          expectedStart: (part) =>
            part.firstAnchor === undefined
              ? undefined
              : options.pages?.pageOf.get(part.firstAnchor),
          borrowTabs: options.borrowTabs,
          timer: options.timer,
        });
      const serialise = () => withPrintFontFaces(toHtml(page.tree));
      const job = {
        work: options.work,
        name: 'edition.html',
        html: timedSync(options.timer, 'pdf serialise', serialise),
        beforePrint,
        timer: options.timer,
        findWide,
      };
      const { pdf, map } = await printOrMeasure(await tabPage(), job, tagged, anchors, withTops);
      tab.printed(map.pageCount);
      return { pdf, map };
    },
  };
}

/**
 * Page numbers and their printed labels from a page map (none before the first print),
 * the body starting at the opening of the first of `opening`'s documents.
 */
function lookupOf(opening: Parameters<typeof firstBodyPage>[0], map: PageMap | undefined) {
  if (!map) return undefined;
  const labels = folioLabels(map.pageCount, firstBodyPage(opening, map));
  return {
    page: (anchor: string) => map.pageOf.get(anchor),
    label: (page: number) => labels[page - 1] ?? String(page),
  } satisfies PageLookup;
}

/** How many pages the glossary takes, laid out alone (measured, not printed) in the edition's page style. */
async function glossaryLength(
  tab: PrintTab,
  page: Page,
  work: string,
  parts: EditionParts,
  projectRoot: string,
  hyphens: HyphenSettler | undefined,
  hyphenate: ((page: Page) => Promise<void>) | undefined,
  timer: StageTimer | undefined,
): Promise<number> {
  const alone: EditionParts = {
    ...parts,
    cover: undefined,
    contents: { type: 'element', tagName: 'div', properties: {}, children: [] },
    documents: [],
    index: undefined,
  };
  const map = await measurePages(page, {
    work,
    name: 'back-matter.html',
    html: printHtml(alone, { projectRoot, blankBefore: new Set(), hyphens }),
    beforePrint: hyphenate,
    anchors: [glossaryId],
    timer,
  });
  tab.printed(map.pageCount);
  return map.pageCount - (map.pageOf.get(glossaryId) ?? 1) + 1;
}

function assemble(
  input: EditionInput,
  pages: PageLookup | undefined,
  sideNotes: Hoists,
  footnotes: FootnotePlacer,
) {
  return assembleEdition({
    registry: input.collected.registry,
    edition: input.edition.config,
    documents: input.documents,
    projectTitle: input.project.config.title,
    projectLanguage: input.project.config.language,
    projectRoot: input.project.root,
    style: pageLocators(pages),
    print: { pages, sideNotes, ...(footnotes.plan ? { footnotes: footnotes.plan } : {}) },
  });
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** `FOLIO_PRINT_PARTS` (`auto`, `always`, `never`) overrides the config's `printParts`. */
function printPartsMode(configured: FolioConfig['printParts']): FolioConfig['printParts'] {
  const fromEnvironment = process.env.FOLIO_PRINT_PARTS;
  return fromEnvironment === 'auto' || fromEnvironment === 'always' || fromEnvironment === 'never'
    ? fromEnvironment
    : configured;
}
