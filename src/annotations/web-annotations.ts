/**
 * Imports annotations in the W3C Web Annotation format (JSON-LD), as Hypothesis and other
 * annotation tools export them: one annotation, a list, or an AnnotationCollection /
 * AnnotationPage with `items`. Each annotation's target must carry a TextQuoteSelector
 * (`exact`, `prefix`, `suffix`); its `source` names the document, by id or by a path or URL
 * whose last segment is the document id or one of its files (`…/cae-2016.md`,
 * `https://example.org/cae-2016.html`). The note is the TextualBody that is not a tag; a
 * tag naming a Folio kind (`translation-note`) sets the kind, else the motivation does.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { z } from 'zod';
import type { DocumentConfig } from '../config/schema.ts';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail } from '../diagnostics/messages.ts';
import { type AnnotationKind, annotationKinds } from '../model/registry.ts';
import { bodyStartOf } from '../yaml/block-start.ts';
import { validateYaml } from '../yaml/validate-yaml.ts';
import type { Annotation } from './annotation.ts';

const selectorSchema = z.looseObject({
  type: z.string(),
  exact: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const targetSchema = z.looseObject({
  source: z.string().min(1),
  selector: z.union([selectorSchema, z.array(selectorSchema)]).optional(),
});
const textualBodySchema = z.looseObject({
  type: z.string().optional(),
  value: z.string(),
  format: z.string().optional(),
  purpose: z.string().optional(),
});
const agentSchema = z.union([
  z.string().min(1),
  z.looseObject({
    name: z.string().optional(),
    nickname: z.string().optional(),
    id: z.string().optional(),
  }),
]);
const annotationSchema = z.looseObject({
  motivation: z.union([z.string(), z.array(z.string())]).optional(),
  created: z.string().min(1),
  creator: z.union([agentSchema, z.array(agentSchema).min(1)]),
  body: z.union([textualBodySchema, z.array(textualBodySchema)]).optional(),
  bodyValue: z.string().optional(),
  target: z.union([targetSchema, z.array(targetSchema).min(1)]),
});
type WebAnnotation = z.infer<typeof annotationSchema>;

/** Folio's kind for each W3C motivation. */
const kindOfMotivation: Record<string, AnnotationKind> = {
  commenting: 'commentary',
  questioning: 'commentary',
  replying: 'commentary',
  assessing: 'commentary',
  describing: 'context',
  identifying: 'context',
  classifying: 'context',
  editing: 'editorial',
  linking: 'cross-reference',
};

