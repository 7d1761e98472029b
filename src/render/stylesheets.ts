/**
 * Where stylesheets come from: a project's own `styles/NAME` when it has one, else Folio's.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { folioRoot } from '../assemble/template.ts';

export function stylesheetPath(name: string, projectRoot: string): string {
  const own = path.join(projectRoot, 'styles', name);
  return existsSync(own) ? own : path.join(folioRoot, 'styles', name);
}
