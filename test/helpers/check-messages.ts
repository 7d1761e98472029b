/**
 * Test helper: every message `check` gives a project, as `file:line:column rule-id reason`
 * lines, whether the project got through (in process, as checkProject runs) or its config
 * stopped it (a DiagnosedFailure, exit 2 in the CLI). Anything else it throws is a crash.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { DiagnosedFailure } from '../../src/failures.ts';
import { checkProject } from '../../src/pipeline/pipeline.ts';

/** Every message of a checked project (or of the config that stopped it), as text. */
export function checkMessages(dir: string): {
  messages: string[];
  files: VFile[];
  config: boolean;
} {
  try {
    const checked = checkProject(path.join(dir, 'folio.config.yaml'));
    return {
      messages: located(checked.project.files),
      files: checked.project.files,
      config: false,
    };
  } catch (error) {
    if (error instanceof DiagnosedFailure)
      return { messages: located(error.files), files: error.files, config: true };
    throw error;
  }
}

function located(files: VFile[]): string[] {
  return files.flatMap((file) =>
    file.messages.map(
      (m) => `${path.basename(file.path)}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`,
    ),
  );
}
