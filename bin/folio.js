#!/usr/bin/env node
// Runs the TypeScript CLI with tsx as a loader (one process, so Ctrl-C reaches Folio
// directly), so `folio` works from a checkout without a build step.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const loader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const result = spawnSync(
  process.execPath,
  ['--import', loader, path.join(root, 'src', 'cli.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? (result.signal === 'SIGINT' ? 130 : 1));
