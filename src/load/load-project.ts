/**
 * Loads a manuscript project: its config, one vfile per manuscript file (checked to be
 * UTF-8 text), its glossary and its annotations. Nothing here parses Markdown; problems with the files
 * themselves are reported on their vfiles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { Annotation } from '../annotations/annotation.ts';
import { readAnnotations } from '../annotations/load.ts';
import { type LoadedConfig, loadConfig } from '../config/load.ts';
import type { DocumentConfig } from '../config/schema.ts';
import { fail } from '../diagnostics/messages.ts';
import { type GlossaryEntry, loadGlossary } from '../model/glossary.ts';
import { checkGlossaryDefinitions } from './glossary-definitions.ts';
import { checkProjectTemplates } from './project-templates.ts';

export interface DocumentSource {
  config: DocumentConfig;
  files: VFile[];
}

export interface Project extends LoadedConfig {
  documents: DocumentSource[];
  glossaryFile?: VFile;
  glossary: GlossaryEntry[];
  /** Every annotation of the project, in file order (anchored in the collect pass). */
  annotations: Annotation[];
  /** Every file whose messages the reporter should show, config first. */
  files: VFile[];
}

export function loadProject(configPath: string): Project {
  const loaded = loadConfig(configPath);
  const read = (name: string) => readText(path.resolve(loaded.root, name));
  const documents = loaded.config.documents.map((config) => ({
    config,
    files: config.files.map(read),
  }));
  const glossaryFile = loaded.config.glossary ? read(loaded.config.glossary) : undefined;
  const glossary =
    (glossaryFile && !glossaryFile.messages.length && loadGlossary(glossaryFile)) || [];
  if (glossaryFile) checkGlossaryDefinitions(glossary, glossaryFile, loaded.root);
  const annotationFiles = loaded.config.annotations.map(read);
  const annotations = annotationFiles.flatMap((file) =>
    readAnnotations(file, loaded.config.documents),
  );
  return {
    ...loaded,
    documents,
    glossaryFile,
    glossary,
    annotations,
    files: [
      loaded.file,
      ...documents.flatMap((d) => d.files),
      ...(glossaryFile ? [glossaryFile] : []),
      ...annotationFiles,
      ...checkProjectTemplates(loaded.root),
    ],
  };
}

/** Reads a file as UTF-8; invalid bytes are an error at their line and column. */
function readText(absolute: string): VFile {
  const file = new VFile({ path: path.relative(process.cwd(), absolute) || absolute });
  const bytes = readFileSync(absolute);
  try {
    file.value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    file.value = '';
    const bad = firstInvalidByte(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const lines = before.split('\n');
    fail(
      file,
      `The file is not valid UTF-8 (byte 0x${bytes[bad]?.toString(16).padStart(2, '0')} at offset ${bad}): save it as UTF-8`,
      {
        place: { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 },
        ruleId: 'encoding:invalid-utf8',
      },
    );
  }
  return file;
}

function firstInvalidByte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that is valid so far (an unfinished sequence at its end is allowed).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}
