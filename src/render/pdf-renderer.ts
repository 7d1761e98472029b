/**
 * Renderer for the `pdf` format: native Chromium print with a page-number loop
 * (pdf/page-loop.ts), in a sandboxed tab that loads only the project's files; then the
 * running heads, page labels, document information and compression (pdf/postprocess.ts).
 * Makes the print's pagination for the EPUB's page-list, and, when the build is timed,
 * the last pass's HTML for the benchmark.
 */
import { rm } from 'node:fs/promises';
import { sectionHeading } from '../assemble/contents.ts';
import { documentTitleAnchor } from '../model/ids.ts';
import type { BrowserSlot, Renderer } from '../pipeline/pipeline.ts';
import { timed, timedSync } from '../pipeline/stage-timer.ts';
import { makeTempDir } from '../temp/temp-root.ts';
import { sessionBrowser, slotBrowser } from './browser.ts';
import { bundledFaces, fallbackFace, packageFolder } from './fonts.ts';
import { folioLabels } from './pdf/folios.ts';
import { reportMissingGlyphs } from './pdf/glyph-check.ts';
import { paginate } from './pdf/page-loop.ts';
import { pageOpenings, pagesWithoutBlockStart } from './pdf/page-openings.ts';
import { blankIds, firstBodyPage } from './pdf/page-prediction.ts';
import { editionGeometry } from './pdf/paper-sizes.ts';
import { pdfInfo } from './pdf/pdf-info.ts';
import { labelRanges, postprocess } from './pdf/postprocess.ts';
import { printPdf } from './pdf/print-driver.ts';
import { type LentTabs, partsAtOnce } from './pdf/print-parts.ts';
import { PrintReport } from './pdf/print-report.ts';
import { PrintTab } from './pdf/print-tab.ts';
import { runningHeads, runningHeadsHtml } from './pdf/running-heads.ts';

export const pdfRenderer: Renderer = async (input, session) => {
  const { edition } = input;
  const browser = await timed(session.timer, 'pdf browser', () =>
    sessionBrowser(session, input.project.config.renderTimeout * 1000),
  );
  const work = await makeTempDir('print');
  const report = new PrintReport(input);
  const tabOptions = {
    allow: [
      work,
      input.project.root,
      ...[...bundledFaces, fallbackFace].map((face) => packageFolder(face.packageName)),
    ],
    onBlocked: (url: string) => report.blocked(url),
    onMissing: (url: string) => report.missing(url),
    timeout: input.project.config.renderTimeout * 1000,
  };
  const tab = new PrintTab(browser, tabOptions);
  // A print part by part prints up to `partsAtOnce` parts at once on the edition's browser,
  // each in a tab (so a renderer) of its own, and as many on each browser no other edition
  // prints with now, borrowed for the pass.
  const atOnce = partsAtOnce(input.project.config.partsAtOnce);
  const borrowTabs = async (most: number): Promise<LentTabs> => {
    const own = Math.min(atOnce - 1, most);
    const slots: BrowserSlot[] = [];
    for (let wanted = most - own; wanted > 0; wanted -= atOnce) {
      const slot = session.borrowBrowser?.();
      if (!slot) break;
      slots.push(slot);
    }
    const giveBack = () => {
      for (const slot of slots) session.giveBackBrowser?.(slot);
    };
    try {
      const browsers = [
        ...Array.from({ length: own }, () => browser),
        ...(
          await Promise.all(slots.map((slot) => slotBrowser(slot, session, tabOptions.timeout)))
        ).flatMap((lent) => Array.from({ length: atOnce }, () => lent)),
      ];
      const tabs = browsers.slice(0, most).map((each) => new PrintTab(each, tabOptions));
      return {
        tabs,
        release: async () => {
          for (const lent of tabs) await lent.close();
          giveBack();
        },
      };
    } catch (error) {
      giveBack();
      throw error;
    }
  };
  try {
    const step = <T>(stage: string, work: () => T): T => timedSync(session.timer, stage, work);
    step('pdf glyph check', () => reportMissingGlyphs(input.documents, input.collected.trees));
    const last = await paginate(input, session, tab, work, borrowTabs);
    const { parts, map } = last;
    report.printed(parts, map);
    report.wide(parts, last.wide ?? []);
    const bodyStart = firstBodyPage(parts, map);
    const labels = folioLabels(map.pageCount, bodyStart);

    const heads = step('pdf heads text', () =>
      runningHeads(parts, input.collected.registry, map, blankIds(last.blankBefore)),
    );
    const overlay = heads.some(Boolean)
      ? await timed(session.timer, 'pdf running heads', () =>
          printPdf(tab.page, {
            work,
            name: 'heads.html',
            html: runningHeadsHtml(heads, edition.config),
            tagged: false,
            timer: session.timer,
          }),
        )
      : undefined;
    // The EPUB's page-list marks the pages no block starts on where their words stand: an
    // edition without an EPUB needs none. Read while the heads printed, the print waited
    // on Node (12.9 s against 6.2 s at 1,823 pages), so they are read after it.
    const openings = edition.formats.includes('epub')
      ? await timed(session.timer, 'pdf page openings', () =>
          pageOpenings(
            last.pdf,
            pagesWithoutBlockStart(parts, map),
            editionGeometry(edition.config).margins,
          ),
        )
      : undefined;
    const pdf = await timed(session.timer, 'pdf postprocess', () =>
      postprocess({
        pdf: last.pdf,
        overlay,
        labelRanges: labelRanges(bodyStart),
        info: pdfInfo(parts, edition.built),
        pdfa: edition.config.pdfa,
        documentLanguages: parts.documents.map((d) => d.record.meta.language),
        documentPages: parts.documents.map((d) => map.pageOf.get(documentTitleAnchor(d.record.id))),
        plainTitles: parts.documents.flatMap((d) =>
          input.collected.registry
            .sectionsOf(d.record.id)
            .filter((s) => s.titleMath)
            .map(sectionHeading),
        ),
        timer: session.timer,
      }),
    );
    const benchCopy = () => ({ printHtml: last.print.html() });
    return {
      outputs: [
        {
          path: `${edition.id}/${edition.id}.pdf`,
          bytes: pdf,
          edition: edition.id,
          format: 'pdf',
          pages: map.pageCount,
        },
      ],
      pagination: { pageOf: map.pageOf, labels, bodyStart, openings },
      // The benchmark (which times the build) prints this final HTML once more, as its floor.
      ...(session.timer ? step('pdf bench copy', benchCopy) : {}),
    };
  } finally {
    report.requests();
    await timed(session.timer, 'pdf close tab', () => tab.close());
    await rm(work, { recursive: true, force: true });
  }
};
