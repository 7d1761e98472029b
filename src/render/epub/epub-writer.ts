/**
 * Writes the EPUB: epub-gen-memory lays out the package's files through a subclass (the
 * identifier is ours, not a random UUID; extra package files, fonts and images, come from
 * memory; nothing is ever fetched), and the zip is ours (reproducible-zip.ts: entries in
 * the library's order, `mimetype` first and stored, every entry dated with the build date).
 * It relies on protected members of epub-gen-memory 1.1.2, hence the exact pin. The
 * chapters' XHTML, the OPF, the navigation document and the NCX come from our ejs
 * templates in `templates/epub/`, fed through extra option and chapter keys.
 */
import { readFileSync } from 'node:fs';
import { type Chapter, EPub, type Options } from 'epub-gen-memory';
import { templatePath } from '../../assemble/template.ts';
import { reproducibleZip, type ZipEntry } from '../reproducible-zip.ts';

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

class FolioEpub extends EPub {
  readonly #files: PackageFile[];

  constructor(book: EpubBook) {
    super(book.options, book.chapters);
    this.uuid = book.identifier;
    this.#files = book.files;
  }

  /** The package's files, in the order the library laid them out (`mimetype` first). */
  async entries(): Promise<ZipEntry[]> {
    await this.render();
    const entries: ZipEntry[] = [];
    for (const [path, file] of Object.entries(this.zip.files)) {
      if (file.dir) continue;
      const store = file.options.compression === 'STORE';
      entries.push({ path, bytes: await file.async('uint8array'), store });
    }
    // WOFF2 and PNG are compressed already: reproducibleZip stores them.
    for (const file of this.#files) entries.push({ path: `OEBPS/${file.href}`, bytes: file.bytes });
    return entries;
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
  const entries = await new FolioEpub(book).entries();
  if (entries[0]?.path !== 'mimetype')
    throw new Error('epub-gen-memory laid out no mimetype first');
  return reproducibleZip(entries, book.date);
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
