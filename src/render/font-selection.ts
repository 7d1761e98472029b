/**
 * Which `@font-face` rules a page needs: those whose `unicode-range` holds at least one
 * character the page may set. A rule whose range holds none of them cannot be used for
 * any glyph (CSS Fonts 4, the font matching algorithm: a face is a candidate for a
 * character only if its range holds the character), so leaving it out changes nothing in
 * the layout, and a Latin book's print no longer carries the 416 Chinese slices of Noto
 * Sans TC and SC (each of them a rule Chromium matches, about 14 % of a print's CPU).
 *
 * What the page may set is more than its text: the HTML (text, attribute values for
 * `attr()` and image alternatives, the style sheets with their `content:` strings,
 * written as they are or as CSS and HTML escapes), and what the browser generates without
 * it being written anywhere: case changes, list markers and counters of non-Latin styles
 * named in the CSS, quotation marks, emphasis marks, full-width forms. A base set (Latin,
 * Latin-1 punctuation and digits, general punctuation) is always kept: it holds the space
 * that chooses a family's first available face (line heights, `ch` and `ex`), folios and
 * hyphens.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

type Range = readonly [number, number];

/** Always set: Basic Latin, Latin-1 (digits, punctuation, no-break space, soft hyphen), general punctuation. */
const baseSet: Range[] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2000, 0x206f],
];

const cjkNumerals =
  '〇零一二三四五六七八九十百千万萬亿億兆負负壹贰貳叁參肆伍陆陸柒捌玖拾佰仟壱弐参阡';
const hangul: Range[] = [
  [0x1100, 0x11ff],
  [0x3131, 0x318e],
  [0xac00, 0xd7a3],
];
const kana: Range[] = [
  [0x3041, 0x3096],
  [0x30a1, 0x30fa],
];

/**
 * Counter styles (CSS Counter Styles 3, predefined) that write with characters outside
 * the base set, each with the characters it may write (symbols, negative signs, suffixes).
 */
const counterStyles: Array<{ names: RegExp; text?: string; ranges?: Range[] }> = [
  {
    names:
      /\b(?:cjk-decimal|cjk-ideographic|(?:simp|trad)-chinese-(?:in)?formal|japanese-(?:in)?formal)\b/,
    text: `${cjkNumerals}、`,
  },
  { names: /\bcjk-earthly-branch\b/, text: '子丑寅卯辰巳午未申酉戌亥、' },
  { names: /\bcjk-heavenly-stem\b/, text: '甲乙丙丁戊己庚辛壬癸、' },
  { names: /\bkorean-(?:hangul|hanja)-(?:in)?formal\b/, text: `${cjkNumerals}、`, ranges: hangul },
  { names: /\b(?:hangul|hangul-consonant)\b/, ranges: hangul },
  { names: /\b(?:hiragana|katakana)(?:-iroha)?\b|\bfull-size-kana\b/, text: '、', ranges: kana },
  { names: /\b(?:lower|upper)-greek\b/, ranges: [[0x391, 0x3c9]] },
  { names: /\b(?:lower-|upper-)?armenian\b/, ranges: [[0x531, 0x587]] },
  { names: /\bgeorgian\b/, ranges: [[0x10d0, 0x10f6]] },
  { names: /\bhebrew\b/, ranges: [[0x5d0, 0x5f4]] },
  {
    names: /\b(?:arabic-indic|persian|urdu)\b/,
    ranges: [
      [0x660, 0x669],
      [0x6f0, 0x6f9],
    ],
  },
  { names: /\bethiopic-numeric\b/, ranges: [[0x1369, 0x137c]] },
  {
    // The digits of the Indic and Southeast Asian decimal styles.
    names:
      /\b(?:devanagari|bengali|gurmukhi|gujarati|oriya|tamil|telugu|kannada|malayalam|thai|lao|khmer|cambodian|myanmar|tibetan|mongolian|lepcha)\b/,
    ranges: [
      [0x966, 0xdef],
      [0xe50, 0xed9],
      [0xf20, 0xf29],
      [0x1040, 0x1049],
      [0x17e0, 0x17e9],
      [0x1810, 0x1819],
      [0x1c40, 0x1c49],
    ],
  },
  // Markers of `ul` and `details` (disc, circle, square, disclosure-open/closed, both directions).
  { names: /<(?:ul|li|menu|dir)\b|\b(?:disc|circle|square)\b/, text: '•◦▪■▸▾◂' },
  { names: /<(?:details|summary)\b|\bdisclosure-(?:open|closed)\b/, text: '▸▾◂' },
  // Quotation marks of every language (the `q` element, `open-quote`).
  { names: /<q\b|\b(?:open|close)-quote\b/, text: '"\'«»‹›‘’‚‛“”„‟「」『』﹁﹂﹃﹄' },
  { names: /\btext-emphasis\b/, text: '•●◦○◉◎▲△﹅﹆' },
];

