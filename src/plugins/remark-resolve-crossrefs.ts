/**
 * remark plugin (resolve pass): turns links to labels into cross-references.
 *
 * - `[](#label)` gets the target's number and title ("Section 2.2.1, Respect cyberspace
 *   sovereignty", or the project's `crossrefFormat`); `[text](#label)` keeps its text;
 * - `[](doc-id#label)` points into another document, and says which one.
 *
 * A target outside the edition being built is named but not linked. Unknown labels and
 * documents are errors with a "did you mean", reported the first time a tree is resolved
 * (the problem is the same in every edition). The edition and the document come from
 * `file.data` (`resolve`, `documentId`), so one processor serves every file and edition.
 */
import type { Link, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail } from '../diagnostics/messages.ts';
import type { Registry, SectionRecord } from '../model/registry.ts';
import { decodeUrlComponent } from '../model/url-escapes.ts';
import { documentIdOf } from '../model/vfile-data.ts';

export interface ResolveCrossrefsOptions {
  registry: Registry;
  /** How a reference with no text reads: `{label}` and `{title}` are replaced. */
  format: string;
}

/** What the references of one tree are resolved against. */
interface Target {
  /** The document the tree belongs to. */
  documentId: string;
  editionDocuments: ReadonlySet<string>;
}

const internal = /^([a-z0-9]+(?:-[a-z0-9]+)*)?#(.+)$/;

export function remarkResolveCrossrefs(options: ResolveCrossrefsOptions) {
  const { registry } = options;
  return (tree: Root, file: VFile) => {
    const resolving = file.data.resolve;
    if (!resolving)
      throw new Error(`No edition to resolve ${file.path} for: set file.data.resolve`);
    const own: Target = {
      documentId: documentIdOf(file),
      editionDocuments: resolving.editionDocuments,
    };
    visit(tree, 'link', (link: Link, index, parent) => {
      const target = internal.exec(link.url);
      if (!target || !parent || index === undefined) return;
      const [, documentPart, label = ''] = target;
      const documentId = documentPart ?? own.documentId;
      const report = (reason: string, ruleId: string) => {
        if (resolving.report) fail(file, reason, { place: link.position, ruleId });
      };
      if (!registry.documents.has(documentId)) {
        report(
          `Unknown document \`${documentId}\` in cross-reference${didYouMean(documentId, [...registry.documents.keys()])}`,
          'crossref:unknown-document',
        );
        return SKIP;
      }
      const decoded = decodeUrlComponent(label);
      if (decoded === undefined) {
        report(
          `Cannot read the cross-reference label \`${label}\`: a \`%\` must start an escape of two hex digits (write \`%25\` for a percent sign)`,
          'crossref:unknown-label',
        );
        return SKIP;
      }
      const section = registry.section(documentId, decoded);
      if (!section) {
        const labels = registry.sectionsOf(documentId).map((s) => s.label);
        report(
          `Unknown cross-reference label \`${label}\`${documentPart ? ` in \`${documentId}\`` : ''}${didYouMean(label, labels)}`,
          'crossref:unknown-label',
        );
        return SKIP;
      }
      const children =
        link.children.length > 0
          ? link.children
          : referenceText(section, own, options.format, registry);
      const properties = { className: ['xref'], dataRef: section.anchor };
      if (own.editionDocuments.has(section.documentId)) {
        link.url = `#${section.anchor}`;
        link.children = children;
        link.data = { ...link.data, hProperties: { ...link.data?.hProperties, ...properties } };
      } else {
        parent.children[index] = {
          type: 'emphasis',
          children,
          data: { hName: 'span', hProperties: { className: ['xref', 'xref-outside'] } },
        };
      }
      return SKIP;
    });
  };
}

function referenceText(
  section: SectionRecord,
  own: Target,
  format: string,
  registry: Registry,
): PhrasingContent[] {
  const text = section.refLabel
    ? format.replace('{label}', section.refLabel).replace('{title}', section.title)
    : section.title;
  const nodes: PhrasingContent[] = [{ type: 'text', value: text }];
  if (section.documentId !== own.documentId) {
    const document = registry.documents.get(section.documentId);
    nodes.push(
      { type: 'text', value: ', in ' },
      {
        type: 'emphasis',
        children: [{ type: 'text', value: document?.shortTitle ?? section.documentId }],
      },
    );
  }
  return nodes;
}
