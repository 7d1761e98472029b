/**
 * Folio's programmatic entry (the package's `exports`): build or check a project from
 * code, as the `folio` command does. Diagnostics come back as vfiles for the caller to report.
 */

export { loadConfig } from './config/load.ts';
export type { FolioConfig } from './config/schema.ts';
export { DiagnosedFailure, EnvironmentFailure, ExitCode, UsageFailure } from './failures.ts';
export type { BuildOptions, BuildResult, CheckedProject } from './pipeline/pipeline.ts';
export { buildEditions, checkProject } from './pipeline/pipeline.ts';
export { renderers } from './render/renderers.ts';
export { report } from './report.ts';
