/**
 * Before any test: bundle the reader's scripts and the stylesheets into
 * `dist/assets/`, as `make` does, since the tests run the renderers from
 * `src/` and the renderers read them from there.
 */
import {bundle} from '../../scripts/bundle.js'

export default async function setup(): Promise<undefined> {
  await bundle()
  return undefined
}
