/**
 * remark plugin (resolve pass): turns links to labels into cross-references.
 *
 * - `[](#label)` gets the target's number and title ("Section 2.2.1, Respect cyberspace
 *   sovereignty", or the project's `crossrefFormat`); `[text](#label)` keeps its text;
 * - `[](doc-id#label)` points into another document, and says which one;
 * - `[](#fig-basin)`, `[](#eq-energy)` name a figure, captioned table or numbered equation
 *   by its number in the edition, "Figure 3", "Table 2.1", "Equation 2.3"
 *   (remark-collect-figures.ts, src/model/object-numbers.ts);
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
import type { Link, Parent, PhrasingContent, Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail, warn } from '../diagnostics/messages.ts';
import { wordsFor } from '../locale/locale.ts';
import { objectName } from '../model/figure-words.ts';
import { numberObjects } from '../model/object-numbers.ts';
import type { NumberedObjectRecord, Registry, SectionRecord } from '../model/registry.ts';
import { decodedOrAsWritten, decodeUrlComponent } from '../model/url-escapes.ts';
import { documentIdOf } from '../model/vfile-data.ts';
import { fileLinkResolver } from '../resolve/file-links.ts';
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

/** The config's default `crossrefFormat` (src/config/schema.ts): its comma is the language's. */
const defaultFormat = '{label}, {title}';

const internal = /^([a-z0-9]+(?:-[a-z0-9]+)*)?#(.+)$/;

export function remarkResolveCrossrefs(options: ResolveCrossrefsOptions) {
  const { registry } = options;
  const fileTarget = fileLinkResolver(registry);
  return (tree: Root, file: VFile) => {
    const resolving = file.data.resolve;
    if (!resolving)
      throw new Error(`No edition to resolve ${file.path} for: set file.data.resolve`);
    const own: Target = {
      documentId: documentIdOf(file),
      editionDocuments: resolving.editionDocuments,
    };
    /** The tree is an annotation's note (its file is no manuscript file). */
    const fromNote = ![...registry.documents.values()].some((d) => d.files.includes(file));
    visit(tree, 'link', (link: Link, index, parent) => {
      if (!parent || index === undefined) return;
      if (linkKind(link.url) === 'internal' && !internal.test(link.url)) {
        return fileLink(link, index, parent);
      }
      // `#heading` written for GitHub: a heading of this file, by its id inside the file.
      const local = /^#(.+)$/.exec(link.url)?.[1];
      const localAnchor = local && file.data.headings?.byLocalId.get(decodedOrAsWritten(local));
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
      const object = registry.objects.get(decoded) ?? registry.numberedObject(documentId, decoded);
      // Commentary may name the source text, never the other way: a plain edition has no notes.
      if (object?.note && !fromNote) {
        report(
          `The cross-reference label \`${label}\` is a note's: it stands in an annotation, and the manuscript cannot refer to commentary, which plain editions leave out`,
          'crossref:note-label',
        );
        return SKIP;
      }
      const heading = registry.sections.get(decoded) ?? registry.section(documentId, decoded);
      const section =
        (heading && sectionTarget(heading, registry, own)) ??
        (object && objectTarget(object, resolving.objectNumbers, registry, own));
      if (!section) {
        const labels = [
          ...registry.sectionsOf(documentId).map((s) => s.label),
          ...[...registry.objects.values()]
            .filter((o) => o.documentId === documentId && o.labelled)
            .map((o) => o.label),
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
      const target = fileTarget(link.url, file);
      if (target.kind === 'unknown') {
        if (resolving?.report)
          warn(file, target.reason, { place: link.position, ruleId: target.ruleId });
        parent.children.splice(index, 1, ...link.children);
        return index;
      }
      if (!resolving?.editionDocuments.has(target.documentId)) {
        parent.children.splice(index, 1, ...link.children);
        return index;
      }
      link.url = `#${target.anchor}`;
      const section = registry.sections.get(target.anchor);
      if (link.children.length === 0 && section)
        link.children = referenceText(
          sectionTarget(section, registry, own),
          own,
          options.format,
          registry,
        );
      return SKIP;
    }
  };
}

/** What a reference can name: a section, or a numbered figure, table or equation. */
type ReferenceTarget = Pick<
  SectionRecord,
  'documentId' | 'anchor' | 'refLabel' | 'title' | 'titleMath'
>;

/** The language of the document that refers: the words naming a target are in it. */
function referringLanguage(registry: Registry, own: Target): string {
  return registry.documents.get(own.documentId)?.meta.language ?? 'en';
}

/**
 * A numbered section as a reference names it, in the language of the document that refers
 * ("Abschnitt 2.1" in a German paragraph pointing into an English document). A chapter's
 * word is the one its heading is written with ("Chapter II"), so it stays as written.
 */
function sectionTarget(section: SectionRecord, registry: Registry, own: Target): ReferenceTarget {
  const words = wordsFor(referringLanguage(registry, own));
  const number = section.number ?? '';
  const parent = section.parent ? registry.sections.get(section.parent) : undefined;
  const refLabel =
    section.kind === 'section'
      ? words.section(number)
      : section.kind === 'item'
        ? words.sectionInChapter(parent?.refLabel ?? '', number)
        : section.refLabel;
  return { ...pickTarget(section), refLabel };
}

function pickTarget(record: ReferenceTarget): ReferenceTarget {
  const { documentId, anchor, refLabel, title, titleMath } = record;
  return { documentId, anchor, refLabel, title, ...(titleMath ? { titleMath } : {}) };
}

/**
 * A figure, table or equation as a reference names it: "Figure 3", its number in the
 * edition, in the language of the document that refers (no title: it reads as its label
 * alone).
 */
function objectTarget(
  object: NumberedObjectRecord,
  numbers: ReadonlyMap<string, string> | undefined,
  registry: Registry,
  own: Target,
): ReferenceTarget {
  const number = (numbers ?? numberObjects(registry, { scheme: 'document' })).get(object.anchor);
  const language = referringLanguage(registry, own);
  return {
    documentId: object.documentId,
    anchor: object.anchor,
    refLabel: objectName(object.kind, number ?? '?', language),
    title: '',
  };
}

function referenceText(
  section: ReferenceTarget,
  own: Target,
  format: string,
  registry: Registry,
): PhrasingContent[] {
  // The words around the target's are in the language of the document that refers: the
  // default format's comma too ("第1.1节，基础" in Chinese).
  const words = wordsFor(referringLanguage(registry, own));
  const written = format === defaultFormat ? `{label}${words.comma}{title}` : format;
  // A target without a title (a figure, table or equation) reads as its label alone; a
  // title with math has it typeset.
  const title = (): PhrasingContent[] =>
    section.titleMath
      ? structuredClone(section.titleMath)
      : [{ type: 'text', value: section.title }];
  const nodes: PhrasingContent[] = !section.refLabel
    ? title()
    : section.title
      ? written
          .replace('{label}', section.refLabel)
          .split('{title}')
          .flatMap((piece, i) => [
            ...(i > 0 ? title() : []),
            ...(piece ? [{ type: 'text' as const, value: piece }] : []),
          ])
      : [{ type: 'text', value: section.refLabel }];
  if (section.documentId !== own.documentId) {
    const document = registry.documents.get(section.documentId);
    // ", in *MFA 2017*"
    const title: PhrasingContent = {
      type: 'emphasis',
      children: [{ type: 'text', value: document?.shortTitle ?? section.documentId }],
    };
    for (const piece of words.inDocument(title))
      nodes.push(typeof piece === 'string' ? { type: 'text', value: piece } : piece);
  }
  return nodes;
}
