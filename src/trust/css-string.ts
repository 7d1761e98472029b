/**
 * Text from the config or a manuscript written into CSS (the cover marking in the print
 * page's `<style>`): a CSS string that no value can leave. Quotes, backslashes, line
 * breaks and control characters are CSS escapes, and so is `<`, so that `</style>` can
 * never end the style element around it.
 */

/** `value` as a double-quoted CSS string. */
export function cssString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped.
  const escaped = value.replace(/[\u0000-\u001f\u007f"\\<>&\u2028\u2029]/g, (c) =>
    // A NUL is not allowed in CSS at all: the replacement character stands for it.
    c === '\u0000' ? '\ufffd' : `\\${c.charCodeAt(0).toString(16)} `,
  );
  return `"${escaped}"`;
}
