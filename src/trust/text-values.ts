/**
 * Values from YAML (config, front matter) that end up inside markup Folio writes: a
 * language becomes `lang`/`xml:lang` attributes and `dc:language`, a title becomes the
 * package's `dc:title` and the page's `<title>`. Schemas use these types so a bad value is
 * a located error at its key, never markup that breaks out or an invalid content.opf.
 */
import { z } from 'zod';

/** Whether `tag` is a well-formed BCP 47 language tag (`en`, `de-CH`, `zh-Hant-TW`). */
export function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const languageTag = z.string().refine(isLanguageTag, {
  message: 'expected a BCP 47 language tag such as `en`, `en-GB` or `de-CH`',
});

// Characters XML 1.0 forbids (so an EPUB's package and XHTML cannot hold them) and the
// C1 controls, which no title means to contain.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/** Text without control characters (tabs and line breaks allowed). */
export const plainText = z.string().refine((value) => !controlCharacters.test(value), {
  message: 'contains a control character (U+0000–U+001F, U+007F–U+009F): remove it',
});
