#!/usr/bin/env node
/**
 * The `folio` command: parses arguments and dispatches to init, build, check and preview.
 * Exit codes (ExitCode in failures.ts): 0 success, 1 manuscript errors (or warnings with
 * --strict), 2 usage or config errors, 3 missing environment (such as no browser),
 * 130/143 interrupted, 70 internal error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { interrupting, runInterruptCleanups } from './cleanup.ts';
import { defaultConfigName } from './config/config-name.ts';
import {
  DiagnosedFailure,
  EnvironmentFailure,
  ExitCode,
  fileSystemFailure,
  UsageFailure,
} from './failures.ts';
import { fails, report } from './report.ts';

// Each command imports what it runs when it runs: the pipeline (unified, remark, rehype),
// the renderers (Puppeteer, epub-gen-memory, hyphenation, highlighting), the preview server
// and the watcher cost about 2 s of CPU to load, which `--help`, a usage error or `init`
// do without.
const renderers = async () => (await import('./render/renderers.ts')).renderers;

// One folder above this module in src/ and in the compiled lib/ alike.
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

const exitCodes = `
Exit codes:
  0  success
  1  errors in the manuscripts (or warnings, with --strict)
  2  bad usage (an unknown option, init into existing files, a busy preview port, a path
     that cannot be read or written), an invalid config, or another build writing into
     the same dist/
  3  missing environment (for example no Chromium for PDF output)
  130, 143  interrupted (Ctrl-C, SIGTERM)
  70  internal error`;

interface CommonOptions {
  config: string;
  strict?: boolean;
}

const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;

function printDiagnostics(files: Parameters<typeof report>[0]): void {
  const text = report(files, { color });
  if (text) process.stderr.write(`${text}\n`);
}

/** `build --watch`: reports every rebuild and keeps going through errors. */
async function runWatch(
  editions: string[],
  options: CommonOptions & { out?: string },
): Promise<void> {
  const stopped = new AbortController();
  process.once('SIGINT', () => stopped.abort());
  const { watchBuild } = await import('./watch/watch.ts');
  await watchBuild({
    configPath: options.config,
    outDir: options.out,
    editions,
    renderers: await renderers(),
    signal: stopped.signal,
    onConfigError: (files) => printDiagnostics(files),
    onBuild: (result, built, ms, error) => {
      const seconds = (ms / 1000).toFixed(1);
      if (error) {
        process.stderr.write(`folio: ${error instanceof Error ? error.message : String(error)}\n`);
      } else if (result) {
        printDiagnostics(result.files);
        const names = built.length > 0 ? built.join(', ') : 'all editions';
        process.stdout.write(
          result.written && !fails(result.files, Boolean(options.strict))
            ? `folio: built ${names} in ${seconds} s\n`
            : `folio: ${names} not rebuilt: fix the errors above\n`,
        );
      }
      process.stdout.write('folio: watching for changes (Ctrl-C to stop)\n');
    },
  });
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('folio')
    .description('Build print, e-reader and archival editions from Markdown manuscripts.')
    .version(version, '-V, --version', 'print the version of Folio')
    .addHelpText('after', exitCodes)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  let exitCode: number = ExitCode.ok;

  program
    .command('init')
    .description(
      'write a small project (config, a chapter, a glossary, styles) that builds at once',
    )
    .argument('[dir]', 'folder to write it into (created if missing)', '.')
    .addHelpText('after', exitCodes)
    .action(async (dir: string) => {
      const { initProject } = await import('./init/init.ts');
      const written = initProject(dir);
      process.stdout.write(
        `folio: wrote ${written.join(', ')} in ${dir}\n` +
          `Next: ${dir === '.' ? '' : `cd ${dir} && `}folio build\n`,
      );
    });

  program
    .command('build')
    .description('build the editions of a manuscript project into the output folder')
    .argument('[editions...]', 'edition ids to build (default: all)')
    .option('-c, --config <file>', 'project config file', defaultConfigName)
    .option('-o, --out <dir>', 'output folder (default: dist/ beside the config)')
    .option('--strict', 'treat warnings as errors')
    .option('-w, --watch', 'rebuild what each change affects until interrupted')
    .addHelpText('after', exitCodes)
    .action(
      async (editions: string[], options: CommonOptions & { out?: string; watch?: boolean }) => {
        if (options.watch) {
          await runWatch(editions, options);
          return;
        }
        const { buildEditions } = await import('./pipeline/pipeline.ts');
        const chosen = await renderers();
        const { createProgress } = await import('./progress.ts');
        const progress = createProgress();
        try {
          const result = await buildEditions({
            configPath: options.config,
            outDir: options.out,
            editions,
            renderers: chosen,
            progress: (m) => progress.update(m),
          });
          progress.stop();
          printDiagnostics(result.files);
          if (!result.written || fails(result.files, Boolean(options.strict))) {
            process.stderr.write('folio: build stopped by the errors above; nothing was written\n');
            exitCode = ExitCode.manuscript;
            return;
          }
          const where = path.relative(process.cwd(), result.outDir) || '.';
          process.stdout.write(
            `folio: wrote ${result.outputs.length} file(s) and manifest.json to ${where}\n`,
          );
        } finally {
          progress.stop();
        }
      },
    );

  program
    .command('check')
    .description('parse and resolve every edition without rendering; print the diagnostics')
    .argument('[editions...]', 'edition ids to check (default: all)')
    .option('-c, --config <file>', 'project config file', defaultConfigName)
    .option('--strict', 'treat warnings as errors')
    .addHelpText('after', exitCodes)
    .action(async (editions: string[], options: CommonOptions) => {
      const { checkProject } = await import('./pipeline/pipeline.ts');
      const checked = checkProject(options.config, editions);
      printDiagnostics(checked.project.files);
      if (fails(checked.project.files, Boolean(options.strict))) exitCode = ExitCode.manuscript;
      else
        process.stdout.write(`folio: ${checked.editions.length} edition(s) checked, no errors\n`);
    });

  program
    .command('preview')
    .description('serve the HTML editions on localhost, rebuilt and reloaded on every change')
    .option('-c, --config <file>', 'project config file', defaultConfigName)
    .option('-p, --port <port>', 'port to listen on', '4321')
    .addHelpText('after', exitCodes)
    .action(async (options: { config: string; port: string }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageFailure(`Invalid port \`${options.port}\``);
      const { startPreview } = await import('./preview/server.ts');
      const server = await startPreview({ configPath: options.config, port });
      process.stdout.write(`folio: previewing at ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await server.close();
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // What an interrupt breaks (a print whose browser it closed) is not reported: the
    // signal handler exits once its cleanups finish.
    if (interrupting()) return ExitCode.ok;
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (error instanceof DiagnosedFailure) {
      printDiagnostics(error.files);
      return error.exitCode;
    }
    // A file-system error on a user's path, or a dying or hung browser's error that a
    // renderer let through, is still reported as what it is.
    const failure =
      error instanceof UsageFailure || error instanceof EnvironmentFailure
        ? error
        : (fileSystemFailure(error) ?? (await import('./render/browser.ts')).browserFailure(error));
    if (failure instanceof UsageFailure || failure instanceof EnvironmentFailure) {
      process.stderr.write(`folio: ${failure.message}\n`);
      return failure.exitCode;
    }
    throw error;
  }
}

let interrupted = false;
for (const [signal, code] of [
  ['SIGINT', ExitCode.interrupted],
  ['SIGTERM', ExitCode.terminated],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(
      `\nfolio: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; closing the browser and removing temporary files\n`,
    );
    void runInterruptCleanups().finally(() => process.exit(code));
  });
}

// A reader that stops reading (`folio --help | head`) closes the pipe: the output it did
// not want is not an error. Any other write error is one.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? ExitCode.ok);
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (interrupting()) return;
    process.stderr.write(
      `folio: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = ExitCode.internal;
  },
);
