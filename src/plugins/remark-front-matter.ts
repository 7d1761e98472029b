/**
 * remark plugin: reads a manuscript's YAML front matter (parsed by remark-frontmatter),
 * validates it as document metadata and removes it from the tree. On a document's first
 * file it stores the document's metadata on `file.data.meta`, with what the front matter
 * leaves out taken from the config (id, title, language) or, for the title, from the
 * file's first heading; front matter is optional. Problems are located at their key's
 * line in the manuscript, and so are warnings of what Folio lacks for the `language` it
 * names (src/locale/language-checks.ts).
 */
import type { Heading, Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { warnOfLanguage } from '../locale/language-checks.ts';
import { type FrontMatter, frontMatterSchema } from '../model/document-meta.ts';
import { validateYaml } from '../yaml/validate-yaml.ts';
import '../model/vfile-data.ts';

export interface FrontMatterOptions {
  /** Whether this file carries the document's metadata (the first file of a document). */
  required: boolean;
  /** What the config says of the document, used where the front matter is silent. */
  defaults?: { id: string; title?: string | undefined; language: string };
  /** Whether print hyphenates the document (an edition holding it prints hyphenated). */
  hyphenated?: boolean;
}

export function remarkFrontMatter(options: FrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    const index = tree.children.findIndex((node) => node.type === 'yaml');
    const node = tree.children[index];
    let frontMatter: FrontMatter | undefined;
    if (node?.type === 'yaml') {
      tree.children.splice(index, 1);
      const validated = validateYaml(file, frontMatterSchema, 'front-matter', {
        text: node.value,
        firstLine: (node.position?.start.line ?? 0) + 1,
      });
      if (!validated) return;
      frontMatter = validated.data;
      if (frontMatter.language)
        warnOfLanguage(file, frontMatter.language, validated.placeOf(['language']), {
          hyphenated: options.hyphenated ?? false,
        });
    }
    if (!options.required) return;
    const defaults = options.defaults;
    const parsed = frontMatter ?? frontMatterSchema.parse({});
    const title = parsed.title ?? defaults?.title ?? firstHeadingText(tree);
    const id = parsed.id ?? defaults?.id;
    const language = parsed.language ?? defaults?.language;
    if (!title || !id || !language) {
      const missing = [!id && '`id`', !title && '`title`', !language && '`language`']
        .filter(Boolean)
        .join(', ');
      file.message(
        `Missing document ${missing}: give the document a \`title\` in folio.config.yaml, start the file with a heading, or add front matter (\`---\`, \`title: …\`, \`---\`)`,
        { place: { line: 1, column: 1 }, ruleId: 'front-matter:missing', source: 'folio' },
      ).fatal = true;
      return;
    }
    file.data.meta = { ...parsed, id, title, language };
  };
}

/** The first heading's text, without images (an icon's alt) or a trailing `{#label .class}` block. */
function firstHeadingText(tree: Root): string | undefined {
  const heading = tree.children.find((node): node is Heading => node.type === 'heading');
  const text = heading
    ? textOf(heading, { includeImageAlt: false })
        .replace(/\s*\{[^{}]*\}\s*$/, '')
        .trim()
    : '';
  return text || undefined;
}
