import os from 'node:os'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
    // Validators (epubcheck, the Nu checker) start a JVM: give them room.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // `make coverage` (`--coverage`): src/ only, the summary on the console.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage'
    }
  }
})
