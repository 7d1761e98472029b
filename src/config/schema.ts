/**
 * The schema of `folio.config.yaml`: the single source of truth for what a project may
 * declare (documents, glossary, annotations, editions and their options). Unknown keys are
 * errors, so a typo is reported at its key instead of being ignored.
 */
import { z } from 'zod';
import { lengthPattern, paperNames } from '../render/pdf/paper-sizes.ts';
import { languageTag, plainText } from '../trust/text-values.ts';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens');

const formatSchema = z.enum(['html', 'pdf', 'epub']);
export type Format = z.infer<typeof formatSchema>;

const documentSchema = z.strictObject({
  id,
  files: z.array(z.string().min(1)).min(1),
  /** Used when the front matter has no title; else the first heading's text. */
  title: plainText.pipe(z.string().min(1)).optional(),
  shortTitle: plainText.pipe(z.string().min(1)).optional(),
  /** Used when the front matter has no language; else the project's. */
  language: languageTag.optional(),
});

const coverSchema = z.strictObject({
  title: plainText.pipe(z.string().min(1)),
  subtitle: plainText.optional(),
  date: plainText.optional(),
  preparedFor: plainText.optional(),
  preparedBy: plainText.optional(),
  marking: plainText.optional(),
});

/** How an edition lays out the books it is given: chapters, and links in print (issue 18, h8). */
const editionLayoutOptions = {
  /**
   * Headings of this level (and above) are chapters: each starts a new page in print, has
   * its running head and its own EPUB file. Default 1: `#` headings.
   */
  chapterLevel: z.number().int().min(1).max(6).optional(),
  /** Each chapter starts on a right-hand page (a blank page is inserted when needed). */
  rectoChapters: z.boolean().default(false),
  /**
   * Print shows an external link's address: after the link (default), in a footnote at the
   * foot of its page (numbered with the author's notes: assemble/link-notes.ts), or not at all.
   */
  printLinks: z.enum(['after', 'footnote', 'none']).default('after'),
};

/** Where GFM footnotes (`[^1]`) go (issue 15, h-footnotes). */
const editionNoteOptions = {
  /**
   * `footnotes` (default): at the foot of the reference's page in print, a pop-up after the
   * referencing block in the EPUB, at the end of the section in HTML. `endnotes`: at the end
   * of each document, in every format.
   */
  notes: z.enum(['footnotes', 'endnotes']).default('footnotes'),
  /** Footnote numbers run through each document (default) or start again in each chapter. */
  noteNumbering: z.enum(['document', 'chapter']).default('document'),
};

/** Figures and captioned tables (issue 15, h-figures). */
const figureOptions = {
  /** Figures and tables are numbered through each document (`Figure 3`) or per chapter (`Figure 2.3`). */
  figureNumbering: z.enum(['document', 'chapter']).default('document'),
  /** A list of figures in the front matter, after the contents (page numbers in print). */
  listOfFigures: z.boolean().default(false),
  /** A list of tables in the front matter, after the contents (and the list of figures). */
  listOfTables: z.boolean().default(false),
};

/** A project stylesheet: a file for every format, or one with the formats it is for. */
const stylesheetsSchema = z.array(
  z.union([
    z.string().min(1),
    z.strictObject({ file: z.string().min(1), formats: z.array(formatSchema).min(1) }),
  ]),
);

/** Page geometry and look (issue 15, h-geometry): paper, margins, type size, faces. */
const length = z
  .string()
  .regex(lengthPattern, 'use a length in mm, cm, in or pt, such as `18mm` or `0.75in`');
/** A named paper (paper-sizes.ts) or `{ width, height }`. */
const paperSchema = z
  .union(
    [
      // `A5`, `Letter` and `US-Trade` as publishers write them.
      z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(paperNames)),
      z.strictObject({ width: length, height: length }),
    ],
    {
      error: `use one of ${paperNames.map((n) => `\`${n}\``).join(', ')}, or { width, height } with lengths such as \`140mm\``,
    },
  )
  .default('a4');
const editionLookOptions = {
  /** Print margins; inner and outer are mirrored on facing pages. Unset ones follow the paper. */
  margins: z
    .strictObject({
      top: length.optional(),
      bottom: length.optional(),
      inner: length.optional(),
      outer: length.optional(),
    })
    .optional(),
  /** Print: the running text's size (`10pt`) and line height (a multiple of it). */
  fontSize: length.optional(),
  lineHeight: z.number().min(1).max(3).optional(),
  /** Print and HTML: faces by family name, among the bundled ones (fonts.ts). */
  faces: z
    .strictObject({
      text: z.string().min(1).optional(),
      headings: z.string().min(1).optional(),
      code: z.string().min(1).optional(),
    })
    .optional(),
  /** Stylesheets of the project loaded after Folio's, in this order (after the project's). */
  stylesheets: stylesheetsSchema.optional(),
};

