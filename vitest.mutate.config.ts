// The tests `npm run mutate` runs against each mutant: the in-process ones (the end-to-end tests run
// the bundle built before the run, which a mutant never reaches, so they could not kill one).
// MUTATE_QUICK=1 also leaves out the property tests (tens of seconds per mutant): the score it
// gives is a lower bound of the full one.
import { defineConfig } from 'vitest/config';

const PROPERTY_TESTS = [
  'test/apply/oracle-properties.test.ts',
  'test/apply/apply-properties.test.ts',
  'test/plan/build-plan-properties.test.ts',
];

const ALL_TESTS = [
  'test/model/**/*.test.ts',
  'test/plan/**/*.test.ts',
  'test/apply/**/*.test.ts',
  'test/config/**/*.test.ts',
  'test/core/**/*.test.ts',
  'test/action/review-gate.test.ts',
  'test/action/apply-mode-in-process.test.ts',
];

// MUTATE_TESTS=test/config runs only the tests under that folder against each mutant: far faster for
// src/config, whose every mutant the apply tests also reach (they load configuration files), and a
// lower bound of the full score, as MUTATE_QUICK's is.
const only = process.env['MUTATE_TESTS'];

export default defineConfig({
  test: {
    include: only === undefined ? ALL_TESTS : [`${only}/**/*.test.ts`],
    exclude: [
      // The built CLI in a child process: it never runs a mutant.
      '**/*-cli.test.ts',
      // Its request timeouts of tens of ms do not survive instrumented code on a loaded machine.
      'test/apply/apply-timeouts.test.ts',
      ...(process.env['MUTATE_QUICK'] === '1' ? PROPERTY_TESTS : []),
    ],
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
