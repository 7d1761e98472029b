import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser-driven tests share two cores: run files one after another.
    fileParallelism: false,
    // The repository's editions, built once for the files that read them; one EPUBCheck
    // JVM for every check of the run.
    globalSetup: ['test/helpers/shared-builds-setup.ts', 'test/helpers/epubcheck/service-setup.ts'],
  },
});