export function readWebAnnotations(
  file: VFile,
  documents: readonly DocumentConfig[],
): Annotation[] {
  // JSON is YAML: the YAML parser gives every value its line and column.
  const shape = validateYaml(file, z.unknown(), 'annotation');
  if (!shape) return [];
  const root = shape.data;
  const itemsPath: Array<string | number> = Array.isArray(root)
    ? []
    : isRecord(root) && Array.isArray(root.items)
      ? ['items']
      : isRecord(root) && isRecord(root.first) && Array.isArray(root.first.items)
        ? ['first', 'items']
        : ['single'];
  const schema =
    itemsPath[0] === 'single'
      ? annotationSchema.transform((a) => [a])
      : itemsPath.length === 0
        ? z.array(annotationSchema)
        : itemsPath.length === 1
          ? z.looseObject({ items: z.array(annotationSchema) }).transform((c) => c.items)
          : z
              .looseObject({ first: z.looseObject({ items: z.array(annotationSchema) }) })
              .transform((c) => c.first.items);
  const validated = validateYaml(file, schema, 'annotation');
  if (!validated) return [];
  const single = itemsPath[0] === 'single';
  const text = String(file.value);
  const annotations: Annotation[] = [];
  validated.data.forEach((item, i) => {
    // A single annotation is the document's root object, not the first item of a list.
    const at = (...keys: Array<string | number>) =>
      validated.placeOf(single ? keys : [...itemsPath, i, ...keys]);
    const quoted = quoteOf(item);
    if (!quoted) {
      fail(
        file,
        'The annotation’s target has no TextQuoteSelector with an `exact` text: Folio anchors annotations by the passage they quote',
        { place: at('target'), ruleId: 'annotation:invalid-value', source: 'annotation' },
      );
      return;
    }
    const targetKeys =
      quoted.targetIndex === undefined ? ['target'] : ['target', quoted.targetIndex];
    const selectorKeys = [
      ...targetKeys,
      'selector',
      ...(quoted.selectorIndex === undefined ? [] : [quoted.selectorIndex]),
    ];
    const documentId = documentOf(quoted.source, documents);
    if (!documentId) {
      const ids = documents.map((d) => d.id);
      fail(
        file,
        `The annotation’s source \`${quoted.source}\` names no document: end it with a document id or file name (${ids.map((d) => `\`${d}\``).join(', ')})${didYouMean(lastSegment(quoted.source), ids)}`,
        { place: at(...targetKeys, 'source'), ruleId: 'annotation:unknown-document' },
      );
      return;
    }
    const note = noteOf(item);
    if (!note) {
      fail(file, 'The annotation has no note: give it a TextualBody with a `value`', {
        place: at('body'),
        ruleId: 'annotation:missing-key',
        source: 'annotation',
      });
      return;
    }
    annotations.push({
      documentId,
      quote: { exact: quoted.exact, prefix: quoted.prefix, suffix: quoted.suffix },
      kind: kindOf(item),
      author: authorOf(item.creator),
      date: item.created,
      body: note.value,
      file,
      place: at(...selectorKeys, 'exact'),
      bodyStart: bodyStartOf(text, at(...note.keys), false),
    });
  });
  return annotations;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Quoted {
  source: string;
  exact: string;
  prefix?: string;
  suffix?: string;
  targetIndex?: number;
  selectorIndex?: number;
}

/** The first target with a TextQuoteSelector. */
function quoteOf(item: WebAnnotation): Quoted | undefined {
  const targets = Array.isArray(item.target) ? item.target : [item.target];
  for (const [t, target] of targets.entries()) {
    const selectors = Array.isArray(target.selector)
      ? target.selector
      : target.selector
        ? [target.selector]
        : [];
    for (const [s, selector] of selectors.entries()) {
      if (selector.type !== 'TextQuoteSelector' || !selector.exact?.trim()) continue;
      return {
        source: target.source,
        exact: selector.exact,
        prefix: selector.prefix,
        suffix: selector.suffix,
        targetIndex: Array.isArray(item.target) ? t : undefined,
        selectorIndex: Array.isArray(target.selector) ? s : undefined,
      };
    }
  }
  return undefined;
}

function lastSegment(source: string): string {
  return (
    source
      .split(/[/:#?]/)
      .filter(Boolean)
      .at(-1) ?? source
  );
}

function documentOf(source: string, documents: readonly DocumentConfig[]): string | undefined {
  const last = lastSegment(source);
  const stem = last.replace(/\.[a-z0-9]+$/i, '');
  for (const document of documents) {
    if ([source, last, stem].includes(document.id)) return document.id;
    if (document.files.some((f) => path.basename(f) === last)) return document.id;
  }
  return undefined;
}

/** The note: the bodies that are not tags, in order (`bodyValue` when there are none). */
function noteOf(item: WebAnnotation): { value: string; keys: Array<string | number> } | undefined {
  if (item.bodyValue?.trim()) return { value: item.bodyValue, keys: ['bodyValue'] };
  const bodies = Array.isArray(item.body) ? item.body : item.body ? [item.body] : [];
  const notes = bodies
    .map((body, i) => ({ body, i }))
    .filter(({ body }) => body.purpose !== 'tagging' && body.value.trim() !== '');
  const first = notes[0];
  if (!first) return undefined;
  return {
    value: notes.map(({ body }) => body.value).join('\n\n'),
    keys: Array.isArray(item.body) ? ['body', first.i, 'value'] : ['body', 'value'],
  };
}

function kindOf(item: WebAnnotation): AnnotationKind {
  const bodies = Array.isArray(item.body) ? item.body : item.body ? [item.body] : [];
  for (const body of bodies) {
    const tag = body.value.trim().toLowerCase();
    if (body.purpose === 'tagging' && (annotationKinds as readonly string[]).includes(tag))
      return tag as AnnotationKind;
  }
  const motivations = Array.isArray(item.motivation)
    ? item.motivation
    : item.motivation
      ? [item.motivation]
      : [];
  for (const motivation of motivations) {
    const kind = kindOfMotivation[motivation.replace(/^oa:/, '')];
    if (kind) return kind;
  }
  return 'commentary';
}

function authorOf(creator: WebAnnotation['creator']): string {
  const agents = Array.isArray(creator) ? creator : [creator];
  return agents
    .map((agent) =>
      typeof agent === 'string'
        ? agent.replace(/^acct:/, '')
        : (agent.name ?? agent.nickname ?? agent.id?.replace(/^acct:/, '') ?? ''),
    )
    .filter(Boolean)
    .join(', ');
}
