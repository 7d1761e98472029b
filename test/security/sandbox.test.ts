/**
 * The renderer is a sandbox: nothing from a manuscript or a project stylesheet reaches the
 * network, and no file outside the project is embedded. A local listener counts every
 * request that arrives; it must count none.
 */
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfRenderer } from '../../src/render/pdf-renderer.ts';
import {
  buildInTemp,
  documentProject,
  frontMatter,
  makeProject,
  repoRoot,
  runCli,
  singleDocumentConfig,
} from '../helpers/build.ts';

let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('no network, no files from outside the project', () => {
  it('refuses remote images (in Markdown or raw HTML) and drops raw iframes and scripts, with their places', () => {
    const doc = `${frontMatter()}![remote](${base}/image.png)\n\n<iframe src="${base}/frame"></iframe>\n\n<script src="${base}/script.js"></script>\n\nText <img src="${base}/inline.png">.\n`;
    const dir = makeProject({ 'folio.config.yaml': singleDocumentConfig(), 'doc.md': doc });
    const result = runCli(['build'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/9:1-9:\d+\s+error\s+Remote image .*image:remote/);
    expect(result.stderr).toMatch(/11:1-11:\d+\s+warning\s+Raw HTML `<iframe>` .*html:dropped/);
    expect(result.stderr).toMatch(/13:1-13:\d+\s+warning\s+Raw HTML `<script>` .*html:dropped/);
    expect(result.stderr).toMatch(/15:6-15:\d+\s+error\s+Remote image .*image:remote/);
  });

  it('refuses images that leave the project: a parent path, an absolute path, a symlink out', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'folio-outside-'));
    writeFileSync(path.join(outside, 'secret.png'), 'not an image');
    const dir = documentProject(
      `![a](../../../../../../etc/passwd)\n\n![b](/etc/passwd)\n\n![c](link.png)\n\n![d](missing.png)\n`,
    );
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'link.png'));
    const result = runCli(['check'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /9:1-9:\d+\s+error\s+Image .*outside the project.*image:outside-project/,
    );
    expect(result.stderr).toMatch(
      /11:1-11:\d+\s+error\s+Image .*outside the project.*image:outside-project/,
    );
    expect(result.stderr).toMatch(
      /13:1-13:\d+\s+error\s+Image .*outside the project.*image:outside-project/,
    );
    expect(result.stderr).toMatch(/15:1-15:\d+\s+error\s+Image not found.*image:missing/);
  });

  it('blocks and reports every request a stylesheet makes to the network while printing', async () => {
    const css = `${readFileSync(path.join(repoRoot, 'styles/print.css'), 'utf8')}
@import url("${base}/imported.css");
@font-face { font-family: Remote; src: url("${base}/font.woff2"); }
body { background-image: url("${base}/background.png"); }
p { font-family: Remote, serif; }`;
    const dir = documentProject(
      `## 1 One\n\nText.\n`,
      { formats: ['pdf'] },
      { 'styles/print.css': css },
    );
    const result = await buildInTemp(path.join(dir, 'folio.config.yaml'), { pdf: pdfRenderer });
    const blocked = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'render:blocked-request').map((m) => m.reason),
    );
    expect(blocked.length).toBeGreaterThanOrEqual(2);
    expect(blocked.join('\n')).toContain(`${base}/`);
    expect(requests).toEqual([]);
  }, 60_000);
});
