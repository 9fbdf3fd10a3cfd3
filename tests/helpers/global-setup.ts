/**
 * Before any test: bundle the reader's scripts and the stylesheets into
 * `dist/assets/`, as `make` does, since the tests run the renderers from
 * `src/` and the renderers read them from there; and bundle the command into
 * `dist/bin/`, so the tests that run `zhbook` run the code under test.
 */
import {bundle, bundleCommand} from '../../scripts/bundle.js'

export default async function setup(): Promise<undefined> {
  await bundle()
  await bundleCommand()
  return undefined
}
