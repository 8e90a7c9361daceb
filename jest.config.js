/**
 * jest for the whole suite: one project per layer (`npx jest --selectProjects unit`, or a path:
 * `npx jest test/unit`). TypeScript is compiled by swc, file by file, without type checking
 * (`npm run typecheck` does that) and without reading tsconfig.json, so the compiler options
 * Forge's bundler needs stay its own business. Each test file runs in its own module registry
 * and Node's own global scope, with the Forge runtime globals reset per file
 * (test/setup/environment.js says why).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** A project: the `*.test.ts` files under test/<name>. */
function layer(name, { timeoutMs = 120_000, ...options } = {}) {
  return {
    displayName: name,
    testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
    testEnvironment: '<rootDir>/test/setup/environment.js',
    transform: { '^.+\\.(ts|tsx)$': swc },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    // Node's runner had no default timeout; a hanging call still ends the test instead of the run.
    globals: { LAYER_TIMEOUT_MS: timeoutMs },
    setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.js'],
    ...options,
  };
}

// `npm test` runs with coverage (`--coverage`); the floors are per folder, a little under what the
// whole suite reached (README, "Tests"). The Custom UI apps (static/<app>/src) run in Chromium in the
// browser tests, out of jest's reach, so only static/common (imported by unit tests) has a floor.
const coverageThreshold = require('./test/setup/coverage-thresholds.json');

module.exports = {
  projects: [
    layer('unit', { timeoutMs: 60_000 }),
    layer('manifest'),
    layer('contract'),
    layer('integration', { timeoutMs: 300_000 }),
    // Browser tests drive one Chromium and a host process each; their tests run in order and
    // give their own timeouts.
    layer('browser', { timeoutMs: 600_000 }),
    layer('deploy'),
  ],
  // Node's runner ended each file's process when its tests were done, whatever handles it left
  // open (a debounced KVS write, a keep-alive socket); jest ends its own the same way.
  forceExit: true,
  // 2 cores: two test files at a time, as Node's runner did (--test-concurrency=2).
  maxWorkers: 2,
  // Longest layers first on a fresh clone (test/setup/sequencer.js says why).
  testSequencer: '<rootDir>/test/setup/sequencer.js',
  // A new worker process for every test file (any worker is over 1 MB when its file ends). With
  // --coverage, V8's precise coverage in a long-lived worker grew dearer with every file it had run
  // (a 0.3 s file took 5 s); a fresh worker keeps it to the file's own code. Measured on the
  // integration layer with coverage: 290 s in reused workers, 189 s in fresh ones; 133 s either
  // way without coverage.
  workerIdleMemoryLimit: '1MB',
  coverageProvider: 'v8',
  // planModel.ts and lists.ts hold only types (erased when compiled): nothing of them runs, so they are not counted.
  collectCoverageFrom: ['src/**/*.{ts,tsx}', 'static/*/src/**/*.{ts,tsx}', 'static/common/**/*.{ts,tsx}', '!**/*.d.ts', '!src/reports/domain/planModel.ts', '!src/reports/domain/lists.ts'],
  coverageReporters: ['text-summary', ['text', { skipFull: true }], 'json-summary'],
  coverageThreshold,
};