/**
 * A remark or rehype plugin the project names: its package, and the options it is given. A
 * package name only (a scope, a subpath): never a file path, URL or Node built-in.
 */
const pluginName = z
  .string()
  .regex(
    /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w-][\w.-]*)*$/i,
    'use the name of a package installed in the project (`remark-gfm`, `@scope/rehype-x`), not a path',
  );
const pluginSchema = z.union([
  pluginName,
  z.strictObject({ name: pluginName, options: z.record(z.string(), z.unknown()).optional() }),
]);

const editionSchema = z.strictObject({
  id,
  title: plainText.pipe(z.string().min(1)).optional(),
  documents: z.array(id).min(1),
  formats: z.array(formatSchema).min(1).default(['html', 'pdf', 'epub']),
  paper: paperSchema,
  cover: coverSchema.optional(),
  rectoParts: z.boolean().default(true),
  /** Print hyphenates running text (patterns of the `hyphen` package for the text's language). */
  hyphenate: z.boolean().default(true),
  /** Carries the project's annotations: passages marked, notes beside them (print) or linked (EPUB). */
  annotated: z.boolean().default(false),
  /** The PDF is PDF/A-2b: embedded fonts, an sRGB output intent and XMP metadata. */
  pdfa: z.boolean().default(false),
  /** Also an archive zip of the outputs with the sources that produced them and a manifest. */
  archive: z.boolean().default(false),
  ...editionLayoutOptions,
  ...figureOptions,
  ...editionLookOptions,
  ...editionNoteOptions,
});

export const configSchema = z.strictObject({
  title: plainText.pipe(z.string().min(1)),
  language: languageTag.default('en'),
  documents: z.array(documentSchema).min(1),
  glossary: z.string().min(1).optional(),
  annotations: z.array(z.string().min(1)).default([]),
  glossaryLinks: z.enum(['first-in-document', 'every', 'none']).default('first-in-document'),
  crossrefFormat: z
    .string()
    .default('{label}, {title}')
    .refine((s) => s.includes('{label}') || s.includes('{title}'), {
      message: 'must contain {label} or {title}',
    }),
  editions: z.array(editionSchema).min(1),
  /**
   * Raw HTML in manuscripts: `sanitize` keeps a safe subset (what is dropped is reported),
   * `refuse` makes each occurrence an error.
   */
  rawHtml: z.enum(['sanitize', 'refuse']).default('sanitize'),
  /** Longest time the browser may take to load or print one page, in seconds. */
  renderTimeout: z.number().positive().max(3600).default(120),
  /** Most prints the page-number loop may make before it stops with a warning. */
  maxPrintPasses: z.number().int().min(1).max(20).default(6),
  /**
   * Print a large edition part by part (front matter, groups of documents, back matter),
   * each part in a fresh renderer, and merge the tagged parts (render/pdf/print-parts.ts):
   * `auto` from `printPartsFrom` pages on, `always`, or `never`.
   */
  printParts: z.enum(['auto', 'always', 'never']).default('auto'),
  /** With `printParts: auto`, the page count from which an edition prints part by part. */
  printPartsFrom: z.number().int().min(1).default(300),
  /**
   * How many parts of an edition printed part by part each browser prints at once, each
   * in a renderer of its own: `auto` is 2 on a machine of two or more cores (as many
   * renderers as the hyphen settle of one part uses), else 1. `FOLIO_PARTS_AT_ONCE`
   * overrides it.
   */
  partsAtOnce: z.union([z.literal('auto'), z.number().int().min(1).max(16)]).default('auto'),
  /**
   * Browsers to print with instead of launching one: DevTools WebSocket endpoints
   * (`ws://host:port/devtools/browser/…`), as Puppeteer's `connect` takes; with several,
   * editions print in parallel, one per browser. `FOLIO_BROWSER_WS_ENDPOINT` (comma-separated) overrides it.
   */
  browserEndpoints: z
    .array(z.string().regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL'))
    .optional(),
  /** Stylesheets loaded after Folio's in every edition (edition ones after these). */
  stylesheets: stylesheetsSchema.default([]),
  /**
   * remark and rehype plugins from the project's own node_modules (src/load/plugins.ts):
   * remark ones after parsing, before collecting; rehype ones after Folio's rehype steps.
   */
  plugins: z
    .strictObject({
      remark: z.array(pluginSchema).default([]),
      rehype: z.array(pluginSchema).default([]),
    })
    .optional(),
});

export type FolioConfig = z.infer<typeof configSchema>;
export type EditionConfig = z.infer<typeof editionSchema>;
export type DocumentConfig = z.infer<typeof documentSchema>;
export type StylesheetConfig = z.infer<typeof stylesheetsSchema>[number];
export type PluginConfig = z.infer<typeof pluginSchema>;
