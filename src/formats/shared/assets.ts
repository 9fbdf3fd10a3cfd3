/**
 * Files the renderers copy as they are, bundled into `dist/assets/` by `scripts/bundle.ts`; found
 * from zhbook's folder, wherever the module that reads them runs from (`src/`, `dist/`, or a chunk
 * of the bundled command).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../../core/package-root.js'

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
    return readFileSync(path.join(packageRoot(), 'dist', 'assets', name), 'utf8')
  } catch (error) {
    throw new Error(
      'Unexpected missing asset `dist/assets/' + name + '`, expected it bundled by `make` (scripts/bundle.ts)',
      {cause: error}
    )
  }
}
