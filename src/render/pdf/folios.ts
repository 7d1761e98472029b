/**
 * Folios: the label printed on each physical page. Front matter (cover, contents, and the
 * blank pages among them) counts in lower-case roman numerals; the body starts again at 1.
 * The print CSS makes Chromium print the same numbers; this is their source of truth for
 * locators and the PDF's page labels.
 */
export function romanNumeral(n: number): string {
  const numerals: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let rest = n;
  let out = '';
  for (const [value, letters] of numerals) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** Labels for `pageCount` pages whose body begins at physical page `bodyStart`. */
export function folioLabels(pageCount: number, bodyStart: number): string[] {
  return Array.from({ length: pageCount }, (_, i) =>
    i + 1 < bodyStart ? romanNumeral(i + 1) : String(i + 2 - bodyStart),
  );
}
