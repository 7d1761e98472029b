/**
 * remark plugin (resolve pass): turns links to labels into cross-references.
 *
 * - `[](#label)` gets the target's number and title ("Section 2.2.1, Respect cyberspace
 *   sovereignty", or the project's `crossrefFormat`); `[text](#label)` keeps its text;
 * - `[](doc-id#label)` points into another document, and says which one;
 * - `[](#eq-energy)` names a numbered equation, "Equation 2" (remark-collect-equations.ts);
 * - links between manuscript files, as written for GitHub (`chapter.md`, `chapter.md#heading`,
 *   `../part/x.md#y`), lead to that file's first heading or to the heading the fragment
 *   names inside that file (its GitHub id), and `#heading` to a heading of the file itself
 *   first. Every format then has an `#id` link (the EPUB maps it to its chapter file). A
 *   link to no file of the book, or to no heading of one, is a warning
 *   (`link:unknown-file`, `link:unknown-heading`) and keeps only its text, so no edition
 *   carries a link to a local file (in a PDF, a `file://` link into a deleted folder).
 *
 * A target outside the edition being built is named but not linked. Unknown labels and
 * documents are errors with a "did you mean", reported the first time a tree is resolved
 * (the problem is the same in every edition). The edition and the document come from
 * `file.data` (`resolve`, `documentId`), so one processor serves every file and edition.
 */
import path from 'node:path';
import type { Link, Parent, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail, warn } from '../diagnostics/messages.ts';
import { wordsFor } from '../locale/locale.ts';
import { documentTitleAnchor } from '../model/ids.ts';
import type { Registry, SectionRecord } from '../model/registry.ts';
import { decodeUrlComponent } from '../model/url-escapes.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import { linkKind } from '../trust/url-policy.ts';
import type {} from './remark-collect-sections.ts';

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
  /** Manuscript files by absolute path, with their document: made on first use. */
  let manuscripts: Map<string, { file: VFile; documentId: string }> | undefined;
  const manuscriptAt = (absolute: string) => {
    manuscripts ??= new Map(
      [...registry.documents.values()].flatMap((d) =>
        d.files.map((f) => [path.resolve(f.cwd, f.path), { file: f, documentId: d.id }] as const),
      ),
    );
    return manuscripts.get(absolute);
  };
  return (tree: Root, file: VFile) => {
    const resolving = file.data.resolve;
    if (!resolving)
      throw new Error(`No edition to resolve ${file.path} for: set file.data.resolve`);
    const own: Target = {
      documentId: documentIdOf(file),
      editionDocuments: resolving.editionDocuments,
    };
    visit(tree, 'link', (link: Link, index, parent) => {
      if (!parent || index === undefined) return;
      if (linkKind(link.url) === 'internal' && !internal.test(link.url)) {
        return fileLink(link, index, parent);
      }
      // `#heading` written for GitHub: a heading of this file, by its id inside the file.
      const local = /^#(.+)$/.exec(link.url)?.[1];
      const localAnchor = local && file.data.headings?.byLocalId.get(safeDecode(local));
      if (localAnchor) link.url = `#${localAnchor}`;
      const target = internal.exec(link.url);
      if (!target) return;
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
      const section =
        registry.sections.get(decoded) ??
        registry.section(documentId, decoded) ??
        registry.equations.get(decoded) ??
        registry.equation(documentId, decoded);
      if (!section) {
        const labels = [
          ...registry.sectionsOf(documentId).map((s) => s.label),
          ...[...registry.equations.values()]
            .filter((e) => e.documentId === documentId)
            .map((e) => e.label),
        ];
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

    /** A link to a manuscript file (and a heading in it): an `#id` link, or its text. */
    function fileLink(link: Link, index: number, parent: Parent) {
      const [pathPart = '', fragment] = link.url.split('#', 2);
      const base = file.dirname ? path.resolve(file.cwd, file.dirname) : file.cwd;
      const target =
        pathPart === '' ? undefined : manuscriptAt(path.resolve(base, safeDecode(pathPart)));
      const unlink = (reason: string, ruleId: string) => {
        if (resolving?.report) warn(file, reason, { place: link.position, ruleId });
        parent.children.splice(index, 1, ...link.children);
        return index;
      };
      if (!target) {
        return unlink(
          `Link \`${link.url}\` leads to no manuscript file of the book: only its text is kept (link to a chapter file, or to a web address)`,
          'link:unknown-file',
        );
      }
      const ids = target.file.data.headings?.byLocalId;
      // GitHub's ids are lower case; a link written `#Details` finds `details` there too.
      const anchor = fragment
        ? (ids?.get(safeDecode(fragment)) ?? ids?.get(safeDecode(fragment).toLowerCase()))
        : (target.file.data.headings?.first ?? documentTitleAnchor(target.documentId));
      if (!anchor) {
        return unlink(
          `Link \`${link.url}\` names no heading of \`${pathPart}\`: only its text is kept${didYouMean(fragment ?? '', [...(target.file.data.headings?.byLocalId.keys() ?? [])])}`,
          'link:unknown-heading',
        );
      }
      if (!resolving?.editionDocuments.has(target.documentId)) {
        parent.children.splice(index, 1, ...link.children);
        return index;
      }
      link.url = `#${anchor}`;
      const section = registry.sections.get(anchor);
      if (link.children.length === 0 && section)
        link.children = referenceText(section, own, options.format, registry);
      return SKIP;
    }
  };
}

/** A URL part decoded, or as written when it is not valid percent-encoding. */
function safeDecode(value: string): string {
  return decodeUrlComponent(value) ?? value;
}

/** What a reference can name: a section, or a numbered equation. */
type ReferenceTarget = Pick<SectionRecord, 'documentId' | 'anchor' | 'refLabel' | 'title'>;

function referenceText(
  section: ReferenceTarget,
  own: Target,
  format: string,
  registry: Registry,
): PhrasingContent[] {
  // A target without a title (an equation) reads as its label alone.
  const text = !section.refLabel
    ? section.title
    : section.title
      ? format.replace('{label}', section.refLabel).replace('{title}', section.title)
      : section.refLabel;
  const nodes: PhrasingContent[] = [{ type: 'text', value: text }];
  if (section.documentId !== own.documentId) {
    const document = registry.documents.get(section.documentId);
    // ", in *MFA 2017*" in the language of the document that refers.
    const language = registry.documents.get(own.documentId)?.meta.language ?? 'en';
    const title: PhrasingContent = {
      type: 'emphasis',
      children: [{ type: 'text', value: document?.shortTitle ?? section.documentId }],
    };
    for (const piece of wordsFor(language).inDocument(title))
      nodes.push(typeof piece === 'string' ? { type: 'text', value: piece } : piece);
  }
  return nodes;
}
