/**
 * Before any test: bundle the reader's scripts and the stylesheets into
 * `dist/assets/`, as `make` does, since the tests run the renderers from
 * `src/` and the renderers read them from there; and bundle the command into
 * `dist/bin/`, so the tests that run `zhbook` run the code under test.
 *
 * After the tests: fail when they left a chapter cache in the repository's
 * books (a build of them without `--no-cache` or a cache folder of its own).
 */
import fs from 'node:fs'
import path from 'node:path'
import {bundle, bundleCommand} from '../../scripts/bundle.js'

const root = path.join(import.meta.dirname, '..', '..')

/** The repository's books: the manuscript and the fixture books. */
function books(): string[] {
  const fixtures = path.join(root, 'tests', 'fixtures', 'books')
  return [
    path.join(root, 'manuscript'),
    ...fs.readdirSync(fixtures).map((name) => path.join(fixtures, name, 'manuscript'))
  ].filter((dir) => fs.existsSync(dir))
}

/** Chapter caches in the repository's books. */
function caches(): string[] {
  return books()
    .map((dir) => path.join(dir, '.zhbook-cache'))
    .filter((dir) => fs.existsSync(dir))
}

export default async function setup(): Promise<() => undefined> {
  await bundle()
  await bundleCommand()
  // A cache made before the run (a build by hand) is not the tests' doing.
  const before = new Set(caches())
  return () => {
    const left = caches().filter((dir) => !before.has(dir))
    if (left.length > 0) {
      // Vitest reports an error thrown here without failing the run.
      console.error(
        `Unexpected chapter cache left by the tests in ${left.map((dir) => path.relative(root, dir)).join(', ')}, expected builds of the repository's books with \`--no-cache\` or a cache folder of their own`
      )
      process.exitCode = 1
    }

    return undefined
  }
}
