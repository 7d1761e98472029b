/**
 * A document's metadata, as its manuscript's YAML front matter declares it. The schema
 * names what Folio uses (title, issuer or journal, date, language, source, numbering);
 * other keys (volume, tags, editor…) are kept and shown in the document's header.
 */
import { z } from 'zod';

export const documentMetaSchema = z.looseObject({
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
  /** `source`: the heading text carries the document's own numbers; `none`: unnumbered. */
  numbering: z.enum(['source', 'none']).default('source'),
});

export type DocumentMeta = z.infer<typeof documentMetaSchema>;
