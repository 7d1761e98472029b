/**
 * How Folio raises a message on a file: `warn` for a warning, `fail` for an error (a fatal
 * message, which stops the build before anything is written; see diagnostics.ts). Every
 * message gets its place in the file (a Markdown line and column where there is one), a
 * rule id `area:rule` that never changes once published, and the source `folio`.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

type VFileMessage = ReturnType<VFile['message']>;

export const messageSource = 'folio';

export interface MessageOptions {
  /** Where in the file the problem is; none only when the whole file is at fault. */
  place?: Point | Position;
  /** `area:rule`, e.g. `crossref:unknown-label`. */
  ruleId: string;
  /**
   * Only for the YAML files' messages, whose source is still their area (`config`,
   * `glossary`, `annotation`), as src/yaml/validate-yaml.ts gives it.
   */
  source?: string;
}

/** A warning on `file`: reported, and an error only with `--strict`. */
export function warn(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  return file.message(reason, {
    place: options.place,
    ruleId: options.ruleId,
    source: options.source ?? messageSource,
  });
}

/** An error on `file`: the build stops before writing anything. */
export function fail(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const message = warn(file, reason, options);
  message.fatal = true;
  return message;
}
