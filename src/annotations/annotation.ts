/**
 * An annotation as read from an annotation file, before it is anchored: the passage it
 * quotes (W3C TextQuoteSelector: exact text, with optional text before and after to tell
 * repeated phrases apart), its note in Markdown, its kind, author and date, and where it
 * stands in its file so that every message about it points there.
 */
import type { VFile } from 'vfile';
import type { AnnotationKind } from '../model/registry.ts';
import type { Place } from '../yaml/validate-yaml.ts';

export interface TextQuote {
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface Annotation {
  documentId: string;
  quote: TextQuote;
  kind: AnnotationKind;
  author: string;
  date: string;
  /** The note, Markdown. */
  body: string;
  /** The annotation file. */
  file: VFile;
  /** Where the quote is in the file. */
  place: Place;
  /**
   * Where the note's text starts in the file. In a literal block (`body: |`) each line of
   * the note is a line of the file, so positions inside the note map exactly; otherwise
   * every position inside the note maps to this start.
   */
  bodyStart: Place & { literal: boolean };
}
