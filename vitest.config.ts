import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'bin/**/*.test.ts', 'tools/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000, // beforeAll hooks run the CLI too; a busy machine must not fail them
    // all temporary folders of a run under one, removed at the end
    globalSetup: ['./test/temp-root.ts'],
    // CI also keeps a JSON record, from which .ci/run prints its closing "N passed, N failed" line
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest-results.json' }]] : ['default'],
  },
});
