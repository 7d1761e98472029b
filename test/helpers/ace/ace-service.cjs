// Ace by DAISY kept running for a test run: one Node process that loads @daisy/ace-core and
// its Puppeteer runner once and keeps one browser open, where each `ace` command pays a Node
// start, module loading and a browser launch. `node ace-service.cjs SOCKET`, with the
// browser to use in PUPPETEER_EXECUTABLE_PATH as for the command: it listens on the Unix
// socket SOCKET; each connection sends two lines, the book's path and the folder to write
// the report to, and gets back one line, the exit code `ace -E -s -f -o FOLDER BOOK` would
// give (2 when the book fails, 0 when it passes), or -1 when Ace threw (the caller runs the
// command instead, and the browser is launched anew for the next book). It calls ace-core
// as ace-cli does, with the same options, one book at a time. It exits when its standard
// input closes (the test run ended, however it ended).
'use strict';

const fs = require('node:fs');
const net = require('node:net');

const socket = process.argv[2];
const partial = `${socket}.partial`;

process.stdin.on('data', () => {});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));

const logger = require('@daisy/ace-logger');
const ace = require('@daisy/ace-core');
const runner = require('@daisy/ace-axe-runner-puppeteer');

logger.initLogger({ verbose: false, silent: true, fileName: 'ace-service.log' });

// ace-core launches the runner's browser before each book and closes it after: this one
// launches it once, and again only after a book that failed (the browser may have died).
let launched;
const warm = {
  concurrency: runner.concurrency,
  setTimeout: (ms) => runner.setTimeout(ms),
  launch: () => {
    launched ??= runner.launch().catch((error) => {
      launched = undefined;
      throw error;
    });
    return launched;
  },
  close: async () => {},
  run: (...args) => runner.run(...args),
};

async function relaunch() {
  const was = launched;
  launched = undefined;
  if (!was) return;
  try {
    await was;
    await runner.close();
  } catch {
    // A browser that did not start or already died: nothing to close.
  }
}

async function check(book, outdir) {
  try {
    await warm.launch();
    const [, report] = await ace(
      book,
      {
        cwd: process.cwd(),
        outdir,
        tmpdir: undefined,
        verbose: false,
        silent: true,
        jobId: '',
        lang: undefined,
        timeout: undefined,
        doNotReportMedia: undefined,
        exiterror2: true,
      },
      warm,
    );
    return report['earl:result']['earl:outcome'] === 'fail' ? 2 : 0;
  } catch {
    await relaunch();
    return -1;
  }
}

// The report's HTML is written after ace() resolves; a failure there is logged by Ace.
process.on('unhandledRejection', () => {});

// One book at a time, in the order asked.
let queue = Promise.resolve();

const server = net.createServer((connection) => {
  let request = '';
  connection.setEncoding('utf8');
  connection.on('error', () => {});
  connection.on('data', (chunk) => {
    request += chunk;
    const lines = request.split('\n');
    if (lines.length < 3) return;
    const [book, outdir] = lines;
    queue = queue.then(async () => {
      const code = await check(book, outdir);
      connection.end(`${code}\n`);
    });
  });
});

fs.rmSync(partial, { force: true });
server.listen(partial, () => {
  // Clients wait for the socket's name: it appears only once the service listens.
  fs.renameSync(partial, socket);
  // The first book need not wait for the browser.
  warm.launch().catch(() => {});
});
