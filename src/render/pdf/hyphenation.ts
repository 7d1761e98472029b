/**
 * Hyphenation for print that keeps the PDF's text searchable. Chromium has no hyphenation
 * dictionaries offline, so words of running text get soft hyphens from the `hyphen`
 * package's TeX patterns. A soft hyphen stays in the PDF's text even where no line breaks
 * ("cy\u00ADber\u00ADspace"), which breaks search and copy; so, once the page is laid out,
 * the soft hyphens that ended a line become real hyphens and all the others are dropped.
 * An unused soft hyphen has no width, so dropping it cannot move a line break; a used one
 * is drawn with the same hyphen glyph either way. The PDF's text then reads like any
 * typeset book: "cyber-" at a line end, whole words everywhere else.
 */
import { createRequire } from 'node:module';
import type { Element, ElementContent, Root, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Page } from 'puppeteer-core';
import { writtenWithoutHyphens } from '../../locale/locale.ts';
import { entryName, type KeptHyphens, settlesFrom, styleContext } from './hyphen-cache.ts';
import { measuringScript } from './in-page-scripts.ts';
import { type PaperSize, paperSizes } from './paper-sizes.ts';
import { collectGarbage } from './renderer-garbage.ts';

const softHyphen = '\u00AD';

/** Letters kept together at a word's start and end (TeX's \lefthyphenmin, \righthyphenmin). */
const leftMin = 2;
const rightMin = 3;
const minWordLength = 6;

/** Elements whose text is running text set justified in print. */
const hyphenated = new Set(['p']);
/** Elements whose text is never hyphenated: code, names of things, hidden text. */
const verbatim = new Set(['code', 'kbd', 'samp', 'pre', 'var', 'script', 'style', 'svg', 'math']);

interface Hyphenator {
  hyphenateSync(text: string, options: { hyphenChar: string; minWordLength: number }): string;
}

const require = createRequire(import.meta.url);
const hyphenators = new Map<string, Hyphenator | undefined>();

/**
 * The `hyphen` package's patterns for a BCP 47 language tag: the whole tag, then its
 * language alone ("en-GB" → `en-gb`, "de-AT" → `de`); `undefined` where it has none, and
 * for Chinese and Japanese, which break lines between characters and take no hyphens
 * (the package's `zh` patterns are for pinyin, Chinese in Latin letters: `zh-Latn` keeps them).
 */
export function hyphenatorFor(language: string): Hyphenator | undefined {
  const tag = language.toLowerCase();
  if (writtenWithoutHyphens(language)) return undefined;
  if (!hyphenators.has(tag)) {
    const candidates = [tag, tag.split('-')[0] ?? tag].filter((t) =>
      /^[a-z]{2,3}(-[a-z0-9]+)*$/.test(t),
    );
    let found: Hyphenator | undefined;
    for (const candidate of candidates) {
      try {
        found = require(`hyphen/${candidate}/index.js`) as Hyphenator;
        break;
      } catch {
        // no patterns for this tag: try the next
      }
    }
    hyphenators.set(tag, found);
  }
  return hyphenators.get(tag);
}

/** `word` with soft hyphens where the patterns allow a break and both parts are long enough. */
export function hyphenateWord(word: string, hyphenator: Hyphenator): string {
  // Acronyms are set whole (words here are letters only).
  if (word.length < minWordLength || word === word.toUpperCase()) return word;
  const parts = hyphenator
    .hyphenateSync(word, { hyphenChar: softHyphen, minWordLength })
    .split(softHyphen);
  let result = '';
  let done = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const left = done;
      const right = word.length - done;
      if (left >= leftMin && right >= rightMin) result += softHyphen;
    }
    result += part;
    done += part.length;
  }
  return result;
}

/** The running-text paragraphs of `tree`, each with the language it is written in. */
function paragraphs(tree: Root, language: string): Array<{ p: Element; language: string }> {
  const found: Array<{ p: Element; language: string }> = [];
  const walk = (node: Root | Element, lang: string) => {
    for (const child of node.children) {
      if (child.type !== 'element' || verbatim.has(child.tagName) || isHidden(child)) continue;
      const own = child.properties.lang;
      const childLang = typeof own === 'string' && own ? own : lang;
      if (hyphenated.has(child.tagName)) found.push({ p: child, language: childLang });
      else walk(child, childLang);
    }
  };
  walk(tree, language);
  return found;
}

