/**
 * A process that competes for the build lock, driven over stdin by outputs.test.ts:
 * `acquire DIR AT` waits until the clock reaches AT (ms), tries the lock and answers `won`,
 * `busy` or `error …`; `release` releases a lock it won.
 */
import { createInterface } from 'node:readline';
import { lockOutput } from '../../src/write/lock.ts';

let release: (() => void) | undefined;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, at] = line.split(' ');
  if (command === 'acquire' && dir) {
    while (Date.now() < Number(at)) {
      // Spin, so both contenders try within the same millisecond.
    }
    try {
      release = lockOutput(dir);
      process.stdout.write('won\n');
    } catch (error) {
      const message = (error as Error).message;
      process.stdout.write(
        message.startsWith('Another Folio build') ? 'busy\n' : `error ${message}\n`,
      );
    }
  } else if (command === 'release') {
    release?.();
    release = undefined;
    process.stdout.write('released\n');
  }
}
