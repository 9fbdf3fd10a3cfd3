/**
 * Files the renderers copy as they are, bundled into `dist/assets/` by `scripts/bundle.ts`; found
 * from here, as `src/formats/shared/` (tests) and `dist/formats/shared/` are both three folders deep.
 */
import {readFileSync} from 'node:fs'

const folder = new URL('../../../dist/assets/', import.meta.url)

/**
 * Read a bundled asset.
 *
 * @param name
 *   Path in `dist/assets/` (`web/site.js`, `epub/style.css`).
 * @returns
 *   Its text.
 */
export function readAsset(name: string): string {
  try {
    return readFileSync(new URL(name, folder), 'utf8')
  } catch (error) {
    throw new Error(
      'Unexpected missing asset `dist/assets/' + name + '`, expected it bundled by `make` (scripts/bundle.ts)',
      {cause: error}
    )
  }
}