/**
 * Each hyphenator's words as hyphenated so far: every pass hyphenates the whole edition
 * again, and a book's vocabulary is small beside its words (the patterns cost most of a
 * pass's hyphenation, and their garbage most of Node's memory growth while it runs).
 */
const hyphenatedWords = new WeakMap<Hyphenator, Map<string, string>>();
/** Past this many words (a watch session over many texts) a hyphenator's list starts again. */
const mostWords = 200_000;

function hyphenateCached(word: string, hyphenator: Hyphenator): string {
  let words = hyphenatedWords.get(hyphenator);
  if (!words || words.size >= mostWords) {
    words = new Map();
    hyphenatedWords.set(hyphenator, words);
  }
  let done = words.get(word);
  if (done === undefined) {
    done = hyphenateWord(word, hyphenator);
    words.set(word, done);
  }
  return done;
}

/** Puts soft hyphens into the words of `p`'s text; returns its text nodes that got some. */
function softHyphenate(p: Element, hyphenator: Hyphenator): Text[] {
  const soft: Text[] = [];
  const walk = (node: Element) => {
    // Adjacent text nodes are one text node in the browser's DOM: merge them likewise.
    const children: ElementContent[] = [];
    for (const child of node.children) {
      const last = children[children.length - 1];
      if (child.type === 'text' && last?.type === 'text') last.value += child.value;
      else children.push(child);
    }
    node.children = children;
    for (const child of children) {
      if (child.type === 'text') {
        child.value = child.value.replace(/[\p{L}\p{M}]+/gu, (word) =>
          hyphenateCached(word, hyphenator),
        );
        if (child.value.includes(softHyphen)) soft.push(child);
      } else if (child.type === 'element' && !verbatim.has(child.tagName) && !isHidden(child)) {
        walk(child);
      }
    }
  };
  walk(p);
  return soft;
}

function isHidden(node: Element): boolean {
  return node.properties.ariaHidden === 'true' || node.properties.hidden === true;
}

let inPage: string | undefined;

/** In a page loaded from the prepared tree, the marked paragraphs settled (or those in `only`). */
async function settleInPage(page: Page, only?: string[]): Promise<Record<string, string[]>> {
  inPage ??= measuringScript('line-end-hyphens');
  await page.evaluate(inPage);
  // Print styles apply: the print driver emulates print before the page loads.
  return page.evaluate(
    (papers, marks) => globalThis.folioHyphens.settle(papers, marks ?? undefined),
    paperSizes,
    only ?? null,
  );
}

/**
 * Opens a page of another renderer, loads `url` in it as the print page was loaded, runs
 * `use` and closes it (print-tab.ts, print-driver.ts).
 */
export type Helper = <T>(url: string, use: (page: Page) => Promise<T>) => Promise<T>;

/**
 * From how many paragraphs to settle a helper shares the work: below, opening and loading
 * it costs more than it saves. The page keeps the larger share, as the helper starts later
 * (by its tab and its load).
 */
const sharedFrom = 1500;
/** From how many paragraphs settled in a page its renderer collects its garbage after. */
const collectFrom = 1000;
const ownShare = 0.55;

/** What line-end-hyphens.browser.js defines in the page (tsc checks it against this). */
interface InPage {
  /**
   * Per paragraph mark (of all marked, or of those in `only`), the settled text of its text
   * nodes that had soft hyphens.
   */
  settle(papers: Record<string, PaperSize>, only?: string[]): Promise<Record<string, string[]>>;
  /** Sets the paragraphs `settle` left out, as another page settled them. */
  apply(settled: Record<string, string[]>): void;
}

declare global {
  /** Defined in the print page only, by line-end-hyphens.browser.js. */
  var folioHyphens: InPage;
}

const mark = 'data-folio-hyphens';

/**
 * Hyphenation of one print edition across the passes of its page-number loop. `prepare`
 * puts soft hyphens into a pass's page tree; `settle` keeps, in the loaded page, only
 * those that end a line, as hyphens (see line-end-hyphens.browser.js). Line breaks depend
 * only on a paragraph's own content and measure, not on the page it falls on, so a
 * paragraph an earlier pass settled is set the same way without measuring; only new or
 * changed paragraphs (a page number in a reference) are measured again. What the last
 * build settled (`kept`, hyphen-cache.ts) is used likewise, where its text checks out.
 */
