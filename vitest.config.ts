import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The renderers read the bundled scripts and stylesheets (`make` bundles
    // them too).
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Validators (epubcheck, the Nu checker) start a JVM: give them room.
    testTimeout: 120_000,
    hookTimeout: 300_000
  }
})
