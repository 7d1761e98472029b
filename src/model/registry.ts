/**
 * The registry: everything the collect pass learns about a project's documents (sections
 * with their labels and numbers, index marks, glossary uses, anchored annotations) so that
 * the resolve pass can write cross-references, glossary links, notes and the back matter,
 * forward and across documents.
 */
import type { PhrasingContent, Root } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { DocumentMeta } from './document-meta.ts';
import type { GlossaryEntry } from './glossary.ts';
import { anchorId, type NumberedAnchorKind, numberedAnchorId } from './ids.ts';

export interface DocumentRecord {
  id: string;
  meta: DocumentMeta;
  /** Short name used when a reference or locator must say which document it is in. */
  shortTitle: string;
  files: VFile[];
}

/**
 * How a document numbers a section: a chapter or part ("Chapter II"), a decimal section
 * ("2.2.1"), or an item numbered within a chapter ("1." under "Chapter II"). Contents,
 * locators and nested numbering read the kind rather than the wording of the label.
 */
export type SectionKind = 'chapter' | 'section' | 'item';

export interface SectionRecord {
  documentId: string;
  label: string;
  anchor: string;
  depth: number;
  /** The document's own number as printed ("2.2.1", "II", "1"), if any. */
  number?: string;
  /** What the number makes the section, set with it (absent when the section has none). */
  kind?: SectionKind;
  /** How a reference names the section ("Section 2.2.1", "Chapter II, section 1"). */
  refLabel?: string;
  /** The title as text, math as printed ("Mass and energy, E=mc²"): bookmarks, heads, navs. */
  title: string;
  /**
   * When the title holds math: its text and typeset math (`inlineMath` nodes, MathML on
   * them), which the contents and references print instead of `title`.
   */
  titleMath?: PhrasingContent[];
  /** Anchor of the enclosing section, for the contents tree. */
  parent?: string;
  file: VFile;
  position?: Position;
}

export interface IndexLocator {
  documentId: string;
  /** Where the locator links to. */
  anchor: string;
  /** For a range, where it ends. */
  endAnchor?: string;
  /** The section the spot is in (for locators that cannot show pages). */
  section?: string;
  /** The locator is the main discussion of the term (printed in bold). */
  major?: boolean;
  /** The spot is in the note of this annotation (its anchor): only annotated editions show it. */
  annotation?: string;
}

export interface IndexHeadingPath {
  term: string;
  sub?: string;
}

export interface CrossIndexRef extends IndexHeadingPath {
  kind: 'see' | 'seeAlso';
  target: string;
  file?: VFile;
  position?: Position;
  /** Made in the note of this annotation (its anchor): only annotated editions show it. */
  annotation?: string;
}

export interface TermUse {
  termId: string;
  documentId: string;
  anchor: string;
  section?: string;
  /** The use is in the note of this annotation (its anchor): only annotated editions show it. */
  annotation?: string;
}

export const annotationKinds = [
  'commentary',
  'context',
  'translation-note',
  'cross-reference',
  'editorial',
] as const;
export type AnnotationKind = (typeof annotationKinds)[number];

/** An annotation anchored in a document: its passage is marked, its note collected. */
export interface AnnotationRecord {
  documentId: string;
  /** Id of the note. */
  anchor: string;
  /** Id of the passage's mark (its first segment when it spans inline nodes). */
  passageAnchor: string;
  /** The section the passage is in. */
  section?: string;
  kind: AnnotationKind;
  author: string;
  /** ISO date (or date and time) the annotation was written. */
  date: string;
  /** The quoted passage, as the annotation quotes it. */
  quote: string;
  /** The note, parsed and collected (its index marks and terms are in the registry). */
  body: Root;
  /** The annotation file, which messages about the note point into. */
  file: VFile;
}

/**
 * A numbered object of a document: a figure (image or `:::figure`), a captioned table or a
 * labelled display equation (`$$ {#eq-energy}`).
 */
export type NumberedObjectKind = 'figure' | 'table' | 'equation';

/**
 * A figure, captioned table or numbered equation, collected in document order
 * (src/plugins/remark-collect-figures.ts); numbered by src/model/object-numbers.ts.
 */
export interface NumberedObjectRecord {
  documentId: string;
  kind: NumberedObjectKind;
  /** The `{#label}` it was given, or its generated local id (`figure-3`; never an equation). */
  label: string;
  /** Its element id in editions (the figure, the table, or the equation's block). */
  anchor: string;
  /** True when the author labelled it (only labelled objects can be named in "did you mean"). */
  labelled: boolean;
  /** The caption as plain text (the lists of figures and tables show it); empty without one. */
  caption: string;
  /** Anchor of the section it stands in (chapter numbering finds its chapter from it). */
  section?: string;
  /**
   * The anchor of the annotation whose note holds it: commentary, numbered in a series of
   * its own ("N1") so that the source text's numbers are the same in every edition.
   */
  note?: string;
  file: VFile;
  position?: Position;
}

export class Registry {
  readonly documents = new Map<string, DocumentRecord>();
  /** Sections by anchor, in document order. */
  readonly sections = new Map<string, SectionRecord>();
  readonly indexMarks: Array<IndexHeadingPath & IndexLocator> = [];
  readonly indexRefs: CrossIndexRef[] = [];
  readonly termUses: TermUse[] = [];
  readonly glossary = new Map<string, GlossaryEntry>();
  /** Annotations anchored in the documents, in the order they were anchored. */
  readonly annotations: AnnotationRecord[] = [];
  /** Figures, captioned tables and numbered equations by anchor, in document order. */
  readonly objects = new Map<string, NumberedObjectRecord>();
  private readonly counters = new Map<string, number>();
  private readonly usedIn = new Set<string>();

  /**
   * What already holds `anchor`: a section, an equation, a figure or a table. Labels of one
   * document share one namespace, whatever they name.
   */
  labelHolder(anchor: string): SectionRecord | NumberedObjectRecord | undefined {
    return this.sections.get(anchor) ?? this.objects.get(anchor);
  }

  /** Records a glossary use; true when it is the term's first use in its document. */
  recordTermUse(use: TermUse): boolean {
    this.termUses.push(use);
    const key = `${use.documentId}\u0000${use.termId}`;
    if (this.usedIn.has(key)) return false;
    this.usedIn.add(key);
    return true;
  }

  /** A new anchor id, numbered in document order: `cae-2016--ix-12`. */
  nextAnchor(documentId: string, kind: NumberedAnchorKind): string {
    const key = `${documentId}\u0000${kind}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return numberedAnchorId(documentId, kind, n);
  }

  section(documentId: string, label: string): SectionRecord | undefined {
    return this.sections.get(anchorId(documentId, label));
  }

  numberedObject(documentId: string, label: string): NumberedObjectRecord | undefined {
    return this.objects.get(anchorId(documentId, label));
  }

  sectionsOf(documentId: string): SectionRecord[] {
    return [...this.sections.values()].filter((s) => s.documentId === documentId);
  }
}
