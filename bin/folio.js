#!/usr/bin/env node
// The `folio` command. An installed package runs the JavaScript compiled at pack time
// (lib/, plain Node, no loader); a checkout, which has src/ and no lib/, runs the TypeScript
// through tsx's loader (a devDependency, resolved like any import). Either way one process,
// so Ctrl-C reaches Folio's own cleanup directly.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../lib/cli.js', import.meta.url).href);
}