/**
 * `html` without the comments of its `<style>` elements (base.css draws its section rules
 * with U+2500, which only a Chinese slice holds); their strings stay whole.
 */
export function withoutStyleComments(html: string): string {
  return html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_, open, css: string, close) => {
    const bare = css.replace(
      /("(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*')|\/\*[\s\S]*?(?:\*\/|$)/g,
      (_match, string?: string) => string ?? ' ',
    );
    return `${open}${bare}${close}`;
  });
}

/**
 * Every code point the page `html` (with its style sheets inlined) may set: what it
 * writes, and the base set.
 */
export function pageCodePoints(page: string): Set<number> {
  return withBaseSet(writtenCodePoints(page));
}

function withBaseSet(written: ReadonlySet<number>): Set<number> {
  const used = new Set(written);
  for (const [from, to] of baseSet) for (let c = from; c <= to; c++) used.add(c);
  return used;
}

/**
 * The code points the page writes: its text and attribute values as written or as HTML
 * and CSS escapes, what its CSS generates, and the other case of each letter (in the
 * rules of Turkish, Lithuanian, Greek and Dutch where the page has text in them).
 */
export function writtenCodePoints(page: string): Set<number> {
  const html = withoutStyleComments(page);
  const used = new Set<number>();
  const add = (text: string) => {
    for (const char of text) used.add(char.codePointAt(0) ?? 0);
  };
  addCodePoints(html, used);
  // Written as references: `&#x4E2D;`, `&#20013;`, `&eacute;`; in CSS, `\4E2D`.
  for (const [, hex, decimal, name] of html.matchAll(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi))
    add(reference(hex, decimal, name));
  for (const [, hex = ''] of html.matchAll(/\\([0-9a-f]{1,6})/gi))
    add(codePoint(Number.parseInt(hex, 16)));
  for (const style of counterStyles) {
    if (!style.names.test(html)) continue;
    add(style.text ?? '');
    for (const [from, to] of style.ranges ?? []) for (let c = from; c <= to; c++) used.add(c);
  }
  if (/\bfull-width\b/.test(html))
    for (const c of [...used]) if (c >= 0x21 && c <= 0x7e) used.add(c + 0xfee0);
  if (/\bfull-width\b/.test(html)) used.add(0x3000);
  // `text-transform` and synthesised small capitals set the other case, in the rules of
  // the languages with case rules of their own that the page has text in.
  const languages = ['tr', 'lt', 'el', 'nl'].filter((language) =>
    new RegExp(`\\blang=["']?${language}\\b`, 'i').test(html),
  );
  for (const c of [...used]) {
    const char = String.fromCodePoint(c);
    add(char.toUpperCase() + char.toLowerCase());
    for (const language of languages)
      add(char.toLocaleUpperCase(language) + char.toLocaleLowerCase(language));
  }
  if (used.has(0x3c3)) used.add(0x3c2); // a final sigma
  return used;
}

/**
 * Adds the code points of `text` to `used`, each of the Basic Multilingual Plane looked up
 * in a table rather than the set (a print part's page is megabytes of a few hundred
 * characters: iterated as a string into the set, 50 ms a 3 MB page, this way 10 ms).
 */
function addCodePoints(text: string, used: Set<number>): void {
  const seen = new Uint8Array(0x10000);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        used.add(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    if (seen[c] === 0) {
      seen[c] = 1;
      used.add(c);
    }
  }
}

function reference(hex?: string, decimal?: string, name?: string): string {
  if (hex !== undefined) return codePoint(Number.parseInt(hex, 16));
  if (decimal !== undefined) return codePoint(Number.parseInt(decimal, 10));
  const decoded = name === undefined ? false : decodeNamedCharacterReference(name);
  return decoded === false ? '' : decoded;
}

function codePoint(c: number): string {
  return Number.isFinite(c) && c > 0 && c <= 0x10ffff ? String.fromCodePoint(c) : '';
}

