/**
 * The files the renderers copy as they are, bundled into `dist/assets/` by `scripts/bundle.ts`.
 * Found from this module: `src/formats/shared/` and `dist/formats/shared/` are both three folders
 * below the package (the tests run `src/`, the command `dist/`).
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
