/**
 * The parse and collect passes. Every manuscript file is parsed once (remark-parse with
 * GFM, front matter and directives) and walked by the collect plugins, which give headings,
 * index marks and glossary uses their anchors and fill one registry for the whole project;
 * then each annotation's passage is marked and its note collected like the text.
 * Editions are resolved from these trees afterwards, so forward references and references
 * across documents work. The processors are built once per run (the front matter check of
 * a document's first file once per document, for the config's defaults); what differs per
 * file (its document, the note being collected) is on `file.data`.
 */
import { realpathSync } from 'node:fs';
import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { anchorAnnotations } from '../annotations/anchor-annotations.ts';
import { moveToAnnotationFile } from '../annotations/note-positions.ts';
import { hasError } from '../diagnostics/diagnostics.ts';
import { fail } from '../diagnostics/messages.ts';
import type { Project } from '../load/load-project.ts';
import { runProjectPlugins } from '../load/plugins.ts';
import { Registry } from '../model/registry.ts';
import { withinInputLimits } from '../parse/input-limits.ts';
import { parser } from '../parse/parser.ts';
import { remarkAttributeLists } from '../plugins/remark-attribute-lists.ts';
import { remarkBlockDirectives } from '../plugins/remark-block-directives.ts';
import { remarkCollectFigures } from '../plugins/remark-collect-figures.ts';
import { remarkCollectIndexMarks } from '../plugins/remark-collect-index-marks.ts';
import { remarkCollectSections } from '../plugins/remark-collect-sections.ts';
import { remarkCollectTerms } from '../plugins/remark-collect-terms.ts';
import { remarkFigureLabels } from '../plugins/remark-figure-labels.ts';
import { type FrontMatterOptions, remarkFrontMatter } from '../plugins/remark-front-matter.ts';
import { remarkHeadingAttributes } from '../plugins/remark-heading-attributes.ts';
import { remarkHighlightCode } from '../plugins/remark-highlight-code.ts';
import { remarkImages } from '../plugins/remark-images.ts';
import { remarkLinkPolicy } from '../plugins/remark-link-policy.ts';
import { remarkRawHtml } from '../plugins/remark-raw-html.ts';
import { remarkTableCheck } from '../plugins/remark-table-check.ts';
import { remarkTypesetMath } from '../plugins/remark-typeset-math.ts';
import { checkIndexRefs, checkUnusedTerms } from './registry-checks.ts';
import { TermMatcher } from './term-matcher.ts';

export interface ParsedFile {
  file: VFile;
  tree: Root;
}

export interface CollectedProject {
  registry: Registry;
  /** Parsed and collected trees, by document id, in file order. */
  trees: Map<string, ParsedFile[]>;
  /** The project folder, a real path: raw HTML images must be inside it. */
  projectRoot: string;
}

