/**
 * The one URL policy of Folio: what a link or a resource reference written by a user
 * (manuscript, raw HTML, glossary, annotation, template) may point to. Links may leave
 * the book only by http, https or mailto; internal links (fragments, files of the book)
 * stay; every other scheme (javascript:, vbscript:, data:, file: …) is dropped with a
 * located warning by the caller. Ask here rather than matching schemes where a URL is seen.
 */

/** Schemes a link may use to leave the book. */
export const linkSchemes = ['http', 'https', 'mailto'] as const;

export type LinkKind =
  /** `#id`, `chapter.md`, `../part/x.md#y`: a place in the book. */
  | 'internal'
  /** http, https, mailto. */
  | 'external'
  /** Any other scheme, or a URL that cannot be read. */
  | 'forbidden';

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/** What kind of target a link's `href` names. */
export function linkKind(href: string): LinkKind {
  // Browsers ignore tabs, newlines and leading controls inside a scheme ("java\tscript:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const cleaned = href.replace(/[\u0000-\u0020\u007f]/g, '');
  if (cleaned.startsWith('//')) return 'external';
  const match = scheme.exec(cleaned);
  if (!match) return 'internal';
  const name = match[1]?.toLowerCase() ?? '';
  return (linkSchemes as readonly string[]).includes(name) ? 'external' : 'forbidden';
}
