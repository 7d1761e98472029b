import type { ElementContent } from 'hast';
import type { Root } from 'mdast';
import type { Math as DisplayMath } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { failDuplicateLabel } from '../diagnostics/duplicate-label.ts';
import { wordsFor } from '../locale/locale.ts';
import { anchorId } from '../model/ids.ts';
import type { Registry } from '../model/registry.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import type {} from './remark-typeset-math.ts';

export interface CollectEquationsOptions {
  registry: Registry;
}

export function remarkCollectEquations(options: CollectEquationsOptions) {
  const { registry } = options;
  /** Equations numbered so far in each document of this run (a document has several files). */
  const counts = new Map<string, number>();
  return (tree: Root, file: VFile) => {
    const documentId = documentIdOf(file);
    // How references name an equation ("Equation 2", "Gleichung 2"): in the document's language.
    const words = wordsFor(registry.documents.get(documentId)?.meta.language ?? 'en');
    visit(tree, 'math', (node: DisplayMath) => {
      const label = node.data?.equationLabel;
      if (!label) return;
      const anchor = anchorId(documentId, label);
      const taken = registry.labelHolder(anchor);
      if (taken) {
        failDuplicateLabel(file, label, taken, node.position);
        return;
      }
      const number = (counts.get(documentId) ?? 0) + 1;
      counts.set(documentId, number);
      registry.equations.set(anchor, {
        documentId,
        label,
        anchor,
        number,
        refLabel: words.equation(String(number)),
        title: '',
        file,
        position: node.position,
      });
      const numberMark: ElementContent = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['equation-number'] },
        children: [{ type: 'text', value: `(${number})` }],
      };
      const data = node.data ?? {};
      node.data = {
        ...data,
        hProperties: {
          ...data.hProperties,
          id: anchor,
          className: [...classNames(data.hProperties?.className), 'numbered'],
        },
        hChildren: [...(data.hChildren ?? []), numberMark],
      };
    });
  };
}

function classNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}
