/**
 * `folio preview` serves the HTML editions on localhost, rebuilds on every change, tells
 * the page to reload, and shows the diagnostics in the page.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type PreviewServer, startPreview } from '../../src/preview/server.ts';
import { documentProject, frontMatter } from '../helpers/build.ts';

let server: PreviewServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Resolves with the next `reload` event the server sends. */
async function nextReload(url: string): Promise<number> {
  const started = Date.now();
  const response = await fetch(new URL('__folio/events', url));
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no event stream');
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream closed');
    text += new TextDecoder().decode(value);
    if (text.includes('event: reload')) {
      await reader.cancel();
      return Date.now() - started;
    }
  }
}

describe('folio preview', () => {
  it('serves the editions, reloads within 3 seconds of a change, and shows errors in the page', async () => {
    const dir = documentProject(`## 1 One {#one}\n\nFirst text.\n`);
    server = await startPreview({
      configPath: path.join(dir, 'folio.config.yaml'),
      port: 0,
      debounceMs: 50,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await (await fetch(server.url)).text();
    expect(index).toContain('href="/doc/"');
    const first = await (await fetch(new URL('doc/', server.url))).text();
    expect(first).toContain('First text.');
    expect(first).toContain("new EventSource('/__folio/events')");

    const reload = nextReload(server.url);
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(
      path.join(dir, 'doc.md'),
      `${frontMatter()}## 1 One {#one}\n\nSecond text, see [](#onne).\n`,
    );
    const waited = await reload;
    expect(waited).toBeLessThan(3000);
    const after = await (await fetch(new URL('doc/', server.url))).text();
    expect(after).toContain('id="folio-diagnostics"');
    expect(after).toMatch(/Unknown cross-reference label `onne`/);
    // The last good page stays visible under the diagnostics.
    expect(after).toContain('First text.');

    const fixed = nextReload(server.url);
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(
      path.join(dir, 'doc.md'),
      `${frontMatter()}## 1 One {#one}\n\nThird text, see [](#one).\n`,
    );
    await fixed;
    const good = await (await fetch(new URL('doc/', server.url))).text();
    expect(good).toContain('Third text');
    expect(good).not.toContain('id="folio-diagnostics"');
    expect((await fetch(new URL('nothing/', server.url))).status).toBe(404);
  }, 30_000);
});