/** `U+0-ff, U+131, U+4??` → code point intervals; none when the text is not a range list. */
export function parseUnicodeRange(text: string): Range[] {
  const parts = text.split(',').map((part) => part.trim().replace(/^U\+/i, ''));
  if (!parts.every((spec) => /^(?:[0-9a-f]{1,6}\??|\?)+(?:-[0-9a-f]{1,6})?$/i.test(spec)))
    return [];
  return parts.map((spec): Range => {
    if (spec.includes('?'))
      return [
        Number.parseInt(spec.replace(/\?/g, '0'), 16),
        Number.parseInt(spec.replace(/\?/g, 'f'), 16),
      ];
    const [from = '0', to = from] = spec.split('-');
    return [Number.parseInt(from, 16), Number.parseInt(to, 16)];
  });
}

/**
 * The `@font-face` rules of `css` that a page setting the code points `used` can use, in
 * their order: a rule without a `unicode-range` (or with one this cannot read) is kept.
 * Whatever is not an `@font-face` rule (comments) is left out.
 */
export function usedFontFaces(css: string, used: ReadonlySet<number>): string {
  return faceRules(css)
    .filter((face) => setsAny(face.ranges, used))
    .map((face) => face.rule)
    .join('\n');
}

/**
 * The `@font-face` rules of `css` with their ranges (none: any code point), read once for
 * the last style sheet asked about: every part of a print asks of the same faces, whose
 * 500 rules and their ranges took 40 ms to read each time.
 */
function faceRules(css: string): Array<{ rule: string; ranges: Range[] | undefined }> {
  if (lastFaces?.css !== css)
    lastFaces = {
      css,
      rules: [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([rule]) => ({
        rule,
        ranges: ruleRanges(rule),
      })),
    };
  return lastFaces.rules;
}
let lastFaces: { css: string; rules: ReturnType<typeof faceRules> } | undefined;

/** The ranges of a `@font-face` rule's `unicode-range`; undefined when it has none, or one this cannot read. */
function ruleRanges(rule: string): Range[] | undefined {
  const range = /unicode-range:\s*([^;}]+)/i.exec(rule)?.[1];
  if (range === undefined) return undefined;
  const ranges = parseUnicodeRange(range);
  return ranges.length === 0 ? undefined : ranges;
}

/**
 * Whether the `@font-face` rule `rule` may set one of the code points `used`: its
 * `unicode-range` holds one, or it has none (or one this cannot read).
 */
export function maySet(rule: string, used: ReadonlySet<number>): boolean {
  return setsAny(ruleRanges(rule), used);
}

/** Whether `ranges` (none: every code point) hold one of the code points `used`. */
function setsAny(ranges: readonly Range[] | undefined, used: ReadonlySet<number>): boolean {
  if (ranges === undefined) return true;
  for (const [from, to] of ranges) {
    if (to - from < used.size) {
      for (let c = from; c <= to; c++) if (used.has(c)) return true;
    } else {
      for (const c of used) if (c >= from && c <= to) return true;
    }
  }
  return false;
}

/** Stands in a page's CSS for its `@font-face` rules until the page is written whole. */
export const fontFacesMarker = '/* folio: the @font-face rules this page can use */';

/** `html` with its first `fontFacesMarker` replaced by the rules `rulesFor(html)`. */
export function withFontFaces(html: string, rulesFor: (page: string) => string): string {
  const at = html.indexOf(fontFacesMarker);
  if (at < 0) throw new Error('the page has no place for its @font-face rules');
  return html.slice(0, at) + rulesFor(html) + html.slice(at + fontFacesMarker.length);
}

/**
 * `html` with its first `fontFacesMarker` replaced by the rules of `faces` that the page
 * can use, narrowed further by `narrow` (given the page and the code points it writes,
 * `writtenCodePoints`) where given; with `FOLIO_FONT_FACES=all` in the environment, by all
 * of them (to check that the selection changes nothing in a PDF).
 */
export function withUsedFontFaces(
  html: string,
  faces: string,
  narrow?: (rules: string, page: string, written: ReadonlySet<number>) => string,
): string {
  return withFontFaces(html, (page) => {
    if (process.env.FOLIO_FONT_FACES === 'all') return faces;
    const written = writtenCodePoints(page);
    const rules = usedFontFaces(faces, withBaseSet(written));
    return narrow ? narrow(rules, page, written) : rules;
  });
}