export class HyphenSettler {
  private readonly settled = new Map<string, string[]>();
  private pending = new Map<string, { key: string; entry: string | undefined }>();
  /** The entries this build used or measured, for the next build. */
  private readonly used: KeptHyphens = new Map();
  private measured = false;
  /** The style context of the stylesheet prepared last (the same in every pass of a build). */
  private context: { css: string; name: string } | undefined;

  /**
   * @param kept what the last build settled (hyphen-cache.ts)
   * @param shareFrom from how many paragraphs to settle a helper shares the work
   */
  constructor(
    private readonly kept: KeptHyphens = new Map(),
    private readonly shareFrom = sharedFrom,
  ) {}

  /** Soft hyphens into `tree` (a pass's own copy: it is changed in place), styled by `css`. */
  prepare(tree: Root, language: string, css: string): void {
    this.pending = new Map();
    if (this.context?.css !== css) this.context = { css, name: styleContext(css) };
    const context = this.context.name;
    for (const { p, language: lang } of paragraphs(tree, language)) {
      const hyphenator = hyphenatorFor(lang);
      if (!hyphenator) continue;
      const soft = softHyphenate(p, hyphenator);
      if (soft.length === 0) continue;
      const key = toHtml(p);
      const entry = entryName(context, key);
      const done = this.settled.get(key) ?? this.fromKept(entry, soft);
      if (done?.length === soft.length) {
        this.settled.set(key, done);
        if (entry) this.used.set(entry, done);
        soft.forEach((text, i) => {
          text.value = done[i] ?? text.value;
        });
      } else {
        const id = String(this.pending.size + 1);
        p.properties[mark] = id;
        this.pending.set(id, { key, entry });
      }
    }
  }

  /** The last build's settled texts for `entry`, if they are those of `soft`'s texts. */
  private fromKept(entry: string | undefined, soft: Text[]): string[] | undefined {
    const texts = entry === undefined ? undefined : this.kept.get(entry);
    if (texts?.length !== soft.length) return undefined;
    return texts.every((text, i) => settlesFrom(soft[i]?.value ?? '', text)) ? texts : undefined;
  }

  /** Whether the page loaded from the last prepared tree has paragraphs to measure. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /**
   * What to keep for the next build: the entries this build used, when it measured any
   * or left some of the last build's unused; undefined when the kept file is right as it is.
   */
  toKeep(): KeptHyphens | undefined {
    const same = !this.measured && [...this.kept.keys()].every((entry) => this.used.has(entry));
    return same ? undefined : this.used;
  }

  /**
   * Settles the paragraphs `prepare` left, in the page loaded from its tree. With many,
   * `helper` (a page of its own renderer, loaded as this one: see settleInPage) settles
   * the later ones at the same time, and the page takes them from it.
   */
  async settle(page: Page, helper?: Helper): Promise<void> {
    if (this.pending.size === 0) return;
    // The paragraphs in this page: a part's page holds its own only (print-parts.ts), so
    // the share is of those, and a part with none has nothing to settle. (Shared out by
    // the edition's marks, the first of a 447-page pack's two documents was settled by its
    // own page alone, beside a tab alongside that held none of its share, and the front and
    // back matter each loaded a tab alongside with nothing to settle.)
    const marks = await page.evaluate(
      (name) =>
        Array.from(document.querySelectorAll(`[${name}]`), (p) => p.getAttribute(name) ?? ''),
      mark,
    );
    if (marks.length === 0) return;
    const shared = helper && marks.length >= this.shareFrom;
    const theirs = shared ? marks.slice(Math.round(marks.length * ownShare)) : [];
    const mine = shared ? marks.slice(0, marks.length - theirs.length) : undefined;
    const [settled, elsewhere] = await Promise.all([
      settleInPage(page, mine),
      shared ? helper(page.url(), (other) => settleInPage(other, theirs)) : undefined,
    ]);
    if (elsewhere) {
      await page.evaluate((texts) => globalThis.folioHyphens.apply(texts), elsewhere);
      Object.assign(settled, elsewhere);
    }
    // A large settle changed the text of thousands of paragraphs, each laid out again:
    // what it replaced is let go of now, not held through the steps after it (with two
    // parts settled at once, each page held about 460 MB at the end of its settle, and
    // 150 to 250 MB after collecting).
    if ((mine ?? marks).length >= collectFrom) await collectGarbage(page);
    for (const [id, texts] of Object.entries(settled)) {
      const pending = this.pending.get(id);
      if (pending === undefined) continue;
      this.settled.set(pending.key, texts);
      if (pending.entry) this.used.set(pending.entry, texts);
      this.measured = true;
    }
  }
}
