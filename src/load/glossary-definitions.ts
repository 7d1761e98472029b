/**
 * Glossary definitions are Markdown from the same untrusted hands as the manuscripts, so
 * they are held to the same rules: each is parsed once here and checked like a manuscript
 * (raw HTML refused, links held to the URL policy, images decided on their real path),
 * with messages at their place in the glossary file. The glossary is assembled from these
 * checked trees, never from the definition's text.
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { moveToAnnotationFile } from '../annotations/note-positions.ts';
import type { GlossaryEntry } from '../model/glossary.ts';
import { withinInputLimits } from '../parse/input-limits.ts';
import { remarkImages } from '../plugins/remark-images.ts';
import { remarkLinkPolicy } from '../plugins/remark-link-policy.ts';
import { remarkRawHtml } from '../plugins/remark-raw-html.ts';
import { dollarsAsText, remarkTypesetMath } from '../plugins/remark-typeset-math.ts';

/** Parses and checks every entry's definition, leaving it on `definitionTree`. */
export function checkGlossaryDefinitions(
  entries: readonly GlossaryEntry[],
  file: VFile,
  projectRoot: string,
): void {
  // The same Markdown the glossary is assembled with (no directives in a definition), math
  // typeset as in the manuscripts.
  const checker = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMath)
    // Refused, not sanitised: the glossary is assembled without the raw HTML step.
    .use(remarkRawHtml, { mode: 'refuse', projectRoot })
    .use(remarkLinkPolicy)
    .use(remarkImages, { projectRoot })
    .use(remarkTypesetMath)
    .freeze();
  for (const entry of entries) {
    // A definition past the input limits (too large or too deep) is reported, not parsed.
    if (!withinInputLimits(file, entry.definition, entry.definitionStart)) continue;
    const parsed = checker.parse(entry.definition);
    // Prices stay text (Pandoc's rule reads the definition's own offsets, gone after the move).
    dollarsAsText(parsed, entry.definition);
    const tree = moveToAnnotationFile(parsed, entry.definitionStart);
    entry.definitionTree = checker.runSync(tree, file) as Root;
  }
}
