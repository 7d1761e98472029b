/**
 * Renderer for the `epub` format: one EPUB 3 per edition. The assembled edition is cut
 * into chapters (cover, contents, one per document, glossary, index) whose links name the
 * chapter files, marked with the print edition's page breaks when the PDF renderer
 * measured them, serialised as XHTML by us and packaged by epub-gen-memory through our
 * templates, with embedded fonts, accessibility metadata, and bytes that depend only on
 * the sources (two builds give the same sha256).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assembleEdition } from '../../assemble/edition.ts';
import {
  editionObjectLists,
  objectListLandmark,
  objectListNav,
} from '../../assemble/lists-of-figures.ts';
import { sectionLocators } from '../../assemble/locators.ts';
import { wordsFor } from '../../locale/locale.ts';
import type { Renderer } from '../../pipeline/pipeline.ts';
import { timed, timedSync } from '../../pipeline/stage-timer.ts';
import { addedStylesheetsCss, stylesheetPath } from '../stylesheets.ts';
import { type Chapter, editionChapters, withContentProperties } from './chapters.ts';
import { renderCoverImage } from './cover-image.ts';
import { coverChapter, withCoverImage } from './cover-page.ts';
import { embeddedFonts } from './embedded-fonts.ts';
import { epubTemplates, type PackageFile, writeEpub } from './epub-writer.ts';
import { packageImages } from './images.ts';
import { idFiles, type Located, reportUnresolvedLinks, rewriteLinks } from './links.ts';
import {
  contentsEntries,
  contentsNav,
  editionLandmarks,
  hiddenNavs,
  navFile,
  ncxContents,
} from './navigation.ts';
import { editionIdentifier, packageMetadata } from './package-metadata.ts';
import { insertPageBreaks } from './page-breaks.ts';
import { toXhtmlFragment } from './xhtml.ts';

export const epubRenderer: Renderer = async (
  { project, collected, edition: { config: edition, built }, documents, products },
  session,
) => {
  const registry = collected.registry;
  // Where the EPUB's time goes, when someone is measuring (the benchmark).
  const step = <T>(stage: string, work: () => T): T => timedSync(session.timer, stage, work);
  const parts = step('epub assemble', () =>
    assembleEdition({
      footnotes: 'block',
      registry,
      edition,
      documents,
      projectTitle: project.config.title,
      projectLanguage: project.config.language,
      projectRoot: project.root,
      style: sectionLocators(registry),
    }),
  );
  // The browser draws the cover image while Node makes the chapters ready (the work below
  // yields between chapters, so that each of the drawing's steps goes on as soon as the
  // last is done); a failure to draw is reported where the image is awaited.
  const drawing = renderCoverImage(parts, session, project.root);
  drawing.catch(() => {});
  const chapters = step('epub chapters', () => editionChapters(parts));
  const packaged = documents.flatMap(({ record }) => {
    const manuscript = record.files[0];
    const own = chapters.filter((c) => c.documentId === record.id);
    if (own.length === 0 || !manuscript) return [];
    return packageImages(own, manuscript, project.files);
  });
  // The glossary's definitions may hold images too (checked at load, src/load/glossary-definitions.ts).
  const glossaryChapter = chapters.find((c) => c.id === 'glossary');
  if (glossaryChapter && project.glossaryFile)
    packaged.push(...packageImages([glossaryChapter], project.glossaryFile, project.files));
  // One file used by two documents is one item of the package (names are content hashes).
  const images = [...new Map(packaged.map((image) => [image.id, image])).values()];
  const files = idFiles(chapters);
  reportUnresolvedLinks(
    rewriteLinks(chapters, files, project.files),
    documents[0]?.record.files[0],
  );

  // Its image is set once drawn (its page breaks, the cover's and its back's, go in first).
  const coverPage = coverChapter(parts.language);

  const contents = contentsEntries(parts, registry, (id) => files.get(id));
  // The lists of figures and tables the edition asks for: `loi` and `lot` navs beside the contents.
  const objectListsOfEdition = editionObjectLists(
    registry,
    edition,
    documents.map((d) => d.record.id),
    parts.language,
  );
  const lists = objectListsOfEdition.map((list) =>
    objectListNav(list, (id) => `${files.get(id) ?? ''}#${id}`),
  );
  const contentsPage: Located = {
    file: navFile,
    content: [contentsNav(contents, parts.language), ...lists],
  };
  const pagination = products.pagination;
  const pages = pagination
    ? step('epub page-list', () =>
        insertPageBreaks([coverPage, contentsPage, ...chapters], pagination),
      )
    : [];
  // The lists' landmarks follow the contents' (cover and contents come first).
  const landmarks = editionLandmarks(chapters, parts.language);
  landmarks.splice(2, 0, ...objectListsOfEdition.map((l) => objectListLandmark(l, navFile)));
  const navXhtml = toXhtmlFragment([
    ...contentsPage.content,
    ...hiddenNavs(landmarks, pages, parts.language),
  ]);

  const fonts = embeddedFonts();
  // Manifest properties (`mathml`, `svg`) from each file's content; MathML is also an
  // accessibility feature of the book.
  const bookFiles = [coverPage, ...chapters].map(withContentProperties);
  const chapterFiles: ReturnType<typeof epubChapter>[] = [];
  for (const chapter of bookFiles.slice(1)) {
    chapterFiles.push(step('epub xhtml', () => epubChapter(chapter)));
    await yieldToBrowser();
  }
  const cover = await timed(session.timer, 'epub cover', () => drawing);
  const coverImage: PackageFile = {
    href: `images/cover-${createHash('sha256').update(cover.png).digest('hex').slice(0, 16)}.png`,
    bytes: cover.png,
  };
  const coverFile = bookFiles[0];
  if (!coverFile) throw new Error('The EPUB lost its cover page');
  chapterFiles.unshift(epubChapter(withCoverImage(coverFile, coverImage.href, cover.alt)));
  const metadata = packageMetadata({
    edition,
    documents,
    built,
    hasIndex: parts.index !== undefined,
    hasGlossary: parts.glossary !== undefined,
    hasPageList: pages.length > 0,
    hasMathml: bookFiles.some((c) => c.properties?.split(' ').includes('mathml')),
  });
  const bytes = await timed(session.timer, 'epub write', () =>
    writeEpub({
      identifier: editionIdentifier(edition.id),
      date: built,
      options: {
        title: parts.title,
        lang: parts.language,
        tocTitle: wordsFor(parts.language).contents,
        date: built.toISOString(),
        css: [
          ...[
            'epub.css',
            'math.css',
            'code.css',
            ...(edition.annotated ? ['epub-annotations.css'] : []),
          ].map((name) => readFileSync(stylesheetPath(name, project.root), 'utf8')),
          addedStylesheetsCss(edition, 'epub', project.root),
        ].join('\n'),
        verbose: false,
        ...epubTemplates(project.root),
        pkg: {
          ...metadata,
          coverImage: 'cover-image',
          resources: [
            {
              id: 'cover-image',
              href: coverImage.href,
              mediaType: 'image/png',
              properties: 'cover-image',
            },
            ...images.map(({ id, href, mediaType }) => ({ id, href, mediaType })),
            ...fonts.map((font, i) => ({
              id: `font-${i + 1}`,
              href: font.href,
              mediaType: 'font/woff2',
            })),
          ],
        },
        navXhtml,
        ncx: ncxContents(contents),
      },
      chapters: chapterFiles,
      files: [coverImage, ...images, ...fonts],
    }),
  );
  return {
    outputs: [
      { path: `${edition.id}/${edition.id}.epub`, bytes, edition: edition.id, format: 'epub' },
    ],
  };
};

/** Lets the browser's answers in: the cover's drawing goes on one step. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A chapter as epub-gen-memory takes it: our XHTML in `xhtml`, its own `content` empty. */
function epubChapter(chapter: Chapter) {
  return {
    id: chapter.id,
    filename: chapter.file,
    title: chapter.title,
    content: '',
    beforeToc: chapter.beforeContents ?? false,
    lang: chapter.language,
    bodyType: chapter.bodyType ?? '',
    bodyClass: chapter.bodyClass ?? '',
    properties: chapter.properties ?? '',
    xhtml: toXhtmlFragment(chapter.content),
  };
}
