/**
 * The cover image: the edition's assembled cover (or, for an edition without one, a cover
 * generated from `templates/epub/cover-image.html` with the title and each document's
 * issuer and date) drawn by the build's Chromium in a sandboxed page and captured as a
 * 1600 × 2400 PNG, with a text alternative that says everything the image shows.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Parent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { EditionParts } from '../../assemble/edition.ts';
import { fillFields, fillSlots, loadPageTemplate } from '../../assemble/template.ts';
import { wordsFor } from '../../locale/locale.ts';
import type { RenderSession } from '../../pipeline/pipeline.ts';
import { makeTempDirSync } from '../../temp/temp-root.ts';
import { sessionBrowser } from '../browser.ts';
import { chineseFaces } from '../fonts.ts';
import { sandboxedPage } from '../sandbox.ts';
import { fontFaceQueries, fontFolders, localFontFaces } from './embedded-fonts.ts';

export interface CoverImage {
  png: Uint8Array;
  alt: string;
}

const viewport = { width: 800, height: 1200, deviceScaleFactor: 2 };

export async function renderCoverImage(
  parts: EditionParts,
  session: RenderSession,
  projectRoot: string,
): Promise<CoverImage> {
  const page = loadPageTemplate('epub/cover-image.html', projectRoot);
  const lines = parts.cover
    ? configuredCover(page, parts, parts.cover)
    : generatedCover(page, parts);
  // Chinese is drawn with the bundled Chinese faces (the machine may have none), whose
  // slices load for the characters the cover shows.
  const chinese = chineseFaces();
  fillSlots(page, {
    fonts: `${localFontFaces((file) => pathToFileURL(file).href)}\n${chinese.css}`,
  });
  const root = page.children.find(
    (n): n is Element => n.type === 'element' && n.tagName === 'html',
  );
  if (root) root.properties.lang = parts.language;

  // goto a file, not setContent: Chromium blocks file:// fonts in a setContent page.
  const folder = makeTempDirSync('cover');
  const browser = await sessionBrowser(session);
  // The page may read its own folder and the fonts, nothing else (a project can override
  // the template, and the cover shows text from the config and front matter).
  const blocked: string[] = [];
  const tab = await sandboxedPage(browser, {
    allow: [folder, ...fontFolders(), ...chinese.folders],
    onBlocked: (url) => blocked.push(url),
    timeout: 30_000,
  });
  try {
    const file = path.join(folder, 'cover.html');
    writeFileSync(file, toHtml(page));
    await tab.setViewport(viewport);
    await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Load every face before the capture: `fonts.ready` alone can resolve before layout
    // has asked for a face, and a capture under load would then show a fallback font.
    // One call per face: the sandbox turns JavaScript off, so no callback may run in the
    // page, but a returned promise is still awaited.
    for (const query of fontFaceQueries()) {
      await tab.evaluate((q) => document.fonts.load(q), query);
      if (!(await tab.evaluate((q) => document.fonts.check(q), query))) {
        throw new Error(`The EPUB cover could not load the font ${query}`);
      }
    }
    const shown = lines.join(' ');
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(shown)) {
      for (const family of chinese.families)
        for (const weight of ['400', '700'])
          await tab.evaluate(
            (q, t) => document.fonts.load(q, t),
            `${weight} 16px "${family}"`,
            shown,
          );
    }
    const png = await tab.screenshot({ type: 'png', omitBackground: false });
    if (blocked.length > 0) {
      throw new Error(
        `The EPUB cover page asked for ${blocked.map((url) => `\`${url}\``).join(', ')}, which it may not load: keep templates/epub/cover-image.html free of outside resources`,
      );
    }
    const words = wordsFor(parts.language);
    const text = lines.join(`${words.fullStop}${words.wordSpace}`);
    return { png, alt: words.coverAlt(text.replace(/\.\./g, '.')) };
  } finally {
    await tab.close().catch(() => {});
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Puts the assembled cover in the page; returns the text it shows. */
function configuredCover(page: Parent, parts: EditionParts, assembled: Element): string[] {
  const cover = parts.edition.cover;
  replaceSlot(page, structuredClone(assembled));
  if (!cover) return [parts.title];
  const words = wordsFor(parts.language);
  const labelled = (label: string, value: string | undefined) =>
    value && words.labelled(label, value);
  return [
    cover.marking,
    cover.title,
    cover.subtitle,
    labelled(words.preparedFor, cover.preparedFor),
    labelled(words.preparedBy, cover.preparedBy),
    labelled(words.date, cover.date),
  ].filter((line): line is string => Boolean(line));
}

/** Fills the generated cover: the title and, per document, who issued it and when. */
function generatedCover(page: Parent, parts: EditionParts): string[] {
  const single = parts.documents.length === 1 ? parts.documents[0]?.record : undefined;
  const documents = parts.documents.map(({ record }) => {
    const by = record.meta.issuer ?? record.meta.journal;
    const line = [by, record.meta.date].filter(Boolean).join(', ');
    return single ? line : `${record.meta.title}: ${line}`;
  });
  const subtitle = single?.meta.subtitle;
  replaceSlot(page);
  fillFields(page, {
    title: parts.title,
    subtitle,
    documents: documents.map((line): ElementContent => h('li', line)),
  });
  return [parts.title, ...(subtitle ? [subtitle] : []), ...documents];
}

/** Swaps the `data-slot="cover"` element for `replacement`, or keeps it as it is. */
function replaceSlot(tree: Parent, replacement?: Element): void {
  tree.children.forEach((child, i) => {
    if (child.type !== 'element') return;
    if (child.properties.dataSlot !== 'cover') replaceSlot(child, replacement);
    else if (replacement) tree.children[i] = replacement;
    else delete child.properties.dataSlot;
  });
}
