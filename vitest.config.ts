import { defineConfig } from 'vitest/config';

/**
 * Files whose checks only timing can break: a build killed or interrupted mid-print, two
 * builds racing for the lock, a time bound, a watcher or server waiting for a change. They
 * run one after another once the other files are done, so no other build slows them.
 */
const timed = [
  'test/security/faults.test.ts',
  'test/security/failure.test.ts',
  'test/security/property.test.ts',
  'test/security/outputs.test.ts',
  'test/security/bad-input.test.ts',
  'test/authoring/watch.test.ts',
  'test/authoring/preview.test.ts',
];

const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // The repository's editions, built once for the files that read them; one EPUBCheck
    // JVM and one Ace (with its browser) for every check of the run. The root's setup
    // serves both projects below.
    globalSetup: [
      'test/helpers/shared-builds-setup.ts',
      'test/helpers/epubcheck/service-setup.ts',
      'test/helpers/ace/service-setup.ts',
    ],
    projects: [
      {
        test: {
          name: 'builds',
          include: ['test/**/*.test.ts'],
          exclude: timed,
          ...timeouts,
          // Two files at once: one's browser prints while the other parses, waits on a
          // child process (EPUBCheck, Ace, npm) or reads its PDFs back.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'timed',
          include: timed,
          ...timeouts,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
