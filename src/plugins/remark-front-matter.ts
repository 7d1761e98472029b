/**
 * remark plugin: reads a manuscript's YAML front matter (parsed by remark-frontmatter),
 * validates it as document metadata and stores it on `file.data.meta`, then removes it
 * from the tree. Problems are located at their key's line in the manuscript.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { documentMetaSchema } from '../model/document-meta.ts';
import { validateYaml } from '../yaml/validate-yaml.ts';
import '../model/vfile-data.ts';

export interface FrontMatterOptions {
  /** Whether this file must carry the document's metadata (the first file of a document). */
  required: boolean;
}

export function remarkFrontMatter(options: FrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    const index = tree.children.findIndex((node) => node.type === 'yaml');
    const node = tree.children[index];
    if (node?.type !== 'yaml') {
      if (options.required) {
        const message = file.message(
          'Missing front matter: start the file with `---`, the document’s `id`, `title`, `date`, `language` and `source`, then `---`',
          {
            place: { line: 1, column: 1 },
            ruleId: 'front-matter:missing',
            source: 'folio',
          },
        );
        message.fatal = true;
      }
      return;
    }
    tree.children.splice(index, 1);
    const validated = validateYaml(file, documentMetaSchema, 'front-matter', {
      text: node.value,
      firstLine: (node.position?.start.line ?? 0) + 1,
    });
    if (validated) file.data.meta = validated.data;
  };
}
