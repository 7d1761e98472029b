/**
 * remark plugin (collect pass): numbers the labelled display equations of a document
 * (`$$ {#eq-energy}`, see remark-typeset-math.ts) in reading order across its files, gives
 * each its anchor id and its printed number "(2)", and puts it in the registry, so that
 * `[](#eq-energy)` reads "Equation 2" in the document's language (src/locale/words.ts;
 * remark-resolve-crossrefs.ts), forward and from other documents. Unlabelled equations are not numbered. A label a section or another equation
 * of the document already has is `crossref:duplicate-label`.
 */
import path from 'node:path';
import type { ElementContent } from 'hast';
import type { Root } from 'mdast';
import type { Math as DisplayMath } from 'mdast-util-math';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fail } from '../diagnostics/messages.ts';
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
      const taken =
        registry.sections.get(anchor) ??
        registry.equations.get(anchor) ??
        registry.objects.get(anchor);
      if (taken) {
        const line = taken.position?.start.line ?? '?';
        const where =
          taken.file === file
            ? `line ${line}`
            : `${path.relative(path.dirname(file.path), taken.file.path)}:${line}`;
        fail(file, `Duplicate label \`${label}\`: it is already used at ${where}`, {
          place: node.position,
          ruleId: 'crossref:duplicate-label',
        });
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
