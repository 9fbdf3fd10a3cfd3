import os from 'node:os'
import {defineConfig} from 'vitest/config'

/** Test files that replace a module with `vi.mock`. */
const mocking = ['tests/property.test.ts', 'tests/unicode-property.test.ts']

/** Options of the run and of each project. */
const common = {
  // Validators (epubcheck, the Nu checker) start a JVM: give them room.
  testTimeout: 120_000,
  hookTimeout: 300_000
}

export default defineConfig({
  test: {
    // A test file per core (Vitest's default leaves one core to itself): the
    // files wait on builds and browsers as much as they compute.
    maxWorkers: os.availableParallelism(),
    globalSetup: [
      // The renderers read the bundled scripts and stylesheets (`make`
      // bundles them too).
      'tests/helpers/global-setup.ts',
      // The Java validators (epubcheck, the Nu checker) of the whole run: at
      // most one JVM at work per core, each distinct EPUB checked once.
      'tests/helpers/validators-setup.ts'
    ],
    ...common,
    // `make coverage` (`--coverage`): src/ only, the summary on the console.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage'
    },
    // Test files share their workers' modules: each file importing the
    // pipeline anew cost a quarter of the suite's time. The files that mock a
    // module (`vi.mock`) need a module graph of their own. The projects take
    // `common`, not `extends: true`: extending the root would run the global
    // setup once more for each project (the bundles made three times, three
    // validator pools).
    projects: [
      {test: {...common, name: 'shared', include: ['tests/**/*.test.ts'], exclude: mocking, isolate: false}},
      {test: {...common, name: 'mocking', include: mocking, isolate: true}}
    ]
  }
})
