/**
 * A checker kept running for a test run (EPUBCheck's and Ace's services, started by their
 * global setups): its process is started in the background in a folder of the run's own,
 * listens on `<folder>/<name>.sock`, and exits when its standard input closes. When it
 * cannot start or ends, `<socket>.ended` says why (with what it wrote to stderr), and the
 * checks run the checker's command instead (service-client.mjs reads that file).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Service {
  /** The folder of the run's own the socket is in, removed when the service is stopped. */
  folder: string;
  socket: string;
  stop(): void;
}

/**
 * Starts `command ...args(socket, folder)`; `title` names it in `<socket>.ended`.
 * `env(folder)` adds to the environment it gets.
 */
export function startService(
  title: string,
  name: string,
  command: string,
  args: (socket: string, folder: string) => string[],
  env: (folder: string) => Record<string, string> = () => ({}),
): Service {
  const folder = mkdtempSync(path.join(tmpdir(), `folio-${name}-service-`));
  const socket = path.join(folder, `${name}.sock`);
  const service = spawn(command, args(socket, folder), {
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, ...env(folder) },
  });
  // A service that died leaves its standard input closed: nothing more to tell it.
  service.stdin.on('error', () => {});
  let stderr = '';
  service.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  let ended = false;
  const end = (why: string) => {
    if (ended) return;
    ended = true;
    writeFileSync(`${socket}.ended`, `${why}\n${stderr}`);
  };
  service.on('error', (error) => end(`${title} service did not start: ${error.message}`));
  service.on('exit', (code, signal) => end(`${title} service ended (${signal ?? code})`));
  return {
    folder,
    socket,
    stop: () => {
      ended = true;
      service.stdin.end();
      service.kill();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
