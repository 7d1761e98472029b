/**
 * Loads a project's `folio.config.yaml`: checks it against the schema and against the
 * project's files (manuscripts exist, editions name declared documents), and reports every
 * problem at its key's line and column. A config with problems never reaches the pipeline:
 * the caller gets a DiagnosedFailure with exit code 2.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { VFile } from 'vfile';
import { hasError } from '../diagnostics/diagnostics.ts';
import { DiagnosedFailure, ExitCode } from '../failures.ts';
import { expandFiles, filesOf } from '../load/expand-files.ts';
import { loadPlugins, type ProjectPlugins } from '../load/plugins.ts';
import { warnOfLanguage } from '../locale/language-checks.ts';
import { isInside, realFile } from '../trust/local-resource.ts';
import { fatal, validateYaml, type YamlSource } from '../yaml/validate-yaml.ts';
import { checkLook } from './look.ts';
import { configSchema, type FolioConfig } from './schema.ts';

const source = 'config';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Folder that every path in the config is relative to. */
  root: string;
  config: FolioConfig;
  /** The config as a vfile, so later stages can report against it. */
  file: VFile;
  /** The project's remark and rehype plugins, loaded. */
  plugins: ProjectPlugins;
}

export function loadConfig(configPath: string): LoadedConfig {
  const absolute = path.resolve(configPath);
  const file = new VFile({ path: path.relative(process.cwd(), absolute) || absolute });
  if (!existsSync(absolute) || !statSync(absolute).isFile()) {
    fatal(
      file,
      existsSync(absolute)
        ? `Config \`${configPath}\` is a folder, not a file: pass the file with --config FILE`
        : `Cannot find config file \`${configPath}\`: pass one with --config FILE`,
      { line: 1, column: 1 },
      'config:missing-file',
      source,
    );
    throw new DiagnosedFailure('config not found', [file], ExitCode.usage);
  }
  file.value = readFileSync(absolute, 'utf8');
  const validated = validateYaml(file, configSchema, source);
  if (!validated) throw new DiagnosedFailure('invalid config', [file], ExitCode.usage);
  const root = path.dirname(absolute);
  checkReferences(file, validated, validated.data, root);
  checkLanguages(file, validated, validated.data);
  checkLook(file, validated, validated.data);
  const plugins = hasError(file) ? undefined : loadPlugins(file, validated, validated.data, root);
  if (hasError(file) || !plugins) {
    throw new DiagnosedFailure('invalid config', [file], ExitCode.usage);
  }
  const config = {
    ...validated.data,
    documents: validated.data.documents.map((d) => ({ ...d, files: expandFiles(d.files, root) })),
    // The project's stylesheets come before each edition's own: an edition reads one list.
    editions: validated.data.editions.map((e) => ({
      ...e,
      stylesheets: [...validated.data.stylesheets, ...(e.stylesheets ?? [])],
    })),
  };
  return { path: absolute, root, config, file, plugins };
}

/**
 * Warns at the project's and each document's `language` of what Folio lacks for it (no
 * generated words, no hyphenation patterns while an edition holding it is printed hyphenated).
 */
function checkLanguages(file: VFile, yaml: YamlSource, config: FolioConfig): void {
  const hyphenated = (documentIds: readonly string[]) =>
    config.editions.some(
      (e) =>
        e.hyphenate &&
        e.formats.includes('pdf') &&
        e.documents.some((d) => documentIds.includes(d)),
    );
  const options = (documentIds: readonly string[]) => ({
    hyphenated: hyphenated(documentIds),
    source,
  });
  warnOfLanguage(
    file,
    config.language,
    yaml.placeOf(['language']),
    options(config.documents.filter((d) => !d.language).map((d) => d.id)),
  );
  config.documents.forEach((document, i) => {
    if (document.language)
      warnOfLanguage(
        file,
        document.language,
        yaml.placeOf(['documents', i, 'language']),
        options([document.id]),
      );
  });
}

function checkReferences(file: VFile, yaml: YamlSource, config: FolioConfig, root: string): void {
  const problem = (reason: string, keys: (string | number)[], ruleId: string) =>
    fatal(file, reason, yaml.placeOf(keys), ruleId, source);
  const missing = (name: string) => !existsSync(path.resolve(root, name));
  // Every file the config names is read and published: it must be a file of the project
  // by its real path (no `../`, no absolute path, no symlink out, also through a glob or a
  // folder).
  const realRoot = realpathSync(root);
  const outside = (name: string) => {
    const real = realFile(path.resolve(root, name));
    return path.isAbsolute(name) || (real !== undefined && !isInside(real, realRoot));
  };
  const outsideProblem = (name: string, kind: string, keys: (string | number)[]) =>
    problem(
      `The ${kind} file \`${name}\` is outside the project folder: keep every file the config names inside it`,
      keys,
      'config:outside-project',
    );
  const checkFile = (name: string, kind: string, keys: (string | number)[]) => {
    if (outside(name)) outsideProblem(name, kind, keys);
    else if (missing(name))
      problem(`Cannot find ${kind} file \`${name}\``, keys, 'config:missing-file');
    else if (!realFile(path.resolve(root, name)))
      problem(`The ${kind} file \`${name}\` is a folder, not a file`, keys, 'config:missing-file');
  };

  const documentIds = new Set<string>();
  config.documents.forEach((document, i) => {
    if (documentIds.has(document.id))
      problem(
        `Duplicate document id \`${document.id}\``,
        ['documents', i, 'id'],
        'config:duplicate-id',
      );
    documentIds.add(document.id);
    document.files.forEach((name, j) => {
      const named = filesOf(name, root);
      if (path.isAbsolute(name) || named.some(outside))
        outsideProblem(name, 'manuscript', ['documents', i, 'files', j]);
      else if (named.length === 0)
        problem(
          `Cannot find manuscript file \`${name}\`${isDynamicPattern(name) ? ' (the pattern matches no file)' : ''}`,
          ['documents', i, 'files', j],
          'config:missing-file',
        );
    });
  });
  if (config.glossary) checkFile(config.glossary, 'glossary', ['glossary']);
  config.annotations.forEach((name, i) => {
    checkFile(name, 'annotation', ['annotations', i]);
  });
  const checkStylesheets = (
    list: FolioConfig['stylesheets'] | undefined,
    at: (string | number)[],
  ) =>
    list?.forEach((entry, i) => {
      if (typeof entry === 'string') checkFile(entry, 'stylesheet', [...at, i]);
      else checkFile(entry.file, 'stylesheet', [...at, i, 'file']);
    });
  checkStylesheets(config.stylesheets, ['stylesheets']);
  config.editions.forEach((edition, i) => {
    checkStylesheets(edition.stylesheets, ['editions', i, 'stylesheets']);
  });
  const editionIds = new Set<string>();
  const known = [...documentIds].map((d) => `\`${d}\``).join(', ');
  config.editions.forEach((edition, i) => {
    if (editionIds.has(edition.id))
      problem(
        `Duplicate edition id \`${edition.id}\``,
        ['editions', i, 'id'],
        'config:duplicate-id',
      );
    editionIds.add(edition.id);
    edition.documents.forEach((documentId, j) => {
      if (!documentIds.has(documentId)) {
        problem(
          `Unknown document \`${documentId}\` in edition \`${edition.id}\`: expected one of ${known}`,
          ['editions', i, 'documents', j],
          'config:unknown-document',
        );
      }
    });
  });
}
