/**
 * The config of a test project of several documents, as YAML text: each document's files
 * are `<id>.md` unless it names others, and every other key is written as given.
 * (A project of one document takes `singleDocumentConfig` in build.ts.)
 */
import { stringify } from 'yaml';

export interface DocumentEntry {
  id: string;
  files?: string[];
  [key: string]: unknown;
}

export interface ProjectConfig {
  title: string;
  language?: string;
  documents: DocumentEntry[];
  editions: Array<{ id: string; documents: string[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

export function projectConfig({ documents, editions, ...rest }: ProjectConfig): string {
  return stringify({
    ...rest,
    documents: documents.map(({ id, files, ...document }) => ({
      id,
      files: files ?? [`${id}.md`],
      ...document,
    })),
    editions,
  });
}
