/**
 * Where a printed web address may break across lines: after `//` and a colon, before a
 * single slash, a period, a comma, a hyphen, an underscore, a tilde, `?`, `#` and `%`,
 * and on either side of `=` and `&` (the Chicago Manual of Style's rule, and what LaTeX's
 * url package does), as `<wbr>` elements: an address no longer breaks inside a word
 * (`…/data/d` | `efinitions/…`) unless a part is wider than the line, and the breaks add
 * no character to the PDF's text. CSS's `overflow-wrap: anywhere` stays the last resort.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';

const breakAfter = /^(?:\/\/|:|=|&)/;
const breakBefore = /^[/.,\-_~?#%=&]/;

/** `url` as text with a `<wbr>` at each break opportunity. */
export function breakableUrl(url: string): ElementContent[] {
  const pieces: ElementContent[] = [];
  let run = '';
  const cut = () => {
    if (run === '') return;
    pieces.push({ type: 'text', value: run }, h('wbr'));
    run = '';
  };
  for (let at = 0; at < url.length; ) {
    const rest = url.slice(at);
    const after = breakAfter.exec(rest)?.[0];
    if (after) {
      if (breakBefore.test(rest) && !rest.startsWith('//')) cut();
      run += after;
      at += after.length;
      cut();
      continue;
    }
    if (breakBefore.test(rest) && at > 0) cut();
    run += url[at];
    at++;
  }
  if (run !== '') pieces.push({ type: 'text', value: run });
  const last = pieces[pieces.length - 1];
  if (last?.type === 'element') pieces.pop();
  return pieces;
}