export function collectProject(project: Project): CollectedProject {
  const registry = new Registry();
  for (const entry of project.glossary) registry.glossary.set(entry.id, entry);
  const matcher = new TermMatcher(project.glossary);
  const trees = new Map<string, ParsedFile[]>();
  const images = { projectRoot: project.root };
  const rawHtml = { mode: project.config.rawHtml, projectRoot: project.root };
  // Plugins that only read the file itself: front matter, heading attributes, directives.
  // Only a document's first file holds its front matter (asked of the file itself, since
  // a first file that failed to read is not parsed), with the config's defaults for the
  // document: that processor is built per document, the other once.
  const checker = (frontMatter: FrontMatterOptions) =>
    unified()
      .use(remarkFrontMatter, frontMatter)
      // Directives first: text that only looks like one goes back to text, which the
      // attribute lists and heading attributes then read.
      .use(remarkBlockDirectives)
      // An image's `{#label}` is a figure's, read before the attribute lists drop ids.
      .use(remarkFigureLabels)
      .use(remarkAttributeLists)
      .use(remarkHeadingAttributes)
      .use(remarkRawHtml, rawHtml)
      .use(remarkTableCheck)
      .use(remarkLinkPolicy)
      .use(remarkImages, images)
      // Math and code are set once here, for every edition.
      .use(remarkTypesetMath)
      .use(remarkHighlightCode)
      .freeze();
  const checkOther = checker({ required: false });
  const terms = { registry, matcher, links: project.config.glossaryLinks };
  // The collect pass proper: anchors and registry entries, in document order.
  const collector = unified()
    .use(remarkCollectSections, { registry })
    // Figures, tables and equations after sections: each knows its section, and no label
    // is taken twice.
    .use(remarkCollectFigures, { registry })
    .use(remarkCollectIndexMarks, { registry })
    .use(remarkCollectTerms, terms)
    .freeze();
  // A note is Markdown like the manuscript: same parser, same checks, its marks and terms
  // collected as the document's (its messages point into the annotation file).
  const noteCollector = unified()
    .use(remarkBlockDirectives)
    .use(remarkRawHtml, rawHtml)
    .use(remarkLinkPolicy)
    .use(remarkImages, images)
    .use(remarkTypesetMath)
    .use(remarkHighlightCode)
    .use(remarkFigureLabels)
    .use(remarkCollectFigures, { registry })
    .use(remarkCollectIndexMarks, { registry })
    .use(remarkCollectTerms, terms)
    .freeze();

  for (const document of project.documents) {
    const checkFirst = checker({
      required: true,
      hyphenated: project.config.editions.some(
        (e) => e.hyphenate && e.formats.includes('pdf') && e.documents.includes(document.config.id),
      ),
      defaults: {
        id: document.config.id,
        title: document.config.title,
        language: document.config.language ?? project.config.language,
      },
    });
    // A file that could not be read (not UTF-8) has its error already; parsing it would only
    // add noise. Nor is a file parsed that passes the input limits (too large or too deep).
    const parsed = document.files
      .filter((file) => !hasError(file) && withinInputLimits(file))
      .map((file) => {
        const tree = parser.parse(file);
        (file === document.files[0] ? checkFirst : checkOther).runSync(tree, file);
        // The project's remark plugins get the checked tree (front matter read, heading
        // labels and attribute lists taken out of the text); what they make is then
        // collected and resolved like the text.
        return { file, tree: runProjectPlugins(project.plugins.remark, 'remark', tree, file) };
      });
    const first = document.files[0];
    const meta = first?.data.meta;
    if (!first || !meta) {
      trees.set(document.config.id, parsed);
      continue;
    }
    if (meta.id !== document.config.id) {
      fail(
        first,
        `Front matter id \`${meta.id}\` differs from the config’s document id \`${document.config.id}\``,
        { place: { line: 2, column: 1 }, ruleId: 'front-matter:id-mismatch' },
      );
    }
    registry.documents.set(document.config.id, {
      id: document.config.id,
      meta,
      shortTitle: document.config.shortTitle ?? meta.shortTitle ?? meta.title,
      files: document.files,
    });
    for (const { file, tree } of parsed) {
      file.data.documentId = document.config.id;
      collector.runSync(tree, file);
    }
    // Annotations last, so that marking their passages changes nothing collected above.
    anchorAnnotations({
      registry,
      documentId: document.config.id,
      files: parsed,
      annotations: project.annotations.filter((a) => a.documentId === document.config.id),
      collectNote: (annotation, note) => {
        if (!withinInputLimits(annotation.file, annotation.body, annotation.bodyStart))
          return { type: 'root', children: [] };
        const tree = moveToAnnotationFile(parser.parse(annotation.body), annotation.bodyStart);
        // One annotation file holds notes on several documents: set for this note only.
        const file = annotation.file;
        file.data.documentId = document.config.id;
        file.data.note = note;
        noteCollector.runSync(tree, file);
        delete file.data.note;
        return tree;
      },
    });
    trees.set(document.config.id, parsed);
  }
  // Definitions are parsed when the glossary is assembled: refused here, before any is.
  const { glossaryFile } = project;
  if (glossaryFile) {
    for (const entry of project.glossary)
      withinInputLimits(glossaryFile, entry.definition, {
        line: entry.line,
        column: 1,
        literal: false,
      });
  }
  checkIndexRefs(registry);
  if (project.glossaryFile) checkUnusedTerms(registry, project.glossaryFile);
  return { registry, trees, projectRoot: realpathSync(project.root) };
}
