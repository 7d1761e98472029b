/**
 * Folio's own annotation files (YAML): a list of annotations, each naming its document,
 * the quoted passage (`quote`, with optional `prefix` and `suffix`), its `kind`, `author`,
 * `date` and a Markdown `body`. Problems are reported at their key in the file.
 */

import type { VFile } from 'vfile';
import { isScalar, Scalar } from 'yaml';
import { z } from 'zod';
import { didYouMean } from '../diagnostics/did-you-mean.ts';
import { fail } from '../diagnostics/messages.ts';
import { annotationKinds } from '../model/registry.ts';
import { bodyStartOf } from '../yaml/block-start.ts';
import { validateYaml } from '../yaml/validate-yaml.ts';
import type { Annotation } from './annotation.ts';

const entrySchema = z.strictObject({
  document: z.string().min(1),
  quote: z.string().trim().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  kind: z.enum(annotationKinds),
  author: z.string().min(1),
  date: z
    .union([z.string().min(1), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  body: z.string().refine((s) => s.trim() !== '', 'write the note'),
});

export const annotationFileSchema = z.array(entrySchema);

export function readFolioAnnotations(file: VFile, documentIds: readonly string[]): Annotation[] {
  const validated = validateYaml(file, annotationFileSchema, 'annotation');
  if (!validated) return [];
  const text = String(file.value);
  const annotations: Annotation[] = [];
  validated.data.forEach((entry, i) => {
    if (!documentIds.includes(entry.document)) {
      fail(
        file,
        `Unknown document \`${entry.document}\` in an annotation: expected one of ${documentIds.map((d) => `\`${d}\``).join(', ')}${didYouMean(entry.document, documentIds)}`,
        { place: validated.placeOf([i, 'document']), ruleId: 'annotation:unknown-document' },
      );
      return;
    }
    const bodyNode = validated.doc.getIn([i, 'body'], true);
    const literal = isScalar(bodyNode) && bodyNode.type === Scalar.BLOCK_LITERAL;
    annotations.push({
      documentId: entry.document,
      quote: { exact: entry.quote, prefix: entry.prefix, suffix: entry.suffix },
      kind: entry.kind,
      author: entry.author,
      date: entry.date,
      body: entry.body,
      file,
      place: validated.placeOf([i, 'quote']),
      bodyStart: bodyStartOf(text, validated.placeOf([i, 'body']), literal),
    });
  });
  return annotations;
}
