/**
 * The project's own page templates (`templates/*.html`, `templates/epub/*.html`), checked
 * when the project is loaded: what the URL policy takes out of them when they are used
 * (src/assemble/template.ts: links with a forbidden scheme, meta refreshes) is reported
 * here once, at its line in the template, instead of vanishing at each assembly.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { VFile } from 'vfile';
import { holdToUrlPolicy } from '../assemble/template.ts';
import { warn } from '../diagnostics/messages.ts';

/** A vfile per project template that had something taken out, with the warnings on it. */
export function checkProjectTemplates(projectRoot: string): VFile[] {
  const files: VFile[] = [];
  for (const folder of ['templates', 'templates/epub']) {
    const absolute = path.join(projectRoot, folder);
    if (!existsSync(absolute)) continue;
    for (const name of readdirSync(absolute)
      .filter((n) => n.endsWith('.html'))
      .sort()) {
      const full = path.join(absolute, name);
      const file = new VFile({
        path: path.relative(process.cwd(), full) || full,
        value: readFileSync(full, 'utf8'),
      });
      // Page templates are whole documents; the others are fragments (as their users read them).
      const fragment = name !== 'edition.html' && name !== 'cover-image.html';
      holdToUrlPolicy(fromHtml(String(file.value), { fragment }), ({ element, what }) => {
        warn(
          file,
          `${what} taken out of the template: an edition links only by http, https, mailto or inside the book, and never reloads`,
          { place: element.position, ruleId: 'link:forbidden-scheme' },
        );
      });
      if (file.messages.length > 0) files.push(file);
    }
  }
  return files;
}
