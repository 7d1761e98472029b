/**
 * The date an edition carries, in the PDF's information, the EPUB's package and the
 * archive's manifest: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the latest
 * front-matter date of its documents. Never the clock, so two builds give the same bytes.
 */
import type { ResolvedDocument } from '../resolve/resolve.ts';

/** A W3CDTF date as front matter may give it: `2017`, `2017-03`, `2017-03-01`. */
export const w3cdtf = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** The latest front-matter date of the edition's documents, if any is a W3CDTF date. */
export function latestDocumentDate(documents: readonly ResolvedDocument[]): string | undefined {
  const dates = documents
    .map((d) => d.record.meta.date)
    .filter((d): d is string => d !== undefined && w3cdtf.test(d));
  // Padding makes `2016` sort before `2016-03-01` and string order match date order.
  return dates.sort((a, b) => a.padEnd(10, '-00').localeCompare(b.padEnd(10, '-00'))).at(-1);
}

/** The build's timestamp: SOURCE_DATE_EPOCH, else the latest document date at midnight UTC. */
export function buildDate(
  documents: readonly ResolvedDocument[],
  env: NodeJS.ProcessEnv = process.env,
): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const latest = latestDocumentDate(documents);
  const [year = '1980', month = '01', day = '01'] = latest?.split('-') ?? [];
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
}
