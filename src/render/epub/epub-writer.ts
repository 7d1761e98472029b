/**
 * Writes the EPUB container with epub-gen-memory, made deterministic by a subclass: the
 * identifier is ours (not a random UUID), every zip entry carries the build date (not the
 * clock), extra package files (fonts, images) come from memory, and nothing is ever
 * fetched. It relies on protected members of epub-gen-memory 1.1.2, hence the exact pin.
 * The chapters' XHTML, the OPF, the navigation document and the NCX come from our ejs
 * templates in `templates/epub/`, fed through extra option and chapter keys.
 */
import { readFileSync } from 'node:fs';
import { type Chapter, EPub, type Options } from 'epub-gen-memory';
import { templatePath } from '../../assemble/template.ts';
import { zipEpoch } from '../archive/reproducible-zip.ts';

export interface PackageFile {
  /** Path inside the package, relative to the OPF (`fonts/x.woff2`, `images/cover-….png`). */
  href: string;
  bytes: Uint8Array;
}

export interface EpubBook {
  identifier: string;
  /** Date stamped on every zip entry. */
  date: Date;
  /** epub-gen-memory options; extra keys reach our templates. */
  options: Options & Record<string, unknown>;
  /** Chapters whose `content` is empty: their XHTML travels in an extra key. */
  chapters: Array<Chapter & Record<string, unknown>>;
  files: PackageFile[];
}

/** The DOS time of a zip entry cannot say anything before 1980. */

class FolioEpub extends EPub {
  readonly #files: PackageFile[];
  readonly #date: Date;

  constructor(book: EpubBook) {
    super(book.options, book.chapters);
    this.uuid = book.identifier;
    this.#files = book.files;
    this.#date = new Date(Math.max(book.date.getTime(), zipEpoch));
  }

  override async render(): Promise<this> {
    await super.render();
    const oebps = this.zip.folder('OEBPS');
    if (!oebps) throw new Error('epub-gen-memory made no OEBPS folder');
    // WOFF2 and PNG are compressed already: deflating them again only costs time.
    for (const file of this.#files) oebps.file(file.href, file.bytes, { compression: 'STORE' });
    for (const entry of Object.values(this.zip.files)) entry.date = this.#date;
    return this;
  }

  // Every resource arrives through #files: whatever would make the library fetch is a bug.
  protected override async downloadAllFonts(): Promise<void> {
    if (this.options.fonts.length > 0) throw new Error('Folio embeds fonts itself: none to fetch');
  }

  protected override async downloadAllImages(): Promise<void> {
    if (this.images.length > 0) throw new Error('Folio embeds images itself: none to fetch');
  }

  protected override async makeCover(): Promise<void> {
    if (this.cover) throw new Error('Folio embeds the cover itself: none to fetch');
  }
}

export async function writeEpub(book: EpubBook): Promise<Uint8Array> {
  const bytes = await new FolioEpub(book).genEpub();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Our templates for epub-gen-memory (a project may override each in `templates/epub/`). */
export function epubTemplates(projectRoot: string) {
  const read = (name: string) => readFileSync(templatePath(`epub/${name}`, projectRoot), 'utf8');
  return {
    contentOPF: read('content.opf.ejs'),
    tocXHTML: read('toc.xhtml.ejs'),
    tocNCX: read('toc.ncx.ejs'),
    chapterXHTML: read('chapter.xhtml.ejs'),
  };
}
