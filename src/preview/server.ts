/**
 * `folio preview`: serves the HTML editions on localhost, rebuilt in memory on every
 * change, with live reload (server-sent events) and the build's diagnostics shown at the
 * top of the page, so an author sees a change in about a second.
 */
import { watch } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { UsageFailure } from '../failures.ts';
import { ignored } from '../watch/affected-editions.ts';
import { buildPreview, type PreviewState } from './edition-pages.ts';

export interface PreviewOptions {
  configPath: string;
  port: number;
  host?: string;
  debounceMs?: number;
}

export interface PreviewServer {
  url: string;
  state(): PreviewState;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** The live-reload client and the diagnostics panel, put at the start of every page. */
function overlay(state: PreviewState): string {
  const panel = state.diagnostics
    ? `<aside id="folio-diagnostics" role="status" style="position:sticky;top:0;z-index:10;margin:0 0 1em;padding:.8em 1em;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;background:${state.errors ? '#fde8e8' : '#fff7d6'};border-bottom:2px solid ${state.errors ? '#b42318' : '#b58105'}">${escapeHtml(state.diagnostics)}</aside>`
    : '';
  return `${panel}<script>new EventSource('/__folio/events').addEventListener('reload', () => location.reload());</script>`;
}

function page(state: PreviewState, edition: string | undefined): string | undefined {
  if (edition === undefined) {
    const items = [...state.titles]
      .map(
        ([id, title]) => `<li><a href="/${id}/">${escapeHtml(title)}</a> <code>${id}</code></li>`,
      )
      .join('');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Folio preview</title></head><body style="font-family:sans-serif;max-width:40em;margin:2em auto">${overlay(state)}<h1>Folio preview</h1><ul>${items}</ul></body></html>`;
  }
  const html = state.pages.get(edition);
  if (html === undefined) return undefined;
  return html.replace(/<body([^>]*)>/, (match) => `${match}${overlay(state)}`);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = path.dirname(path.resolve(options.configPath));
  let state = buildPreview(options.configPath);
  const listeners = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__folio/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    const match = /^\/(?:([a-z0-9-]+)\/?)?$/.exec(url.pathname);
    const body = match ? page(state, match[1]) : undefined;
    response.writeHead(body ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(body ?? 'Not found');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // A port in use is the user's choice to change, not a bug: a usage error (exit 2).
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        reject(
          new UsageFailure(
            error.code === 'EADDRINUSE'
              ? `Port ${options.port} on ${host} is already in use: pass another with --port, e.g. \`folio preview --port ${options.port === 65535 ? 4322 : options.port + 1}\``
              : `Not allowed to listen on port ${options.port}: pass a port above 1023 with --port`,
          ),
        );
      else reject(error);
    });
    server.listen(options.port, host, resolve);
  });

  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(root, { recursive: true }, (_event, name) => {
    if (!name || ignored(root, path.resolve(root, name.toString()), path.join(root, 'dist')))
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      state = buildPreview(options.configPath, state);
      for (const listener of listeners) listener.write(`event: reload\ndata: ${state.builtAt}\n\n`);
    }, options.debounceMs ?? 100);
  });

  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    state: () => state,
    async close() {
      watcher.close();
      clearTimeout(timer);
      for (const listener of listeners) listener.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
