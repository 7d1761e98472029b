/**
 * A document's metadata, as its manuscript's YAML front matter declares it. The schema
 * names every key Folio reads; an unknown key is an error, so a typo (`langauge`) is
 * caught at its line instead of silently ignored. Front matter is optional: `id`, `title`
 * and `language` default from the config (the title also from the first heading), and
 * `date` and `source` may be absent, in which case nothing is printed for them.
 */
import { z } from 'zod';
import { languageTag, plainText } from '../trust/text-values.ts';

export const frontMatterSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens')
    .optional(),
  title: plainText.pipe(z.string().min(1)).optional(),
  titleSupplied: z.boolean().default(false),
  shortTitle: plainText.pipe(z.string().min(1)).optional(),
  subtitle: plainText.optional(),
  journal: plainText.optional(),
  volume: z.union([z.string(), z.number()]).optional(),
  issue: z.union([z.string(), z.number()]).optional(),
  issuer: plainText.optional(),
  editor: plainText.optional(),
  authors: z.array(plainText).default([]),
  date: z
    .union([z.string(), z.date()])
    .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
    .optional(),
  language: languageTag.optional(),
  source: plainText.pipe(z.string().min(1)).optional(),
  keywords: z.array(plainText).default([]),
  subject: plainText.optional(),
  tags: z.array(z.string()).default([]),
  /** `source`: the heading text carries the document's own numbers; `none`: unnumbered. */
  numbering: z.enum(['source', 'none']).default('source'),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** The metadata a document is built with: its front matter with the defaults filled in. */
export type DocumentMeta = FrontMatter & { id: string; title: string; language: string };
