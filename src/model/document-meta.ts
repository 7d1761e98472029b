/**
 * A document's metadata, as its manuscript's YAML front matter declares it. The schema
 * names every key Folio reads; an unknown key is an error, so a typo (`langauge`) is
 * caught at its line instead of silently ignored.
 */
import { z } from 'zod';

export const documentMetaSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens'),
  title: z.string().min(1),
  titleSupplied: z.boolean().default(false),
  shortTitle: z.string().min(1).optional(),
  subtitle: z.string().optional(),
  journal: z.string().optional(),
  volume: z.union([z.string(), z.number()]).optional(),
  issue: z.union([z.string(), z.number()]).optional(),
  issuer: z.string().optional(),
  editor: z.string().optional(),
  authors: z.array(z.string()).default([]),
  date: z
    .union([z.string(), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
  language: z.string().min(2),
  source: z.string().min(1),
  keywords: z.array(z.string()).default([]),
  subject: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** `source`: the heading text carries the document's own numbers; `none`: unnumbered. */
  numbering: z.enum(['source', 'none']).default('source'),
});

export type DocumentMeta = z.infer<typeof documentMetaSchema>;
