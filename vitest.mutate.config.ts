// The tests `npm run mutate` runs against each mutant: the in-process ones (the end-to-end tests run
// the bundle built before the run, which a mutant never reaches, so they could not kill one).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/model/**/*.test.ts',
      'test/plan/**/*.test.ts',
      'test/apply/**/*.test.ts',
      'test/config/**/*.test.ts',
      'test/core/**/*.test.ts',
      'test/action/review-gate.test.ts',
    ],
    exclude: ['test/apply/apply-cli.test.ts', 'test/config/validate-cli.test.ts'],
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
